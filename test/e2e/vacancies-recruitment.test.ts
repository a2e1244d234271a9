// The vacancy register on the demo authority in a real browser: the director's register shows the
// figures the API gives; an area lead re-arranges a vacancy's cover by picking the brokered deployment by
// the interim's name and dates (not a code), sees it on the vacancy and the register, then withdraws the
// vacancy with a reason and sees the open count fall by one. Axe-clean, and usable at 390 px.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import type { Answer } from '../../src/contract.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { listVacanciesRoute } from '../../src/vacancies/contract.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

type Register = Answer<typeof listVacanciesRoute>;

let base = '';
let browser: Browser;
let close: () => Promise<void> = async () => {};
const director = { email: `director@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD };

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp((db) =>
    loadDemo(db, operator('test'), { seed: 5, primarySchools: 120, referenceDate: '2026-09-01' }),
  ));
}, 300_000);
afterAll(() => close());

describe.skipIf(!haveBrowser)('the vacancy register in Chromium', () => {
  test('the director sees the demo register’s figures, equal to the API’s', async () => {
    const page = await signIn({ browser, base }, director);
    await page.goto(`${base}/vacancies`);
    await page.getByTestId('vacancy-figures').waitFor();
    const api = await apiJson<Register>(page, base, '/api/v1/vacancies');
    // Three years of recruitment: many filled, a few open now.
    expect(api.summary.filled).toBeGreaterThan(20);
    expect(api.summary.open).toBeGreaterThan(0);
    const figure = (id: string) => page.getByTestId(`figure-${id}`).textContent();
    expect(await figure('open')).toBe(String(api.summary.open));
    expect(await figure('under-cover')).toBe(String(api.summary.under_cover));
    expect(await figure('filled')).toBe(String(api.summary.filled));
    expect(await figure('first-time')).toBe(`${api.summary.filled_first_time} of ${api.summary.filled}`);
    expect(await figure('median')).toBe(String(api.summary.median_days_to_fill));
    expect(await figure('applications')).toBe(api.summary.applications_per_headship?.toFixed(1));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'vacancies-register.png'), fullPage: false });
  });

  test('an area lead arranges cover by picking the deployment, then withdraws the vacancy', async () => {
    const lookup = await signIn({ browser, base }, director);
    const open = await apiJson<Register>(lookup, base, '/api/v1/vacancies?status=open&page_size=200');
    const covered = open.vacancies.find((v) => v.cover?.kind === 'deployment' && v.area);
    expect(covered, 'a demo vacancy covered by a brokered interim').toBeDefined();
    if (!covered?.cover || !covered.area) return;
    const interim = covered.cover;
    const lead = {
      email: `lead.${covered.area.code.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`,
      password: DEMO_PASSWORD,
    };
    const page = await signIn({ browser, base }, lead).catch(async (e) => {
      throw new Error(`${lead.email}: ${e}`);
    });
    // At a phone's width (the header folds Sign out behind the menu, so the width changes after signing in).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/vacancies/${covered.id}`);
    await page.getByTestId('cover').waitFor();
    expect(await page.getByTestId('cover').textContent()).toBe(
      `${interim.person.name} (brokered deployment, ${interim.starts_on} to ${interim.ends_on})`,
    );
    await page.getByRole('button', { name: 'Clear the cover' }).click();
    await page.getByTestId('cover').filter({ hasText: 'none arranged' }).waitFor();
    // The deployment is picked by the interim's name and dates, not by a number.
    const picker = page.getByLabel('Interim, acting or executive head deployed here');
    const wanted = `${interim.person.name}, ${interim.starts_on} to ${interim.ends_on}`;
    // The school's deployments load after the cover clears; wait for the option rather than race it.
    await picker.locator('option', { hasText: wanted }).first().waitFor({ state: 'attached' });
    const label = (await picker.locator('option').allTextContents()).find((o) => o.startsWith(wanted));
    expect(label).toBeDefined();
    await picker.selectOption({ label: label as string });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'vacancy-cover-390.png'), fullPage: true });
    await page.getByRole('button', { name: 'Arrange this cover' }).click();
    await page.getByTestId('cover').filter({ hasText: interim.person.name }).waitFor();
    const after = await apiJson<Register>(page, base, `/api/v1/vacancies?school=${covered.school.code}`);
    expect(after.vacancies.find((v) => v.id === covered.id)?.cover?.deployment_id).toBe(
      interim.deployment_id,
    );
    // The register shows it too.
    await page.goto(`${base}/vacancies?school=${covered.school.code}`);
    await page
      .getByRole('row')
      .filter({ hasText: `${interim.person.name} (brokered, to ${interim.ends_on})` })
      .first()
      .waitFor();
    // Withdrawn with a reason: the status says it, and the open count falls by one.
    const before = await apiJson<Register>(page, base, `/api/v1/vacancies?area=${covered.area.code}`);
    await page.goto(`${base}/vacancies/${covered.id}`);
    await page.getByText('Withdraw this vacancy').click();
    const reason = 'The school federates; its partner’s executive head leads both';
    await page.getByLabel('Why it is withdrawn').fill(reason);
    await page.getByRole('button', { name: 'Withdraw the vacancy' }).click();
    await page.getByTestId('status').filter({ hasText: reason }).waitFor();
    const later = await apiJson<Register>(page, base, `/api/v1/vacancies?area=${covered.area.code}`);
    expect(later.summary.open).toBe(before.summary.open - 1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'vacancy-withdrawn-390.png'), fullPage: true });
  });
});
