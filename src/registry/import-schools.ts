// Imports schools in a register format like England's: each school sits under an area (and optionally a
// cluster of that area) and may belong to a trust and to a federation, each created from its code and
// name columns (trust_code and trust_name, federation_code and federation_name).
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { upsertRows } from '../db/upsert.ts';
import type { Importer } from '../tabular/importer.ts';
import { duplicateCodes, endsBeforeStart, orgUnitsByCode, parentsByCode, withArticle } from './lookups.ts';
import { type SchoolRow, schoolRow } from './schema.ts';

const schoolDetailColumns = [
  'type',
  'urn',
  'opened_on',
  'closed_on',
  'capacity',
  'latitude',
  'longitude',
] as const;

type GroupKind = 'trust' | 'federation';

/** The groups a school may belong to, one of each kind, and the columns that name them. */
const groupColumns = [
  { kind: 'trust', code: 'trust_code', name: 'trust_name' },
  { kind: 'federation', code: 'federation_code', name: 'federation_name' },
] as const satisfies readonly { kind: GroupKind; code: keyof SchoolRow; name: keyof SchoolRow }[];

interface SchoolPlan {
  schools: { row: SchoolRow; parentId: number }[];
  /** Group codes to create or rename, with the name given in the file (null: exists already, keep its name). */
  groups: Map<string, { kind: GroupKind; name: string | null }>;
  /** Detail columns the file has: only these are updated on schools that exist. */
  detailColumns: string[];
  /** The kinds of group whose code column the file has: memberships of only these kinds are set. */
  setsGroups: GroupKind[];
}

