import { expect, test } from 'vitest';
import { ordinal } from './ordinal.ts';

test('a percentile reads as a person writes it: the 1st, 2nd, 3rd, 11th to 13th, 21st, 22nd, 80th', () => {
  expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 50, 80, 99].map(ordinal)).toEqual([
    '1st',
    '2nd',
    '3rd',
    '4th',
    '11th',
    '12th',
    '13th',
    '21st',
    '22nd',
    '23rd',
    '50th',
    '80th',
    '99th',
  ]);
});
