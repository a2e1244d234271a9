// Imports schools in a register format like England's: each school sits under an area (and optionally a
// cluster of that area) and may belong to a trust, which is created from trust_code and trust_name.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { upsertRows } from '../db/upsert.ts';
import type { Importer } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/records.ts';
import { duplicateKeys, endsBeforeStart, orgUnitsByCode, parentsByCode, withArticle } from './lookups.ts';
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

interface SchoolPlan {
  schools: { row: SchoolRow; parentId: number }[];
  /** Trust codes to create or rename, with the name given in the file (null: exists already, keep its name). */
  trusts: Map<string, string | null>;
  /** Detail columns the file has: only these are updated on schools that exist. */
  detailColumns: string[];
  setsTrust: boolean;
}

async function trustsByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: number; kind: string; name: string }>();
  const rows = await db
    .selectFrom('org_group')
    .select(['id', 'code', 'kind', 'name'])
    .where('code', 'in', codes)
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

  async check(db, records, columns) {
    const problems: RowProblem[] = duplicateKeys(
      records,
      (r) => r.code,
      'code',
      (r) => `code ${r.code}`,
    );
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
    const trusts = await trustsByCode(db, [
      ...new Set(records.flatMap((r) => (r.value.trust_code ? [r.value.trust_code] : []))),
    ]);
    const trustNames = new Map<string, { name: string; row: number }>();
    const plan: SchoolPlan = {
      schools: [],
      trusts: new Map(),
      detailColumns: schoolDetailColumns.filter((c) => columns.has(c)),
      setsTrust: columns.has('trust_code'),
    };

    for (const { row, value } of records) {
      const before = units.get(value.code);
      if (before && before.level !== 'school') {
        problems.push({
          row,
          column: 'code',
          message: `${value.code} is already the code of ${withArticle(before.level)}`,
        });
      }
      const area = units.get(value.area_code);
      let parentId: number | undefined;
      if (!area)
        problems.push({
          row,
          column: 'area_code',
          message: `${value.area_code} is not an area in Headway (import org-units first)`,
        });
      else if (area.level !== 'area')
        problems.push({
          row,
          column: 'area_code',
          message: `${value.area_code} is ${withArticle(area.level)}, not an area`,
        });
      else parentId = area.id;

      if (value.cluster_code && area) {
        const cluster = units.get(value.cluster_code);
        if (cluster?.level !== 'cluster') {
          problems.push({
            row,
            column: 'cluster_code',
            message: `${value.cluster_code} is not a cluster in Headway`,
          });
        } else if (cluster.parent_id !== area.id) {
          problems.push({
            row,
            column: 'cluster_code',
            message: `cluster ${value.cluster_code} is not in area ${value.area_code}`,
          });
        } else parentId = cluster.id;
      } else if (value.cluster_code === undefined && before && area) {
        // No cluster column: a school already in a cluster of this area stays in it.
        const current = currentParents.get(value.code);
        if (current?.level === 'cluster' && current.parent_id === area.id) parentId = current.id;
      }

      if (value.trust_code) {
        const known = trusts.get(value.trust_code);
        if (known && known.kind !== 'trust') {
          problems.push({
            row,
            column: 'trust_code',
            message: `${value.trust_code} is ${withArticle(known.kind)}, not a trust`,
          });
        } else if (!known && !value.trust_name && !trustNames.has(value.trust_code)) {
          problems.push({
            row,
            column: 'trust_name',
            message: `trust ${value.trust_code} is new: give its name`,
          });
        }
        if (value.trust_name) {
          const earlier = trustNames.get(value.trust_code);
          if (earlier && earlier.name !== value.trust_name) {
            problems.push({
              row,
              column: 'trust_name',
              message: `trust ${value.trust_code} is named "${earlier.name}" on row ${earlier.row}`,
            });
          } else if (!earlier) trustNames.set(value.trust_code, { name: value.trust_name, row });
        }
        if (!plan.trusts.has(value.trust_code) || value.trust_name) {
          plan.trusts.set(value.trust_code, value.trust_name ?? plan.trusts.get(value.trust_code) ?? null);
        }
      } else if (value.trust_name) {
        problems.push({ row, column: 'trust_code', message: 'is required when trust_name is given' });
      }
      problems.push(...endsBeforeStart(row, value.opened_on, value.closed_on, 'closed_on'));
      if (parentId !== undefined) plan.schools.push({ row: value, parentId });
    }
    return { problems, plan };
  },

  async write(db, plan) {
    const changed = new Set<string>();
    await upsertRows(
      db,
      'org_group',
      [...plan.trusts]
        .filter(([, name]) => name !== null)
        .map(([code, name]) => ({ code, name, kind: 'trust' })),
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

    if (plan.setsTrust) {
      for (const code of await setTrustMemberships(db, plan, idOf)) changed.add(codeOf.get(code) as string);
    }
    return { inserted: units.inserted, updated: changed.size - units.inserted };
  },
};

/** Puts each school in the trust the file names (or in none); returns the ids of schools whose trust changed. */
async function setTrustMemberships(
  db: Db,
  plan: SchoolPlan,
  idOf: (code: string) => number,
): Promise<number[]> {
  const trustIds = await trustsByCode(db, [...plan.trusts.keys()]);
  const wanted = plan.schools.map(({ row }) => ({
    org_unit_id: idOf(row.code),
    group_id: row.trust_code ? (trustIds.get(row.trust_code)?.id ?? null) : null,
  }));
  const schoolIds = wanted.map((w) => w.org_unit_id);
  const removed = await sql<{ org_unit_id: number }>`
    delete from org_group_member m
    using org_group g, (select unnest(${schoolIds}::int[]) as org_unit_id, unnest(${wanted.map((w) => w.group_id)}::int[]) as group_id) w
    where g.id = m.group_id and g.kind = 'trust' and m.org_unit_id = w.org_unit_id
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
