import { expect, test } from 'vitest';
import { exchangeKindNames } from './contract.ts';
import { exchangeKinds } from './exchange.ts';

test("the CLI's list of kinds is every kind that can be imported, in import order", () => {
  expect(exchangeKindNames).toEqual(exchangeKinds);
});
