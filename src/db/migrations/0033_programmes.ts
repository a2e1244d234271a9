// Leadership programmes (issue 22): the programmes an authority runs or buys (shipped with the seven the
// leadership strategy names, editable), their cohorts, the participants with their school and post at
// entry and their completion, and the placements of candidates at host schools, agreed from a proposal
// the match made. Outcomes are read from posts, never stored.
import { type Kysely, sql } from 'kysely';
import { grownElements, grownIndicator } from '../../programmes/grown-elements.ts';

const audited = ['programme', 'programme_cohort', 'programme_participant', 'placement'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table programme (
      id serial primary key,
      code text not null unique,
      name text not null,
      description text not null default '',
      placement text check (placement in ('npqh_internship', 'leadership_placement')),
      placement_days numeric(4, 1) check (placement_days > 0 and placement_days <= 60),
      active boolean not null default true,
      position integer not null
    );
    create table programme_cohort (
      id serial primary key,
      code text not null unique,
      programme_id integer not null references programme(id),
      name text not null,
      provider text not null default '',
      starts_on date not null,
      ends_on date not null,
      check (ends_on >= starts_on)
    );
    create index programme_cohort_programme on programme_cohort (programme_id);
    create table programme_participant (
      id serial primary key,
      cohort_id integer not null references programme_cohort(id) on delete cascade,
      person_id integer not null references person(id),
      school_id integer references org_unit(id),
      post_role text,
      status text not null default 'enrolled' check (status in ('enrolled', 'completed', 'withdrawn')),
      completed_on date,
      placement_days numeric(4, 1) check (placement_days > 0 and placement_days <= 60),
      unique (cohort_id, person_id),
      check ((status = 'completed') = (completed_on is not null))
    );
    create index programme_participant_person on programme_participant (person_id);
    create table placement (
      id serial primary key,
      participant_id integer not null references programme_participant(id) on delete cascade,
      host_person_id integer not null references person(id),
      host_school_id integer not null references org_unit(id),
      kind text not null check (kind in ('npqh_internship', 'leadership_placement')),
      days numeric(4, 1) not null check (days > 0),
      status text not null default 'agreed' check (status in ('agreed', 'finished', 'cancelled')),
      fit numeric(6, 4),
      reasons text[] not null default '{}',
      agreed_by text not null,
      agreed_on date not null
    );
    create unique index placement_one_live on placement (participant_id) where status <> 'cancelled';
    insert into programme (position, code, name, description, placement, placement_days) values
      (1, 'aspiring_leaders', 'Aspiring leaders',
        'For teachers and middle leaders who mean to lead: a year of leadership learning with a placement in another school.',
        'leadership_placement', 10),
      (2, 'npqh', 'NPQH',
        'The national professional qualification for headship, with a 5 to 20 day internship at a host school.',
        'npqh_internship', 10),
      (3, 'new_heads_induction', 'New heads'' induction',
        'The first two years of headship: induction, a mentor and a termly network.', null, null),
      (4, 'good_to_outstanding', 'Good to outstanding',
        'For heads and senior teams of good schools working towards outstanding.', null, null),
      (5, 'secondary_heads', 'Secondary heads'' development', 'Development for serving secondary heads.', null, null),
      (6, 'special_heads', 'Special heads'' development', 'Development for serving heads of special schools.', null, null),
      (7, 'early_years_leaders', 'Early-years graduate leaders',
        'For graduate leaders of early-years settings and nursery classes.', null, null),
      (8, 'hlta', 'Higher-level teaching assistants', 'HLTA preparation and assessment.', null, null);
  `.execute(db);
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  await sql`create trigger programme_participant_version after insert or update or delete or truncate
    on programme_participant for each statement execute function raise_data_version()`.execute(db);
  // Growing your own as a KPI indicator, computed from posts (src/programmes/grown-totals.ts).
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(grownElements).execute();
  await rows.insertInto('indicator').values(grownIndicator).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code = ${grownIndicator.code}`.execute(db);
  await sql`delete from data_element where code in (${sql.join(grownElements.map((e) => e.code))})`.execute(
    db,
  );
  await sql`drop table placement, programme_participant, programme_cohort, programme`.execute(db);
}
