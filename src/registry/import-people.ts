// Imports people, and the posts and designations they hold (each keyed by person, place/kind and start date).
import { upsertRows } from '../db/upsert.ts';
import type { Importer } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/problems.ts';
import {
  duplicateCodes,
  duplicateKeys,
  endsBeforeStart,
  orgUnitsByCode,
  personIdsByCode,
  withArticle,
} from './lookups.ts';
import {
  type DesignationRow,
  designationRow,
  headRoles,
  type PersonRow,
  type PostRow,
  personRow,
  postRow,
} from './schema.ts';

export const personImporter: Importer<PersonRow, { rows: PersonRow[]; columns: string[] }> = {
  kind: 'people',
  columns: {
    all: ['code', 'given_name', 'family_name', 'email'],
    required: ['code', 'given_name', 'family_name'],
  },
  shape: personRow,
  async check(_db, records, columns, problems) {
    await duplicateCodes(records, problems);
    return {
      // A file with any problem writes nothing: its rows are not gathered for writing.
      rows: problems.total === 0 ? records.map((r) => r.value) : [],
      columns: ['given_name', 'family_name', 'email'].filter((c) => columns.has(c)),
    };
  },
  async write(db, { rows, columns }) {
    return upsertRows(
      db,
      'person',
      rows.map((r) => ({
        code: r.code,
        ...Object.fromEntries(columns.map((c) => [c, r[c as keyof PersonRow] ?? null])),
      })),
      { key: ['code'], update: columns },
    );
  },
};

function notAPerson(row: number, code: string): RowProblem {
  const reason = 'is not a person in Headway (import people first)';
  return { row, column: 'person_code', message: `${code} ${reason}`, reason };
}

/** Where a role may be held: heads and deputies at schools, area leads at areas. */
const levelsForRole: Partial<Record<PostRow['role'], readonly string[]>> = {
  ...Object.fromEntries(headRoles.map((r) => [r, ['school']])),
  deputy_headteacher: ['school'],
  assistant_headteacher: ['school'],
  teacher: ['school'],
  area_lead: ['area', 'authority'],
  director: ['authority'],
};

interface PostPlan {
  rows: (Omit<PostRow, 'person_code' | 'org_unit_code'> & { person_id: number; org_unit_id: number })[];
  columns: string[];
}

export const postImporter: Importer<PostRow, PostPlan> = {
  kind: 'posts',
  columns: {
    all: ['person_code', 'org_unit_code', 'role', 'starts_on', 'ends_on', 'fte'],
    required: ['person_code', 'org_unit_code', 'role', 'starts_on'],
  },
  shape: postRow,
  async check(db, records, columns, problems) {
    await duplicateKeys(
      records,
      (r) => [r.role, r.starts_on, r.org_unit_code, r.person_code],
      'starts_on',
      (r) => `${r.person_code} as ${r.role} at ${r.org_unit_code} from ${r.starts_on}`,
      problems,
    );
    const people = await personIdsByCode(
      db,
      records.map((r) => r.value.person_code),
    );
    const units = await orgUnitsByCode(
      db,
      records.map((r) => r.value.org_unit_code),
    );
    const plan: PostPlan = { rows: [], columns: ['ends_on', 'fte'].filter((c) => columns.has(c)) };
    for (const { row, value } of records) {
      const personId = people.get(value.person_code);
      const unit = units.get(value.org_unit_code);
      if (personId === undefined) problems.add(notAPerson(row, value.person_code));
      if (!unit) {
        const reason = 'is not a school or org unit in Headway';
        problems.add({ row, column: 'org_unit_code', message: `${value.org_unit_code} ${reason}`, reason });
      }
      const allowed = levelsForRole[value.role];
      if (unit && allowed && !allowed.includes(unit.level)) {
        const heldAt = `${withArticle(value.role)} post is held at ${allowed.map(withArticle).join(' or ')}`;
        problems.add({
          row,
          column: 'org_unit_code',
          message: `${heldAt}, and ${value.org_unit_code} is ${withArticle(unit.level)}`,
          reason: `${heldAt}, not at ${withArticle(unit.level)}`,
        });
      }
      const backwards = endsBeforeStart(row, value.starts_on, value.ends_on, 'ends_on');
      if (backwards) problems.add(backwards);
      // A file with any problem writes nothing: its rows are not gathered for writing.
      if (problems.total === 0 && personId !== undefined && unit) {
        const { person_code: _p, org_unit_code: _o, ...rest } = value;
        plan.rows.push({ ...rest, person_id: personId, org_unit_id: unit.id });
      }
    }
    return plan;
  },
  async write(db, { rows, columns }) {
    return upsertRows(
      db,
      'post',
      rows.map((r) => ({
        person_id: r.person_id,
        org_unit_id: r.org_unit_id,
        role: r.role,
        starts_on: r.starts_on,
        ...Object.fromEntries(columns.map((c) => [c, r[c as 'ends_on' | 'fte'] ?? null])),
      })),
      { key: ['person_id', 'org_unit_id', 'role', 'starts_on'], update: columns },
    );
  },
};

interface DesignationPlan {
  rows: (Omit<DesignationRow, 'person_code'> & { person_id: number })[];
  columns: string[];
}

export const designationImporter: Importer<DesignationRow, DesignationPlan> = {
  kind: 'designations',
  columns: {
    all: ['person_code', 'kind', 'starts_on', 'ends_on', 'days_per_year', 'accredited_on'],
    required: ['person_code', 'kind', 'starts_on'],
  },
  shape: designationRow,
  async check(db, records, columns, problems) {
    await duplicateKeys(
      records,
      (r) => [r.kind, r.starts_on, r.person_code],
      'starts_on',
      (r) => `${r.person_code}'s ${r.kind} designation from ${r.starts_on}`,
      problems,
    );
    const people = await personIdsByCode(
      db,
      records.map((r) => r.value.person_code),
    );
    const plan: DesignationPlan = {
      rows: [],
      columns: ['ends_on', 'days_per_year', 'accredited_on'].filter((c) => columns.has(c)),
    };
    for (const { row, value } of records) {
      const personId = people.get(value.person_code);
      if (personId === undefined) problems.add(notAPerson(row, value.person_code));
      const backwards = endsBeforeStart(row, value.starts_on, value.ends_on, 'ends_on');
      if (backwards) problems.add(backwards);
      // A file with any problem writes nothing: its rows are not gathered for writing.
      if (problems.total === 0 && personId !== undefined) {
        const { person_code: _p, ...rest } = value;
        plan.rows.push({ ...rest, person_id: personId });
      }
    }
    return plan;
  },
  async write(db, { rows, columns }) {
    return upsertRows(
      db,
      'designation',
      rows.map((r) => ({
        person_id: r.person_id,
        kind: r.kind,
        starts_on: r.starts_on,
        ...Object.fromEntries(
          columns.map((c) => [c, r[c as 'ends_on' | 'days_per_year' | 'accredited_on'] ?? null]),
        ),
      })),
      { key: ['person_id', 'kind', 'starts_on'], update: columns },
    );
  },
};
