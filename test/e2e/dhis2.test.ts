// DHIS2 in a real browser, on the tiny authority: a pull ran before any mapping and failed, each month
// naming the UID it could not place; the admin uploads the mapping on the DHIS2 page (checked, then
// imported), sees it listed, and after the next pull (from recorded DHIS2 responses on 127.0.0.1) sees the
// run with eleven months imported and February's failure, matching the API. Axe-clean, and usable at 390 px.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor, defaultSettings } from '../../src/context.ts';
import type { PullOverview } from '../../src/dhis2/contract.ts';
import { pullFromDhis2 } from '../../src/dhis2/pull.ts';
import { recordedDhis2, recordedMapping } from '../../src/dhis2/recorded-server.ts';
import { loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const ADMIN = { email: 'admin@tiny.example', password: 'dhis2 test password' };
let app: RunningApp;
let dhis2: Awaited<ReturnType<typeof recordedDhis2>>;

/** A pull of the school year 2025-26 from the recorded server, February failing there. */
async function pull() {
  const settings = {
    ...defaultSettings,
    dhis2: {
      url: dhis2.url,
      auth: { username: 'headway', password: 'district' },
      dataSet: 'pBOMPrpg1QX',
      orgUnit: 'T',
      months: 12,
      everyHours: null,
    },
  };
  return pullFromDhis2(contextFor(app.database.db, operator('scheduled pull'), { settings }), {
    from: '202509',
    to: '202608',
  });
}

beforeAll(async () => {
  if (!haveBrowser) return;
  dhis2 = await recordedDhis2(['202602']);
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    await addUser(contextFor(db, operator('test')), { ...ADMIN, role: 'admin', orgUnit: 'T' });
  });
  // Before the mapping, DHIS2's UIDs place nothing: every month fails, naming the UID.
  const first = await pull();
  expect(first.status).toBe('failed');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await dhis2?.close();
});

describe.skipIf(!haveBrowser)('DHIS2 in Chromium', () => {
  test('the admin uploads the mapping and sees the last pull, as the API gives it', async () => {
    const page = await signIn(app, ADMIN);
    await page.getByRole('link', { name: 'Data' }).click();
    await page.getByRole('link', { name: 'the UID mapping and the pull from DHIS2' }).click();
    await page.getByRole('heading', { name: 'DHIS2', level: 1 }).waitFor();
    expect(await page.getByTestId('pull-config').textContent()).toContain('No DHIS2 server is configured');
    const failedRun = page.getByTestId('pull-runs').getByRole('row').nth(1);
    expect(await failedRun.textContent()).toContain('Failed');
    await failedRun.getByText('12 months, 12 failed').click();
    expect(await failedRun.textContent()).toContain('is not a UID in the DHIS2 mapping of org units');
    expect(await page.getByText('No org units are mapped yet.').isVisible()).toBe(true);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dhis2-')), 'mapping.csv');
    fs.writeFileSync(file, recordedMapping());
    await page.getByText('Import the mapping from a file').click();
    await page.getByLabel('File (.csv or .xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the file' }).click();
    expect(await page.getByTestId('mapping-import-counts').textContent()).toBe(
      '6 rows: 6 mappings would be added, 0 changed',
    );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported.' }).waitFor();
    const mapped = page.getByTestId('mappings');
    await mapped.waitFor();
    expect(await mapped.getByRole('row').count()).toBe(4);
    expect(await mapped.textContent()).toContain('Xq7bN2kLm4P');
    expect(await page.getByLabel('Kind').locator('option').first().textContent()).toBe('Org units (3)');
    expect(await seriousViolations(page)).toEqual([]);

    // The next pull places every value; February's server error is reported and leaves it empty.
    const second = await pull();
    expect(second.status).toBe('partial');
    await page.reload();
    const overview = await apiJson<PullOverview>(page, app.base, '/api/v1/dhis2/pulls');
    expect(overview.runs.map((r) => r.status)).toEqual(['partial', 'failed']);
    const latest = page.getByTestId('pull-runs').getByRole('row').nth(1);
    expect(await latest.textContent()).toContain('Some months failed');
    await latest.getByText('12 months, 1 failed').click();
    const february = latest.getByRole('row', { name: /^202602/ });
    expect(await february.textContent()).toContain('Failed: DHIS2 answered 500 Internal Server Error');
    const september = latest.getByRole('row', { name: /^202509/ });
    // Four values a month in the recording: sessions possible and attended for S1 and S2.
    expect(await september.textContent()).toBe('202509Imported440');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'dhis2-admin.png'), fullPage: true });

    // At 390 px the page stays usable: the runs scroll inside their own box, not the page.
    const phone = await signIn(app, ADMIN, { width: 390, height: 844 });
    await phone.goto(`${app.base}/data/dhis2?kind=data_element`);
    await phone.getByTestId('mappings').waitFor();
    expect(await phone.getByTestId('mappings').textContent()).toContain('sessions_attended');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(shots, 'dhis2-admin-390.png'), fullPage: true });
  });
});
