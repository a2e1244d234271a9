// Categories an authority defines for itself (issue 25: "any an authority defines, as DHIS2 does"): a
// language of instruction made by the API, an element kept by it, its options in formulas, an option
// added and renamed, refusals that lose nothing, a combination with sex, and who may define them.
// On the tiny authority, October: S1 120 English + 80 Kiswahili, S2 30 English + 20 Kiswahili (area A:
// 150 English of 250); S3 60 English + 40 Kiswahili.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorAnalytics } from './analytics.ts';
import { assignCategoryCombo, listCategories } from './categories.ts';
import { saveCategory, saveCombo } from './category-definitions.ts';
import { csv, loadTinyAuthority } from './test-fixtures.ts';

let database: Database;
const context = () =>
  contextFor(database.db, operator('test'), { settings: defaultSettings, today: '2026-10-15' });
const language = {
  name: 'Language of instruction',
  options: [
    { code: 'ENGLISH', name: 'English' },
    { code: 'KISWAHILI', name: 'Kiswahili' },
  ],
};
const figure = async (indicator: string, unit: string) =>
  (await indicatorAnalytics(context(), { indicator, period: '2026-10', orgUnit: unit }))[0]?.value;

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
});
afterEach(() => database.close());

async function enrolmentByLanguage() {
  await saveCategory(context(), 'language', language);
  await saveCombo(context(), 'language', { name: 'Language', categories: ['language'] });
  await assignCategoryCombo(context(), 'pupils_enrolled', { combo: 'language', aggregation: 'sum' });
  await importFile(
    context(),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value,category_option_combo',
      'S1,2026-10,pupils_enrolled,120,ENGLISH',
      'S1,2026-10,pupils_enrolled,80,KISWAHILI',
      'S2,2026-10,pupils_enrolled,30,ENGLISH',
      'S2,2026-10,pupils_enrolled,20,KISWAHILI',
      'S3,2026-10,pupils_enrolled,60,ENGLISH',
      'S3,2026-10,pupils_enrolled,40,KISWAHILI',
    ]),
  );
  await importFile(
    context(),
    'indicators',
    csv('i.csv', [
      'code,name,numerator,denominator,factor,decimals,direction',
      'english_share,Taught in English,#{pupils_enrolled.ENGLISH},#{pupils_enrolled},100,1,higher',
    ]),
  );
}

test("a category of the authority's own keeps values; its options are elements in formulas", async () => {
  await enrolmentByLanguage();
  expect(await figure('enrolment', 'A')).toBe(250); // 200 + 50, the options' sum
  expect(await figure('english_share', 'A')).toBe(60); // 150 / 250
  expect(await figure('english_share', 'B')).toBe(60); // 60 / 100
  const listed = await listCategories(context());
  expect(listed.categories.find((c) => c.code === 'language')?.options.map((o) => o.code)).toEqual([
    'ENGLISH',
    'KISWAHILI',
  ]);
  expect(listed.elements.find((e) => e.element === 'pupils_enrolled')).toMatchObject({
    combo: 'language',
    operands: ['pupils_enrolled.ENGLISH', 'pupils_enrolled.KISWAHILI'],
  });
});

test('an option added and one renamed reach the element at once; the values stay', async () => {
  await enrolmentByLanguage();
  const saved = await saveCategory(context(), 'language', {
    name: 'Language of instruction',
    options: [
      { code: 'ENGLISH', name: 'English' },
      { code: 'KISWAHILI', name: 'Swahili' },
      { code: 'FRENCH', name: 'French' },
    ],
  });
  expect(saved).toMatchObject({ combos: ['language'], elements: ['pupils_enrolled'] });
  const listed = await listCategories(context());
  expect(listed.combos.find((c) => c.code === 'language')?.option_combos).toEqual([
    { code: 'ENGLISH', name: 'English' },
    { code: 'KISWAHILI', name: 'Swahili' },
    { code: 'FRENCH', name: 'French' },
  ]);
  expect(listed.elements.find((e) => e.element === 'pupils_enrolled')?.operands).toEqual([
    'pupils_enrolled.ENGLISH',
    'pupils_enrolled.FRENCH',
    'pupils_enrolled.KISWAHILI',
  ]);
  const renamed = await database.db
    .selectFrom('data_element')
    .select('name')
    .where('code', '=', 'pupils_enrolled.KISWAHILI')
    .executeTakeFirstOrThrow();
  expect(renamed.name).toMatch(/, Swahili$/);
  await importFile(
    context(),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value,category_option_combo',
      'S2,2026-10,pupils_enrolled,10,FRENCH',
    ]),
  );
  expect(await figure('enrolment', 'A')).toBe(260);
  expect(await figure('english_share', 'A')).toBeCloseTo((150 / 260) * 100, 6);
});

