// Every open school's strengths on a date, per practice area: an indicator green and improving in the
// latest month with data (the KPI roll-up's band and trend, never decided here), value added
// significantly above in a stage's latest cohort, a visit rubric section scored high over the year, an
// inspection area graded in its framework's top two grades, and declared strengths an area lead
// confirmed. Computed once per data version for the whole authority; callers filter.
import { sql } from 'kysely';
import type { Settings } from '../config.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { formatValue, listIndicators } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicators } from '../kpi/rollup.ts';
import { latestCohortFits } from '../value-added/value-added.ts';
import type { PracticeArea, Strength } from './contract.ts';
import { strengthSources } from './lists.ts';
import {
  indicatorPracticeArea,
  inspectionAreaPracticeAreas,
  practiceAreaNames,
  rubricSectionPracticeArea,
} from './practice-areas.ts';
import { confirmedDeclaredQuery, inspectionStrengthsQuery, rubricStrengthsQuery } from './queries.ts';

/** A rubric section is a strength when its mean level is at least this share of the top level (3.4 of 4). */
const defaultRubricShare = 0.85;

const months = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;

/** Strengths from indicators green and improving in the latest month with data on or before the date. */
async function indicatorStrengths(db: Db, settings: Settings, on: string, push: Push) {
  const { rows } = await sql<{ month: string | null }>`
    select to_char(max(month), 'YYYY-MM') as month from data_value where month <= ${on}::date`.execute(db);
  const month = rows[0]?.month;
  if (!month) return;
  const indicators = (await listIndicators(db)).filter((i) => indicatorPracticeArea(i.code) !== null);
  if (indicators.length === 0) return;
  const schools = await resolveUnits(db, { level: 'school' });
  const period = parsePeriod(month, settings.academicYearStart);
  const results = await rollupIndicators(db, indicators, schools, period, settings);
  for (const indicator of indicators) {
    const area = indicatorPracticeArea(indicator.code) as PracticeArea;
    for (const r of results.get(indicator.code) ?? []) {
      if (r.band !== 'green' || r.trend.direction !== 'improving' || r.value === null) continue;
      const first = r.series.find((p) => p.value !== null);
      const from =
        first && first.period !== r.period
          ? ` (from ${formatValue(indicator, first.value)} in ${first.period})`
          : '';
      push(r.org_unit, {
        practice_area: area,
        source: 'indicator',
        measure: indicator.code,
        evidence: `${indicator.name} ${formatValue(indicator, r.value)}${indicator.unit === '%' ? '' : ` ${indicator.unit}`} in ${r.period}, green and improving over ${months(r.trend.periods)}${from}`,
      });
    }
  }
}

async function valueAddedStrengths(db: Db, on: string, push: Push) {
  for (const { fit, stage, academic_year } of await latestCohortFits(db, on)) {
    for (const s of fit.model.schools) {
      if (s.band !== 'above') continue;
      push(s.school, {
        practice_area: 'progress',
        source: 'value_added',
        measure: stage,
        evidence: `Value added significantly above in ${stage} ${academic_year}: ${s.effect.toFixed(2)} (95% interval ${s.lower.toFixed(2)} to ${s.upper.toFixed(2)})`,
      });
    }
  }
}

async function visitStrengths(db: Db, on: string, share: number, push: Push) {
  const { rows } = await rubricStrengthsQuery(on, share).execute(db);
  for (const r of rows) {
    const area = rubricSectionPracticeArea(r.section);
    if (!area) continue;
    const when = r.first_on === r.last_on ? `on ${r.first_on}` : `from ${r.first_on} to ${r.last_on}`;
    push(r.school, {
      practice_area: area,
      source: 'visit',
      measure: `${r.rubric}/${r.section}`,
      evidence: `Visits: ${r.section_name} scored ${r.mean_level.toFixed(1)} of ${r.scale_max} on average (${r.scores} scores, ${r.visits} ${r.visits === 1 ? 'visit' : 'visits'} ${when})`,
    });
  }
}

async function inspectionStrengths(db: Db, on: string, push: Push) {
  const { rows } = await inspectionStrengthsQuery(on).execute(db);
  for (const r of rows) {
    for (const area of inspectionAreaPracticeAreas(r.area))
      push(r.school, {
        practice_area: area,
        source: 'inspection',
        measure: r.area,
        evidence: `Inspected on ${r.inspected_on}: ${r.area_name.toLowerCase()} ${r.grade_name.toLowerCase()}`,
      });
  }
}

async function declaredStrengths(db: Db, on: string, push: Push) {
  const { rows } = await confirmedDeclaredQuery(on).execute(db);
  for (const r of rows)
    push(r.school, {
      practice_area: r.practice_area as PracticeArea,
      source: 'declared',
      measure: String(r.id),
      evidence: `Declared, confirmed on ${r.decided_on}: ${r.evidence}`,
    });
}

type Push = (school: string, strength: Strength) => void;

/** Each school's strengths on the date by school code, in practice area then source order. */
export function foundStrengths(db: Db, settings: Settings, on: string): Promise<Map<string, Strength[]>> {
  const share = settings.strengthRubricShare ?? defaultRubricShare;
  return computedOnce(db, `strengths ${on} ${settings.academicYearStart} ${share}`, async () => {
    const found = new Map<string, Strength[]>();
    const push: Push = (school, strength) => found.set(school, [...(found.get(school) ?? []), strength]);
    await indicatorStrengths(db, settings, on, push);
    await valueAddedStrengths(db, on, push);
    await visitStrengths(db, on, share, push);
    await inspectionStrengths(db, on, push);
    await declaredStrengths(db, on, push);
    const areaOrder = Object.keys(practiceAreaNames);
    for (const list of found.values())
      list.sort(
        (a, b) =>
          areaOrder.indexOf(a.practice_area) - areaOrder.indexOf(b.practice_area) ||
          strengthSources.indexOf(a.source) - strengthSources.indexOf(b.source) ||
          a.measure.localeCompare(b.measure),
      );
    return found;
  });
}
