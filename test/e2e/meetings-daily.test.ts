// Challenges and meetings day to day, in a real browser on the demo authority (issue 19): an area lead
// raises a challenge naming two schools of their area, picks its owner from a list without themselves
// twice, is offered no Reopen on a challenge in progress, runs their own area's meeting (agenda item,
// minutes, decisions, a challenge raised there), follows the header's overdue count to the overdue
// items, and the meeting page fits a 390-pixel phone. Each page is checked with axe; what the page
// shows is compared with the API.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
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

const phone = { width: 390, height: 844 };

const signedIn = (email: string, viewport?: { width: number; height: number }) =>
  signIn({ browser, base }, { email, password: DEMO_PASSWORD }, viewport);

const api = <T>(page: Page, url: string) => apiJson<T>(page, base, url);

const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);

interface Session {
  person: { code: string; name: string };
}
interface School {
  code: string;
  name: string;
}

/** Two schools of area A01 by name, as the API lists them (not how the page does). */
async function twoSchoolsOfA01(page: Page): Promise<School[]> {
  const { schools } = await api<{ schools: School[] }>(page, '/api/v1/schools?area=A01&page_size=500');
  const sorted = [...schools].sort((a, b) => a.name.localeCompare(b.name));
  return [sorted[1], sorted.at(-2)] as School[];
}

