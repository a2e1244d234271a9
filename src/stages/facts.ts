// What the stage rules read about every open school on a date: its latest inspection (and since when a
// run of inspections has kept it in a category), its attention reasons, its indicators red, green,
// improving and declining in the latest month with data by then, and value added significantly above
// or below in each stage's latest cohort published by then. Computed once per data version and date.
import { sql } from 'kysely';
import { everySchoolsAttention } from '../attention/attention.ts';
import { openSchoolsWithAreaQuery } from '../attention/queries.ts';
import type { Settings } from '../config.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { lastInspections } from '../inspections/queries.ts';
import { isComputedIndicator } from '../kpi/computed-elements.ts';
import { listIndicators } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicators } from '../kpi/rollup.ts';
import { isContextualValueAdded } from '../value-added/catalogue.ts';
import { latestCohortFits } from '../value-added/value-added.ts';
import type { StageFacts } from './rules.ts';

/** An open school on the date, where it is, and its facts. */
export interface PlacedSchool {
  id: number;
  code: string;
  name: string;
  area: string | null;
  area_name: string | null;
  facts: StageFacts;
}

/** Inspections read per school: enough to find how long a run in a category has lasted. */
const INSPECTIONS_READ = 6;

const TREND_MONTHS = 12;

async function latestMonthBy(db: Db, asOf: string): Promise<string | null> {
  const { rows } = await sql<{ month: string | null }>`
    select to_char(max(month), 'YYYY-MM') as month from data_value where month <= ${asOf}::date`.execute(db);
  return rows[0]?.month ?? null;
}

type Named = { indicator: string; name: string };

async function indicatorFacts(db: Db, settings: Settings, month: string | null, codes: string[]) {
  const lists = {
    red: new Map<string, Named[]>(),
    green: new Map<string, Named[]>(),
    improving: new Map<string, Named[]>(),
    declining: new Map<string, Named[]>(),
  };
  if (!month || codes.length === 0) return lists;
  const push = (map: Map<string, Named[]>, school: string, fact: Named) =>
    map.set(school, [...(map.get(school) ?? []), fact]);
  // As attention does: value added is judged by its significance, and computed elements (the challenge
  // log's measures, the teacher norms) describe how things are run, not how a school performs.
  const indicators = (await listIndicators(db)).filter(
    (i) => !isContextualValueAdded(i.code) && !isComputedIndicator(i),
  );
  const units = await resolveUnits(db, { codes });
  const results = await rollupIndicators(
    db,
    indicators,
    units,
    parsePeriod(month, settings.academicYearStart),
    // A year of months for the trend: a stage is a term's judgement, and a shorter window reads the
    // school year's seasons (attendance falls every winter) as schools declining.
    { academicYearStart: settings.academicYearStart, trendPeriods: TREND_MONTHS },
  );
  for (const indicator of indicators)
    for (const r of results.get(indicator.code) ?? []) {
      const fact = { indicator: indicator.code, name: indicator.name };
      if (r.band === 'red') push(lists.red, r.org_unit, fact);
      if (r.band === 'green') push(lists.green, r.org_unit, fact);
      if (r.trend.direction === 'improving') push(lists.improving, r.org_unit, fact);
      if (r.trend.direction === 'declining') push(lists.declining, r.org_unit, fact);
    }
  return lists;
}

async function valueAddedFacts(db: Db, asOf: string) {
  const above = new Map<string, { stage: string; academic_year: string }[]>();
  const below = new Map<string, { stage: string; academic_year: string }[]>();
  for (const { fit, stage, academic_year } of await latestCohortFits(db, asOf))
    for (const s of fit.model.schools) {
      const map = s.band === 'above' ? above : s.band === 'below' ? below : null;
      map?.set(s.school, [...(map.get(s.school) ?? []), { stage, academic_year }]);
    }
  return { above, below };
}

async function computeFacts(db: Db, settings: Settings, asOf: string): Promise<PlacedSchool[]> {
  const { rows: schools } = await openSchoolsWithAreaQuery(asOf).execute(db);
  const month = await latestMonthBy(db, asOf);
  const [inspections, indicators, va, attention] = await Promise.all([
    lastInspections(db, asOf, INSPECTIONS_READ),
    indicatorFacts(
      db,
      settings,
      month,
      schools.map((s) => s.code),
    ),
    valueAddedFacts(db, asOf),
    everySchoolsAttention(db, settings, month ?? asOf.slice(0, 7), asOf),
  ]);
  const reasons = new Map(attention.map((a) => [a.code, a.reasons]));
  return schools.map((s) => {
    const [latest, ...earlier] = inspections.get(s.id) ?? [];
    let since = latest?.category ? latest.inspected_on : null;
    for (const e of earlier) {
      if (!e.category) break;
      since = e.inspected_on;
    }
    return {
      ...s,
      facts: {
        code: s.code,
        inspection: latest
          ? {
              inspected_on: latest.inspected_on,
              overall: latest.overall,
              leadership: latest.leadership,
              category: latest.category,
              category_since: since,
            }
          : null,
        attention: (reasons.get(s.code) ?? []).map(({ kind, severity, evidence }) => ({
          kind,
          severity,
          evidence,
        })),
        red: indicators.red.get(s.code) ?? [],
        green: indicators.green.get(s.code) ?? [],
        improving: indicators.improving.get(s.code) ?? [],
        declining: indicators.declining.get(s.code) ?? [],
        vaAbove: va.above.get(s.code) ?? [],
        vaBelow: va.below.get(s.code) ?? [],
      },
    };
  });
}

/** Every school open on the date with the facts the stage rules read, once per data version and date. */
export function schoolsWithFacts(db: Db, settings: Settings, asOf: string): Promise<PlacedSchool[]> {
  return computedOnce(db, `stage facts ${asOf} ${settings.academicYearStart}`, () =>
    computeFacts(db, settings, asOf),
  );
}
