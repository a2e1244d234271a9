// Categories on data values (issue 25), DHIS2's model kept simple: categories with options, category
// combinations (ordered categories), option combinations (one option of each), and values kept per option
// combination in data_value_option. data_value keeps what the roll-up reads, unchanged: for an element
// without categories its values as imported; for one with categories the values derived from its option
// values by a trigger in the same statement: the element's total (the sum over its option combinations,
// unless the element's category_aggregation is 'none') and one derived element per option and per option
// combination ("pupils_enrolled.FEMALE", the sum over the combinations containing FEMALE), so that
// `#{pupils_enrolled.FEMALE}` in a formula is an element like any other, with maintained totals, roll-ups
// and completeness, and elements without categories cost the roll-up nothing more.
import { type Kysely, sql } from 'kysely';
import { defaultCategories, defaultCombos } from '../../kpi/categories-catalogue.ts';
import { defaultCategoryIndicators } from '../../kpi/category-indicators.ts';
import { writeOptionCombos } from '../../kpi/option-combos.ts';
import type { Db } from '../types.ts';

const audited = [
  'category',
  'category_option',
  'category_combo',
  'category_combo_category',
  'category_option_combo',
  'data_value_option',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table category (
      id serial primary key,
      code text not null unique,
      name text not null
    );
    create table category_option (
      id serial primary key,
      category_id integer not null references category(id) on delete cascade,
      -- unique across categories, so that #{element.OPTION} names one option
      code text not null unique,
      name text not null,
      position integer not null
    );
    create table category_combo (
      id serial primary key,
      code text not null unique,
      name text not null
    );
    create table category_combo_category (
      combo_id integer not null references category_combo(id) on delete cascade,
      category_id integer not null references category(id),
      position integer not null,
      primary key (combo_id, position),
      unique (combo_id, category_id)
    );
    create table category_option_combo (
      id serial primary key,
      combo_id integer not null references category_combo(id) on delete cascade,
      code text not null,
      name text not null,
      -- the options, in the combination's order of categories
      option_ids integer[] not null,
      unique (combo_id, code)
    );
    alter table data_element
      add column category_combo_id integer references category_combo(id),
      add column category_aggregation text not null default 'sum' check (category_aggregation in ('sum', 'none')),
      -- set on the derived elements: the element whose option values they sum
      add column operand_of integer references data_element(id) on delete cascade;
    -- Which option combinations each derived element (or the element's own total) sums.
    create table element_operand (
      element_id integer not null references data_element(id) on delete cascade,
      operand_element_id integer not null references data_element(id) on delete cascade,
      option_combo_id integer not null references category_option_combo(id) on delete cascade,
      primary key (element_id, operand_element_id, option_combo_id)
    );
    create table data_value_option (
      org_unit_id integer not null references org_unit(id) on delete cascade,
      element_id integer not null references data_element(id),
      month date not null check (extract(day from month) = 1),
      option_combo_id integer not null references category_option_combo(id),
      value double precision not null check (value > '-Infinity' and value < 'Infinity'),
      primary key (element_id, org_unit_id, month, option_combo_id)
    );

    -- The derived values of these (element, school, month) keys, from their option values: written where
    -- any option value remains, taken away where none does.
    create function derive_option_values(elements integer[], units integer[], months date[]) returns void
    language plpgsql set extra_float_digits = 1 as $$
    begin
      delete from data_value dv
      using (select distinct * from unnest(elements, units, months) as k(element_id, org_unit_id, month)) t,
        (select distinct element_id, operand_element_id from element_operand) eo
      where eo.element_id = t.element_id and dv.element_id = eo.operand_element_id
        and dv.org_unit_id = t.org_unit_id and dv.month = t.month
        and not exists (
          select from element_operand e2 join data_value_option v on v.option_combo_id = e2.option_combo_id
          where e2.element_id = t.element_id and e2.operand_element_id = dv.element_id
            and v.element_id = t.element_id and v.org_unit_id = t.org_unit_id and v.month = t.month);
      insert into data_value (org_unit_id, element_id, month, value)
      select t.org_unit_id, eo.operand_element_id, t.month, sum(v.value::text::numeric)::float8
      from (select distinct * from unnest(elements, units, months) as k(element_id, org_unit_id, month)) t
      join element_operand eo on eo.element_id = t.element_id
      join data_value_option v on v.element_id = t.element_id and v.org_unit_id = t.org_unit_id
        and v.month = t.month and v.option_combo_id = eo.option_combo_id
      group by t.org_unit_id, eo.operand_element_id, t.month
      order by 2, 1, 3
      on conflict (element_id, org_unit_id, month) do update set value = excluded.value
        where data_value.value is distinct from excluded.value;
    end $$;
  `.execute(db);
  for (const [operation, table] of [
    ['insert', 'new_values'],
    ['update', 'new_values'],
    ['delete', 'old_values'],
  ] as const) {
    await sql`
      create function ${sql.raw(`data_value_option_${operation}`)}() returns trigger language plpgsql as $$
      begin
        perform derive_option_values(
          array(select element_id from ${sql.raw(table)}),
          array(select org_unit_id from ${sql.raw(table)}),
          array(select month from ${sql.raw(table)}));
        return null;
      end $$;
      create trigger ${sql.raw(`data_value_option_${operation}`)} after ${sql.raw(operation)} on data_value_option
        referencing ${sql.raw(operation === 'delete' ? 'old' : 'new')} table as ${sql.raw(table)}
        for each statement execute function ${sql.raw(`data_value_option_${operation}`)}();
    `.execute(db);
  }
  for (const table of audited)
    await sql`
      create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
        for each row execute function audit_row_change();
      create trigger ${sql.raw(`${table}_version`)} after insert or update or delete or truncate
        on ${sql.table(table)} for each statement execute function raise_data_version();
    `.execute(db);

  const seeded = db as unknown as Kysely<{
    category: { id?: number; code: string; name: string };
    category_option: { category_id: number; code: string; name: string; position: number };
    indicator: object;
  }>;
  for (const category of defaultCategories) {
    const { id } = await seeded
      .insertInto('category')
      .values({ code: category.code, name: category.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await seeded
      .insertInto('category_option')
      .values(category.options.map((o, position) => ({ category_id: id as number, ...o, position })))
      .execute();
  }
  for (const combo of defaultCombos) await saveComboSql(db, combo);
  // As shipped then: the parity indices banded one-sided ('higher'); 0048 widens the direction and moves them.
  const asShipped = defaultCategoryIndicators.map((i) =>
    i.direction === 'parity' ? { ...i, direction: 'higher' as const, red: 0.9, amber: 0.97 } : i,
  );
  await seeded.insertInto('indicator').values(asShipped).execute();
}

/** A combination and its option combinations (the cross product, in the categories' order). */
async function saveComboSql(
  db: Kysely<unknown>,
  combo: { code: string; name: string; categories: string[] },
): Promise<void> {
  await sql`
    with combo as (
      insert into category_combo (code, name) values (${combo.code}, ${combo.name})
      on conflict (code) do update set name = excluded.name returning id
    ),
    members as (
      insert into category_combo_category (combo_id, category_id, position)
      select combo.id, c.id, k.position
      from combo, unnest(${combo.categories}::text[]) with ordinality as k(code, position)
      join category c on c.code = k.code
      returning combo_id
    )
    select 1`.execute(db);
  await writeOptionCombos(db as unknown as Db, combo.code);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from indicator where numerator like '%.%}%' or denominator like '%.%}%';
    drop table data_value_option;
    drop function data_value_option_insert(); drop function data_value_option_update();
    drop function data_value_option_delete(); drop function derive_option_values(integer[], integer[], date[]);
    drop table element_operand;
    delete from data_element where operand_of is not null;
    alter table data_element drop column operand_of, drop column category_aggregation, drop column category_combo_id;
    drop table category_option_combo, category_combo_category, category_combo, category_option, category;
  `.execute(db);
}
