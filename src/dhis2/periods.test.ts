// DHIS2's period forms: the monthly one maps to Headway's month; every other form is named and refused
// with the reason; exports write months, years and financial years as DHIS2 does.
import { describe, expect, test } from 'vitest';
import { parsePeriod } from '../kpi/periods.ts';
import { dhis2MonthsBetween, dhis2PeriodOf, dhis2PeriodType, monthOfDhis2Period } from './periods.ts';

describe('DHIS2 periods in', () => {
  test('monthly (202610) and Headway months map', () => {
    expect(monthOfDhis2Period('202610')).toEqual({ month: '2026-10' });
    expect(monthOfDhis2Period('202601')).toEqual({ month: '2026-01' });
    expect(monthOfDhis2Period('2026-10')).toEqual({ month: '2026-10' });
  });

  test.each([
    ['2026Q3', 'quarterly'],
    ['2026', 'yearly'],
    ['2026AprilS1', 'six-monthly'],
    ['2026AprilS2', 'six-monthly'],
    ['2026S1', 'six-monthly'],
    ['2026April', 'financial-year'],
    ['2026July', 'financial-year'],
    ['2026W5', 'weekly'],
    ['2026SunW12', 'weekly'],
    ['2026BiW3', 'bi-weekly'],
    ['20261003', 'daily'],
    ['202601B', 'bi-monthly'],
  ])('%s is %s: refused by name, saying data values are monthly', (id, type) => {
    expect(dhis2PeriodType(id)).toBe(type);
    expect(monthOfDhis2Period(id)).toEqual({
      refusal: `${id} is a DHIS2 ${type} period: Headway keeps data values by month, so send monthly values (such as 202610)`,
    });
  });

  test('what is no DHIS2 period is said so', () => {
    expect(monthOfDhis2Period('202613')).toEqual({
      refusal: '202613 is not a DHIS2 period (send monthly values such as 202610)',
    });
    expect(dhis2PeriodType('October')).toBeNull();
  });
});

describe('DHIS2 periods out', () => {
  test('months, calendar years and academic years as financial years', () => {
    expect(dhis2PeriodOf(parsePeriod('2026-10'))).toBe('202610');
    expect(dhis2PeriodOf(parsePeriod('2026'))).toBe('2026');
    expect(dhis2PeriodOf(parsePeriod('2025-26', 4))).toBe('2025April');
    expect(dhis2PeriodOf(parsePeriod('2025-26', 9))).toBe('2025Sep');
    expect(() => dhis2PeriodOf(parsePeriod('2025-26T1'))).toThrow('2025-26T1 is a term');
    expect(() => dhis2PeriodOf(parsePeriod('2025-26', 1))).toThrow(
      'starts in a month DHIS2 has no financial year for',
    );
  });

  test('a pull range is every month between, both ends included', () => {
    expect(dhis2MonthsBetween('202511', '202602')).toEqual(['202511', '202512', '202601', '202602']);
    expect(() => dhis2MonthsBetween('202602', '202511')).toThrow('is not a range of DHIS2 months');
    expect(() => dhis2MonthsBetween('2026Q1', '202602')).toThrow('is not a range of DHIS2 months');
  });
});
