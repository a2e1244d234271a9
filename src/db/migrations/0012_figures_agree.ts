// Figures that agree. The challenge indicators say in their names what they count (open and overdue at
// the period's end), so a page, a pack and an agenda showing the figure show its definition too; new
// databases get the names from the catalogue in 0005, this renames them where loaded under the old
// names. And each indicator says what a value short of its target may be (`below_target`): at best
// amber (the default) or banded by the thresholds alone.
import { type Kysely, sql } from 'kysely';

const renamed = [
  ['challenges_open', 'Challenges open', 'Challenges open at period end'],
  ['challenges_overdue', 'Challenges overdue', 'Challenges overdue at period end'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [code, before, after] of renamed)
    await sql`update indicator set name = ${after} where code = ${code} and name = ${before}`.execute(db);
  await sql`alter table indicator add column below_target text not null default 'amber'
    check (below_target in ('amber', 'thresholds'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicator drop column below_target`.execute(db);
  for (const [code, before, after] of renamed)
    await sql`update indicator set name = ${before} where code = ${code} and name = ${after}`.execute(db);
}
