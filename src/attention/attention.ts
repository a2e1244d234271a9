// Which schools need attention, and why: one model for the whole authority, computed once per data
// version and filtered to the caller's scope. The school profile, the area page and pack, the overview,
// the agenda and GET /attention all read it, so their counts agree.
import { sql } from 'kysely';
import { canSee, requirePermission, requireVisible } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { describesNoSchool } from '../kpi/computed-elements.ts';
import { indicatorConcerns } from '../kpi/concerns.ts';
import type { IndicatorResult } from '../kpi/contract.ts';
import { bandOf, formatValue, type Indicator, listIndicators } from '../kpi/indicators.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { parsePeriod, shiftPeriod } from '../kpi/periods.ts';
import { reportingCounts, resolveUnits } from '../kpi/queries.ts';
import { rollupIndicators } from '../kpi/rollup.ts';
import { headshipOf } from '../registry/headship.ts';
import { headPostsFor } from '../registry/queries.ts';
import { unitsBeneath } from '../registry/sql.ts';
import { isContextualValueAdded } from '../value-added/catalogue.ts';
import { latestCohortFits } from '../value-added/value-added.ts';
import type { AreaAttention, Attention, SchoolAttention, Severity } from './contract.ts';
import { latestInspections } from './inspections.ts';
import { type OverdueChallenge, openSchoolsWithAreaQuery, overdueChallengesQuery } from './queries.ts';
import {
  type AttentionFacts,
  compareSchools,
  type IndicatorFact,
  reasonsOf,
  type ValueAddedFact,
} from './rules.ts';
import { attentionSettings } from './settings.ts';

interface AuthorityAttention {
  period: string;
  asOf: string;
  /** Every open school, needing attention or not, in watchlist order (those needing it first). */
  schools: SchoolAttention[];
  /** Per school: red measures, and whether a return was expected and sent this period. */
  returns: Map<string, { expected: boolean; sent: boolean; red: number }>;
  areas: { code: string; name: string }[];
}

/** Headship, inspections and challenges are read at the period's end, or today if that is sooner. */
function asOfFor(context: Context, periodId: string): string {
  const end = parsePeriod(periodId, context.settings.academicYearStart).end;
  return [end, context.today].sort()[0] as string;
}

/** The whole authority's attention for a period, as anyone may see it: computed once per data version. */
async function authorityAttention(context: Context, periodId: string): Promise<AuthorityAttention> {
  const { db, settings } = context;
  const asOf = asOfFor(context, periodId);
  return computedOnce(db, `attention ${periodId} ${asOf} ${settings.academicYearStart}`, () =>
    computeAttention(db, settings, periodId, asOf),
  );
}

const shown = (indicator: Indicator, value: number | null) =>
  value === null
    ? 'no value'
    : `${formatValue(indicator, value)}${indicator.unit === '%' ? '' : ` ${indicator.unit}`}`.trim();

