// Uploading data as its users would, in Chromium: a data manager downloads a kind's template, checks its
// codes against the API, fills it in and uploads it; a file with two problems on one row shows both; an
// element's range is narrowed and the stored values outside it counted; a head uploads their own
// school's values and sees another school's row refused. Every page is axe-clean, also at 390 px.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import type { Db } from '../../src/db/types.ts';
import { loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const MANAGER = { email: 'data@tiny.example', password: 'data manager password' };
const HEAD = { email: 'head.s1@tiny.example', password: 'head of big school' };

let base: string;
let browser: Browser;
let db: Db;
let close: () => Promise<void> = async () => {};
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));

beforeAll(async () => {
  if (!haveBrowser) return;
  let database: { db: Db };
  ({ base, browser, close, database } = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await addUser(context, { ...MANAGER, role: 'analyst', orgUnit: 'T' });
    await addUser(context, { ...HEAD, role: 'headteacher', orgUnit: 'S1' });
  }));
  db = database.db;
});

afterAll(async () => {
  await close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const signedIn = (account: { email: string; password: string }, width = 1280) =>
  signIn({ browser, base }, account, { width, height: 900 });

/** The Data page through its link in the menu, as a person would reach it. */
async function openData(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
}

/** A sheet's rows below its heading, each cell as text. */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): string[][] {
  const rows: string[][] = [];
  sheet?.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
  });
  return rows;
}

async function upload(page: Page, file: string) {
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
}

