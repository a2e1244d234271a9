// Whether support worked: for each finished deployment, the change in the school's indicators from the
// term before it began to the term after it ended (value added: the year before to the year after),
// beside the mean change of similar schools that were not supported in that window (same phase, size
// within a third, the nearest starting levels); summarised by role and by leader.
import { sql } from 'kysely';
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { merit } from '../kpi/direction.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { academicYearOf, type Period, parsePeriod, shiftPeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { personName } from '../registry/sql.ts';
import { isStageIndicator } from '../value-added/catalogue.ts';
import type { BrokeringSettings } from './contract.ts';
import type { DeploymentImpact, Impact, ImpactRow, IndicatorImpact } from './deployment-contract.ts';
import { brokeringSettings } from './settings.ts';

/** Similar schools compared with each supported one. */
const COMPARISON_SCHOOLS = 5;
const SIZE_TOLERANCE = 1 / 3;

interface DeploymentRow {
  id: number;
  person_id: number;
  leader: string;
  leader_name: string;
  school_id: number;
  school: string;
  school_name: string;
  role: string;
  indicator: string | null;
  starts_on: string;
  ends_on: string;
}

interface SchoolRow {
  id: number;
  code: string;
  phase: string;
  capacity: number | null;
}

/** The term a date falls in. */
function termOf(date: string, academicYearStart: number): Period {
  const year = academicYearOf(date.slice(0, 7), academicYearStart);
  const terms = [1, 2, 3].map((t) => parsePeriod(`${year}T${t}`, academicYearStart));
  return terms.find((t) => t.start <= date && date <= t.end) as Period;
}

/** Value added is published once a year, in July: the years before and after the deployment. */
function valueAddedYears(d: DeploymentRow, academicYearStart: number): [Period, Period] {
  const before = shiftPeriod(
    parsePeriod(academicYearOf(d.starts_on.slice(0, 7), academicYearStart), academicYearStart),
    -1,
    academicYearStart,
  );
  let after = parsePeriod(academicYearOf(d.ends_on.slice(0, 7), academicYearStart), academicYearStart);
  if (d.ends_on.slice(5, 7) >= '07' && d.ends_on.slice(5, 7) < String(academicYearStart).padStart(2, '0'))
    after = shiftPeriod(after, 1, academicYearStart);
  return [before, after];
}

function windowOf(d: DeploymentRow, indicator: string, academicYearStart: number): [Period, Period] {
  if (isStageIndicator(indicator)) return valueAddedYears(d, academicYearStart);
  return [
    shiftPeriod(termOf(d.starts_on, academicYearStart), -1, academicYearStart),
    shiftPeriod(termOf(d.ends_on, academicYearStart), 1, academicYearStart),
  ];
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x: number | null, d = 3) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

