// The termly impact report in a real browser: the overarching lead opens the report from the strategy
// page, sees the strands, the UNOWNED flag and the measure's judgement equal to the API's, changes the
// term (kept in the address), and downloads the PDF. Axe-clean, and it fits a 390 px phone.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { Strategy } from '../../src/strategies/contract.ts';
import { addAction, addMeasure, addStrand, createStrategy } from '../../src/strategies/edit.ts';
import { updateAction } from '../../src/strategies/updates.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const PASSWORD = 'a long report password';
const LEAD = 'lead@tiny.example';

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp(async (db) => {
    const context = contextFor(db, operator('test'));
    await loadTinyAuthority(db);
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P4,Hal,Head,']),
    );
    await addUser(context, { email: LEAD, password: PASSWORD, role: 'director', orgUnit: 'T', person: 'P1' });
    await createStrategy(context, {
      code: 'LEAD',
      name: 'Leadership strategy',
      purpose: '',
      scope: 'T',
      lead: 'P1',
    });
    const succession = await addStrand(context, 'LEAD', {
      code: 'S1',
      name: 'Succession',
      purpose: '',
      lead: 'P4',
    });
    await addStrand(context, 'LEAD', { code: 'S2', name: 'Workforce', purpose: '', lead: null });
    const action = await addAction(context, succession, {
      code: '1.1',
      title: 'Deputies programme',
      purpose: '',
      lead: 'P4',
      parent: null,
      groups: [],
    });
    await updateAction(context, action, {
      status: 'at_risk',
      commentary: 'Two providers withdrew',
      on: '2026-10-05',
    });
    await addMeasure(context, 'LEAD', {
      strand: succession,
      indicator: 'attendance_rate',
      baseline_value: 90,
      baseline_period: '2025-09',
      target_value: 96,
      target_period: '2027-07',
      trajectory: 'straight',
      tolerance: 1,
    });
  }));
}, 120_000);
afterAll(() => close());

describe.runIf(haveBrowser)('the termly impact report', () => {
  test('the overarching lead opens the report, sees strands, UNOWNED and the measure as the API judges it, downloads the PDF', async () => {
    const page = await signIn({ browser, base }, { email: LEAD, password: PASSWORD });
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByRole('link', { name: 'Termly impact report' }).click();
    await page.getByRole('heading', { name: 'Termly impact report' }).waitFor();
    await page.getByLabel('Term').selectOption('2026-27T1');
    expect(new URL(page.url()).searchParams.get('term') ?? '2026-27T1').toBe('2026-27T1');
    const report = page.frameLocator('iframe[data-testid="report"]');
    await report.getByRole('heading', { name: 'S1 Succession' }).waitFor();
    await expect(report.getByRole('heading', { name: 'S2 Workforce' }).count()).resolves.toBe(1);
    await expect(report.getByText('Strand lead: UNOWNED').count()).resolves.toBe(1);
    // The measure's judgement in the report is the API's: 92.35% against 93.55% expected, tolerance 1.
    const strategy = await apiJson<Strategy>(page, base, '/api/v1/strategies/LEAD');
    expect(strategy.measures[0]?.judgement).toBe('off_track');
    await expect(report.getByText('OFF TRACK', { exact: true }).count()).resolves.toBe(1);
    // The summary's count is the strategy page's.
    await expect(
      report.getByRole('row', { name: 'Measures off track at term end' }).getByRole('cell').textContent(),
    ).resolves.toBe(String(strategy.counts.measures_off_track));
    await expect(report.getByText('Two providers withdrew').count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-report.png'), fullPage: true });

    // Another term is kept in the address: reload shows the same term.
    await page.getByLabel('Term').selectOption('2025-26T3');
    await page.waitForURL(/term=2025-26T3/);
    await page.reload();
    await expect(page.getByLabel('Term').inputValue()).resolves.toBe('2025-26T3');
    await report.getByText('term 2025-26T3', { exact: false }).first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe('LEAD-2025-26T3.pdf');
  }, 120_000);

  test('the report page fits a 390 px phone', async () => {
    const page = await signIn(
      { browser, base },
      { email: LEAD, password: PASSWORD },
      { width: 390, height: 844 },
    );
    await page.goto(`${base}/strategies/LEAD/report?term=2026-27T1`);
    await page
      .frameLocator('iframe[data-testid="report"]')
      .getByRole('heading', { name: 'S1 Succession' })
      .waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-report-390px.png'), fullPage: true });
  }, 60_000);
});
