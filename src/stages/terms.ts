// The terms stages are recorded at: each academic year's three (kpi/periods.ts), a term's stage read at
// its last day.
import { academicYearOf, type Period, parsePeriod, shiftPeriod } from '../kpi/periods.ts';

/** The term a date falls in. */
function termOf(date: string, academicYearStart: number): Period {
  const year = academicYearOf(date.slice(0, 7), academicYearStart);
  const terms = [1, 2, 3].map((t) => parsePeriod(`${year}T${t}`, academicYearStart));
  return terms.find((t) => t.start <= date && date <= t.end) as Period;
}

/** The `count` terms that have ended by `today`, oldest first. */
export function endedTerms(today: string, count: number, academicYearStart: number): Period[] {
  const current = termOf(today, academicYearStart);
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, i - count, academicYearStart));
}
