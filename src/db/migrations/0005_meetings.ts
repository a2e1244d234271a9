// Meetings and challenges: meetings with attendees, agenda, decisions; the challenges log with its
// units, timeline and recurring links; actions; and the challenge measures as KPI indicators.
import { type Kysely, sql } from 'kysely';
import { challengeElements, challengeIndicators } from '../../meetings/catalogue.ts';
import { defaultCategories } from '../../meetings/schema.ts';

const audited = [
  'challenge_category',
  'meeting',
  'meeting_attendee',
  'agenda_item',
  'decision',
  'recurring_problem',
  'challenge',
  'challenge_unit',
  'challenge_update',
  'action_item',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table challenge_category (
      code text primary key,
      name text not null,
      position integer not null default 0,
      retired boolean not null default false
    );
    create table meeting (
      id serial primary key,
      kind text not null check (kind in ('area_leads', 'retreat', 'area_headteachers', 'trust_board')),
      title text not null,
      held_on date not null,
      org_unit_id integer not null references org_unit(id),
      chair_person_id integer references person(id),
      period text not null check (period ~ '^\\d{4}-\\d{2}$'),
      created_at timestamptz not null default now()
    );
    create index meeting_held_on on meeting(held_on);
    create table meeting_attendee (
      meeting_id integer not null references meeting(id) on delete cascade,
      person_id integer not null references person(id),
      attendance text not null default 'expected' check (attendance in ('expected', 'present', 'apologies', 'absent')),
      primary key (meeting_id, person_id)
    );
    create table agenda_item (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('kpi_summary', 'area_concerns', 'overdue_challenges', 'new_challenges', 'actions_due', 'item')),
      title text not null,
      notes text not null default '',
      refs jsonb not null default '[]',
      minutes text not null default ''
    );
    create index agenda_item_meeting on agenda_item(meeting_id, position);
    create table decision (
      id serial primary key,
      meeting_id integer not null references meeting(id) on delete cascade,
      agenda_item_id integer references agenda_item(id) on delete set null,
      text text not null,
      created_at timestamptz not null default now()
    );
    create table recurring_problem (
      id serial primary key,
      title text not null,
      created_at timestamptz not null default now()
    );
    create table challenge (
      id serial primary key,
      title text not null,
      description text not null default '',
      category text not null references challenge_category(code),
      raised_on date not null,
      raised_by_person_id integer references person(id),
      meeting_id integer references meeting(id) on delete set null,
      owner_person_id integer references person(id),
      priority text not null check (priority in ('low', 'medium', 'high', 'urgent')),
      due_on date,
      status text not null default 'open' check (status in ('open', 'in_progress', 'resolved', 'verified', 'closed')),
      resolution text,
      closed_reason text,
      resolved_on date,
      verified_on date,
      closed_on date,
      recurring_id integer references recurring_problem(id) on delete set null,
      updated_at timestamptz not null default now(),
      check (status <> 'closed' or closed_reason is not null),
      check (status not in ('resolved', 'verified') or (resolution is not null and resolved_on is not null))
    );
    create index challenge_status on challenge(status, due_on);
    create index challenge_owner on challenge(owner_person_id);
    create table challenge_unit (
      challenge_id integer not null references challenge(id) on delete cascade,
      org_unit_id integer not null references org_unit(id),
      primary key (challenge_id, org_unit_id)
    );
    create index challenge_unit_unit on challenge_unit(org_unit_id);
    create table challenge_update (
      id serial primary key,
      challenge_id integer not null references challenge(id) on delete cascade,
      on_date date not null,
      recorded_at timestamptz not null default now(),
      author text not null,
      kind text not null check (kind in ('raised', 'status', 'note', 'assigned', 'linked', 'edited')),
      from_status text,
      to_status text,
      note text not null default ''
    );
    create index challenge_update_challenge on challenge_update(challenge_id, on_date, id);
    create table action_item (
      id serial primary key,
      title text not null,
      owner_person_id integer references person(id),
      due_on date,
      status text not null default 'open' check (status in ('open', 'done', 'dropped')),
      meeting_id integer references meeting(id) on delete cascade,
      agenda_item_id integer references agenda_item(id) on delete set null,
      challenge_id integer references challenge(id) on delete cascade,
      org_unit_id integer not null references org_unit(id),
      created_on date not null,
      done_on date
    );
    create index action_item_owner on action_item(owner_person_id, status);
  `.execute(db);
  for (const table of audited) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
  const rows = db as unknown as Kysely<{
    data_element: object;
    indicator: object;
    challenge_category: object;
  }>;
  await rows
    .insertInto('challenge_category')
    .values(defaultCategories.map((c, position) => ({ ...c, position })))
    .execute();
  await rows.insertInto('data_element').values(challengeElements).execute();
  await rows.insertInto('indicator').values(challengeIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const codes = challengeIndicators.map((i) => i.code);
  const elements = challengeElements.map((e) => e.code);
  await sql`delete from indicator where code in (${sql.join(codes)})`.execute(db);
  await sql`delete from data_element where code in (${sql.join(elements)})`.execute(db);
  await sql`
    drop table action_item; drop table challenge_update; drop table challenge_unit; drop table challenge;
    drop table recurring_problem; drop table decision; drop table agenda_item; drop table meeting_attendee;
    drop table meeting; drop table challenge_category;
  `.execute(db);
}
