// The demo's values by sex (issue 25): enrolment and attendance kept by sex for every school-month,
// their totals exactly the values generated before (kpi.ts), so no other figure of the demo moves. The
// gender parity index of enrolment is drawn for each area between 0.95 and 1.02 with a little spread
// by school; girls attend a little better or worse than boys by school.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { assignCategoryCombo } from '../kpi/categories.ts';
import type { Random } from '../random.ts';

const BY_SEX = ['pupils_enrolled', 'sessions_possible', 'sessions_attended'];

export async function loadDemoCategories(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<void> {
  const context = contextFor(db, actor, { today: referenceDate });
  for (const element of BY_SEX)
    await assignCategoryCombo(context, element, { combo: 'sex', aggregation: 'sum' });
  const { rows: schools } = await sql<{ id: number; area: string | null }>`
    select s.org_unit_id as id,
      (select a.code from school_ancestor sa join org_unit a on a.id = sa.ancestor_id
       where sa.school_id = s.org_unit_id and a.level = 'area') as area
    from school s order by s.org_unit_id`.execute(db);
  const areaParity = new Map<string | null, number>();
  const ids: number[] = [];
  const girlsShare: number[] = [];
  const attendanceParity: number[] = [];
  for (const school of schools) {
    if (!areaParity.has(school.area)) areaParity.set(school.area, 0.95 + 0.07 * random.float());
    const parity = (areaParity.get(school.area) as number) + random.normal(0, 0.015);
    ids.push(school.id);
    girlsShare.push(parity / (1 + parity));
    attendanceParity.push(random.normal(1.003, 0.006));
  }
  // Girls' enrolment and possible sessions by the school's share; girls' attended sessions so that their
  // rate over boys' is the school's attendance parity; boys have the rest, so every total is unchanged.
  await db.transaction().execute(async (trx) => {
    // Tens of thousands of generated values are audited as one event, as the demo's other values are.
    await withoutRowAudit(trx);
    const { rows } = await sql<{ rows: number }>`
    with schools as (
      select * from unnest(${ids}::int[], ${girlsShare}::float8[], ${attendanceParity}::float8[])
        as s(id, share, parity)
    ),
    elements as (select id, code from data_element where code = any(${BY_SEX}::text[])),
    totals as (
      select dv.org_unit_id, dv.month, s.share, s.parity,
        max(dv.value) filter (where e.code = 'pupils_enrolled') as enrolled,
        max(dv.value) filter (where e.code = 'sessions_possible') as possible,
        max(dv.value) filter (where e.code = 'sessions_attended') as attended
      from data_value dv join elements e on e.id = dv.element_id join schools s on s.id = dv.org_unit_id
      group by dv.org_unit_id, dv.month, s.share, s.parity
    ),
    girls as (
      select *, round(enrolled * share) as g_enrolled, round(possible * share) as g_possible
      from totals
    ),
    split as (
      select *,
        least(g_possible, greatest(attended - (possible - g_possible),
          round(attended * g_possible * parity / nullif(g_possible * parity + (possible - g_possible), 0)))) as g_attended
      from girls
    ),
    by_sex as (
      select org_unit_id, month, 'pupils_enrolled' as element, g_enrolled as female, enrolled - g_enrolled as male from split where enrolled is not null
      union all
      select org_unit_id, month, 'sessions_possible', g_possible, possible - g_possible from split where possible is not null
      union all
      select org_unit_id, month, 'sessions_attended', g_attended, attended - g_attended from split where attended is not null and possible is not null
    )
    insert into data_value_option (org_unit_id, element_id, month, option_combo_id, value)
    select v.org_unit_id, e.id, v.month, coc.id, case coc.code when 'FEMALE' then v.female else v.male end
    from by_sex v join elements e on e.code = v.element
    join category_option_combo coc on coc.combo_id = (select id from category_combo where code = 'sex')
    order by e.id, v.org_unit_id, v.month, coc.id
    on conflict (element_id, org_unit_id, month, option_combo_id) do update set value = excluded.value
      where data_value_option.value is distinct from excluded.value
    returning 1`.execute(trx);
    await recordAudit(trx, actor, 'import', 'data-values', { file: 'demo values by sex', rows: rows.length });
  });
}
