// Lookups shared by the registry's importers: codes to ids, and duplicate keys within one file.
import type { Db } from '../db/types.ts';
import type { RowProblem } from '../tabular/records.ts';
import type { OrgUnitLevel } from './schema.ts';

export interface OrgUnitRef {
  id: number;
  code: string;
  level: OrgUnitLevel;
  parent_id: number | null;
}

export async function orgUnitsByCode(db: Db, codes: Iterable<string>): Promise<Map<string, OrgUnitRef>> {
  const list = [...new Set(codes)];
  if (list.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'level', 'parent_id'])
    .where('code', 'in', list)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** A row's school_code that names no school: unknown, or a unit above the schools (`why` says what is wrong). */
export function notASchoolProblem(
  row: number,
  code: string,
  unit: OrgUnitRef | undefined,
  why: string,
): RowProblem | null {
  if (unit?.level === 'school') return null;
  return {
    row,
    column: 'school_code',
    message: unit ? `${code} is an ${unit.level}: ${why}` : `${code} is not a school in Headway`,
  };
}

/** The parent of each existing unit among the codes, by the unit's code. */
export async function parentsByCode(db: Db, codes: Iterable<string>): Promise<Map<string, OrgUnitRef>> {
  const list = [...new Set(codes)];
  if (list.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_unit as child')
    .innerJoin('org_unit as p', 'p.id', 'child.parent_id')
    .select(['child.code as child_code', 'p.id', 'p.code', 'p.level', 'p.parent_id'])
    .where('child.code', 'in', list)
    .execute();
  return new Map(rows.map(({ child_code, ...parent }) => [child_code, parent]));
}

export async function personIdsByCode(db: Db, codes: Iterable<string>): Promise<Map<string, number>> {
  const list = [...new Set(codes)];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'code']).where('code', 'in', list).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** A problem for every row whose key already appeared on an earlier row of the same file. */
export function duplicateKeys<T>(
  records: { row: number; value: T }[],
  keyOf: (value: T) => string,
  column: string,
  describe: (value: T) => string,
): RowProblem[] {
  const firstRow = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { row, value } of records) {
    const key = keyOf(value);
    const earlier = firstRow.get(key);
    if (earlier === undefined) firstRow.set(key, row);
    else problems.push({ row, column, message: `${describe(value)} already appears on row ${earlier}` });
  }
  return problems;
}

/** A problem when a record ends before it starts. */
export function endsBeforeStart(
  row: number,
  starts: string | null | undefined,
  ends: string | null | undefined,
  column: string,
): RowProblem[] {
  return starts && ends && ends < starts
    ? [{ row, column, message: `${ends} is before the start ${starts}` }]
    : [];
}

/** "an area", "a school": for messages that name a level or role. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
