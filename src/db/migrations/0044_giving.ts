// Give and receive, measured (issue 24): the schools that gave and received support are computed from
// the deployments and placements (src/giving/elements.ts), so the elements and indicators are rows of
// the catalogue; no table of their own.
import { type Kysely, sql } from 'kysely';
import { givingElements, givingIndicators } from '../../giving/elements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(givingElements).execute();
  await rows.insertInto('indicator').values(givingIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code in (${sql.join(givingIndicators.map((i) => i.code))})`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(givingElements.map((e) => e.code))})`.execute(
    db,
  );
}
