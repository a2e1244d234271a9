// KPIs: data elements, monthly data values, indicators and targets; loads the default catalogue.
import { type Kysely, sql } from 'kysely';
import { defaultElements, defaultIndicators } from '../../kpi/catalogue.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table data_element (
      id serial primary key,
      code text not null unique,
      name text not null,
      aggregation text not null check (aggregation in ('sum', 'last', 'average'))
    );
    create table data_value (
      org_unit_id integer not null references org_unit(id) on delete cascade,
      element_id integer not null references data_element(id),
      month date not null check (extract(day from month) = 1),
      value double precision not null,
      primary key (element_id, org_unit_id, month)
    );
    create index data_value_month on data_value(month, element_id);
    create table indicator (
      id serial primary key,
      code text not null unique,
      name text not null,
      numerator text not null,
      denominator text not null default '1',
      factor double precision not null default 1,
      decimals integer not null default 1,
      direction text not null check (direction in ('higher', 'lower')),
      red double precision,
      amber double precision,
      unit text not null default '',
      stable_slope double precision not null default 0.1,
      concern_drop double precision
    );
    create table target (
      indicator_id integer not null references indicator(id) on delete cascade,
      org_unit_id integer not null references org_unit(id) on delete cascade,
      academic_year text not null,
      value double precision not null,
      primary key (indicator_id, org_unit_id, academic_year)
    );
  `.execute(db);
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(defaultElements).execute();
  await rows.insertInto('indicator').values(defaultIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table target; drop table indicator; drop table data_value; drop table data_element;`.execute(
    db,
  );
}