async function deploymentImpacts(
  db: Db,
  config: Settings,
  settings: BrokeringSettings,
  filter: { deployment?: number; person?: number } = {},
): Promise<DeploymentImpact[]> {
  const { rows: finished } = await sql<DeploymentRow>`
    select d.id, d.person_id, pe.code as leader, ${personName('pe')} as leader_name,
      n.school_id, o.code as school, o.name as school_name, d.role, n.indicator,
      to_char(d.starts_on, 'YYYY-MM-DD') as starts_on, to_char(d.ends_on, 'YYYY-MM-DD') as ends_on
    from deployment d join support_need n on n.id = d.need_id join org_unit o on o.id = n.school_id
    join person pe on pe.id = d.person_id
    where d.status in ('finished', 'ended_early')
      and (${filter.deployment ?? null}::int is null or d.id = ${filter.deployment ?? null})
      and (${filter.person ?? null}::int is null or d.person_id = ${filter.person ?? null})
    order by d.ends_on, d.id`.execute(db);
  if (finished.length === 0) return [];
  const [{ rows: schools }, { rows: supported }, indicators] = await Promise.all([
    sql<SchoolRow>`select o.id, o.code, s.phase, s.capacity from school s join org_unit o on o.id = s.org_unit_id`.execute(
      db,
    ),
    sql<{ school_id: number; starts_on: string; ends_on: string }>`
      select n.school_id, to_char(d.starts_on, 'YYYY-MM-DD') as starts_on, to_char(d.ends_on, 'YYYY-MM-DD') as ends_on
      from deployment d join support_need n on n.id = d.need_id`.execute(db),
    listIndicators(db),
  ]);
  const indicatorByCode = new Map(indicators.map((i) => [i.code, i]));
  const allSchools = await resolveUnits(db, { level: 'school' });
  // Each indicator and period is rolled up once for every school, however many deployments ask for it.
  const cache = new Map<string, Promise<Map<string, number | null>>>();
  const valuesOf = (indicator: Indicator, period: Period) => {
    const key = `${indicator.code}|${period.id}`;
    if (!cache.has(key))
      cache.set(
        key,
        rollupIndicator(db, indicator, allSchools, period, { ...config, trendPeriods: 1 }).then(
          (rows) => new Map(rows.map((r) => [r.org_unit, r.value])),
        ),
      );
    return cache.get(key) as Promise<Map<string, number | null>>;
  };
  const schoolById = new Map(schools.map((s) => [s.id, s]));
  const impacts: DeploymentImpact[] = [];
  for (const d of finished) {
    const school = schoolById.get(d.school_id) as SchoolRow;
    const codes = [...new Set([...settings.impact_indicators, ...(d.indicator ? [d.indicator] : [])])];
    const measured: IndicatorImpact[] = [];
    for (const code of codes) {
      const indicator = indicatorByCode.get(code);
      if (!indicator) continue;
      const [before, after] = windowOf(d, code, config.academicYearStart);
      const [beforeValues, afterValues] = await Promise.all([
        valuesOf(indicator, before),
        valuesOf(indicator, after),
      ]);
      const start = beforeValues.get(d.school) ?? null;
      const end = afterValues.get(d.school) ?? null;
      const busy = new Set(
        supported
          .filter((s) => s.starts_on <= after.end && s.ends_on >= before.start)
          .map((s) => s.school_id),
      );
      const similar = schools
        .filter(
          (s) =>
            !busy.has(s.id) &&
            s.phase === school.phase &&
            (school.capacity === null ||
              s.capacity === null ||
              Math.abs(s.capacity - school.capacity) <= SIZE_TOLERANCE * school.capacity),
        )
        .flatMap((s) => {
          const b = beforeValues.get(s.code);
          const a = afterValues.get(s.code);
          return b == null || a == null ? [] : [{ code: s.code, before: b, change: a - b }];
        })
        .sort(
          (x, y) =>
            Math.abs(x.before - (start ?? 0)) - Math.abs(y.before - (start ?? 0)) ||
            x.code.localeCompare(y.code),
        )
        .slice(0, COMPARISON_SCHOOLS);
      const change = start === null || end === null ? null : end - start;
      const comparison = mean(similar.map((s) => s.change));
      // Better by the indicator's direction: for a parity index, the distance from 1 closed.
      const gain = (from: number, to: number) =>
        merit(indicator.direction, to) - merit(indicator.direction, from);
      const comparisonGain = mean(similar.map((s) => gain(s.before, s.before + s.change)));
      measured.push({
        indicator: code,
        name: indicator.name,
        before_period: before.id,
        after_period: after.id,
        before: round(start),
        after: round(end),
        change: round(change),
        comparison_schools: similar.map((s) => s.code),
        comparison_change: round(comparison),
        difference:
          start === null || end === null || comparisonGain === null
            ? null
            : round(gain(start, end) - comparisonGain),
      });
    }
    const differences = measured.flatMap((m) => (m.difference === null ? [] : [m.difference]));
    const { id, indicator: _i, school_id: _s, ...rest } = d;
    impacts.push({ deployment: id, ...rest, indicators: measured, relative: round(mean(differences)) });
  }
  return impacts;
}

/** Each leader's finished deployments and how many moved their school more than similar schools. */
/** Every finished deployment's impact, kept per data version (and brokering settings). */
function allDeploymentImpacts(db: Db, config: Settings, settings: BrokeringSettings) {
  return computedOnce(db, `deployment impacts ${config.academicYearStart} ${JSON.stringify(settings)}`, () =>
    deploymentImpacts(db, config, settings),
  );
}

export async function trackRecords(db: Db, config: Settings, settings: BrokeringSettings) {
  const records = new Map<number, { finished: number; improved: number }>();
  for (const impact of await allDeploymentImpacts(db, config, settings)) {
    const r = records.get(impact.person_id) ?? { finished: 0, improved: 0 };
    r.finished += 1;
    if ((impact.relative ?? 0) > 0) r.improved += 1;
    records.set(impact.person_id, r);
  }
  return records;
}

function summarise(
  impacts: DeploymentImpact[],
  keyOf: (i: DeploymentImpact) => [string, string],
): ImpactRow[] {
  const groups = new Map<string, { name: string; items: DeploymentImpact[] }>();
  for (const i of impacts) {
    const [key, name] = keyOf(i);
    const g = groups.get(key) ?? { name, items: [] };
    g.items.push(i);
    groups.set(key, g);
  }
  return [...groups]
    .map(([key, { name, items }]) => {
      const relatives = items.flatMap((i) => (i.relative === null ? [] : [i.relative]));
      return {
        key,
        name,
        deployments: items.length,
        measured: relatives.length,
        improved: relatives.filter((r) => r > 0).length,
        mean_relative: round(mean(relatives)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The impact page: each finished deployment the caller may see, and summaries by role and by leader. */
export async function impactSummary(context: Context): Promise<Impact> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  const settings = await brokeringSettings(db);
  // Comparison schools outside the caller's scope are counted but not named, as in the explorer.
  const impacts = (await allDeploymentImpacts(db, context.settings, settings))
    .filter((i) => canSee(actor, i.school) || i.person_id === actor.personId)
    .map((i) => ({
      ...i,
      indicators: i.indicators.map((m) => ({
        ...m,
        comparison_schools: m.comparison_schools.map((code) => (canSee(actor, code) ? code : '')),
      })),
    }));
  return {
    deployments: impacts,
    by_role: summarise(impacts, (i) => [i.role, i.role]),
    by_leader: summarise(impacts, (i) => [i.leader, i.leader_name]),
  };
}
