// The challenge indicators say in their names what they count (open and overdue at the period's end),
// so a page, a pack and an agenda showing the figure show its definition too. New databases get the
// names from the catalogue in 0005; this renames them where they were loaded under the old names.
import { type Kysely, sql } from 'kysely';

const renamed = [
  ['challenges_open', 'Challenges open', 'Challenges open at period end'],
  ['challenges_overdue', 'Challenges overdue', 'Challenges overdue at period end'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [code, before, after] of renamed)
    await sql`update indicator set name = ${after} where code = ${code} and name = ${before}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [code, before, after] of renamed)
    await sql`update indicator set name = ${before} where code = ${code} and name = ${after}`.execute(db);
}
