// One teacher per class (issue 23): a staffing norm may also set the most pupils in a class. Where the
// school reports its enrolment by grade (pupils_enrolled kept by the grade category, migration 0045), each
// grade needs ceil(pupils in it / the class size) classes and each class a teacher. Null: not used.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table staffing_norm
      add column max_class_size numeric(6, 2)
        check (max_class_size is null or (max_class_size >= 1 and max_class_size <= 200))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staffing_norm drop column max_class_size`.execute(db);
}
