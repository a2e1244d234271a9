// What the need rules and the leader pool read about each open school on a date: its headship, its
// last two inspections, indicators red or declining in the latest month with data, value added
// significantly below or above in each stage's latest cohort, its strengths per practice area, and its
// phase, place and trust.
import { sql } from 'kysely';
import type { Settings } from '../config.ts';
import type { Db } from '../db/types.ts';
import { type InspectionOutcome, lastInspections } from '../inspections/queries.ts';
import { isComputedIndicator } from '../kpi/computed-elements.ts';
import { indicatorConcerns } from '../kpi/concerns.ts';
import { listIndicators } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import type { Headship } from '../registry/contract.ts';
import { headshipOf } from '../registry/headship.ts';
import { headPostsFor } from '../registry/queries.ts';
import { personName } from '../registry/sql.ts';
import { placedOn } from '../stages/placement.ts';
import type { Strength } from '../strengths/contract.ts';
import { foundStrengths } from '../strengths/found.ts';
import { isContextualValueAdded } from '../value-added/catalogue.ts';
import { latestCohortFits } from '../value-added/value-added.ts';

/** An inspection in the legacy grades' words, whichever framework graded it (inspections/outcome.ts). */
export type InspectionFact = Pick<InspectionOutcome, 'inspected_on' | 'overall' | 'leadership' | 'category'>;

interface IndicatorFact {
  indicator: string;
  name: string;
  value: number | null;
  period: string;
  /** For a declining indicator: the drop over the trend window. */
  drop?: number;
}

interface ValueAddedFact {
  stage: string;
  academic_year: string;
  effect: number;
  lower: number;
  upper: number;
}

/** A deputy or assistant head in post: the school's capacity to appoint an acting head, and the
 * candidates for an NPQH internship or an associate head placement. */
export interface SeniorLeader {
  person_code: string;
  name: string;
  role: 'deputy_headteacher' | 'assistant_headteacher';
  /** Holds the NPQH designation on the date. */
  npqh: boolean;
  /** An NPQH internship is recorded for them (a deployment on an internship need naming them). */
  internship: boolean;
  /** Holds the associate head designation as a deputy: they have asked for a placement. */
  placement_requested: boolean;
  placement: boolean;
}

export interface SchoolFacts extends SchoolRow {
  headship: Headship;
  /** Deputy and assistant heads in post on the date. */
  seniors: SeniorLeader[];
  /** Latest first; at most two. */
  inspections: InspectionFact[];
  red: IndicatorFact[];
  green: IndicatorFact[];
  declining: IndicatorFact[];
  vaBelow: ValueAddedFact[];
  vaAbove: ValueAddedFact[];
  /** Its stage of the improvement journey on the date (src/stages/), which decides the improvement
   * needs the rules raise; absent where no stage is read (the rules then raise every need). */
  stage?: StageFact;
  /** Its strengths per practice area (strengths/found.ts): what it offers, whatever its overall grade. */
  strengths: Strength[];
}

/** A school's stage as the need rules read it. */
interface StageFact {
  code: string;
  name: string;
  /** The improvement need rules its stage raises (stages/lists.ts stageGovernedRules). */
  raises: readonly string[];
  reasons: string[];
  /** Its stage lets it offer practice to other schools (a stage's flag, stages/rules.ts). */
  may_offer_practice: boolean;
  /** The last day a peer review need of the school was met (supported or closed), if any. */
  last_peer_review: string | null;
}

