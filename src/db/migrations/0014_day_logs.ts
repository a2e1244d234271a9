// Days logged as a system leader works: what each day was spent on, and corrections (who and why; the
// audit log keeps what the log said before). Earlier logs are "other".
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table deployment_day
      add column activity text not null default 'other'
        check (activity in ('visit', 'coaching', 'meeting', 'remote', 'training', 'other')),
      add column corrected_by text,
      add column correction_reason text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table deployment_day drop column activity, drop column corrected_by, drop column correction_reason`.execute(
    db,
  );
}
