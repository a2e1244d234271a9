// The school registry: the org-unit tree, cross-cutting groups, schools, people, posts and designations;
// and the audit log that every write reports to.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_unit (
      id serial primary key,
      parent_id integer references org_unit(id),
      level text not null check (level in ('authority', 'area', 'cluster', 'school')),
      code text not null unique,
      name text not null,
      check ((level = 'authority') = (parent_id is null))
    );
    create index org_unit_parent on org_unit(parent_id);
    create index org_unit_level on org_unit(level);

    create table org_group (
      id serial primary key,
      kind text not null check (kind in ('trust', 'federation')),
      code text not null unique,
      name text not null
    );
    create table org_group_member (
      group_id integer not null references org_group(id) on delete cascade,
      org_unit_id integer not null references org_unit(id) on delete cascade,
      primary key (group_id, org_unit_id)
    );
    create index org_group_member_unit on org_group_member(org_unit_id);

    create table school (
      org_unit_id integer primary key references org_unit(id) on delete cascade,
      phase text not null check (phase in
        ('nursery', 'primary', 'secondary', 'all_through', 'special', 'alternative_provision')),
      type text,
      urn text,
      opened_on date,
      closed_on date,
      capacity integer check (capacity >= 0),
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      check (closed_on is null or opened_on is null or closed_on >= opened_on)
    );
    create index school_phase on school(phase);

    create table person (
      id serial primary key,
      code text not null unique,
      given_name text not null,
      family_name text not null,
      email text
    );

    create table post (
      id serial primary key,
      person_id integer not null references person(id),
      org_unit_id integer not null references org_unit(id),
      role text not null,
      starts_on date not null,
      ends_on date,
      fte numeric(4, 2),
      unique (person_id, org_unit_id, role, starts_on),
      check (ends_on is null or ends_on >= starts_on)
    );
    create index post_org_unit on post(org_unit_id, role);

    create table designation (
      id serial primary key,
      person_id integer not null references person(id),
      kind text not null,
      starts_on date not null,
      ends_on date,
      days_per_year numeric(6, 1) check (days_per_year >= 0),
      unique (person_id, kind, starts_on),
      check (ends_on is null or ends_on >= starts_on)
    );

    create table audit_event (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor text not null,
      action text not null,
      entity text not null,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_event_at on audit_event(at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_event; drop table designation; drop table post; drop table person;
    drop table school; drop table org_group_member; drop table org_group; drop table org_unit;
  `.execute(db);
}
