// The catalogue's rules as the director meets them on the demo authority: the proposal pairs a deputy's
// NPQH internship and a requested associate head placement with host heads, and an NLE with a school
// in need, each shown with the evidence the API gives; the Roles page states the executive head's rule
// and the per-role limit; axe-clean; usable at 390 px.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import type { Proposal } from '../../src/brokering/proposal-contract.ts';
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

const director = { email: 'director@northmoor.example', password: DEMO_PASSWORD };

/** Pages through the proposal's pairs until one shows the text; false when no page does. */
async function pairShown(page: Page, text: string): Promise<boolean> {
  for (;;) {
    const list = page.getByTestId('pairs').getByText(text, { exact: false });
    if ((await list.count()) > 0) return true;
    const next = page.getByRole('button', { name: 'Next' });
    if ((await next.count()) === 0 || (await next.isDisabled())) return false;
    await next.click();
  }
}

describe.skipIf(!haveBrowser)("the catalogue's rules", () => {
  test('the proposal meets internships, placements and NLE needs with the roles that meet them', async () => {
    const page = await signIn({ browser, base }, director);
    await page.getByRole('link', { name: 'Support', exact: true }).click();
    await page.getByRole('button', { name: /^Propose a match/ }).click();
    await page.getByTestId('proposal-summary').waitFor({ timeout: 120_000 });
    const id = Number(/proposals\/(\d+)/.exec(page.url())?.[1]);
    const proposal = await apiJson<Proposal>(page, base, `/api/v1/brokering/proposals/${id}`);
    const internship = proposal.pairs.find((p) => p.kind === 'npqh_internship');
    const placement = proposal.pairs.find((p) => p.kind === 'leadership_placement');
    const nle = proposal.pairs.find((p) => p.kind === 'nle');
    expect(internship?.evidence).toMatch(/holds the NPQH and has no internship recorded$/);
    expect(placement?.evidence).toMatch(/has asked for an associate head placement and has had none$/);
    expect(nle).toBeDefined();
    // The host is never the candidate's own school.
    for (const pair of [internship, placement])
      expect(pair?.reasons.join(' ')).not.toContain('leads this school');
    expect(await pairShown(page, `Need: ${internship?.evidence}`)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'catalogue-rules-proposal.png'), fullPage: true });

    await page.goto(`${base}/brokering/roles`);
    const executive = page.getByTestId('role-executive_head');
    await executive.waitFor();
    expect(await executive.textContent()).toContain(
      'only for a school with no head and no deputy or assistant head to act (or in their own federation)',
    );
    expect(await page.textContent('main')).toContain('an interim head covering a vacancy may still mentor');

    const narrow = await signIn({ browser, base }, director, { width: 390, height: 844 });
    await narrow.goto(`${base}/brokering/proposals/${id}`);
    await narrow.getByTestId('proposal-summary').waitFor();
    expect(await seriousViolations(narrow)).toEqual([]);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await narrow.screenshot({ path: path.join(shots, 'catalogue-rules-proposal-390.png'), fullPage: true });
  });
});
