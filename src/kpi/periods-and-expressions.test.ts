import { describe, expect, test } from 'vitest';
import { elementsOf, evaluate, parseExpression } from './expression.ts';
import { academicYearOf, parsePeriod, periodsEndingWith } from './periods.ts';

describe('periods', () => {
  test('each kind of period knows its months and dates', () => {
    expect(parsePeriod('2026-10')).toMatchObject({
      type: 'month',
      start: '2026-10-01',
      end: '2026-10-31',
      months: ['2026-10'],
    });
    expect(parsePeriod('2024-02').end).toBe('2024-02-29');
    expect(parsePeriod('2025-26T1')).toMatchObject({ type: 'term', start: '2025-09-01', end: '2025-12-31' });
    expect(parsePeriod('2025-26T2').months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(parsePeriod('2025-26T3')).toMatchObject({ start: '2026-04-01', end: '2026-08-31' });
    expect(parsePeriod('2025-26')).toMatchObject({
      type: 'academic_year',
      start: '2025-09-01',
      end: '2026-08-31',
    });
    expect(parsePeriod('2026')).toMatchObject({
      type: 'calendar_year',
      start: '2026-01-01',
      end: '2026-12-31',
    });
  });

  test('the academic year can start in another month', () => {
    expect(parsePeriod('2025-26', 1)).toMatchObject({ start: '2025-01-01', end: '2025-12-31' });
    expect(academicYearOf('2026-02', 9)).toBe('2025-26');
    expect(academicYearOf('2026-09', 9)).toBe('2026-27');
    expect(academicYearOf('1999-12', 9)).toBe('1999-00');
  });

  test('windows of periods step back across years and terms', () => {
    expect(periodsEndingWith(parsePeriod('2026-02'), 4).map((p) => p.id)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodsEndingWith(parsePeriod('2026-27T1'), 4).map((p) => p.id)).toEqual([
      '2025-26T1',
      '2025-26T2',
      '2025-26T3',
      '2026-27T1',
    ]);
    expect(periodsEndingWith(parsePeriod('2026-27'), 2).map((p) => p.id)).toEqual(['2025-26', '2026-27']);
  });

  test('bad periods are refused with the forms that work', () => {
    for (const bad of ['2026-13', '2025-27', '2025-26T4', 'October']) {
      expect(() => parsePeriod(bad)).toThrow(/is not a period \(use a month 2026-10/);
    }
  });
});

// Hand-worked expression cases, with a = 30, b = 12 and zero = 0; null is "no value".
const expressionCases: [string, number | null][] = [
  ['#{a} + #{b}', 42],
  ['#{a} - #{b} - 3', 15],
  ['100 * #{b} / #{a}', 40],
  ['(#{a} - #{b}) / (#{a} + #{b}) * 7', 3],
  ['-#{b} + 2 * 3', -6],
  ['#{a} / #{zero}', null],
  ['#{a} + #{missing}', null],
  ['2.5 * 4', 10],
];

describe('indicator expressions', () => {
  test.each(expressionCases)('%s = %s', (text, expected) => {
    const totals = new Map([
      ['a', 30],
      ['b', 12],
      ['zero', 0],
    ]);
    expect(evaluate(parseExpression(text), totals)).toBe(expected);
  });

  test('the elements an expression needs, once each', () => {
    expect(elementsOf(parseExpression('(#{a} - #{b}) / #{a} + #{c}'))).toEqual(['a', 'b', 'c']);
  });

  test('mistakes are explained', () => {
    expect(() => parseExpression('#{a} +')).toThrow('"#{a} +": ends too soon');
    expect(() => parseExpression('(#{a} + 1')).toThrow('a "(" is not closed');
    expect(() => parseExpression('#{a} % 2')).toThrow('unexpected "% 2" at character 6');
    expect(() => parseExpression('#{a} 2')).toThrow('has something left over');
  });
});