/** Fills the raise form's common fields and ticks the two schools, found through the search box. */
async function raiseNaming(page: Page, title: string, schools: School[]) {
  const form = page.getByRole('form', { name: 'Raise a challenge' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Category').selectOption({ label: 'Staffing gap' });
  await form.getByLabel('Affects').selectOption('A01');
  const picker = form.getByTestId('school-picker');
  for (const school of schools) {
    await picker.getByLabel('Find a school').fill(school.name.slice(0, 8));
    await picker.getByRole('checkbox', { name: new RegExp(`^${school.name}`) }).check();
  }
  await picker.getByLabel('Find a school').fill('');
  await expect
    .poll(() => picker.getByTestId('chosen').textContent())
    .toBe(`2 chosen: ${schools.map((s) => s.name).join('; ')}`);
  return form;
}

interface Reminders {
  actions: number;
  challenges: number;
  overdue: { kind: string; id: number; title: string }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The number the header's badge shows (none shown: 0). */
async function badgeCount(page: Page): Promise<number> {
  const badge = page.getByTestId('reminders');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.textContent())?.match(/^(\d+) (?:overdue|due)/)?.[1]);
}

/** The first area lead (A01 up) the API says has both an overdue action and an overdue challenge. */
async function leadWithOverdueActionAndChallenge(): Promise<string> {
  for (let area = 1; area <= 20; area++) {
    const email = `lead.a${String(area).padStart(2, '0')}@northmoor.example`;
    const context = await browser.newContext();
    await context.request.post(`${base}/api/v1/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
    const answer = await context.request.get(`${base}/api/v1/reminders`);
    const reminders = answer.ok() ? ((await answer.json()) as Reminders) : null;
    await context.close();
    if (reminders && reminders.actions > 0 && reminders.challenges > 0) return email;
  }
  throw new Error('No area lead of the demo has both an overdue action and an overdue challenge');
}

describe.skipIf(!haveBrowser)('challenges and meetings, day to day', () => {
  test('an area lead raises a challenge naming two schools; one owner entry each; no Reopen in progress', async () => {
    const lead = await signedIn('lead.a01@northmoor.example');
    const me = (await api<Session>(lead, '/api/v1/auth/session')).person;
    const schools = await twoSchoolsOfA01(lead);
    await lead.goto(`${base}/challenges`);
    const form = await raiseNaming(lead, 'One maths teacher for two schools', schools);
    // The owner list: "Me", and nobody twice; the signed-in lead is not listed again by name.
    const owners = await form.getByLabel('Owner').locator('option').allInnerTexts();
    expect(owners[0]).toBe('Me');
    expect(owners).not.toContain(me.name);
    expect(new Set(owners).size).toBe(owners.length);
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(shots, 'raise-naming-schools.png'), fullPage: true });
    await form.getByRole('button', { name: 'Raise it' }).click();
    await expect.poll(() => form.getByText(/^Challenge \d+ raised\.$/).count()).toBe(1);
    const id = Number((await form.getByText(/^Challenge \d+ raised\.$/).textContent())?.match(/\d+/)?.[0]);

    // The API holds exactly the two schools; the list and the challenge page name them.
    const saved = await api<{ units: { code: string }[] }>(lead, `/api/v1/challenges/${id}`);
    expect(saved.units.map((u) => u.code).sort()).toEqual(schools.map((s) => s.code).sort());
    await lead.goto(`${base}/challenges`);
    const row = lead
      .getByTestId('challenges')
      .locator('tr', { hasText: 'One maths teacher for two schools' });
    for (const school of schools) expect(await row.textContent()).toContain(school.name);
    await lead.goto(`${base}/challenges/${id}`);
    const affects = lead.locator('dt', { hasText: 'Affects' }).locator('xpath=following-sibling::dd');
    for (const school of schools) expect(await affects.textContent()).toContain(school.name);

    // In progress: the buttons are exactly the moves the server allows her, and none is "Reopen".
    await lead.getByRole('button', { name: 'Mark in progress' }).click();
    await expect.poll(() => lead.getByTestId('status').textContent()).toMatch(/^In progress/);
    const moves = lead.getByRole('region', { name: 'Move it on' }).getByRole('button');
    const next = (await api<{ next: string[] }>(lead, `/api/v1/challenges/${id}`)).next;
    expect(next).toEqual(['resolved', 'closed', 'open']);
    expect(await moves.allInnerTexts()).toEqual([
      'Mark resolved',
      "Close: won't fix",
      'Back to open (not started)',
    ]);
    expect(await lead.getByRole('button', { name: /Reopen/ }).count()).toBe(0);
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(shots, 'challenge-in-progress.png'), fullPage: true });
    await lead.close();
  });

  test("an area lead runs their own area's meeting: agenda, minutes, decisions, a challenge raised there", async () => {
    const lead = await signedIn('lead.a01@northmoor.example');
    await lead.goto(`${base}/meetings`);
    const hold = lead.getByRole('form', { name: 'Hold a meeting' });
    await hold.getByLabel('Kind').selectOption('area_headteachers');
    const area = (
      await api<{ org_units: { code: string; name: string }[] }>(lead, '/api/v1/org-units?level=area')
    ).org_units.find((a) => a.code === 'A01');
    expect(await hold.getByLabel('For').locator('option').allInnerTexts()).toEqual([area?.name]);
    await hold.getByRole('textbox', { name: 'On' }).fill('2026-11-20');
    await hold.getByRole('button', { name: 'Create' }).click();
    await lead.waitForURL(/\/meetings\/\d+$/);
    const id = Number(lead.url().split('/').at(-1));

    await lead.getByRole('textbox', { name: 'Agenda item' }).fill('Maths staffing across the area');
    await lead.getByRole('button', { name: 'Add to the agenda' }).click();
    const item = lead
      .getByTestId('agenda')
      .locator('li', { hasText: 'Maths staffing across the area' })
      .first();
    await item.getByLabel('Minutes').fill('Two heads agreed to share a maths teacher from January.');
    await item.getByRole('button', { name: /^Save minutes/ }).click();
    await item.getByLabel('Decision').fill('Advertise one shared post');
    await item.getByRole('button', { name: /^Record/ }).click();
    await expect.poll(() => item.getByText('Decided: Advertise one shared post').count()).toBe(1);
    await lead.getByRole('textbox', { name: 'Decision of the meeting' }).fill('Meet again on 15 January');
    await lead.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => lead.getByTestId('decisions').textContent()).toBe('Meet again on 15 January');

    const schools = await twoSchoolsOfA01(lead);
    const form = await raiseNaming(lead, 'Shared maths post', schools);
    await form.getByRole('button', { name: 'Raise it' }).click();
    await lead.getByTestId('raised-here').getByRole('link', { name: 'Shared maths post' }).waitFor();
    const raisedHere = await lead.getByTestId('raised-here').locator('li').innerText();
    for (const school of schools) expect(raisedHere).toContain(school.name);

    // What the page showed is what the meeting now holds.
    const meeting = await api<{
      agenda: { title: string; minutes: string; decisions: { text: string }[] }[];
      decisions: { text: string }[];
      challenges: { title: string }[];
    }>(lead, `/api/v1/meetings/${id}`);
    expect(meeting.agenda).toMatchObject([
      {
        title: 'Maths staffing across the area',
        minutes: 'Two heads agreed to share a maths teacher from January.',
        decisions: [{ text: 'Advertise one shared post' }],
      },
    ]);
    expect(meeting.decisions.map((d) => d.text)).toEqual(['Meet again on 15 January']);
    expect(meeting.challenges.map((c) => c.title)).toEqual(['Shared maths post']);
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(shots, 'area-meeting.png'), fullPage: true });

    // On a phone the same page fits: no sideways scrolling.
    const small = await signedIn('lead.a01@northmoor.example', phone);
    await small.goto(`${base}/meetings/${id}`);
    await small.getByTestId('agenda').locator('li').first().waitFor();
    expect(await scrollWidth(small)).toBeLessThanOrEqual(390);
    await small.screenshot({ path: path.join(shots, 'area-meeting-390.png'), fullPage: true });
    await small.close();
    await lead.close();
  });

  test("the director's meeting page, with every form, fits 390 pixels", async () => {
    const page = await signedIn('director@northmoor.example', phone);
    const { meetings } = await api<{ meetings: { id: number }[] }>(page, '/api/v1/meetings?kind=area_leads');
    await page.goto(`${base}/meetings/${meetings[0]?.id}`);
    await page
      .getByRole('button', { name: /^Save minutes/ })
      .first()
      .waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'meeting-390.png'), fullPage: true });
    await page.close();
  });

  test('the overdue count in the header leads to the overdue actions and challenges', async () => {
    // An area lead with an overdue action and an overdue challenge (the demo's log leaves some).
    const email = await leadWithOverdueActionAndChallenge();
    const lead = await signedIn(email);
    const reminders = await api<Reminders>(lead, '/api/v1/reminders');
    expect(reminders.actions).toBeGreaterThan(0);
    expect(reminders.challenges).toBeGreaterThan(0);
    const badge = lead.getByTestId('reminders');
    await expect.poll(() => badgeCount(lead)).toBe(reminders.overdue.length);
    expect(await badge.getAttribute('title')).toBe(
      `Overdue: ${plural(reminders.actions, 'action')} and ${plural(reminders.challenges, 'challenge')}`,
    );
    expect(await seriousViolations(lead)).toEqual([]);
    await badge.click();
    await lead.waitForURL(/\/my-actions#overdue$/);
    const items = lead.getByTestId('overdue').locator(':scope > li');
    await items.first().waitFor();
    const shown = await items.allInnerTexts();
    expect(shown).toHaveLength(reminders.overdue.length);
    reminders.overdue.forEach((r, i) => {
      expect(shown[i]).toContain(r.title);
      expect(shown[i]).toMatch(
        r.kind === 'challenge' ? /^Challenge / : r.kind === 'action' ? /^Action / : /^Update due for /,
      );
    });
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(shots, 'my-actions-overdue.png'), fullPage: true });

    // Done from the list: it leaves the list and the count drops by one.
    const firstAction = reminders.overdue.find((r) => r.kind === 'action') as Reminders['overdue'][number];
    await items
      .filter({ hasText: firstAction.title })
      .first()
      .getByRole('button', { name: /^Mark done/ })
      .click();
    await expect.poll(() => badgeCount(lead)).toBe(reminders.overdue.length - 1);
    await expect.poll(() => items.count()).toBe(reminders.overdue.length - 1);
    await lead.close();
  });
});
