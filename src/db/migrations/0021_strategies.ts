// Strategies: strategy > strands > actions (with sub-actions), each with one accountable lead; the groups
// an action serves; milestones; evidence; a dated log of status updates (rows, never overwritten, so a
// past term can be read back); measures linking indicators with baseline, target and trajectory; and
// links by which one strategy's strand or measure contributes to another's.
import { type Kysely, sql } from 'kysely';
import { defaultGroups } from '../../strategies/schema.ts';

const audited = [
  'strategy_group',
  'strategy',
  'strategy_strand',
  'strategy_action',
  'strategy_action_group',
  'strategy_milestone',
  'strategy_update',
  'strategy_evidence',
  'strategy_measure',
  'strategy_link',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table strategy_group (
      code text primary key,
      name text not null,
      position integer not null default 0,
      retired boolean not null default false
    );
    create table strategy (
      id serial primary key,
      code text not null unique,
      name text not null,
      purpose text not null default '',
      scope_unit_id integer not null references org_unit(id),
      lead_person_id integer references person(id),
      created_on date not null
    );
    create table strategy_strand (
      id serial primary key,
      strategy_id integer not null references strategy(id) on delete cascade,
      code text not null,
      name text not null,
      purpose text not null default '',
      lead_person_id integer references person(id),
      position integer not null default 0,
      unique (strategy_id, code)
    );
    create index strategy_strand_lead on strategy_strand(lead_person_id);
    -- An action keeps its id for life: a later move to another strand changes strand_id, and its history
    -- (updates, evidence) follows it.
    create table strategy_action (
      id serial primary key,
      strand_id integer not null references strategy_strand(id) on delete cascade,
      parent_action_id integer references strategy_action(id) on delete cascade,
      code text not null,
      title text not null,
      purpose text not null default '',
      lead_person_id integer references person(id),
      position integer not null default 0,
      status text not null default 'not_started'
        check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'done', 'stopped')),
      status_on date,
      created_on date not null,
      check (parent_action_id is null or parent_action_id <> id)
    );
    create unique index strategy_action_code on strategy_action(strand_id, code);
    create index strategy_action_lead on strategy_action(lead_person_id);
    create table strategy_action_group (
      action_id integer not null references strategy_action(id) on delete cascade,
      group_code text not null references strategy_group(code),
      primary key (action_id, group_code)
    );
    create table strategy_milestone (
      id serial primary key,
      action_id integer not null references strategy_action(id) on delete cascade,
      title text not null,
      due_on date not null,
      done_on date
    );
    create index strategy_milestone_action on strategy_milestone(action_id, due_on);
    -- The status log: each change (and each note) is a dated row with who and why; the action's status
    -- column is the latest of them, kept for lists.
    create table strategy_update (
      id serial primary key,
      action_id integer not null references strategy_action(id) on delete cascade,
      on_date date not null,
      recorded_at timestamptz not null default now(),
      author text not null,
      author_person_id integer references person(id),
      from_status text,
      to_status text not null
        check (to_status in ('not_started', 'on_track', 'at_risk', 'off_track', 'done', 'stopped')),
      commentary text not null default '',
      check (to_status not in ('at_risk', 'off_track') or length(trim(commentary)) > 0)
    );
    create index strategy_update_action on strategy_update(action_id, on_date, id);
    create table strategy_evidence (
      id serial primary key,
      action_id integer not null references strategy_action(id) on delete cascade,
      note text not null default '',
      url text,
      added_on date not null,
      author text not null,
      check (length(trim(note)) > 0 or url is not null)
    );
    create table strategy_measure (
      id serial primary key,
      strategy_id integer not null references strategy(id) on delete cascade,
      strand_id integer references strategy_strand(id) on delete cascade,
      action_id integer references strategy_action(id) on delete cascade,
      indicator_id integer not null references indicator(id),
      org_unit_id integer not null references org_unit(id),
      baseline_value double precision not null,
      baseline_period text not null,
      target_value double precision not null,
      target_period text not null,
      trajectory text not null check (trajectory in ('straight', 'stepped')),
      tolerance double precision not null default 0 check (tolerance >= 0),
      check ((strand_id is null) <> (action_id is null))
    );
    create index strategy_measure_strategy on strategy_measure(strategy_id);
    -- One strategy's strand or measure contributes to another's strand or measure.
    create table strategy_link (
      id serial primary key,
      from_strand_id integer references strategy_strand(id) on delete cascade,
      from_measure_id integer references strategy_measure(id) on delete cascade,
      to_strand_id integer references strategy_strand(id) on delete cascade,
      to_measure_id integer references strategy_measure(id) on delete cascade,
      note text not null default '',
      check ((from_strand_id is null) <> (from_measure_id is null)),
      check ((to_strand_id is null) <> (to_measure_id is null))
    );
  `.execute(db);
  for (const table of audited) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
  await (db as unknown as Kysely<{ strategy_group: object }>)
    .insertInto('strategy_group')
    .values(defaultGroups.map((g, position) => ({ ...g, position })))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table strategy_link; drop table strategy_measure; drop table strategy_evidence;
    drop table strategy_update; drop table strategy_milestone; drop table strategy_action_group;
    drop table strategy_action; drop table strategy_strand; drop table strategy; drop table strategy_group;
  `.execute(db);
}
