// A category combination's option combinations: one option of each of its categories, coded by joining
// the options' codes ("FEMALE_G1"). Written by the migration that ships the categories and by an
// authority saving its own, so both make them alike.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';

/** Every option combination of the combination `code` (cross product of its categories' options), named afresh. */
export async function writeOptionCombos(db: Db, code: string): Promise<void> {
  await sql`
    with recursive combo as (select id from category_combo where code = ${code}),
    members as (
      select cc.category_id, cc.position from category_combo_category cc join combo on cc.combo_id = combo.id
    ),
    crossed (position, codes, names, ids, places) as (
      select 0, array[]::text[], array[]::text[], array[]::integer[], array[]::integer[]
      union all
      select m.position, x.codes || o.code, x.names || o.name, x.ids || o.id, x.places || o.position
      from crossed x
      join members m on m.position = (select min(position) from members where position > x.position)
      join category_option o on o.category_id = m.category_id
    )
    insert into category_option_combo (combo_id, code, name, option_ids)
    select combo.id, array_to_string(codes, '_'), array_to_string(names, ', '), ids
    from crossed, combo
    where cardinality(ids) = (select count(*) from members)
    order by places
    on conflict (combo_id, code) do update set name = excluded.name, option_ids = excluded.option_ids`.execute(
    db,
  );
}
