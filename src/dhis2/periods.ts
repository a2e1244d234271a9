// DHIS2's period identifiers and Headway's. Headway keeps data values by month, so a value imported from
// DHIS2 must be monthly (202610, or Headway's own 2026-10); every other DHIS2 form is recognised and
// refused by name, saying why. The other way, an exported figure's period is written in DHIS2's form:
// a month as 202610, a calendar year as 2026, and an academic year as the financial year DHIS2 has for
// the month it starts in (April, July, September, October or November: 2025April for 2025-26 from April).
import { HeadwayError } from '../errors.ts';
import type { Period } from '../kpi/periods.ts';

/** DHIS2's period types that Headway recognises but cannot hold as data values, each with an example. */
const otherForms: { pattern: RegExp; name: string }[] = [
  { pattern: /^\d{8}$/, name: 'daily' },
  { pattern: /^\d{4}(Wed|Thu|Sat|Sun)?W\d{1,2}$/, name: 'weekly' },
  { pattern: /^\d{4}BiW\d{1,2}$/, name: 'bi-weekly' },
  { pattern: /^\d{6}B$/, name: 'bi-monthly' },
  { pattern: /^\d{4}Q[1-4]$/, name: 'quarterly' },
  { pattern: /^\d{4}(Nov)?Q[1-4]$/, name: 'quarterly (November)' },
  { pattern: /^\d{4}S[12]$/, name: 'six-monthly' },
  { pattern: /^\d{4}(April|Nov)S[12]$/, name: 'six-monthly' },
  { pattern: /^\d{4}$/, name: 'yearly' },
  { pattern: /^\d{4}(April|July|Sep|Oct|Nov)$/, name: 'financial-year' },
];

/** What kind of DHIS2 period an id is, or null when it is not one. */
export function dhis2PeriodType(id: string): string | null {
  if (/^\d{4}(0[1-9]|1[0-2])$/.test(id)) return 'monthly';
  return otherForms.find((f) => f.pattern.test(id))?.name ?? null;
}

/**
 * The month (2026-10) of a DHIS2 monthly period (202610) or of Headway's own; a refusal naming the form
 * and why for any other: data values are kept by month, so a quarter or a year cannot be held without
 * inventing how it splits.
 */
export function monthOfDhis2Period(id: string): { month: string } | { refusal: string } {
  const dhis2 = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id);
  if (dhis2) return { month: `${dhis2[1]}-${dhis2[2]}` };
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(id)) return { month: id };
  const type = dhis2PeriodType(id);
  if (type)
    return {
      refusal: `${id} is a DHIS2 ${type} period: Headway keeps data values by month, so send monthly values (such as 202610)`,
    };
  return { refusal: `${id} is not a DHIS2 period (send monthly values such as 202610)` };
}

const financialYears: Record<number, string> = { 4: 'April', 7: 'July', 9: 'Sep', 10: 'Oct', 11: 'Nov' };

/** DHIS2's id of a Headway period, or a refusal saying which Headway periods DHIS2 can hold. */
export function dhis2PeriodOf(period: Period): string {
  if (period.type === 'month') return period.id.replace('-', '');
  if (period.type === 'calendar_year') return period.id;
  const [year, month] = period.start.split('-').map(Number) as [number, number];
  const financial = financialYears[month];
  if (period.type === 'academic_year' && financial) return `${year}${financial}`;
  throw new HeadwayError(
    'invalid',
    period.type === 'term'
      ? `${period.id} is a term: DHIS2 has no period of Headway's terms (export months, years or academic years)`
      : `${period.id} starts in a month DHIS2 has no financial year for (April, July, September, October or November): export months or years`,
  );
}

/** The months from one DHIS2 month to another, both included, as DHIS2 ids (202609, 202610, …). */
export function dhis2MonthsBetween(from: string, to: string): string[] {
  const index = (id: string) => Number(id.slice(0, 4)) * 12 + Number(id.slice(4, 6)) - 1;
  const [first, last] = [index(from), index(to)];
  if (!(dhis2PeriodType(from) === 'monthly' && dhis2PeriodType(to) === 'monthly') || last < first)
    throw new HeadwayError(
      'invalid',
      `${from} to ${to} is not a range of DHIS2 months (such as 202509 to 202608)`,
    );
  if (last - first >= 60) throw new HeadwayError('invalid', 'A pull covers at most 60 months at once');
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const m = first + i;
    return `${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
  });
}
