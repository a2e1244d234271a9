// Norming sessions (issue 21): reference cases scored on one rubric version by lead assessors (the
// master) and by raters independently; each rater's agreement is kept as it stood when the session
// closed, so calibration and drift read what was decided then, not what today's tolerance would say.
// The development log holds each area lead's coaching and retreat notes.
import { type Kysely, sql } from 'kysely';

const audited = [
  'norming_session',
  'norming_case',
  'norming_rater',
  'norming_master',
  'norming_score',
  'development_log_entry',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table norming_session (
      id serial primary key,
      title text not null,
      held_on date not null,
      rubric_id integer not null references rubric(id),
      led_by integer not null references person(id),
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_on date
    );
    create table norming_case (
      id serial primary key,
      session_id integer not null references norming_session(id) on delete cascade,
      position integer not null,
      title text not null,
      kind text not null check (kind in ('lesson_video', 'evidence_pack')),
      link text not null default '',
      description text not null default '',
      unique (session_id, title)
    );
    create table norming_rater (
      session_id integer not null references norming_session(id) on delete cascade,
      person_id integer not null references person(id),
      exact double precision,
      within_one double precision,
      bias double precision,
      kappa double precision,
      flags text[],
      primary key (session_id, person_id)
    );
    create index norming_rater_person on norming_rater(person_id);
    create table norming_master (
      case_id integer not null references norming_case(id) on delete cascade,
      criterion_id integer not null references rubric_criterion(id),
      level integer not null check (level between 1 and 5),
      primary key (case_id, criterion_id)
    );
    create table norming_score (
      case_id integer not null references norming_case(id) on delete cascade,
      person_id integer not null references person(id),
      criterion_id integer not null references rubric_criterion(id),
      level integer not null check (level between 1 and 5),
      primary key (case_id, person_id, criterion_id)
    );
    create table development_log_entry (
      id serial primary key,
      person_id integer not null references person(id),
      written_by integer references person(id),
      written_on date not null,
      kind text not null check (kind in ('retreat_agenda', 'retreat_note', 'coaching', 'note')),
      title text not null,
      body text not null default ''
    );
    create index development_log_person on development_log_entry(person_id, written_on);
  `.execute(db);
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  // Whether a person was calibrated on a day: the last closed session they rated on or before it was
  // held within the window and found them within tolerance. A function, so the visit list asks in one
  // expression without importing the norming capability.
  await sql`
    create function norming_calibrated(person integer, on_day date, months integer) returns boolean
    language sql stable as $$
      select coalesce((
        select cardinality(r.flags) = 0 and s.held_on > on_day - make_interval(months => months)
        from norming_rater r join norming_session s on s.id = r.session_id
        where r.person_id = person and s.status = 'closed' and s.held_on <= on_day
        order by s.held_on desc, s.id desc limit 1), false)
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function norming_calibrated(integer, date, integer);
    drop table development_log_entry; drop table norming_score; drop table norming_master;
    drop table norming_rater; drop table norming_case; drop table norming_session;
  `.execute(db);
}