test('an option values are kept by, or one another category has, is refused and nothing changes', async () => {
  await enrolmentByLanguage();
  await expect(
    saveCategory(context(), 'language', {
      name: 'Language',
      options: [{ code: 'ENGLISH', name: 'English' }],
    }),
  ).rejects.toThrow('3 values are kept by KISWAHILI of language: delete them before taking the option away');
  await expect(
    saveCategory(context(), 'language', {
      name: 'Language',
      options: [...language.options, { code: 'FEMALE', name: 'Female' }],
    }),
  ).rejects.toThrow('Option FEMALE belongs to the category sex');
  const listed = await listCategories(context());
  expect(listed.categories.find((c) => c.code === 'language')).toMatchObject({
    name: 'Language of instruction',
    options: language.options,
  });
  expect(await figure('enrolment', 'A')).toBe(250);
  // An option no value is kept by goes, with its derived element.
  await saveCategory(context(), 'language', {
    ...language,
    options: [...language.options, { code: 'FRENCH', name: 'French' }],
  });
  await saveCategory(context(), 'language', language);
  const gone = await database.db
    .selectFrom('data_element')
    .select('code')
    .where('code', '=', 'pupils_enrolled.FRENCH')
    .executeTakeFirst();
  expect(gone).toBeUndefined();
});

test("a combination crosses its categories' options; one that keeps an element keeps its categories", async () => {
  await enrolmentByLanguage();
  const crossed = await saveCombo(context(), 'sex_language', {
    name: 'Sex and language',
    categories: ['sex', 'language'],
  });
  expect(crossed.option_combos).toBe(4);
  const listed = await listCategories(context());
  expect(listed.combos.find((c) => c.code === 'sex_language')?.option_combos.map((o) => o.code)).toEqual([
    'FEMALE_ENGLISH',
    'FEMALE_KISWAHILI',
    'MALE_ENGLISH',
    'MALE_KISWAHILI',
  ]);
  await expect(saveCombo(context(), 'language', { name: 'Language', categories: ['sex'] })).rejects.toThrow(
    'language keeps pupils_enrolled: give it another combination before changing its categories',
  );
  await expect(saveCombo(context(), 'x', { name: 'X', categories: ['nope'] })).rejects.toThrow(
    'nope is not a category',
  );
  // Its name may change.
  await saveCombo(context(), 'language', { name: 'Language taught in', categories: ['language'] });
  expect((await listCategories(context())).combos.find((c) => c.code === 'language')?.name).toBe(
    'Language taught in',
  );
});

test('the director defines categories over the API, audited; an area lead and a head may not', async () => {
  const director = await apiAs(database, 'director', 'T');
  const made = await director.send('PUT', '/api/v1/categories/language', language);
  expect(made).toMatchObject({
    status: 200,
    body: { category: 'language', options: ['ENGLISH', 'KISWAHILI'] },
  });
  const combo = await director.send('PUT', '/api/v1/category-combos/language', {
    name: 'Language',
    categories: ['language'],
  });
  expect(combo).toMatchObject({ status: 200, body: { option_combos: 2 } });
  const bad = await director.send('PUT', '/api/v1/categories/language', {
    name: 'L',
    options: [{ code: 'A.B', name: 'x' }],
  });
  expect(bad.status).toBe(400);
  for (const [role, unit] of [
    ['area_lead', 'A'],
    ['headteacher', 'S1'],
  ] as const) {
    const api = await apiAs(database, role, unit);
    expect((await api.send('PUT', '/api/v1/categories/language', language)).status).toBe(403);
    expect(
      (await api.send('PUT', '/api/v1/category-combos/language', { name: 'L', categories: ['language'] }))
        .status,
    ).toBe(403);
  }
  const audit = await database.db
    .selectFrom('audit_event')
    .select(['action', 'entity'])
    .where('entity', 'in', ['category', 'category_combo'])
    .where('action', 'in', ['create', 'update'])
    .execute();
  expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(
    expect.arrayContaining(['create category', 'create category_combo']),
  );
});
