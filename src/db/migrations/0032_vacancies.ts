// The vacancy register (issue 22): headships and deputy headships that fell vacant, the cover arranged
// (a brokering deployment of an interim, acting or executive head, or a named acting head from the
// school), the recruitment rounds with who sat on the panel, and the appointment, which writes the post.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table vacancy (
      id serial primary key,
      school_unit_id integer not null references org_unit(id),
      post_role text not null check (post_role in ('headteacher', 'deputy_headteacher')),
      opened_on date not null,
      reason text not null check (reason in ('retirement', 'resignation', 'promotion', 'long_absence', 'other')),
      leaving_person_id integer references person(id),
      cover_deployment_id integer references deployment(id),
      cover_person_id integer references person(id),
      notes text not null default '',
      appointed_person_id integer references person(id),
      appointed_on date,
      appointed_starts_on date,
      appointed_post_id integer references post(id),
      withdrawn_on date,
      created_by text not null,
      check ((appointed_person_id is null) = (appointed_on is null)),
      check (appointed_on is null or appointed_on >= opened_on)
    );
    create index vacancy_school on vacancy(school_unit_id, opened_on);
    create table vacancy_round (
      id serial primary key,
      vacancy_id integer not null references vacancy(id) on delete cascade,
      number integer not null check (number >= 1),
      advertised_on date not null,
      closes_on date not null check (closes_on >= advertised_on),
      applications integer not null default 0 check (applications >= 0),
      shortlisted integer not null default 0 check (shortlisted >= 0 and shortlisted <= applications),
      interviewed integer not null default 0 check (interviewed >= 0 and interviewed <= shortlisted),
      outcome text not null check (outcome in ('open', 'appointed', 'not_appointed')),
      panel text not null default '',
      governors_on_panel integer not null default 0 check (governors_on_panel >= 0),
      unique (vacancy_id, number)
    );
  `.execute(db);
  for (const table of ['vacancy', 'vacancy_round']) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function raise_data_version()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table vacancy_round; drop table vacancy;`.execute(db);
}
