// `headway teachers plan` and `plans` as an operator runs them: a real process against a real database
// (the staffed tiny authority of test-plan-fixture.ts), printing the plan the API would make and keeping
// it, and refusing a limit out of range by the option's name.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CommandRun, freshCliEnvironment } from '../db/testing.ts';
import type { TeacherPlan } from './plan-contract.ts';
import { loadStaffedTinyAuthority } from './test-plan-fixture.ts';

let cleanup: () => Promise<void>;
let headway: (...args: string[]) => Promise<CommandRun>;
let withDb: Awaited<ReturnType<typeof freshCliEnvironment>>['withDb'];

beforeAll(async () => {
  ({ cleanup, headway, withDb } = await freshCliEnvironment());
  await withDb(async (db) => {
    await loadStaffedTinyAuthority(db);
  });
}, 120_000);
afterAll(() => cleanup());

test('headway teachers plan prints and keeps the plan; plans lists it; a bad limit is refused by name', async () => {
  const text = await headway(
    'teachers',
    'plan',
    '--max-km',
    '25',
    '--max-moves-out',
    '3',
    '--month',
    '2026-10',
  );
  expect(text.code, text.stderr).toBe(0);
  expect(text.stdout).toContain(
    '3 teachers moved (no plan under these limits moves more than 3; proved optimal)',
  );
  expect(text.stdout).toContain(
    '  2 from S3 Third School, 4 over the norm, to S5 Fifth School, 2 under, 7.2 km',
  );
  const json = await headway('teachers', 'plan', '--area', 'B', '--max-km', '10', '--json');
  expect(json.code, json.stderr).toBe(0);
  const plan = JSON.parse(json.stdout) as TeacherPlan;
  // Within 10 km only S5 is in reach of S3 (7.2 km), and S3 may give 2 (the default moves out).
  expect([plan.unit.code, plan.objective, plan.moves.map((m) => m.to.code)]).toEqual(['B', 2, ['S5']]);
  const listed = await headway('teachers', 'plans');
  expect(listed.stdout.trim().split('\n')).toHaveLength(2);
  expect(listed.stdout).toContain('B        2026-10  2 of 2 teachers moved, 0 of 1 moves accepted');
  const refused = await headway('teachers', 'plan', '--max-moves-out', '0');
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('--max-moves-out');
}, 120_000);
