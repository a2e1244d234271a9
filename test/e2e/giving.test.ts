// Give and receive in a real browser, on the give-and-receive fixture (src/giving/test-fixture.ts: S1
// both, S2 and S5 only received, S3 only gave, S4 strong and gave nothing; trust TA {S1, S2, S4}). The
// director's page shows what the API says (and the hand count: 1 of 5 schools, 20%, target 60%); a
// school's page has its section; the trust's lead sees the trust's section and no other trust.
// Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import type { GivingRollup, TrustGiving } from '../../src/giving/contract.ts';
import { loadGivingFixture } from '../../src/giving/test-fixture.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'giving test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const TRUST_A = { email: 'trust.a@tiny.example', password };
const YEAR = '2026-27';
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadGivingFixture(db);
    const context = contextFor(db, operator('test'));
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
    await addUser(context, { ...TRUST_A, role: 'director', orgUnit: 'TA' });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('give and receive in Chromium', () => {
  test('the director: the share against its target, by area, and the lists, as the API says', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.getByRole('link', { name: 'Give and receive' }).click();
    await page.getByTestId('giving-figures').waitFor();
    // The year in the address, so the figures are the fixture's whatever today is.
    await page
      .getByLabel('Year')
      .selectOption(YEAR)
      .catch(() => undefined);
    await page.goto(`${app.base}/giving?year=${YEAR}`);
    await page.getByTestId('giving-figures').waitFor();
    const api = await apiJson<GivingRollup>(page, app.base, `/api/v1/giving?year=${YEAR}&level=area`);
    expect(api.top).toMatchObject({ both: 1, schools: 5, share_both: 20, target: 60 });
    expect(await page.getByTestId('figure-share').textContent()).toContain(
      `${api.top.share_both}% (${api.top.both} of ${api.top.schools})`,
    );
    expect(await page.getByTestId('figure-target').textContent()).toBe(`${api.top.target}%`);
    expect(await page.getByTestId('figure-only-received').textContent()).toBe(String(api.top.only_received));
    for (const unit of api.units) {
      const row = page.getByTestId(`unit-${unit.code}`);
      const text = await row.textContent();
      expect(text).toContain(unit.name);
      expect(text).toContain(`${unit.share_both}%`);
      expect(text).toContain(`${unit.strong_never_gave} of ${unit.strong}`);
    }
    const onlyReceived = page.getByRole('table', { name: 'Schools that only received' });
    expect(await onlyReceived.getByRole('link').allTextContents()).toEqual(['Fifth School', 'Small School']);
    const strong = page.getByRole('table', { name: 'Strong schools that gave nothing' });
    expect(await strong.getByRole('link').allTextContents()).toEqual(['Fourth School']);
    expect(await strong.textContent()).toContain('judged good');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'giving.png'), fullPage: true });

    // By cluster-less level "Trusts": the table lists the trusts; the address keeps it.
    await page.locator('#giving-level').selectOption('trust');
    await page.getByTestId('unit-TA').waitFor();
    expect(new URL(page.url()).searchParams.get('level')).toBe('trust');

    // A school's page: its section says what it did this year, as the API does.
    await page.getByRole('link', { name: 'Small School' }).first().click();
    await page.getByTestId('school-giving').waitFor();
    expect(await page.getByTestId('giving-status').textContent()).toBe('Only received');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the trust’s lead: the trust’s section, within and from outside; no other trust; 390 px', async () => {
    const page = await signIn(app, TRUST_A, { width: 390, height: 844 });
    await page.goto(`${app.base}/trusts/TA`);
    await page.getByTestId('trust-giving').waitFor();
    const api = await apiJson<TrustGiving>(page, app.base, '/api/v1/giving/trusts/TA');
    expect(await page.getByTestId('trust-both').textContent()).toBe(
      `${api.summary.both} of ${api.summary.schools}`,
    );
    expect(await page.getByTestId('trust-within').textContent()).toContain(String(api.needs_met_within));
    expect(await page.getByTestId('trust-outside').textContent()).toContain(String(api.needs_met_outside));
    const rows = page.getByTestId('trust-giving-schools').getByRole('row');
    expect(await rows.count()).toBe(api.schools.length + 1);
    // Each school's stage, as the API gives it, and the counts by stage.
    for (const school of api.schools)
      expect(await rows.filter({ hasText: school.name }).getByRole('cell').nth(1).textContent()).toBe(
        school.stage ?? 'not placed',
      );
    const placed = api.stages.filter((s) => s.schools > 0).map((s) => `${s.stage} ${s.schools}`);
    expect(await page.getByTestId('trust-stages').textContent()).toBe(
      `Its schools by stage: ${placed.join(', ')}.`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing wider than the phone but the scrolling tables.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'giving-trust-390.png'), fullPage: true });
    // The trust's pack, linked from its page, opens for its lead with the same stages.
    const href = await page
      .getByTestId('trust-pack')
      .getByRole('link', { name: 'open (HTML)' })
      .getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/reports\/trust\/TA\?period=\d{4}-\d\d$/);
    const pack = await page.request.get(`${app.base}${href}`);
    expect(pack.status()).toBe(200);
    expect(await pack.text()).toContain(
      `Its schools by stage of the improvement journey: ${placed.join(', ')}.`,
    );
    // Another trust's figures are not found.
    expect((await page.request.get(`${app.base}/api/v1/giving/trusts/TB`)).status()).toBe(404);
    // The page at 390 px: the roll-up is the trust's own.
    await page.goto(`${app.base}/giving?year=${YEAR}&level=trust`);
    await page.getByTestId('giving-figures').waitFor();
    expect(await page.getByTestId('figure-share').textContent()).toContain('(1 of 3)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'giving-390.png'), fullPage: true });
  });
});
