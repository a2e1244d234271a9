// What the challenges board shows beside the list: the measures by area, owner or category over a run
// of months or terms, and the ageing of what is still open. Both cover only what the caller may see.
import { sql } from 'kysely';
import { canSee } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { parsePeriod, periodsEndingWith } from '../kpi/periods.ts';
import { challengeVisibleTo, requireReader } from './access.ts';
import type {
  AgeingDimension,
  ChallengeAgeing,
  ChallengeMeasures,
  MeasuresQuery,
  PeriodMeasures,
} from './challenge-contract.ts';
import { measuresBy } from './measures.ts';
import { challengeReach } from './reach.ts';

async function visibleChallengeIds({ db, actor }: Context): Promise<number[]> {
  const { rows } = await sql<{
    id: number;
  }>`select c.id from challenge c where ${challengeVisibleTo(actor)}`.execute(db);
  return rows.map((r) => r.id);
}

/** The measures over `q.periods` months or terms ending with `q.period` (default: this month). */
export async function challengeMeasures(context: Context, q: MeasuresQuery): Promise<ChallengeMeasures> {
  const { db, actor } = context;
  const { academicYearStart } = context.settings;
  requireReader(actor);
  const period = q.period ?? context.today.slice(0, 7);
  const last = parsePeriod(period, academicYearStart);
  if (last.type !== 'month' && last.type !== 'term')
    throw new HeadwayError(
      'invalid',
      `period: measures are by month (2026-10) or term (2026-27T1), not ${period}`,
    );
  const periods = periodsEndingWith(last, q.periods, academicYearStart);
  const rows = await measuresBy(db, q.by, await visibleChallengeIds(context), periods);
  const shown = q.by === 'area' ? rows.filter((r) => canSee(actor, r.group_key)) : rows;
  const groups = new Map<string, { key: string; name: string; periods: PeriodMeasures[] }>();
  for (const { group_key, name, ...measure } of shown) {
    if (!groups.has(group_key)) groups.set(group_key, { key: group_key, name, periods: [] });
    groups.get(group_key)?.periods.push({
      ...measure,
      median_days: measure.median_days === null ? null : Number(measure.median_days),
      p90_days: measure.p90_days === null ? null : Number(measure.p90_days),
    });
  }
  return { by: q.by, periods: periods.map((p) => p.id), groups: [...groups.values()] };
}

const ageBands = ['0-30', '31-60', '61-90', '91-180', 'over 180'] as const;

/** Open challenges (open or in progress) by how long they have been open, per area or category. */
export async function challengeAgeing(context: Context, by: AgeingDimension): Promise<ChallengeAgeing> {
  const { db, actor, today } = context;
  requireReader(actor);
  const { rows } = await sql<{
    key: string;
    name: string;
    band: string;
    challenges: number;
    overdue: number;
  }>`
    with recursive ${challengeReach},
    open_challenges as (
      select c.id, c.category, c.due_on, ${today}::date - c.raised_on as age
      from challenge c where c.status in ('open', 'in_progress') and ${challengeVisibleTo(actor)}
    ),
    grouped as (
      ${
        by === 'area'
          ? sql`select distinct o.code as key, o.name, oc.id, oc.age, oc.due_on
              from open_challenges oc join reach r on r.challenge_id = oc.id
              join org_unit o on o.id = r.id and o.level = 'area'`
          : sql`select cat.code as key, cat.name, oc.id, oc.age, oc.due_on
              from open_challenges oc join challenge_category cat on cat.code = oc.category`
      }
    )
    select key, name,
      case when age <= 30 then '0-30' when age <= 60 then '31-60' when age <= 90 then '61-90'
           when age <= 180 then '91-180' else 'over 180' end as band,
      count(*)::int as challenges,
      count(*) filter (where due_on < ${today}::date)::int as overdue
    from grouped group by key, name, band order by name, key`.execute(db);
  const groups = new Map<
    string,
    { key: string; name: string; bands: Record<string, number>; open: number; overdue: number }
  >();
  for (const r of rows) {
    if (by === 'area' && !canSee(actor, r.key)) continue;
    const group = groups.get(r.key) ?? {
      key: r.key,
      name: r.name,
      bands: Object.fromEntries(ageBands.map((b) => [b, 0])),
      open: 0,
      overdue: 0,
    };
    group.bands[r.band] = r.challenges;
    group.open += r.challenges;
    group.overdue += r.overdue;
    groups.set(r.key, group);
  }
  return { by, bands: [...ageBands], groups: [...groups.values()] };
}
