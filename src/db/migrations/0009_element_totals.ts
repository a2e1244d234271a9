// Maintained aggregates, so that reading a figure for an authority, area or cluster never scans data values.
// Kept by triggers in the same transaction as the write that changes them (an import, an edit, a registry
// move), so a reader sees totals and values change together:
//   school_ancestor  every school's ancestors in the org-unit tree (all levels, the school itself not)
//   element_total    per ancestor x element x month: the exact sum of its schools' values and how many
//   school_reported  per org unit with values x month: which elements it reported, and whether it was open
//   reported_total   per ancestor x month x set of elements: how many open schools reported exactly that set
//   school_span      per ancestor: how many schools open from which month to which month
// Completeness needs "reported any of the indicator's elements", a union that per-element counts cannot
// give; counting schools by the exact set they reported can (a school counts when its set meets the
// indicator's), and the sets in a month are few. Sums are numeric, so adding and taking away a value is
// exact and the totals never drift from a computation from scratch.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A value that is not finite could not be taken back out of a sum.
    alter table data_value add constraint data_value_finite check (value > '-Infinity' and value < 'Infinity');

    create table school_ancestor (
      ancestor_id integer not null,
      school_id integer not null,
      primary key (ancestor_id, school_id)
    );
    create index school_ancestor_school on school_ancestor(school_id);

    create table element_total (
      org_unit_id integer not null,
      element_id integer not null,
      month date not null,
      total numeric not null,
      schools integer not null,
      primary key (org_unit_id, element_id, month)
    );
    -- Rows whose last value went exist only inside the statement that removes them.
    create index element_total_emptied on element_total(org_unit_id) where schools = 0;

    create table school_reported (
      school_id integer not null,
      month date not null,
      elements integer[] not null,
      open boolean not null,
      primary key (school_id, month)
    );

    create table reported_total (
      org_unit_id integer not null,
      month date not null,
      elements integer[] not null,
      schools integer not null,
      primary key (org_unit_id, month, elements)
    );
    create index reported_total_emptied on reported_total(org_unit_id) where schools = 0;

    create table school_span (
      org_unit_id integer not null,
      opened date not null, -- the first month open, or -infinity
      closed date not null, -- the last month open, or infinity
      schools integer not null,
      primary key (org_unit_id, opened, closed)
    );

    -- Whether a school with these dates is open in the month starting on month_start (as the roll-up counts it).
    create function school_open_in(opened_on date, closed_on date, month_start date) returns boolean
    language sql immutable as $$
      select (opened_on is null or opened_on < month_start + interval '1 month')
        and (closed_on is null or closed_on >= month_start)
    $$;
  `.execute(db);

  // Values written, as rows (school, element, month, value, +1 added or -1 taken away), read from the
  // statement's transition tables. One trigger function per operation, from one text: an update both
  // takes the old rows away and adds the new ones.
  const changes = {
    insert: ['new_values', 'select org_unit_id, element_id, month, value, 1 as sign from new_values'],
    update: [
      'new_values',
      `select org_unit_id, element_id, month, value, 1 as sign from new_values
      union all select org_unit_id, element_id, month, value, -1 from old_values`,
    ],
    delete: ['old_values', 'select org_unit_id, element_id, month, value, -1 as sign from old_values'],
  };
  for (const [operation, [written, rows]] of Object.entries(changes)) {
    // Run by EXECUTE so that each statement is planned for its own transition table's size.
    const totals = `
      with changes as (${rows}),
      -- converted once per value, not once per ancestor
      amounts as materialized (
        select org_unit_id, element_id, month, sign, sign * value::text::numeric as amount from changes)
      insert into element_total as t (org_unit_id, element_id, month, total, schools)
      select a.ancestor_id, c.element_id, c.month, sum(c.amount), sum(c.sign)
      -- (the schools named again as an array: the planner then looks up their ancestors by index rather
      -- than hashing every school's; an import writes a thousand rows at a time)
      from amounts c join school_ancestor a on a.school_id = c.org_unit_id
        and a.school_id = any(array(select distinct org_unit_id from changes))
      group by a.ancestor_id, c.element_id, c.month
      order by 1, 2, 3
      on conflict (org_unit_id, element_id, month) do update
        set total = t.total + excluded.total, schools = t.schools + excluded.schools`;
    const reported = `
      with changes as (${rows}),
      keys as (${
        operation === 'update'
          ? `
        -- a key both in the old rows and the new (its value changed) neither comes nor goes
        select org_unit_id as school_id, month, element_id, sum(sign) as sign
        from changes group by org_unit_id, month, element_id
        having sum(sign) <> 0`
          : `
        select org_unit_id as school_id, month, element_id, sign from changes`
      }
      ),
      touched as (select distinct school_id, month from keys),
      before as (
        select r.school_id, r.month, r.elements, r.open
        from school_reported r join touched t on t.school_id = r.school_id and t.month = r.month
      ),
      after as (
        select school_id, month, array_agg(element_id order by element_id) as elements
        from (
          select b.school_id, b.month, e.element_id from before b cross join unnest(b.elements) as e(element_id)
          union
          select school_id, month, element_id from keys where sign > 0
          except
          select school_id, month, element_id from keys where sign < 0
        ) x
        group by school_id, month
      ),
      sets as (
        select t.school_id, t.month, b.elements as before, coalesce(b.open, false) as was_open,
          a.elements as after,
          s.org_unit_id is not null and school_open_in(s.opened_on, s.closed_on, t.month) as is_open
        from touched t
        left join before b on b.school_id = t.school_id and b.month = t.month
        left join after a on a.school_id = t.school_id and a.month = t.month
        left join school s on s.org_unit_id = t.school_id
          and s.org_unit_id = any(array(select distinct org_unit_id from changes))
      ),
      kept as (
        insert into school_reported (school_id, month, elements, open)
        select school_id, month, after, is_open from sets where after is not null
        on conflict (school_id, month) do update set elements = excluded.elements, open = excluded.open
      ),
      emptied as (
        delete from school_reported r using sets s
        where r.school_id = s.school_id and r.month = s.month and s.after is null
      )
      insert into reported_total as t (org_unit_id, month, elements, schools)
      select a.ancestor_id, d.month, d.elements, sum(d.sign)
      from (
        select school_id, month, before as elements, -1 as sign from sets where was_open and before is not null
        union all
        select school_id, month, after, 1 from sets where is_open and after is not null
      ) d
      join school_ancestor a on a.school_id = d.school_id
        and a.school_id = any(array(select distinct org_unit_id from changes))
      group by a.ancestor_id, d.month, d.elements
      having sum(d.sign) <> 0
      order by 1, 2, 3
      on conflict (org_unit_id, month, elements) do update set schools = t.schools + excluded.schools`;
    await sql`
      create function ${sql.raw(`data_value_totals_${operation}`)}() returns trigger
      language plpgsql set extra_float_digits = 1 as $$
      begin
        -- An upsert that changed nothing still fires its statement's triggers.
        if not exists (select from ${sql.raw(written as string)}) then return null; end if;
        -- Writers take turns on the totals (every write touches the authority's rows, and two imports
        -- locking them in different orders could deadlock); readers are never blocked.
        perform pg_advisory_xact_lock(hashtext('headway element totals'));
        -- Sums and counts for every ancestor. value::text is the shortest exact form of the double, so a
        -- value added and later taken away leaves the numeric total exactly as it was.
        execute ${sql.lit(totals)};
        delete from element_total where schools = 0;
        -- Which elements each school reported in each month (only keys added or taken away change a
        -- set), and how many open schools beneath each ancestor reported each set.
        execute ${sql.lit(reported)};
        delete from reported_total where schools = 0;
        ${sql.raw(operation === 'delete' ? 'perform forget_deleted_schools(array(select distinct org_unit_id from old_values));' : '')}
        return null;
      end $$`.execute(db);
  }
  await sql`
    create trigger data_value_totals_insert after insert on data_value
      referencing new table as new_values for each statement execute function data_value_totals_insert();
    create trigger data_value_totals_update after update on data_value
      referencing old table as old_values new table as new_values
      for each statement execute function data_value_totals_update();
    create trigger data_value_totals_delete after delete on data_value
      referencing old table as old_values for each statement execute function data_value_totals_delete();
  `.execute(db);

  // The registry changed the places of some org units (inserted, deleted, given a new parent) or a school's
  // dates: every school beneath them, or that had them as ancestors, is taken out of the totals with the
  // ancestors and openness it was counted with, and put back with its new ones.
  await sql`
    -- Open schools by month, recounted for these ancestors (small: one row per pair of dates).
    create function recount_school_spans(ancestors integer[]) returns void language sql as $$
      delete from school_span where org_unit_id = any(ancestors);
      insert into school_span (org_unit_id, opened, closed, schools)
      select a.ancestor_id,
        coalesce(date_trunc('month', s.opened_on::timestamp)::date, '-infinity'),
        coalesce(date_trunc('month', s.closed_on::timestamp)::date, 'infinity'),
        count(*)
      from school_ancestor a join school s on s.org_unit_id = a.school_id
      where a.ancestor_id = any(ancestors)
      group by 1, 2, 3;
    $$;

    -- Once a deleted org unit's values are out of the totals, its ancestors are forgotten.
    create function forget_deleted_schools(ids integer[]) returns void language plpgsql as $$
    declare
      ancestors integer[];
    begin
      with gone as (
        delete from school_ancestor a
        where a.school_id = any(ids) and not exists (select from org_unit o where o.id = a.school_id)
        returning a.ancestor_id
      )
      select array_agg(distinct ancestor_id) into ancestors from gone;
      perform recount_school_spans(ancestors);
    end $$;

    create function refresh_school_places(changed integer[]) returns void
    language plpgsql set extra_float_digits = 1 as $$
    declare
      moved integer[];
      old_a integer[]; old_s integer[];
      new_a integer[]; new_s integer[];
    begin
      if changed is null or cardinality(changed) = 0 then return; end if;
      perform pg_advisory_xact_lock(hashtext('headway element totals'));

      with recursive beneath(id) as (
        select id from org_unit where id = any(changed)
        union
        select o.id from org_unit o join beneath b on o.parent_id = b.id
      )
      select array_agg(distinct id) into moved from (
        select id from beneath
        union all select school_id from school_ancestor where ancestor_id = any(changed) or school_id = any(changed)
        union all select unnest(changed)
      ) x;

      select array_agg(ancestor_id), array_agg(school_id) into old_a, old_s
      from school_ancestor where school_id = any(moved);

      with recursive up(school_id, ancestor_id) as (
        select o.id, o.parent_id from org_unit o join school s on s.org_unit_id = o.id
        where o.id = any(moved) and o.parent_id is not null
        union
        select up.school_id, o.parent_id from up join org_unit o on o.id = up.ancestor_id
        where o.parent_id is not null
      )
      select array_agg(ancestor_id), array_agg(school_id) into new_a, new_s from (
        select ancestor_id, school_id from up
        union all
        -- A school deleted from the registry takes its values with it (a cascade), but their own trigger
        -- fires after this one and takes them out of the totals through these ancestors: they stay
        -- until then (forget_deleted_schools).
        select a.ancestor_id, a.school_id from school_ancestor a
        where a.school_id = any(moved) and not exists (select from org_unit o where o.id = a.school_id)
          and exists (select from school_reported r where r.school_id = a.school_id)
      ) pairs;

      -- Sums: a school's values leave the ancestors it no longer has and join its new ones.
      with old_pairs as (select * from unnest(old_a, old_s) as p(ancestor_id, school_id)),
      new_pairs as (select * from unnest(new_a, new_s) as p(ancestor_id, school_id)),
      moves as (
        select *, -1 as sign from (select * from old_pairs except select * from new_pairs) gone
        union all
        select *, 1 from (select * from new_pairs except select * from old_pairs) came
      )
      insert into element_total as t (org_unit_id, element_id, month, total, schools)
      select m.ancestor_id, dv.element_id, dv.month, sum(m.sign * dv.value::text::numeric), sum(m.sign)
      from moves m
      join school_reported r on r.school_id = m.school_id
      cross join unnest(r.elements) as e(element_id)
      join data_value dv on dv.element_id = e.element_id and dv.org_unit_id = r.school_id and dv.month = r.month
      group by m.ancestor_id, dv.element_id, dv.month
      order by 1, 2, 3
      on conflict (org_unit_id, element_id, month) do update
        set total = t.total + excluded.total, schools = t.schools + excluded.schools;
      delete from element_total where schools = 0;

      -- Completeness: out with the old ancestors and openness, in with the new.
      with flags as (
        select r.school_id, r.month, r.elements, r.open as was_open,
          s.org_unit_id is not null and school_open_in(s.opened_on, s.closed_on, r.month) as is_open
        from school_reported r left join school s on s.org_unit_id = r.school_id
        where r.school_id = any(moved)
      ),
      reflagged as (
        update school_reported r set open = f.is_open from flags f
        where r.school_id = f.school_id and r.month = f.month and f.is_open <> f.was_open
      )
      insert into reported_total as t (org_unit_id, month, elements, schools)
      select d.ancestor_id, d.month, d.elements, sum(d.sign)
      from (
        select p.ancestor_id, f.month, f.elements, -1 as sign
        from unnest(old_a, old_s) as p(ancestor_id, school_id) join flags f on f.school_id = p.school_id
        where f.was_open
        union all
        select p.ancestor_id, f.month, f.elements, 1
        from unnest(new_a, new_s) as p(ancestor_id, school_id) join flags f on f.school_id = p.school_id
        where f.is_open
      ) d
      group by d.ancestor_id, d.month, d.elements
      having sum(d.sign) <> 0
      order by 1, 2, 3
      on conflict (org_unit_id, month, elements) do update set schools = t.schools + excluded.schools;
      delete from reported_total where schools = 0;

      delete from school_ancestor where school_id = any(moved);
      insert into school_ancestor (ancestor_id, school_id) select * from unnest(new_a, new_s);

      perform recount_school_spans(coalesce(old_a, '{}') || coalesce(new_a, '{}'));
    end $$;

    create function org_unit_places() returns trigger language plpgsql as $$
    declare
      changed integer[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(id) into changed from new_units;
      elsif tg_op = 'DELETE' then
        select array_agg(id) into changed from old_units;
      else
        select array_agg(coalesce(n.id, o.id)) into changed
        from new_units n full join old_units o on o.id = n.id
        where n.id is null or o.id is null or n.parent_id is distinct from o.parent_id;
      end if;
      perform refresh_school_places(changed);
      return null;
    end $$;

    create function school_places() returns trigger language plpgsql as $$
    declare
      changed integer[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(org_unit_id) into changed from new_schools;
      elsif tg_op = 'DELETE' then
        select array_agg(org_unit_id) into changed from old_schools;
      else
        select array_agg(coalesce(n.org_unit_id, o.org_unit_id)) into changed
        from new_schools n full join old_schools o on o.org_unit_id = n.org_unit_id
        where n.org_unit_id is null or o.org_unit_id is null
          or (n.opened_on, n.closed_on) is distinct from (o.opened_on, o.closed_on);
      end if;
      perform refresh_school_places(changed);
      return null;
    end $$;

    create trigger org_unit_places_insert after insert on org_unit
      referencing new table as new_units for each statement execute function org_unit_places();
    create trigger org_unit_places_update after update on org_unit
      referencing old table as old_units new table as new_units
      for each statement execute function org_unit_places();
    create trigger org_unit_places_delete after delete on org_unit
      referencing old table as old_units for each statement execute function org_unit_places();
    create trigger school_places_insert after insert on school
      referencing new table as new_schools for each statement execute function school_places();
    create trigger school_places_update after update on school
      referencing old table as old_schools new table as new_schools
      for each statement execute function school_places();
    create trigger school_places_delete after delete on school
      referencing old table as old_schools for each statement execute function school_places();
  `.execute(db);

  // Everything from scratch: for the data already there, and after a truncate (which row triggers miss).
  await sql`
    create function rebuild_element_totals() returns void
    language plpgsql set extra_float_digits = 1 as $$
    begin
      perform pg_advisory_xact_lock(hashtext('headway element totals'));
      truncate school_ancestor, element_total, school_reported, reported_total, school_span;
      insert into school_ancestor (ancestor_id, school_id)
      with recursive up(school_id, ancestor_id) as (
        select o.id, o.parent_id from org_unit o join school s on s.org_unit_id = o.id where o.parent_id is not null
        union
        select up.school_id, o.parent_id from up join org_unit o on o.id = up.ancestor_id where o.parent_id is not null
      )
      select ancestor_id, school_id from up;
      insert into element_total (org_unit_id, element_id, month, total, schools)
      select a.ancestor_id, dv.element_id, dv.month, sum(dv.value::text::numeric), count(*)
      from data_value dv join school_ancestor a on a.school_id = dv.org_unit_id
      group by 1, 2, 3;
      insert into school_reported (school_id, month, elements, open)
      select dv.org_unit_id, dv.month, array_agg(dv.element_id order by dv.element_id),
        bool_or(s.org_unit_id is not null and school_open_in(s.opened_on, s.closed_on, dv.month))
      from data_value dv left join school s on s.org_unit_id = dv.org_unit_id
      group by 1, 2;
      insert into reported_total (org_unit_id, month, elements, schools)
      select a.ancestor_id, r.month, r.elements, count(*)
      from school_reported r join school_ancestor a on a.school_id = r.school_id
      where r.open
      group by 1, 2, 3;
      insert into school_span (org_unit_id, opened, closed, schools)
      select a.ancestor_id,
        coalesce(date_trunc('month', s.opened_on::timestamp)::date, '-infinity'),
        coalesce(date_trunc('month', s.closed_on::timestamp)::date, 'infinity'),
        count(*)
      from school_ancestor a join school s on s.org_unit_id = a.school_id
      group by 1, 2, 3;
    end $$;

    create function rebuild_element_totals_after_truncate() returns trigger language plpgsql as $$
    begin
      perform rebuild_element_totals();
      return null;
    end $$;
    create trigger data_value_totals_truncate after truncate on data_value
      for each statement execute function rebuild_element_totals_after_truncate();
    create trigger org_unit_places_truncate after truncate on org_unit
      for each statement execute function rebuild_element_totals_after_truncate();
    create trigger school_places_truncate after truncate on school
      for each statement execute function rebuild_element_totals_after_truncate();

    select rebuild_element_totals();
    analyze school_ancestor, element_total, school_reported, reported_total, school_span;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger data_value_totals_insert on data_value;
    drop trigger data_value_totals_update on data_value;
    drop trigger data_value_totals_delete on data_value;
    drop trigger data_value_totals_truncate on data_value;
    drop trigger org_unit_places_insert on org_unit;
    drop trigger org_unit_places_update on org_unit;
    drop trigger org_unit_places_delete on org_unit;
    drop trigger org_unit_places_truncate on org_unit;
    drop trigger school_places_insert on school;
    drop trigger school_places_update on school;
    drop trigger school_places_delete on school;
    drop trigger school_places_truncate on school;
    drop function rebuild_element_totals_after_truncate();
    drop function rebuild_element_totals();
    drop function org_unit_places();
    drop function school_places();
    drop function refresh_school_places(integer[]);
    drop function forget_deleted_schools(integer[]);
    drop function recount_school_spans(integer[]);
    drop function data_value_totals_insert();
    drop function data_value_totals_update();
    drop function data_value_totals_delete();
    drop function school_open_in(date, date, date);
    drop table school_span; drop table reported_total; drop table school_reported;
    drop table element_total; drop table school_ancestor;
    alter table data_value drop constraint data_value_finite;
  `.execute(db);
}
