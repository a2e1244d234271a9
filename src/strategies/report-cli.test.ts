// `headway report strategy` as an operator runs it: a real process against a real database, writing
// the HTML (and, with Chromium, the PDF) report, and refusing a malformed term by name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import { type CommandRun, freshCliEnvironment } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { addStrand, createStrategy } from './edit.ts';

let cleanup: () => Promise<void>;
let headway: (...args: string[]) => Promise<CommandRun>;
let withDb: Awaited<ReturnType<typeof freshCliEnvironment>>['withDb'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-strategy-report-'));

beforeAll(async () => {
  ({ cleanup, headway, withDb } = await freshCliEnvironment());
  await withDb(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await createStrategy(context, {
      code: 'LEAD',
      name: 'Leadership strategy',
      purpose: '',
      scope: 'T',
      lead: null,
    });
    await addStrand(context, 'LEAD', { code: 'S1', name: 'Succession', purpose: '', lead: null });
  });
}, 120_000);
afterAll(async () => {
  await cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

test('headway report strategy writes the HTML report; a malformed term is refused by name', async () => {
  const out = path.join(work, 'report.html');
  const written = await headway('report', 'strategy', 'LEAD', '--term', '2026-27T1', '--out', out);
  expect(written.code, written.stderr).toBe(0);
  const html = fs.readFileSync(out, 'utf8');
  expect(html).toContain('Termly impact report · term 2026-27T1');
  expect(html).toContain('S1 Succession');
  const refused = await headway('report', 'strategy', 'LEAD', '--term', '2026-27T4', '--out', out);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('"2026-27T4" is not a term');
}, 120_000);

test.runIf(fs.existsSync('/usr/bin/chromium'))(
  'headway report strategy writes a real PDF',
  async () => {
    const out = path.join(work, 'report.pdf');
    const written = await headway('report', 'strategy', 'LEAD', '--term', '2026-27T1', '--out', out);
    expect(written.code, written.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  },
  120_000,
);
