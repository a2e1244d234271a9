import { expect, test } from 'vitest';
import { exchangeKinds } from './exchange.ts';
import { exchangeKindNames } from './lists.ts';

test("the CLI's list of kinds is every kind that can be imported, in import order", () => {
  expect(exchangeKindNames).toEqual(exchangeKinds);
});
