// Withdrawing a vacancy (issue 22): why it was withdrawn (the post was not to be filled after all: a
// federation, an amalgamation, the leaver stayed), kept beside the day so the register can say it. And
// the register's figures as KPI indicators, computed from it (src/vacancies/indicators.ts).
import { type Kysely, sql } from 'kysely';
import { vacancyElements, vacancyIndicators } from '../../vacancies/indicators.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table vacancy add column withdrawn_reason text;
    alter table vacancy add constraint vacancy_withdrawn_reason
      check ((withdrawn_on is null) = (withdrawn_reason is null));
    alter table vacancy add constraint vacancy_withdrawn_not_filled
      check (withdrawn_on is null or appointed_on is null);
  `.execute(db);
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(vacancyElements).execute();
  await rows.insertInto('indicator').values(vacancyIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code in (${sql.join(vacancyIndicators.map((i) => i.code))})`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(vacancyElements.map((e) => e.code))})`.execute(
    db,
  );
  await sql`alter table vacancy drop constraint vacancy_withdrawn_not_filled;
    alter table vacancy drop constraint vacancy_withdrawn_reason;
    alter table vacancy drop column withdrawn_reason;`.execute(db);
}
