// Reorganising a strategy with its history: a change log (who, when, why, and what moved), and the
// superseded states of strands and actions with the dates they held, so the plan as it stood on any
// day can be rebuilt. Triggers keep the superseded states, so every writer (the reorganisation verbs,
// the edit forms, a workbook import) leaves history behind; the date a change takes effect is the
// transaction's `headway.on_date` setting where a verb sets it, and today otherwise.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table strategy_strand add column created_on date not null default current_date;
    alter table strategy_strand add column retired_on date;
    update strategy_strand st set created_on = s.created_on from strategy s where s.id = st.strategy_id;
    create table strategy_change (
      id serial primary key,
      strategy_id integer not null references strategy(id) on delete cascade,
      kind text not null
        check (kind in ('move_action', 'merge_strands', 'split_strand', 'retire_strand', 'edit_strand')),
      on_date date not null,
      recorded_at timestamptz not null default now(),
      author text not null,
      author_person_id integer references person(id),
      reason text not null check (length(trim(reason)) > 0),
      summary text not null,
      -- The strands and actions before and after: { strands: [...ids], actions: [...ids], ... }.
      details jsonb not null
    );
    create index strategy_change_strategy on strategy_change(strategy_id, on_date, id);
    -- A strand as it was from valid_from until valid_to (exclusive); its current row holds from the
    -- last valid_to (or its created_on) on.
    create table strategy_strand_past (
      strand_id integer not null references strategy_strand(id) on delete cascade,
      valid_from date not null,
      valid_to date not null,
      code text not null,
      name text not null,
      lead_person_id integer references person(id),
      retired_on date
    );
    create index strategy_strand_past_strand on strategy_strand_past(strand_id, valid_to);
    create table strategy_action_past (
      action_id integer not null references strategy_action(id) on delete cascade,
      valid_from date not null,
      valid_to date not null,
      strand_id integer not null references strategy_strand(id) on delete cascade,
      parent_action_id integer references strategy_action(id) on delete cascade,
      code text not null,
      title text not null,
      lead_person_id integer references person(id)
    );
    create index strategy_action_past_action on strategy_action_past(action_id, valid_to);
    create index strategy_action_past_strand on strategy_action_past(strand_id);

    create function strategy_on_date() returns date language sql stable as $$
      select coalesce(nullif(current_setting('headway.on_date', true), '')::date, current_date)
    $$;

    create function strategy_strand_keep_past() returns trigger language plpgsql as $$
    declare
      since date;
    begin
      if (old.code, old.name, old.lead_person_id, old.retired_on)
         is not distinct from (new.code, new.name, new.lead_person_id, new.retired_on) then
        return new;
      end if;
      select coalesce(max(valid_to), old.created_on) into since
        from strategy_strand_past where strand_id = old.id;
      insert into strategy_strand_past (strand_id, valid_from, valid_to, code, name, lead_person_id, retired_on)
        values (old.id, since, greatest(since, strategy_on_date()), old.code, old.name, old.lead_person_id,
                old.retired_on);
      return new;
    end $$;
    create trigger strategy_strand_keep_past before update on strategy_strand
      for each row execute function strategy_strand_keep_past();

    create function strategy_action_keep_past() returns trigger language plpgsql as $$
    declare
      since date;
    begin
      if (old.strand_id, old.parent_action_id, old.code, old.title, old.lead_person_id)
         is not distinct from (new.strand_id, new.parent_action_id, new.code, new.title, new.lead_person_id) then
        return new;
      end if;
      select coalesce(max(valid_to), old.created_on) into since
        from strategy_action_past where action_id = old.id;
      insert into strategy_action_past (action_id, valid_from, valid_to, strand_id, parent_action_id, code,
                                        title, lead_person_id)
        values (old.id, since, greatest(since, strategy_on_date()), old.strand_id, old.parent_action_id,
                old.code, old.title, old.lead_person_id);
      return new;
    end $$;
    create trigger strategy_action_keep_past before update on strategy_action
      for each row execute function strategy_action_keep_past();

    create trigger strategy_change_audit after insert or update or delete on strategy_change
      for each row execute function audit_row_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger strategy_action_keep_past on strategy_action;
    drop trigger strategy_strand_keep_past on strategy_strand;
    drop function strategy_action_keep_past(); drop function strategy_strand_keep_past();
    drop function strategy_on_date();
    drop table strategy_action_past; drop table strategy_strand_past; drop table strategy_change;
    alter table strategy_strand drop column retired_on; alter table strategy_strand drop column created_on;
  `.execute(db);
}
