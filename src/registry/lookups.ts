// Lookups shared by the registry's importers: codes to ids, and duplicate keys within one file.
// Codes are looked up as an array (`code = any($1)`), not one parameter each (PostgreSQL takes at most
// 65,535 parameters in a statement), and 5,000 at a time: a file from elsewhere can hold a million
// codes, and each statement stays small for the engine (an embedded one keeps the memory it grew to).
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { nextTurn, turnEvery } from '../tabular/pace.ts';
import type { ProblemCollector, RowProblem } from '../tabular/problems.ts';
import type { OrgUnitLevel } from './contract.ts';
import { personName } from './sql.ts';

export interface OrgUnitRef {
  id: number;
  code: string;
  level: OrgUnitLevel;
  parent_id: number | null;
}

const CODES_PER_LOOKUP = 5000;

/** The rows a query gives for the distinct codes, asked for a slice of codes at a time. */
async function lookUp<R>(codes: Iterable<string>, query: (slice: string[]) => Promise<R[]>): Promise<R[]> {
  const list = [...new Set(codes)];
  const rows: R[] = [];
  for (let start = 0; start < list.length; start += CODES_PER_LOOKUP) {
    for (const row of await query(list.slice(start, start + CODES_PER_LOOKUP))) rows.push(row);
  }
  return rows;
}

export async function orgUnitsByCode(db: Db, codes: Iterable<string>): Promise<Map<string, OrgUnitRef>> {
  const rows = await lookUp(codes, (slice) =>
    db
      .selectFrom('org_unit')
      .select(['id', 'code', 'level', 'parent_id'])
      .where(sql<boolean>`code = any(${slice}::text[])`)
      .execute(),
  );
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
  const reason = unit ? `is ${withArticle(unit.level)}: ${why}` : 'is not a school in Headway';
  return { row, column: 'school_code', message: `${code} ${reason}`, reason };
}

/** The parent of each existing unit among the codes, by the unit's code. */
export async function parentsByCode(db: Db, codes: Iterable<string>): Promise<Map<string, OrgUnitRef>> {
  const rows = await lookUp(codes, (slice) =>
    db
      .selectFrom('org_unit as child')
      .innerJoin('org_unit as p', 'p.id', 'child.parent_id')
      .select(['child.code as child_code', 'p.id', 'p.code', 'p.level', 'p.parent_id'])
      .where(sql<boolean>`child.code = any(${slice}::text[])`)
      .execute(),
  );
  return new Map(rows.map(({ child_code, ...parent }) => [child_code, parent]));
}

export async function personIdsByCode(db: Db, codes: Iterable<string>): Promise<Map<string, number>> {
  const rows = await lookUp(codes, (slice) =>
    db
      .selectFrom('person')
      .select(['id', 'code'])
      .where(sql<boolean>`code = any(${slice}::text[])`)
      .execute(),
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Rows by key, a level per part of the key: no text is built to stand for each row's key. */
type RowsByKey = Map<string, RowsByKey | number>;

/**
 * A problem for every row whose key (one text or a few) already appeared on an earlier row of the same
 * file, found in one pass. Give a key's parts from the fewest distinct values to the most (element, month,
 * then school), so that there are few levels to keep.
 */
export async function duplicateKeys<T>(
  records: { row: number; value: T }[],
  keyOf: (value: T) => readonly string[],
  column: string,
  describe: (value: T) => string,
  problems: ProblemCollector,
): Promise<void> {
  const firstRows: RowsByKey = new Map();
  const due = turnEvery();
  for (const { row, value } of records) {
    if (due()) await nextTurn();
    const key = keyOf(value);
    let level = firstRows;
    for (let i = 0; i < key.length - 1; i++) {
      const part = key[i] as string;
      let next = level.get(part) as RowsByKey | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(part, next);
      }
      level = next;
    }
    const last = key[key.length - 1] as string;
    const earlier = level.get(last) as number | undefined;
    if (earlier === undefined) level.set(last, row);
    else
      problems.add({
        row,
        column,
        message: `${describe(value)} already appears on row ${earlier}`,
        reason: 'already appears on an earlier row',
      });
  }
}

/** Rows whose `code` appears earlier in the file: the check every importer keyed by code makes. */
export function duplicateCodes(
  records: { row: number; value: { code: string } }[],
  problems: ProblemCollector,
) {
  return duplicateKeys(
    records,
    (r) => [r.code],
    'code',
    (r) => `code ${r.code}`,
    problems,
  );
}

/** A problem when a record ends before it starts. */
export function endsBeforeStart(
  row: number,
  starts: string | null | undefined,
  ends: string | null | undefined,
  column: string,
): RowProblem | null {
  return starts && ends && ends < starts
    ? { row, column, message: `${ends} is before the start ${starts}`, reason: 'is before the start' }
    : null;
}

/** "an area", "a school": for messages that name a level or role. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** A person's code and name as Headway shows it ("given family"), by their id. */
export async function personById(db: Db, id: number): Promise<{ code: string; name: string } | undefined> {
  return db
    .selectFrom('person')
    .select(['code', personName('person').as('name')])
    .where('id', '=', id)
    .executeTakeFirst();
}