async function computeAttention(
  db: Db,
  settings: Settings,
  periodId: string,
  asOf: string,
): Promise<AuthorityAttention> {
  const period = parsePeriod(periodId, settings.academicYearStart);
  const previous = shiftPeriod(period, -1, settings.academicYearStart);
  const rules = await attentionSettings(db);
  const { rows: schools } = await openSchoolsWithAreaQuery(asOf).execute(db);
  const codes = schools.map((s) => s.code);
  const units = await resolveUnits(db, { codes });
  // Value added is judged by its significance below, not its KPI band; the challenge measures describe
  // how the log is run, not a school. A school above its staffing norm is a reason, though computed.
  const all = await listIndicators(db);
  const indicators = all.filter((i) => !isContextualValueAdded(i.code) && !describesNoSchool(i));
  const elements = [...new Set(indicators.flatMap((i) => i.elements))];
  const [results, counts, inspections, posts, valueAdded, overdue, areas] = await Promise.all([
    rollupIndicators(db, indicators, units, period, { academicYearStart: settings.academicYearStart }),
    reportingCounts(db, units, elements, [previous, period]),
    latestInspections(db, asOf),
    headPostsFor(
      db,
      schools.map((s) => s.id),
    ),
    valueAddedBelow(db, asOf),
    overdueChallengesQuery(asOf).execute(db),
    db.selectFrom('org_unit').select(['code', 'name']).where('level', '=', 'area').orderBy('code').execute(),
  ]);

  const facts = new Map<string, IndicatorFact[]>();
  for (const indicator of indicators) {
    const declines = new Map(
      indicatorConcerns(indicator, (results.get(indicator.code) ?? []) as IndicatorResult[])
        .filter((c) => c.rule === 'declining')
        .map((c) => [c.school, c]),
    );
    for (const r of results.get(indicator.code) ?? []) {
      const before = r.series.length >= 2 ? r.series[r.series.length - 2] : undefined;
      const decline = declines.get(r.org_unit);
      const fact: IndicatorFact = {
        indicator: indicator.code,
        name: indicator.name,
        measure: rules.measures[indicator.code] ?? indicator.code,
        shown: shown(indicator, r.value),
        value: r.value,
        band: r.band,
        previous: before
          ? {
              period: before.period,
              band: bandOf(indicator, before.value),
              shown: shown(indicator, before.value),
            }
          : null,
        decline: decline
          ? {
              drop: Number(decline.figures.drop),
              periods: Number(decline.figures.periods),
              slope: Number(decline.figures.slope_per_period),
              words: decline.reason,
            }
          : null,
      };
      facts.set(r.org_unit, [...(facts.get(r.org_unit) ?? []), fact]);
    }
  }
  const returned = new Map<string, { current: boolean | null; previous: boolean | null }>();
  for (const c of counts) {
    const entry = returned.get(c.unit_code) ?? { current: null, previous: null };
    const sent = c.expected > 0 ? c.reported > 0 : null;
    if (c.period === period.id) entry.current = sent;
    else entry.previous = sent;
    returned.set(c.unit_code, entry);
  }
  const overdueBySchool = new Map<string, OverdueChallenge[]>();
  for (const c of overdue.rows) overdueBySchool.set(c.school, [...(overdueBySchool.get(c.school) ?? []), c]);
  const postsBySchool = new Map<string, typeof posts.schoolPosts>();
  for (const p of posts.schoolPosts)
    postsBySchool.set(p.school_code, [...(postsBySchool.get(p.school_code) ?? []), p]);

  const returns: AuthorityAttention['returns'] = new Map();
  const attention: SchoolAttention[] = schools.map((school) => {
    const school_facts: AttentionFacts = {
      period: period.id,
      previousPeriod: previous.id,
      inspection: inspections.get(school.id) ?? null,
      headship: headshipOf(postsBySchool.get(school.code) ?? [], posts.careerPosts, asOf),
      indicators: facts.get(school.code) ?? [],
      valueAddedBelow: valueAdded.get(school.code) ?? [],
      returned: returned.get(school.code) ?? { current: null, previous: null },
      overdue: overdueBySchool.get(school.code) ?? [],
    };
    const reasons = reasonsOf(school_facts, rules);
    const current = school_facts.returned.current;
    returns.set(school.code, {
      expected: current !== null,
      sent: current === true,
      red: reasons.filter((r) => r.kind === 'indicator_red' || r.kind === 'indicator_red_two_periods').length,
    });
    return {
      code: school.code,
      name: school.name,
      area: school.area,
      area_name: school.area_name,
      severity: reasons[0]?.severity ?? null,
      rank: null,
      reasons,
    };
  });
  attention.sort((a, b) => {
    const needA = a.reasons.length > 0 ? 0 : 1;
    const needB = b.reasons.length > 0 ? 0 : 1;
    return needA - needB || compareSchools(a, b);
  });
  let rank = 0;
  for (const s of attention) if (s.reasons.length > 0) s.rank = ++rank;
  return { period: period.id, asOf, schools: attention, returns, areas };
}

/** Value added significantly below in each stage's latest cohort published by the date (July). */
async function valueAddedBelow(db: Db, asOf: string): Promise<Map<string, ValueAddedFact[]>> {
  const below = new Map<string, ValueAddedFact[]>();
  for (const { fit, ...cohort } of await latestCohortFits(db, asOf)) {
    const ranked = [...fit.model.schools].sort((a, b) => b.effect - a.effect);
    ranked.forEach((s, i) => {
      if (s.band !== 'below') return;
      const fact = {
        ...cohort,
        effect: s.effect,
        lower: s.lower,
        upper: s.upper,
        rank: i + 1,
        of: ranked.length,
      };
      below.set(s.school, [...(below.get(s.school) ?? []), fact]);
    });
  }
  return below;
}

