// Periods: months (2026-10), terms (2025-26T1), academic years (2025-26) and calendar years (2026).
// The academic year starts in a configurable month (September by default) and has three terms:
// the first four months, the next three, and the last five.
import { HeadwayError } from '../errors.ts';

type PeriodType = 'month' | 'term' | 'academic_year' | 'calendar_year';

export interface Period {
  id: string;
  type: PeriodType;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  /** The months inside, as YYYY-MM. */
  months: string[];
}

/** Months of the academic year in each term: 4, 3 and 5. */
const TERM_LENGTHS = [4, 3, 5] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Months since year 0, so month arithmetic is integer arithmetic. */
const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const monthId = (index: number) => `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
const lastDay = (index: number) =>
  new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();

function fromMonths(id: string, type: PeriodType, first: number, count: number): Period {
  const months = Array.from({ length: count }, (_, i) => monthId(first + i));
  const last = first + count - 1;
  return { id, type, start: `${months[0]}-01`, end: `${monthId(last)}-${pad2(lastDay(last))}`, months };
}

function academicYearLabel(startYear: number): string {
  return `${startYear}-${pad2((startYear + 1) % 100)}`;
}

export function parsePeriod(id: string, academicYearStart = 9): Period {
  let m = /^(\d{4})-(\d{2})$/.exec(id);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return fromMonths(id, 'month', monthIndex(Number(m[1]), month), 1);
  }
  m = /^(\d{4})-(\d{2})(?:T([123]))?$/.exec(id);
  if (m && Number(m[2]) === (Number(m[1]) + 1) % 100) {
    const first = monthIndex(Number(m[1]), academicYearStart);
    if (!m[3]) return fromMonths(id, 'academic_year', first, 12);
    const term = Number(m[3]);
    const offset = TERM_LENGTHS.slice(0, term - 1).reduce((a, b) => a + b, 0);
    return fromMonths(id, 'term', first + offset, TERM_LENGTHS[term - 1] as number);
  }
  m = /^(\d{4})$/.exec(id);
  if (m) return fromMonths(id, 'calendar_year', monthIndex(Number(m[1]), 1), 12);
  throw new HeadwayError(
    'invalid',
    `"${id}" is not a period (use a month 2026-10, a term 2025-26T1, an academic year 2025-26 or a year 2026)`,
  );
}

/** The academic year (e.g. 2026-27) a month falls in. */
export function academicYearOf(month: string, academicYearStart = 9): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return academicYearLabel(mon >= academicYearStart ? year : year - 1);
}

/** The period of the same type that ends where this one starts. */
export function shiftPeriod(period: Period, steps: number, academicYearStart = 9): Period {
  const [y, mo] = period.start.split('-').map(Number) as [number, number];
  const first = monthIndex(y, mo);
  if (period.type === 'month') return parsePeriod(monthId(first + steps), academicYearStart);
  if (period.type === 'calendar_year') return parsePeriod(String(y + steps), academicYearStart);
  const ayStartYear = mo >= academicYearStart ? y : y - 1;
  if (period.type === 'academic_year')
    return parsePeriod(academicYearLabel(ayStartYear + steps), academicYearStart);
  const term = Number(period.id.slice(-1)) - 1 + steps;
  const year = ayStartYear + Math.floor(term / 3);
  return parsePeriod(`${academicYearLabel(year)}T${(((term % 3) + 3) % 3) + 1}`, academicYearStart);
}

/** The `count` periods of the same type ending with `period`, oldest first. */
export function periodsEndingWith(period: Period, count: number, academicYearStart = 9): Period[] {
  return Array.from({ length: count }, (_, i) => shiftPeriod(period, i - count + 1, academicYearStart));
}