function writeCsv(name: string, lines: string[]): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe.skipIf(!haveBrowser)('uploading data, in Chromium', () => {
  test('a data manager downloads the data-values template, fills it in and uploads it: the rows are imported', async () => {
    const page = await signedIn(MANAGER);
    await openData(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'uploads-data-page.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByTestId('template')
        .getByRole('link', { name: /data-values template/ })
        .click(),
    ]);
    const saved = path.join(folder, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe('data-values-template.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'data-values',
      'Columns',
      'Schools',
      'Periods',
      'Elements',
    ]);

    // The codes against the API: every school the manager may use, every element that may be imported with its range.
    const schools = (await (await page.request.get(`${base}/api/v1/schools?page_size=100`)).json()) as {
      schools: { code: string; name: string }[];
    };
    expect(rowsOf(workbook.getWorksheet('Schools')).map(([code, name]) => ({ code, name }))).toEqual(
      schools.schools.map(({ code, name }) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    );
    const elements = (await (await page.request.get(`${base}/api/v1/data-elements`)).json()) as {
      elements: { code: string; computed: boolean; min_value: number | null }[];
    };
    expect(rowsOf(workbook.getWorksheet('Elements')).map(([code, , , min]) => [code, min])).toEqual(
      elements.elements
        .filter((e) => !e.computed)
        .map((e) => [e.code, e.min_value === null ? '' : String(e.min_value)]),
    );
    expect(
      rowsOf(workbook.getWorksheet('Columns'))
        .slice(0, 4)
        .map(([column, required]) => [column, required]),
    ).toEqual([
      ['school_code', 'yes'],
      ['period', 'yes'],
      ['element', 'yes'],
      ['value', 'yes'],
    ]);

    // Fill it in: S5 did not report October (the fixture), so these two rows are new.
    const data = workbook.worksheets[0] as ExcelJS.Worksheet;
    data.getRow(2).values = ['S5', '2026-10', 'sessions_possible', 300];
    data.getRow(3).values = ['S5', '2026-10', 'sessions_attended', 270];
    const filled = path.join(folder, 'filled.xlsx');
    await workbook.xlsx.writeFile(filled);
    await upload(page, filled);
    await page.getByRole('heading', { name: 'The file is good' }).waitFor();
    expect(await page.getByTestId('counts').textContent()).toBe(
      '2 rows: 2 to add, 0 to change, 0 unchanged.',
    );
    await page.getByRole('button', { name: 'Import filled.xlsx' }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    expect(await page.getByTestId('counts').textContent()).toBe('2 rows: 2 added, 0 changed, 0 unchanged.');
    const stored = await db
      .selectFrom('data_value as dv')
      .innerJoin('org_unit as o', 'o.id', 'dv.org_unit_id')
      .innerJoin('data_element as e', 'e.id', 'dv.element_id')
      .select(['e.code', 'dv.value'])
      .where('o.code', '=', 'S5')
      .orderBy('e.code')
      .execute();
    expect(stored).toEqual([
      { code: 'sessions_attended', value: 270 },
      { code: 'sessions_possible', value: 300 },
    ]);
  });

  test('a file with two problems on one row shows both, each in its column', async () => {
    const page = await signedIn(MANAGER);
    await openData(page);
    await upload(
      page,
      writeCsv('two-problems.csv', ['school_code,period,element,value', 'S1,2026-11,sessions_atended,n/a']),
    );
    const problems = page.getByTestId('problems').locator('tbody tr');
    await problems.first().waitFor();
    const cells = await problems.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(cells).toEqual([
      ['2', 'element', expect.stringContaining('sessions_atended is not a data element')],
      ['2', 'value', '"n/a" is not a number'],
    ]);
    expect(await page.getByRole('alert').first().textContent()).toContain(
      '2 problems found, nothing was written',
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a data manager narrows a range and is told how many stored values now fall outside it', async () => {
    const page = await signedIn(MANAGER);
    await openData(page);
    const form = page.locator('section[aria-labelledby="element-ranges"] form');
    await form.getByLabel('Element').selectOption('sessions_attended');
    expect(await form.getByLabel('Smallest').inputValue()).toBe('0');
    await form.getByLabel('Largest').fill('900');
    await form.getByRole('button', { name: 'Save the range' }).click();
    const saved = page.getByTestId('range-saved');
    await saved.waitFor();
    // The fixture: Big School (S1) attended 950 sessions in October, the only value above 900.
    expect(await saved.textContent()).toContain(
      'sessions_attended now takes values from 0 to 900. 1 stored value falls outside it',
    );
    expect(await saved.locator('li').allTextContents()).toEqual(['Big School (S1), 2026-10: 950']);
    const row = page.getByTestId('element-ranges').locator('tr', { hasText: 'sessions_attended' });
    await expect
      .poll(() => row.locator('td').allTextContents())
      .toEqual(['sessions_attended', expect.any(String), '0', '900', '1']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a head uploads their own school's values; another school's row is refused by row and column", async () => {
    const page = await signedIn(HEAD);
    await openData(page);
    expect(await page.getByTestId('own-school').textContent()).toContain('As head of S1');
    expect(await page.getByLabel('What the file holds').locator('option').allTextContents()).toEqual([
      'Monthly data values',
    ]);
    await upload(
      page,
      writeCsv('head-mixed.csv', [
        'school_code,period,element,value',
        'S1,2026-11,sessions_possible,980',
        'S2,2026-11,sessions_possible,90',
      ]),
    );
    const problems = page.getByTestId('problems').locator('tbody tr');
    await problems.first().waitFor();
    expect(await problems.locator('td').allTextContents()).toEqual([
      '3',
      'school_code',
      'S2 is not your school: a head imports figures for their own school only (S1)',
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    await upload(
      page,
      writeCsv('head-own.csv', ['school_code,period,element,value', 'S1,2026-11,sessions_possible,980']),
    );
    await page.getByRole('heading', { name: 'The file is good' }).waitFor();
    await page.getByRole('button', { name: 'Import head-own.csv' }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor();
    expect(await page.getByTestId('counts').textContent()).toBe('1 rows: 1 added, 0 changed, 0 unchanged.');
    const audit = await db
      .selectFrom('audit_event')
      .select(['actor', 'entity'])
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: HEAD.email, entity: 'data-values' });
    // The head's template lists their own school alone.
    const template = await page.request.get(`${base}/api/v1/imports/data-values/template`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    expect(rowsOf(workbook.getWorksheet('Schools')).map(([code]) => code)).toEqual(['S1']);
  });

  test.each([
    ['head', HEAD],
    ['data manager', MANAGER],
  ])('on a phone (390 px) the Data page fits and stays axe-clean for a %s', async (who, account) => {
    const page = await signedIn(account, 390);
    await openData(page);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('.scroll'))
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
        .slice(0, 20),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: path.join(shots, `uploads-${who.replace(' ', '-')}-390.png`),
      fullPage: true,
    });
  });
});
