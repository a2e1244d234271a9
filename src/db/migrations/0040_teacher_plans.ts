// Teacher redeployment plans (issue 23): a plan made for an area (or the authority) in a month, with the
// limits it was made under, what the solver proved, the figures before and after, each move with its
// reason and the decision on it (accepted moves become actions of a "teacher deployment" challenge),
// and the recruits posted to the gaps the moves leave.
import { type Kysely, sql } from 'kysely';

const audited = ['teacher_plan', 'teacher_plan_move', 'teacher_plan_recruit'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table teacher_plan (
      id serial primary key,
      org_unit_id integer not null references org_unit(id),
      month text not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
      max_km numeric(6, 1) not null check (max_km > 0),
      max_moves_out integer not null check (max_moves_out >= 1),
      within_clusters boolean not null default false,
      recruits integer not null default 0 check (recruits >= 0),
      detour numeric(4, 2) not null check (detour >= 1),
      objective integer not null,
      bound integer not null,
      optimal boolean not null,
      km numeric(10, 1) not null,
      before jsonb not null,
      after jsonb not null,
      unlocated text[] not null default '{}',
      made_by text not null,
      made_on date not null,
      challenge_id integer references challenge(id) on delete set null
    );
    create index teacher_plan_unit on teacher_plan (org_unit_id, month);
    create table teacher_plan_move (
      id serial primary key,
      plan_id integer not null references teacher_plan(id) on delete cascade,
      from_school_id integer not null references org_unit(id),
      to_school_id integer not null references org_unit(id),
      teachers integer not null check (teachers > 0),
      km numeric(6, 1) not null,
      reason text not null,
      decision text not null default 'proposed' check (decision in ('proposed', 'accepted', 'rejected')),
      decided_by text,
      decided_on date,
      action_id integer references action_item(id) on delete set null,
      unique (plan_id, from_school_id, to_school_id)
    );
    create table teacher_plan_recruit (
      plan_id integer not null references teacher_plan(id) on delete cascade,
      school_id integer not null references org_unit(id),
      teachers integer not null check (teachers > 0),
      primary key (plan_id, school_id)
    );
  `.execute(db);
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table teacher_plan_recruit, teacher_plan_move, teacher_plan`.execute(db);
}