const severityCounts = (schools: SchoolAttention[]) => {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const s of schools) if (s.severity) counts[s.severity] += 1;
  return counts;
};

function summary(schools: SchoolAttention[], returns: AuthorityAttention['returns']) {
  const needing = schools.filter((s) => s.reasons.length > 0);
  let expected = 0;
  let sent = 0;
  let red = 0;
  for (const s of schools) {
    const r = returns.get(s.code);
    if (!r) continue;
    if (r.expected) expected += 1;
    if (r.sent) sent += 1;
    red += r.red;
  }
  return {
    schools: schools.length,
    needing_attention: needing.length,
    by_severity: severityCounts(needing),
    red_indicators: red,
    late_returns: expected - sent,
    completeness: expected > 0 ? sent / expected : null,
  };
}

/**
 * The watchlist for the caller: every school in their scope (or the area asked for) needing attention,
 * most severe first, with its reasons, and per area the counts of schools needing attention, red
 * measures and late returns, and the period's completeness.
 */
export async function schoolsNeedingAttention(
  context: Context,
  query: { period?: string; area?: string },
): Promise<Attention> {
  const { actor } = context;
  requirePermission(actor, 'kpi:read');
  if (query.area) requireVisible(actor, query.area, `Area ${query.area}`);
  const whole = await authorityAttention(context, await periodOrLatest(context, query.period));
  if (query.area && !whole.areas.some((a) => a.code === query.area)) throw notFound(`Area ${query.area}`);
  const mine = whole.schools.filter(
    (s) => canSee(actor, s.code) && (query.area === undefined || s.area === query.area),
  );
  const areas: AreaAttention[] = whole.areas
    .filter((a) => canSee(actor, a.code) && (query.area === undefined || a.code === query.area))
    .map((a) => ({
      code: a.code,
      name: a.name,
      ...summary(
        whole.schools.filter((s) => s.area === a.code),
        whole.returns,
      ),
    }));
  return {
    period: whole.period,
    as_of: whole.asOf,
    schools: mine.filter((s) => s.reasons.length > 0),
    areas,
    totals: summary(mine, whole.returns),
  };
}

/** One school's reasons (its profile's "Causes for concern"): empty when it needs no attention. */
export async function attentionOf(
  context: Context,
  school: string,
  period: string | undefined,
): Promise<SchoolAttention | null> {
  requirePermission(context.actor, 'kpi:read');
  requireVisible(context.actor, school, `School ${school}`);
  const whole = await authorityAttention(context, await periodOrLatest(context, period));
  return whole.schools.find((s) => s.code === school) ?? null;
}

/** Every school of the authority needing attention, for those who draft for the whole authority (the agenda). */
export async function attentionUnder(
  context: Context,
  unit: string,
  period: string,
): Promise<SchoolAttention[]> {
  requirePermission(context.actor, 'kpi:read');
  requireVisible(context.actor, unit, `Unit ${unit}`);
  const whole = await authorityAttention(context, period);
  const { rows } = await sql<{ code: string }>`
    with recursive ${unitsBeneath('under', sql`code = ${unit}`)}
    select o.code from org_unit o join under u on u.id = o.id where o.level = 'school'`.execute(context.db);
  const beneath = new Set(rows.map((r) => r.code));
  return whole.schools.filter((s) => s.reasons.length > 0 && beneath.has(s.code));
}

/**
 * Every open school's attention on a date, read in a month (the stages' rules read it for each term's
 * end): the same computation and cache as the watchlist, for callers that hold no request.
 */
export async function everySchoolsAttention(
  db: Db,
  settings: Settings,
  periodId: string,
  asOf: string,
): Promise<SchoolAttention[]> {
  const whole = await computedOnce(db, `attention ${periodId} ${asOf} ${settings.academicYearStart}`, () =>
    computeAttention(db, settings, periodId, asOf),
  );
  return whole.schools;
}