/** An open school: where it is, its phase and trust. */
interface SchoolRow {
  id: number;
  code: string;
  name: string;
  phase: string;
  area: string | null;
  trust: string | null;
  /** The federation it is in, hard or soft, if any. */
  federation: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** Every school open on the date, with its area (its parent's or grandparent's) and its trust. */
export function openSchoolsQuery(asOf: string) {
  return sql<SchoolRow>`
    select o.id, o.code, o.name, s.phase, s.latitude, s.longitude,
      (select a.code from org_unit a where a.level = 'area' and a.id in (o.parent_id, (select parent_id from org_unit p where p.id = o.parent_id))) as area,
      (select g.code from org_group_member m join org_group g on g.id = m.group_id and g.kind = 'trust' where m.org_unit_id = o.id limit 1) as trust,
      (select g.code from org_group_member m join org_group g on g.id = m.group_id and g.kind = 'federation' where m.org_unit_id = o.id limit 1) as federation
    from school s join org_unit o on o.id = s.org_unit_id
    where (s.opened_on is null or s.opened_on <= ${asOf}) and (s.closed_on is null or s.closed_on > ${asOf})
    order by o.code`;
}

/** Deputy and assistant heads in post on the date, with the designations and placements the need rules read. */
export function seniorLeadersQuery(asOf: string) {
  const held = (kind: string) => sql<boolean>`exists (select 1 from designation d where d.person_id = pe.id
        and d.kind = ${kind} and d.starts_on <= ${asOf} and (d.ends_on is null or d.ends_on >= ${asOf}))`;
  const recorded = (kind: string) => sql<boolean>`exists (select 1 from deployment dp
        join support_need n on n.id = dp.need_id where n.kind = ${kind} and n.figures->>'person' = pe.code)`;
  return sql<SeniorLeader & { school_code: string }>`
    select o.code as school_code, pe.code as person_code, ${personName('pe')} as name, po.role,
      ${held('npqh')} as npqh, ${recorded('npqh_internship')} as internship,
      ${held('associate_head')} as placement_requested, ${recorded('leadership_placement')} as placement
    from post po join person pe on pe.id = po.person_id join org_unit o on o.id = po.org_unit_id
    where po.role in ('deputy_headteacher', 'assistant_headteacher') and po.starts_on <= ${asOf}
      and (po.ends_on is null or po.ends_on >= ${asOf})
    order by o.code, po.role desc, pe.code`;
}

/** The latest month with any school data on or before the date. */
async function latestMonthBy(db: Db, asOf: string): Promise<string | null> {
  const { rows } = await sql<{ month: string | null }>`
    select to_char(max(month), 'YYYY-MM') as month from data_value where month <= ${asOf}::date`.execute(db);
  return rows[0]?.month ?? null;
}

/** Each school's red, green and declining indicators in the latest month with data. */
async function indicatorFacts(db: Db, settings: Settings, asOf: string) {
  const red = new Map<string, IndicatorFact[]>();
  const green = new Map<string, IndicatorFact[]>();
  const declining = new Map<string, IndicatorFact[]>();
  const month = await latestMonthBy(db, asOf);
  if (!month) return { red, green, declining, month };
  const push = (map: Map<string, IndicatorFact[]>, school: string, fact: IndicatorFact) =>
    map.set(school, [...(map.get(school) ?? []), fact]);
  const period = parsePeriod(month, settings.academicYearStart);
  const schools = await resolveUnits(db, { level: 'school' });
  // Value added is judged by its significance below, not by its KPI band; the challenge measures
  // describe how the log is run, not how a school performs.
  const indicators = (await listIndicators(db)).filter(
    (i) => !isContextualValueAdded(i.code) && !isComputedIndicator(i),
  );
  for (const indicator of indicators) {
    const results = await rollupIndicator(db, indicator, schools, period, settings);
    for (const r of results) {
      const fact = { indicator: indicator.code, name: indicator.name, value: r.value, period: r.period };
      if (r.band === 'red') push(red, r.org_unit, fact);
      if (r.band === 'green') push(green, r.org_unit, fact);
    }
    for (const concern of indicatorConcerns(indicator, results)) {
      if (concern.rule !== 'declining') continue;
      push(declining, concern.school, {
        indicator: indicator.code,
        name: indicator.name,
        value: null,
        period: concern.period,
        drop: Number(concern.figures.drop),
      });
    }
  }
  return { red, green, declining, month };
}

/** Value added significantly below or above in each stage's latest cohort up to the date. */
async function valueAddedFacts(db: Db, asOf: string) {
  const below = new Map<string, ValueAddedFact[]>();
  const above = new Map<string, ValueAddedFact[]>();
  for (const { fit, ...cohort } of await latestCohortFits(db, asOf)) {
    for (const s of fit.model.schools) {
      const fact = { ...cohort, effect: s.effect, lower: s.lower, upper: s.upper };
      if (s.band === 'below') below.set(s.school, [...(below.get(s.school) ?? []), fact]);
      if (s.band === 'above') above.set(s.school, [...(above.get(s.school) ?? []), fact]);
    }
  }
  return { below, above };
}

/** Each school's stage on the date with what it raises, and when its last peer review was met. */
async function stageFacts(db: Db, settings: Settings, asOf: string): Promise<Map<string, StageFact>> {
  const [{ rules, schools }, { rows: reviews }] = await Promise.all([
    placedOn(db, settings, asOf),
    sql<{ school: string; on: string }>`
      select o.code as school, to_char(max(n.raised_on), 'YYYY-MM-DD') as on
      from support_need n join org_unit o on o.id = n.school_id
      where n.rule = 'peer_review' and n.status in ('supported', 'closed') and n.raised_on <= ${asOf}
      group by o.code`.execute(db),
  ]);
  const reviewed = new Map(reviews.map((r) => [r.school, r.on]));
  const stages = new Map(rules.stages.map((s) => [s.code, s]));
  return new Map(
    schools.map((s) => [
      s.code,
      {
        code: s.stage,
        name: stages.get(s.stage)?.name ?? s.stage,
        raises: stages.get(s.stage)?.raises ?? [],
        reasons: s.reasons,
        may_offer_practice: stages.get(s.stage)?.may_offer_practice ?? true,
        last_peer_review: reviewed.get(s.code) ?? null,
      },
    ]),
  );
}

export async function schoolFacts(db: Db, settings: Settings, asOf: string): Promise<SchoolFacts[]> {
  const { rows: schools } = await openSchoolsQuery(asOf).execute(db);
  const [posts, inspections, indicators, va, seniors, stages, strengths] = await Promise.all([
    headPostsFor(
      db,
      schools.map((s) => s.id),
    ),
    lastInspections(db, asOf, 2),
    indicatorFacts(db, settings, asOf),
    valueAddedFacts(db, asOf),
    seniorLeadersQuery(asOf).execute(db),
    stageFacts(db, settings, asOf),
    foundStrengths(db, settings, asOf),
  ]);
  const seniorsBySchool = new Map<string, SeniorLeader[]>();
  for (const { school_code, ...senior } of seniors.rows)
    seniorsBySchool.set(school_code, [...(seniorsBySchool.get(school_code) ?? []), senior]);
  const postsBySchool = new Map<string, typeof posts.schoolPosts>();
  for (const p of posts.schoolPosts)
    postsBySchool.set(p.school_code, [...(postsBySchool.get(p.school_code) ?? []), p]);
  return schools.map((s) => ({
    ...s,
    headship: headshipOf(postsBySchool.get(s.code) ?? [], posts.careerPosts, asOf),
    seniors: seniorsBySchool.get(s.code) ?? [],
    inspections: (inspections.get(s.id) ?? []).map(({ inspected_on, overall, leadership, category }) => ({
      inspected_on,
      overall,
      leadership,
      category,
    })),
    red: indicators.red.get(s.code) ?? [],
    green: indicators.green.get(s.code) ?? [],
    declining: indicators.declining.get(s.code) ?? [],
    vaBelow: va.below.get(s.code) ?? [],
    vaAbove: va.above.get(s.code) ?? [],
    stage: stages.get(s.code),
    strengths: strengths.get(s.code) ?? [],
  }));
}
