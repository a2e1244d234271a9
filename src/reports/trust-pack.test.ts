// The trust pack on the give-and-receive fixture: the trust's figures, its schools and what they gave
// and received, needs met within the trust and from outside, as the trust's API answers.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadGivingFixture } from '../giving/test-fixture.ts';
import { trustGiving } from '../giving/trust.ts';
import { trustReport } from './trust-pack.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await loadGivingFixture(database.db);
});
afterAll(() => database?.close());

test("a trust's pack: its figures beside its areas, and give and receive in the month's year", async () => {
  const context = contextFor(database.db, operator('test'), { today: '2026-11-15' });
  const file = await trustReport(context, 'TA', '2026-10', 'html');
  const html = file.bytes.toString('utf8');
  expect(file.name).toBe('TA-2026-10.html');
  expect(html).toContain('<h1>Alpha Trust: 2026-10</h1>');
  expect(html).toContain('Give and receive, 2026-27');
  expect(html).toContain('1 of 3 schools gave and received support; 1 only received, 0 only gave, 1 neither');
  expect(html).toContain('Needs met within the trust: 1 (1.5 days); brokered from outside: 1 (2 days)');
  // Each school's stage as the trust's API gives it, before its latest inspection.
  const giving = await trustGiving(context, 'TA', { year: '2026-27' });
  const big = giving.schools.find((s) => s.code === 'S1');
  expect(big?.stage).toBeTruthy();
  expect(html).toContain(
    `Big School</td><td>${big?.stage}</td><td>requires improvement (2025-05-01)</td><td>gave and received`,
  );
  const placed = giving.stages.filter((st) => st.schools > 0).map((st) => `${st.stage} ${st.schools}`);
  expect(html).toContain(`Its schools by stage of the improvement journey: ${placed.join(', ')}.`);
  expect(html).toContain(
    'No specialist leader, outstanding teacher or support-staff leader works at its schools.',
  );
});
