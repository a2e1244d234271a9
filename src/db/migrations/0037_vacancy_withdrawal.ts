// Withdrawing a vacancy (issue 22): why it was withdrawn (the post was not to be filled after all: a
// federation, an amalgamation, the leaver stayed), kept beside the day so the register can say it.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table vacancy add column withdrawn_reason text;
    alter table vacancy add constraint vacancy_withdrawn_reason
      check ((withdrawn_on is null) = (withdrawn_reason is null));
    alter table vacancy add constraint vacancy_withdrawn_not_filled
      check (withdrawn_on is null or appointed_on is null);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table vacancy drop constraint vacancy_withdrawn_not_filled;
    alter table vacancy drop constraint vacancy_withdrawn_reason;
    alter table vacancy drop column withdrawn_reason;`.execute(db);
}
