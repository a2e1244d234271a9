// `headway vacancies export` and `import` as an operator runs them: a real process against a real
// database (the tiny authority with one vacancy and a round), the export read back by import as nothing
// to change, a dry run of a new row counted, and the register's list still printed by `vacancies`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import { type CommandRun, freshCliEnvironment } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { addRound, openVacancy } from './vacancies.ts';

let cleanup: () => Promise<void>;
let headway: (...args: string[]) => Promise<CommandRun>;
let withDb: Awaited<ReturnType<typeof freshCliEnvironment>>['withDb'];
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-vacancies-'));

beforeAll(async () => {
  ({ cleanup, headway, withDb } = await freshCliEnvironment());
  await withDb(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'), { today: '2026-11-20' });
    const { id } = await openVacancy(context, {
      school: 'S2',
      post_role: 'headteacher',
      opened_on: '2026-03-01',
      reason: 'retirement',
    });
    await addRound(context, id, { advertised_on: '2026-03-10', closes_on: '2026-04-01', applications: 6 });
  });
}, 120_000);
afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await cleanup();
});

test('the exported register imports as nothing to change; a new row is counted in a dry run', async () => {
  const out = path.join(folder, 'register.xlsx');
  const exported = await headway('vacancies', 'export', '--out', out);
  expect(exported.code, exported.stderr).toBe(0);
  const again = await headway('vacancies', 'import', out);
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toEqual({
    vacancies: { inserted: 0, updated: 0, unchanged: 1 },
    rounds: { inserted: 0, updated: 0, unchanged: 1 },
    dry_run: false,
  });
  const added = path.join(folder, 'added.xlsx');
  fs.writeFileSync(
    added,
    await writeWorkbook([
      {
        name: 'Vacancies',
        columns: ['school', 'post_role', 'opened_on', 'reason'],
        rows: [
          { school: 'S4', post_role: 'deputy_headteacher', opened_on: '2026-06-01', reason: 'promotion' },
        ],
      },
    ]),
  );
  const dry = await headway('vacancies', 'import', added, '--dry-run');
  expect(JSON.parse(dry.stdout).vacancies).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  const listed = await headway('vacancies', '--json');
  expect(JSON.parse(listed.stdout).total).toBe(1);
}, 120_000);
