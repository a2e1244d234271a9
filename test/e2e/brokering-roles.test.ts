// The role catalogue as the director works it on the demo authority: open it from the support page,
// change the LLE's funded days, and the alternatives for an LLE need count the new days (the demo's LLE
// designations carry no days of their own, so they have the role's); axe-clean; usable at 390 px.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import type { Alternatives, Proposal } from '../../src/brokering/proposal-contract.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp((db) =>
    loadDemo(db, operator('test'), { seed: 5, primarySchools: 120, referenceDate: '2026-09-01' }),
  ));
}, 300_000);

afterAll(() => close());

/** Days left for each LLE-only leader among a need's alternatives. */
async function lleDaysLeft(page: Page, proposal: number, need: number): Promise<Map<string, number>> {
  const { leaders } = await apiJson<{ leaders: { code: string; designations: string[] }[] }>(
    page,
    base,
    '/api/v1/brokering/leaders?as_of=2026-09-01',
  );
  const lleOnly = new Set(leaders.filter((l) => l.designations.join() === 'lle').map((l) => l.code));
  const alternatives = await apiJson<Alternatives>(
    page,
    base,
    `/api/v1/brokering/proposals/${proposal}/needs/${need}/alternatives`,
  );
  return new Map(
    alternatives.alternatives.filter((a) => lleOnly.has(a.leader)).map((a) => [a.leader, a.days_left]),
  );
}

describe.skipIf(!haveBrowser)('the role catalogue', () => {
  test("the director changes the LLE's funded days and an LLE need's alternatives reflect it", async () => {
    const page = await signIn(
      { browser, base },
      { email: 'director@northmoor.example', password: DEMO_PASSWORD },
    );
    await page.getByRole('link', { name: 'Support', exact: true }).click();
    await page.getByRole('button', { name: /^Propose a match/ }).click();
    await page.getByTestId('proposal-summary').waitFor({ timeout: 120_000 });
    const id = Number(/proposals\/(\d+)/.exec(page.url())?.[1]);
    const proposal = await apiJson<Proposal>(page, base, `/api/v1/brokering/proposals/${id}`);
    const lle = proposal.pairs.find((p) => p.kind === 'lle');
    expect(lle).toBeDefined();
    const before = await lleDaysLeft(page, proposal.id, lle?.need as number);
    expect(before.size).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Support', exact: true }).click();
    await page.getByRole('link', { name: 'Roles', exact: true }).click();
    const row = page.getByTestId('role-lle');
    await row.waitFor();
    expect(await row.locator('th').textContent()).toContain('Local leader of education (LLE)');
    expect(await row.textContent()).toContain("a serving head; own school's leadership good or outstanding");
    const days = page.getByLabel('Funded days a year, Local leader of education (LLE)');
    expect(await days.inputValue()).toBe('15');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'brokering-roles.png'), fullPage: true });

    await days.fill('25');
    await page.getByRole('button', { name: 'Save Local leader of education (LLE)' }).click();
    await expect
      .poll(
        async () =>
          (
            await apiJson<{ roles: { code: string; funded_days: number }[] }>(
              page,
              base,
              '/api/v1/brokering/roles',
            )
          ).roles.find((r) => r.code === 'lle')?.funded_days,
      )
      .toBe(25);
    await page.reload();
    expect(await page.getByLabel('Funded days a year, Local leader of education (LLE)').inputValue()).toBe(
      '25',
    );

    // Every LLE-only leader has ten more days left for the same need.
    const after = await lleDaysLeft(page, proposal.id, lle?.need as number);
    for (const [leader, left] of before) expect(after.get(leader)).toBe(left + 10);

    const narrow = await signIn(
      { browser, base },
      { email: 'director@northmoor.example', password: DEMO_PASSWORD },
      { width: 390, height: 844 },
    );
    await narrow.goto(`${base}/brokering/roles`);
    await narrow.getByTestId('role-lle').waitFor();
    expect(await seriousViolations(narrow)).toEqual([]);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await narrow.screenshot({ path: path.join(shots, 'brokering-roles-390.png'), fullPage: true });
  });
});
