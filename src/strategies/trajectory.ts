// A measure's trajectory and judgement, pure: the value expected at a period (straight line between
// baseline and target, or stepped at each term's end), and whether the latest value is on track against
// it within the stated tolerance, respecting which way is better.
import type { IndicatorDirection } from '../kpi/contract.ts';
import { merit } from '../kpi/direction.ts';
import { parsePeriod } from '../kpi/periods.ts';
import type { MeasureJudgement, Trajectory } from './contract.ts';

export interface TrajectoryPlan {
  baselineValue: number;
  /** A month (2025-09), term (2025-26T1), academic year or year: its last month is when it holds. */
  baselinePeriod: string;
  targetValue: number;
  targetPeriod: string;
  trajectory: Trajectory;
}

/** Months since year 0 of a period's last month, so a period of any kind sits on one integer line. */
function endMonth(period: string, academicYearStart: number): number {
  const last = parsePeriod(period, academicYearStart).months.at(-1) as string;
  const [year, month] = last.split('-').map(Number) as [number, number];
  return year * 12 + month - 1;
}

/** The months (as month indexes) in which a term ends, after `from` and before `to`. */
function termEndsBetween(from: number, to: number, academicYearStart: number): number[] {
  // Terms end after the 4th, 7th and 12th month of the academic year (periods.ts's 4, 3 and 5).
  const offsets = [3, 6, 11];
  const ends: number[] = [];
  for (let month = from + 1; month < to; month++) {
    const intoYear = ((((month % 12) - (academicYearStart - 1)) % 12) + 12) % 12;
    if (offsets.includes(intoYear)) ends.push(month);
  }
  return ends;
}

/**
 * The value expected at `period`: the baseline up to the baseline period, the target from the target
 * period on; between them a straight line by month, or (stepped) a step at each term's end, the last
 * step at the target period, each step an equal share of the distance.
 */
export function expectedValue(plan: TrajectoryPlan, period: string, academicYearStart = 9): number {
  const from = endMonth(plan.baselinePeriod, academicYearStart);
  const to = endMonth(plan.targetPeriod, academicYearStart);
  const at = endMonth(period, academicYearStart);
  if (at <= from || to <= from) return at >= to ? plan.targetValue : plan.baselineValue;
  if (at >= to) return plan.targetValue;
  const distance = plan.targetValue - plan.baselineValue;
  if (plan.trajectory === 'straight') return plan.baselineValue + (distance * (at - from)) / (to - from);
  const steps = termEndsBetween(from, to, academicYearStart);
  const passed = steps.filter((month) => month <= at).length;
  return plan.baselineValue + (distance * passed) / (steps.length + 1);
}

/**
 * On track when the latest value is no worse than expected by more than the tolerance: "worse" is
 * below when higher is better, above when lower is better, further from 1 for a parity index. No value,
 * no judgement.
 */
export function judge(
  latest: number | null,
  expected: number,
  direction: IndicatorDirection,
  tolerance: number,
): MeasureJudgement {
  if (latest === null) return 'no_data';
  const shortfall = merit(direction, expected) - merit(direction, latest);
  // Rounded so 0.1 + 0.2 style noise does not turn an exact tolerance into a miss.
  return Math.round((shortfall - tolerance) * 1e9) <= 0 ? 'on_track' : 'off_track';
}
