// Support brokering: inspections, support needs, proposals and rejections, deployments and days logged.
import { type Kysely, sql } from 'kysely';

const audited = ['inspection', 'support_need', 'broker_rejection', 'deployment', 'deployment_day'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection (
      id serial primary key,
      school_id integer not null references org_unit(id),
      inspected_on date not null,
      overall text not null,
      leadership text,
      category text,
      unique (school_id, inspected_on)
    );
    create table support_need (
      id serial primary key,
      school_id integer not null references org_unit(id),
      kind text not null check (kind in ('headship_cover', 'mentor', 'nle', 'lle', 'practice', 'professional_partner')),
      rule text not null,
      indicator text,
      evidence text not null,
      figures jsonb not null default '{}',
      days double precision not null check (days > 0),
      status text not null default 'open' check (status in ('open', 'supported', 'closed', 'lapsed', 'withdrawn')),
      raised_on date not null,
      raised_by text not null,
      closed_on date
    );
    -- One live need per school, rule and indicator: refreshing the rules never doubles a need.
    create unique index support_need_live on support_need(school_id, kind, rule, coalesce(indicator, ''))
      where status in ('open', 'supported') and rule <> 'manual';
    create index support_need_status on support_need(status);
    create table broker_rejection (
      need_id integer not null references support_need(id) on delete cascade,
      person_id integer not null references person(id),
      reason text not null,
      rejected_by text not null,
      rejected_at timestamptz not null default now(),
      primary key (need_id, person_id)
    );
    create table brokering_proposal (
      id serial primary key,
      org_unit_id integer not null references org_unit(id),
      created_by text not null,
      created_at timestamptz not null default now(),
      status text not null,
      objective double precision not null,
      bound double precision not null,
      gap double precision not null,
      seconds double precision not null,
      result jsonb not null
    );
    create table deployment (
      id serial primary key,
      need_id integer not null references support_need(id),
      person_id integer not null references person(id),
      role text not null,
      starts_on date not null,
      ends_on date not null check (ends_on >= starts_on),
      days_agreed double precision not null check (days_agreed > 0),
      status text not null default 'active' check (status in ('active', 'finished', 'ended_early')),
      outcome_note text,
      proposal_id integer references brokering_proposal(id) on delete set null,
      fit double precision,
      created_by text not null,
      created_at timestamptz not null default now(),
      check (status = 'active' or outcome_note is not null)
    );
    create index deployment_person on deployment(person_id, status);
    create index deployment_need on deployment(need_id);
    create table deployment_day (
      id serial primary key,
      deployment_id integer not null references deployment(id) on delete cascade,
      on_date date not null,
      days double precision not null check (days > 0 and days <= 1),
      note text not null default '',
      override_reason text,
      logged_by text not null
    );
    create index deployment_day_deployment on deployment_day(deployment_id, on_date);
  `.execute(db);
  for (const table of audited) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table deployment_day; drop table deployment; drop table brokering_proposal;
    drop table broker_rejection; drop table support_need; drop table inspection;
  `.execute(db);
}
