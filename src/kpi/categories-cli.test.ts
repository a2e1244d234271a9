// `headway category`, `category-combo` and `categories` as an operator runs them: a real process against a
// real database (the tiny authority). A language category and its combination are defined, an element
// kept by it, the list shows them; a badly written option and an option code another category has are
// refused with exit 1, naming why, and change nothing.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CommandRun, freshCliEnvironment } from '../db/testing.ts';
import type { Categories } from './categories-contract.ts';
import { loadTinyAuthority } from './test-fixtures.ts';

let cleanup: () => Promise<void>;
let headway: (...args: string[]) => Promise<CommandRun>;
let withDb: Awaited<ReturnType<typeof freshCliEnvironment>>['withDb'];

beforeAll(async () => {
  ({ cleanup, headway, withDb } = await freshCliEnvironment());
  await withDb((db) => loadTinyAuthority(db));
}, 120_000);
afterAll(() => cleanup());

test('a category, a combination and an element kept by it, from the command line', async () => {
  const category = await headway(
    'category',
    'language',
    '--name',
    'Language of instruction',
    '--options',
    'ENGLISH=English,KISWAHILI=Kiswahili',
  );
  expect(category.code, category.stderr).toBe(0);
  expect(category.stdout.trim()).toBe('language: ENGLISH, KISWAHILI');
  const combo = await headway(
    'category-combo',
    'sex_language',
    '--name',
    'Sex and language',
    '--categories',
    'sex,language',
  );
  expect(combo.code, combo.stderr).toBe(0);
  expect(combo.stdout.trim()).toBe('sex_language: sex × language, 4 option combinations');
  const kept = await headway('element-categories', 'pupils_enrolled', 'sex_language');
  expect(kept.code, kept.stderr).toBe(0);
  expect(kept.stdout).toContain('#{pupils_enrolled.FEMALE_KISWAHILI}');
  // Adding an option reaches the element kept by a combination containing the category.
  const more = await headway(
    'category',
    'language',
    '--name',
    'Language of instruction',
    '--options',
    'ENGLISH=English,KISWAHILI=Kiswahili,FRENCH=French',
  );
  expect(more.stdout.trim()).toBe(
    'language: ENGLISH, KISWAHILI, FRENCH; combinations written again: sex_language; elements derived again: pupils_enrolled',
  );
  const listed = await headway('categories', '--json');
  const all = JSON.parse(listed.stdout) as Categories;
  expect(all.combos.find((c) => c.code === 'sex_language')?.option_combos).toHaveLength(6);
  expect(all.elements.find((e) => e.element === 'pupils_enrolled')?.operands).toContain(
    'pupils_enrolled.MALE_FRENCH',
  );
  const text = await headway('categories');
  expect(text.stdout).toContain(
    'language (Language of instruction): ENGLISH English, KISWAHILI Kiswahili, FRENCH French',
  );
  expect(text.stdout).toContain('pupils_enrolled kept by sex_language');
});

test('a code with a dot, or one another category has, is refused with exit 1 and nothing changes', async () => {
  const before = await withDb((db) =>
    db.selectFrom('category_option').select('code').orderBy('code').execute(),
  );
  const dotted = await headway('category', 'stream', '--name', 'Stream', '--options', 'A.1=First');
  expect(dotted.code).toBe(1);
  expect(dotted.stderr).toContain('--options: letters, digits, _ or -, at most 32, no dot');
  const taken = await headway('category', 'gender', '--name', 'Gender', '--options', 'FEMALE=Girl,MALE=Boy');
  expect(taken.code).toBe(1);
  expect(taken.stderr).toContain('Option FEMALE belongs to the category sex');
  const after = await withDb((db) =>
    db.selectFrom('category_option').select('code').orderBy('code').execute(),
  );
  expect(after).toEqual(before);
  expect(
    await withDb((db) =>
      db.selectFrom('category').select('code').where('code', 'in', ['stream', 'gender']).execute(),
    ),
  ).toEqual([]);
});