async function groupsByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: number; kind: string; name: string }>();
  const rows = await db
    .selectFrom('org_group')
    .select(['id', 'code', 'kind', 'name'])
    .where(sql<boolean>`code = any(${codes}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export const schoolImporter: Importer<SchoolRow, SchoolPlan> = {
  kind: 'schools',
  columns: {
    all: Object.keys(schoolRow.shape),
    required: ['code', 'name', 'phase', 'area_code'],
  },
  shape: schoolRow,

  async check(db, records, columns, problems) {
    await duplicateCodes(records, problems);
    const units = await orgUnitsByCode(db, [
      ...records.map((r) => r.value.code),
      ...records.map((r) => r.value.area_code),
      ...records.flatMap((r) => (r.value.cluster_code ? [r.value.cluster_code] : [])),
    ]);
    const currentParents = records.some((r) => r.value.cluster_code === undefined)
      ? await parentsByCode(
          db,
          records.map((r) => r.value.code),
        )
      : new Map();
    const known = await groupsByCode(db, [
      ...new Set(
        records.flatMap((r) =>
          groupColumns.flatMap((g) => (r.value[g.code] ? [r.value[g.code] as string] : [])),
        ),
      ),
    ]);
    // The first row of the file that names each group (its kind, and its name if given).
    const named = new Map<string, { kind: GroupKind; name?: string; row: number }>();
    const plan: SchoolPlan = {
      schools: [],
      groups: new Map(),
      detailColumns: schoolDetailColumns.filter((c) => columns.has(c)),
      setsGroups: groupColumns.filter((g) => columns.has(g.code)).map((g) => g.kind),
    };

    for (const { row, value } of records) {
      const before = units.get(value.code);
      if (before && before.level !== 'school') {
        const reason = `is already the code of ${withArticle(before.level)}`;
        problems.add({ row, column: 'code', message: `${value.code} ${reason}`, reason });
      }
      const area = units.get(value.area_code);
      let parentId: number | undefined;
      if (!area) {
        const reason = 'is not an area in Headway (import org-units first)';
        problems.add({ row, column: 'area_code', message: `${value.area_code} ${reason}`, reason });
      } else if (area.level !== 'area') {
        const reason = `is ${withArticle(area.level)}, not an area`;
        problems.add({ row, column: 'area_code', message: `${value.area_code} ${reason}`, reason });
      } else parentId = area.id;

      if (value.cluster_code && area) {
        const cluster = units.get(value.cluster_code);
        if (cluster?.level !== 'cluster') {
          const reason = 'is not a cluster in Headway';
          problems.add({ row, column: 'cluster_code', message: `${value.cluster_code} ${reason}`, reason });
        } else if (cluster.parent_id !== area.id) {
          problems.add({
            row,
            column: 'cluster_code',
            message: `cluster ${value.cluster_code} is not in area ${value.area_code}`,
            reason: 'is a cluster of another area',
          });
        } else parentId = cluster.id;
      } else if (value.cluster_code === undefined && before && area) {
        // No cluster column: a school already in a cluster of this area stays in it.
        const current = currentParents.get(value.code);
        if (current?.level === 'cluster' && current.parent_id === area.id) parentId = current.id;
      }

      for (const { kind, code: codeColumn, name: nameColumn } of groupColumns) {
        const code = value[codeColumn] as string | undefined;
        const name = value[nameColumn] as string | undefined;
        if (!code) {
          if (name)
            problems.add({ row, column: codeColumn, message: `is required when ${nameColumn} is given` });
          continue;
        }
        const before = known.get(code);
        const earlier = named.get(code);
        if (before && before.kind !== kind) {
          const reason = `is ${withArticle(before.kind)}, not a ${kind}`;
          problems.add({ row, column: codeColumn, message: `${code} ${reason}`, reason });
          continue;
        }
        if (earlier && earlier.kind !== kind) {
          problems.add({
            row,
            column: codeColumn,
            message: `${code} is a ${earlier.kind} on row ${earlier.row}, not a ${kind}`,
            reason: `is a ${earlier.kind} on an earlier row, not a ${kind}`,
          });
          continue;
        }
        if (!before && !name && !earlier?.name) {
          problems.add({
            row,
            column: nameColumn,
            message: `${kind} ${code} is new: give its name`,
            reason: `is required for a new ${kind}`,
          });
        }
        if (name && earlier?.name && earlier.name !== name) {
          problems.add({
            row,
            column: nameColumn,
            message: `${kind} ${code} is named "${earlier.name}" on row ${earlier.row}`,
            reason: `differs from the ${kind}'s name on an earlier row`,
          });
        } else if (!earlier || (name && !earlier.name)) named.set(code, { kind, name, row });
        plan.groups.set(code, { kind, name: named.get(code)?.name ?? null });
      }
      const backwards = endsBeforeStart(row, value.opened_on, value.closed_on, 'closed_on');
      if (backwards) problems.add(backwards);
      // A file with any problem writes nothing: its rows are not gathered for writing.
      if (problems.total === 0 && parentId !== undefined) plan.schools.push({ row: value, parentId });
    }
    return plan;
  },

  async write(db, plan) {
    const changed = new Set<string>();
    await upsertRows(
      db,
      'org_group',
      [...plan.groups]
        .filter(([, group]) => group.name !== null)
        .map(([code, { kind, name }]) => ({ code, name, kind })),
      { key: ['code'], update: ['name'] },
    );
    const units = await upsertRows<{ code: string }>(
      db,
      'org_unit',
      plan.schools.map(({ row, parentId }) => ({
        code: row.code,
        name: row.name,
        level: 'school',
        parent_id: parentId,
      })),
      { key: ['code'], update: ['name', 'parent_id'], returning: ['code'] },
    );
    for (const unit of units.written) changed.add(unit.code);

    const ids = await orgUnitsByCode(
      db,
      plan.schools.map((s) => s.row.code),
    );
    const codeOf = new Map([...ids.values()].map((u) => [u.id, u.code]));
    const idOf = (code: string) => ids.get(code)?.id as number;
    const details = await upsertRows<{ org_unit_id: number }>(
      db,
      'school',
      plan.schools.map(({ row }) => ({
        org_unit_id: idOf(row.code),
        phase: row.phase,
        ...Object.fromEntries(plan.detailColumns.map((c) => [c, row[c as keyof SchoolRow] ?? null])),
      })),
      { key: ['org_unit_id'], update: ['phase', ...plan.detailColumns], returning: ['org_unit_id'] },
    );
    for (const school of details.written) changed.add(codeOf.get(school.org_unit_id) as string);

    for (const kind of plan.setsGroups) {
      for (const id of await setMemberships(db, kind, plan, idOf)) changed.add(codeOf.get(id) as string);
    }
    return { inserted: units.inserted, updated: changed.size - units.inserted };
  },
};

/**
 * Puts each school in the group of this kind the file names (or in none of that kind); returns the ids
 * of schools whose membership changed.
 */
async function setMemberships(
  db: Db,
  kind: GroupKind,
  plan: SchoolPlan,
  idOf: (code: string) => number,
): Promise<number[]> {
  const column = groupColumns.find((g) => g.kind === kind)?.code as keyof SchoolRow;
  const groupIds = await groupsByCode(db, [...plan.groups.keys()]);
  const wanted = plan.schools.map(({ row }) => {
    const code = row[column] as string | undefined;
    return { org_unit_id: idOf(row.code), group_id: code ? (groupIds.get(code)?.id ?? null) : null };
  });
  const schoolIds = wanted.map((w) => w.org_unit_id);
  const removed = await sql<{ org_unit_id: number }>`
    delete from org_group_member m
    using org_group g, (select unnest(${schoolIds}::int[]) as org_unit_id, unnest(${wanted.map((w) => w.group_id)}::int[]) as group_id) w
    where g.id = m.group_id and g.kind = ${kind} and m.org_unit_id = w.org_unit_id
      and m.group_id is distinct from w.group_id
    returning m.org_unit_id`.execute(db);
  const added = await upsertRows<{ org_unit_id: number }>(
    db,
    'org_group_member',
    wanted.filter((w) => w.group_id !== null),
    { key: ['group_id', 'org_unit_id'], update: [], returning: ['org_unit_id'] },
  );
  return [...removed.rows.map((r) => r.org_unit_id), ...added.written.map((r) => r.org_unit_id)];
}
