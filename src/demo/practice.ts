// The demo's practice need that a school in difficulty meets (issue 24: "every school gives and receives
// support"). A school in an inspection category can still run attendance well. Where the rules already
// raise an attendance need whose best match, by the broker's own eligibility and fit, is the head of such
// a school, the proposal pairs them as it is; otherwise the demo's area lead raises one at such a school.
// Chosen from the data, not named: any seed and size finds its own pair, or none where no school in a
// category holds the strength.
import { operator } from '../auth/actor.ts';
import { fitOf, ineligibility, type OpenNeed } from '../brokering/eligibility.ts';
import type { Leader } from '../brokering/leaders.ts';
import { needsOf } from '../brokering/need-rules.ts';
import { listNeeds, raiseNeed } from '../brokering/needs.ts';
import { matchInputs } from '../brokering/proposals.ts';
import type { SchoolFacts } from '../brokering/school-facts.ts';
import { type Context, contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod, shiftPeriod } from '../kpi/periods.ts';
import { latestMonth } from '../kpi/queries.ts';
import { rollupIndicator } from '../kpi/rollup.ts';

const INDICATOR = 'attendance_rate';
const AREA = 'attendance';
const AREA_LEAD = 'demo area lead';
const MARGIN = 0.005;
/** Marks the demo's need, so a second load does not raise it again. */
const EVIDENCE_END = 'the area lead asks for a school nearby that does it well';

const inCategory = (school: SchoolFacts | null | undefined) => Boolean(school?.inspections[0]?.category);
const holdsAttendance = (school: SchoolFacts) => school.strengths.some((s) => s.practice_area === AREA);

/** The best-fitting eligible leader for a need, as the broker's match weighs them, and the runner-up's fit. */
function bestFor(need: OpenNeed, leaders: Leader[], inputs: Parameters<typeof fitOf>[2]) {
  let best: { leader: Leader; fit: number } | null = null;
  let second = 0;
  for (const leader of leaders) {
    if (ineligibility(leader, need, inputs).length > 0) continue;
    const { fit } = fitOf(leader, need, inputs);
    if (!best || fit > best.fit) {
      second = best?.fit ?? second;
      best = { leader, fit };
    } else if (fit > second) second = fit;
  }
  return best && { ...best, margin: best.fit - second };
}

/** Each unit's attendance in the month, with its band, by code: the schools' and their areas'. */
async function attendanceIn(
  { db, settings }: Context,
  codes: string[],
  month: string,
): Promise<Map<string, Attendance>> {
  const indicator = await indicatorByCode(db, INDICATOR);
  const { academicYearStart } = settings;
  const results = await rollupIndicator(db, indicator, { codes }, parsePeriod(month, academicYearStart), {
    academicYearStart,
  });
  return new Map(
    results.flatMap((r) =>
      r.value === null ? [] : [[r.org_unit, { value: r.value, band: r.band }] as const],
    ),
  );
}

interface Attendance {
  value: number;
  band: string | null;
}

/** Raises the attendance need a school in a category is the best match for; returns its school, if any. */
export async function raiseDemoPracticeNeed(db: Db, referenceDate: string): Promise<string | null> {
  // Raised as the demo's area lead would, so the need says who asked.
  const context = contextFor(db, operator(AREA_LEAD), { today: referenceDate });
  const needs = await listNeeds(context, { status: ['open', 'supported'] });
  if (needs.some((n) => n.rule === 'manual' && n.evidence.endsWith(EVIDENCE_END))) return null;
  // Chosen on the facts a broker sees from the day after the demo's data ends (September and October
  // follow the reference date) to the next load: the proposal a user runs today.
  const lastMonth = (await latestMonth(db)) ?? referenceDate.slice(0, 7);
  const { academicYearStart } = context.settings;
  const dataEnds = shiftPeriod(parsePeriod(lastMonth, academicYearStart), 1, academicYearStart).start;
  const on = dataEnds > referenceDate ? dataEnds : referenceDate;
  const inputs = await matchInputs(context, on, { refresh: false });
  const givers = inputs.leaders.filter((l) => l.school && inCategory(l.school) && holdsAttendance(l.school));
  if (givers.length === 0) return null;
  const busy = new Set(needs.filter((n) => n.indicator === INDICATOR).map((n) => n.school));
  const chosen: { school: SchoolFacts; margin: number; falling: boolean }[] = [];
  for (const school of inputs.facts) {
    if (inCategory(school) || holdsAttendance(school)) continue;
    const need: OpenNeed = {
      id: 0,
      kind: 'practice',
      indicator: INDICATOR,
      specialism: null,
      days: inputs.settings.days.practice,
      evidence: '',
      school,
      rejected: new Set(),
    };
    const best = bestFor(need, inputs.leaders, inputs.settings);
    // A clear lead, so that the solver's ties (and its time limit on a large authority) cannot swap it.
    if (!best || !givers.includes(best.leader) || best.margin < MARGIN) continue;
    // The rules already raise this school's attendance need on the day: the proposal pairs it as it is.
    if (needsOf(school, inputs.settings, on).some((n) => n.indicator === INDICATOR)) return null;
    if (busy.has(school.code)) continue;
    chosen.push({
      school,
      margin: best.margin,
      falling: school.declining.some((d) => d.indicator === INDICATOR),
    });
  }
  // Only where attendance is short of green or below the area's, which is why the area lead asks.
  const areas = [...new Set(chosen.flatMap((c) => (c.school.area ? [c.school.area] : [])))];
  const attendance = await attendanceIn(context, [...chosen.map((c) => c.school.code), ...areas], lastMonth);
  const [pick] = chosen
    .flatMap((c) => {
      const own = attendance.get(c.school.code);
      const area = c.school.area ? attendance.get(c.school.area) : undefined;
      return own && area && (own.band !== 'green' || own.value < area.value) ? [{ ...c, own, area }] : [];
    })
    // A school whose attendance is falling first; then the clearest lead over the next best leader.
    .sort((a, b) => Number(b.falling) - Number(a.falling) || b.margin - a.margin);
  if (!pick) return null;
  await raiseNeed(context, {
    school: pick.school.code,
    kind: 'practice',
    indicator: INDICATOR,
    evidence: `Attendance ${pick.own.value.toFixed(1)}% in ${lastMonth}${pick.own.band ? `, ${pick.own.band}` : ''}${pick.falling ? ' and falling' : ''} (area ${pick.school.area}: ${pick.area.value.toFixed(1)}%); ${EVIDENCE_END}`,
  });
  return pick.school.code;
}
