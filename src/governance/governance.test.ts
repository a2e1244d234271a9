// Governing boards against the tiny authority (T > A {S1, S2}, B {S3, S4, S5}) on 2026-11-20: vacancies,
// skills gaps, training expiry and the not-ready reasons worked by hand, and who may do what.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { boardDetail, createBoard, listBoards, setSuccession } from './boards.ts';
import { putCourse } from './catalogue.ts';
import { addMember, addTraining, editMember } from './members.ts';
import { governanceTotals } from './totals.ts';

const today = '2026-11-20';
let database: Database;
const as: Record<string, Context> = {};
const ids: Record<string, number> = {};

async function contextAs(role: Role, unit: string, person?: string): Promise<Context> {
  const actor = await actorForToken(database.db, await tokenFor(database.db, role, unit, person));
  if (!actor) throw new Error('no actor');
  return contextFor(database.db, actor, { today });
}

const d = () => as.director as Context;

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
  as.director = await contextAs('director', 'T', 'P1');
  as.leadA = await contextAs('area_lead', 'A', 'P2');
  as.leadB = await contextAs('area_lead', 'B', 'P3');
  as.headS1 = await contextAs('headteacher', 'S1', 'P4');
  as.analyst = await contextAs('analyst', 'T');
  await createBoard(d(), {
    code: 'GB-S1',
    name: 'Big School governing board',
    schools: ['S1'],
    clerk_name: 'Clara Clerk',
    clerk_email: 'clerk@s1.example',
    places: { parent: 2, staff: 1, authority: 1, co_opted: 2 },
  });
  const member = async (
    name: string,
    category: string,
    appointed: string,
    ends: string,
    roles: string[] = [],
  ) =>
    (
      await addMember(d(), 'GB-S1', {
        name,
        category: category as 'parent',
        roles: roles as 'chair'[],
        appointed_on: appointed,
        term_ends_on: ends,
        email: `${name.toLowerCase()}@gov.example`,
      })
    ).id;
  ids.ann = await member('Ann', 'parent', '2023-01-01', '2027-03-31', ['chair']);
  ids.bob = await member('Bob', 'parent', '2022-09-01', '2026-08-31');
  ids.cat = await member('Cat', 'staff', '2024-01-01', '2028-01-01');
  ids.dan = await member('Dan', 'co_opted', '2025-01-01', '2029-01-01');
  ids.eve = await member('Eve', 'co_opted', '2025-01-01', '2029-01-01');
  ids.fay = await member('Fay', 'co_opted', '2025-02-01', '2029-01-01');
  ids.gus = await member('Gus', 'co_opted', '2025-03-01', '2029-01-01');
  await editMember(d(), ids.dan as number, { resigned_on: '2026-06-30', skills: { safeguarding: 3 } });
  await editMember(d(), ids.ann as number, { skills: { finance: 3 } });
  await editMember(d(), ids.cat as number, { skills: { finance: 1, education: 2 } });
  await editMember(d(), ids.eve as number, { skills: { education: 3 } });
  await editMember(d(), ids.bob as number, { skills: { legal: 3 } });
  await editMember(d(), ids.fay as number, { skills: { safeguarding: 1 } });
  const course = (who: string, code: string, on: string) =>
    addTraining(d(), ids[who] as number, { course: code, attended_on: on });
  await course('ann', 'induction', '2023-02-01');
  await course('ann', 'safeguarding', '2023-11-20');
  await course('cat', 'induction', '2024-02-01');
  await course('cat', 'safeguarding', '2023-11-21');
  await course('eve', 'induction', '2025-02-01');
  await course('gus', 'induction', '2025-03-01');
  await course('gus', 'safeguarding', '2025-03-01');
  await course('gus', 'headteacher_recruitment', '2022-01-01');
  await createBoard(d(), {
    code: 'GB-S3',
    name: 'Third School board',
    schools: ['S3'],
    places: { parent: 2 },
  });
}, 120_000);
afterAll(() => database?.close());

describe('a board by hand', () => {
  test('vacancies are places minus serving members per category; an over-full category fills no other', async () => {
    const board = await boardDetail(d(), 'GB-S1');
    // Bob's term ended, Dan resigned: Ann, Cat, Eve, Fay and Gus serve.
    expect(board.members.filter((m) => m.status === 'serving').map((m) => m.name)).toEqual([
      'Ann',
      'Cat',
      'Eve',
      'Fay',
      'Gus',
    ]);
    expect(board.members.find((m) => m.name === 'Bob')?.status).toBe('term_ended');
    expect(board.members.find((m) => m.name === 'Dan')?.status).toBe('resigned');
    expect(board.by_category).toEqual([
      { category: 'parent', places: 2, serving: 1, vacancies: 1 },
      { category: 'staff', places: 1, serving: 1, vacancies: 0 },
      { category: 'authority', places: 1, serving: 0, vacancies: 1 },
      { category: 'co_opted', places: 2, serving: 3, vacancies: 0 },
    ]);
    expect([board.places, board.serving, board.vacancies]).toEqual([6, 5, 2]);
    expect(board.chair).toEqual({ name: 'Ann', term_ends_on: '2027-03-31' });
    // Ann's term ends within six months of 2026-11-20 (before 2027-05-20); nobody else's does.
    expect(board.members.filter((m) => m.term_ending).map((m) => m.name)).toEqual(['Ann']);
    expect(board.terms_ending).toBe(1);
  });

  test('skills gaps: none covers legal or safeguarding (Bob left, Dan resigned, Fay rated 1); only Ann finance', async () => {
    const board = await boardDetail(d(), 'GB-S1');
    const gap = Object.fromEntries(board.skills.map((s) => [s.code, [s.covered_by, s.gap]]));
    expect(gap.finance).toEqual([1, 'one']);
    expect(gap.education).toEqual([2, null]);
    expect(gap.legal).toEqual([0, 'none']);
    expect(gap.safeguarding).toEqual([0, 'none']);
  });

  test('training expiry: safeguarding lasts 36 months, so attended 2023-11-20 is overdue today and 2023-11-21 is not', async () => {
    const board = await boardDetail(d(), 'GB-S1');
    const overdue = Object.fromEntries(board.members.map((m) => [m.name, m.overdue]));
    expect(overdue).toEqual({
      Ann: ['safeguarding'],
      Bob: [],
      Cat: [],
      Dan: [],
      Eve: ['safeguarding'],
      Fay: ['induction', 'safeguarding'],
      Gus: [],
    });
    const ann = board.members.find((m) => m.name === 'Ann');
    expect(ann?.training.find((t) => t.course === 'safeguarding')?.expires_on).toBe('2026-11-20');
    expect(board.trained).toBe(2);
    expect(board.courses.find((c) => c.code === 'safeguarding')?.overdue).toBe(3);
  });

  test('a course made to renew every 12 months changes who is overdue', async () => {
    await putCourse(d(), 'induction', { name: 'Induction', mandatory: true, renew_months: 12 });
    // Induction in date only for Gus (2025-03-01 → 2026-03-01 is past too): nobody is up to date.
    expect((await boardDetail(d(), 'GB-S1')).trained).toBe(0);
    await putCourse(d(), 'induction', { name: 'Induction', mandatory: true, renew_months: null });
    expect((await boardDetail(d(), 'GB-S1')).trained).toBe(2);
  });

  test('not ready: no plan, the chair’s term ending, a third of places vacant; a plan with a stale review', async () => {
    expect((await boardDetail(d(), 'GB-S1')).reasons).toEqual([
      'no_plan',
      'chair_term_ending',
      'many_vacancies',
    ]);
    await setSuccession(d(), 'GB-S1', {
      has_plan: true,
      reviewed_on: '2025-09-01',
      chair_successor: ids.cat,
    });
    expect((await boardDetail(d(), 'GB-S1')).reasons).toEqual([
      'plan_out_of_date',
      'chair_term_ending',
      'many_vacancies',
    ]);
    const board = await setSuccession(d(), 'GB-S1', {
      has_plan: true,
      reviewed_on: '2026-10-01',
      chair_successor: ids.cat,
      headship_successor: 'P4',
    });
    expect(board.reasons).toEqual(['chair_term_ending', 'many_vacancies']);
    expect(board.succession?.chair_successor).toEqual({ id: ids.cat, name: 'Cat' });
    expect(board.succession?.headship_successor).toEqual({ code: 'P4', name: 'Hal Head' });
    // The board with no members: no plan, no chair, both parent places vacant, nobody trained to recruit.
    expect((await boardDetail(d(), 'GB-S3')).reasons).toEqual([
      'no_plan',
      'no_chair',
      'many_vacancies',
      'no_recruitment_training',
    ]);
  });

  test('a successor for the chair must be a serving member; a second chair is refused by name', async () => {
    await expect(
      setSuccession(d(), 'GB-S1', { has_plan: true, reviewed_on: '2026-10-01', chair_successor: ids.bob }),
    ).rejects.toThrow(/not a serving member/);
    await expect(editMember(d(), ids.eve as number, { roles: ['chair'] })).rejects.toThrow(/Ann is already/);
  });

  test('the list filters not ready and vacancies, with the figures of the whole filter', async () => {
    const all = await listBoards(d());
    expect(all.boards.map((b) => b.code)).toEqual(['GB-S1', 'GB-S3']);
    expect(all.figures).toEqual({
      boards: 2,
      not_ready: 2,
      with_plan: 1,
      places: 8,
      vacancies: 4,
      serving: 5,
      trained: 2,
    });
    expect((await listBoards(d(), { area: 'B', not_ready: 'true' })).boards.map((b) => b.code)).toEqual([
      'GB-S3',
    ]);
    expect((await listBoards(d(), { sort: '-reasons' })).boards[0]?.code).toBe('GB-S3');
  });
});

describe('access', () => {
  test('an area lead sees and records their area’s boards; another area’s is not found', async () => {
    expect((await listBoards(as.leadA as Context)).boards.map((b) => b.code)).toEqual(['GB-S1']);
    await expect(boardDetail(as.leadB as Context, 'GB-S1')).rejects.toThrow(/not found/);
    const { id } = await addMember(as.leadA as Context, 'GB-S1', {
      name: 'Ida',
      category: 'authority',
      appointed_on: '2026-11-01',
      term_ends_on: '2030-10-31',
    });
    expect((await boardDetail(as.leadA as Context, 'GB-S1')).by_category[2]).toEqual({
      category: 'authority',
      places: 1,
      serving: 1,
      vacancies: 0,
    });
    await editMember(d(), id, { resigned_on: '2026-11-01' });
  });

  test('the head records members and training but not the plan, and sees contacts; others see none', async () => {
    const head = await boardDetail(as.headS1 as Context, 'GB-S1');
    expect([head.can_record, head.can_manage]).toEqual([true, false]);
    expect(head.members.find((m) => m.name === 'Ann')?.email).toBe('ann@gov.example');
    await expect(setSuccession(as.headS1 as Context, 'GB-S1', { has_plan: false })).rejects.toThrow(
      /does not let you set up governing boards/,
    );
    await addTraining(as.headS1 as Context, ids.fay as number, {
      course: 'induction',
      attended_on: '2026-11-02',
    });
    await expect(listBoards(as.analyst as Context)).rejects.toThrow(/does not let you see governing boards/);
  });

  test('a federation board spanning two areas is read by both leads and recorded by neither', async () => {
    await createBoard(d(), {
      code: 'GB-F',
      name: 'Federation board',
      schools: ['S2', 'S4'],
      places: { parent: 1 },
    });
    const seen = await boardDetail(as.leadA as Context, 'GB-F');
    expect([seen.can_record, seen.can_manage]).toEqual([false, false]);
    await expect(
      addMember(as.leadA as Context, 'GB-F', {
        name: 'Jo',
        category: 'parent',
        appointed_on: '2026-01-01',
        term_ends_on: '2030-01-01',
      }),
    ).rejects.toThrow(/also governs S4/);
    await expect(
      createBoard(d(), { code: 'GB-X', name: 'Again', schools: ['S2'], places: {} }),
    ).rejects.toThrow(/already governed by board GB-F/);
  });
});

describe('indicators', () => {
  test('on 2026-11-30 area A has two boards (S1, and the federation through S2): places 7, vacancies 3', async () => {
    const units = await resolveUnits(database.db, { level: 'area' });
    const totals = await governanceTotals(
      database.db,
      units,
      [
        'governor_places',
        'governor_vacancies',
        'governing_boards',
        'boards_with_succession_plan',
        'governors_serving',
        'governors_trained',
      ],
      [parsePeriod('2026-11')],
    );
    const a = Object.fromEntries(totals.filter((t) => t.unit_code === 'A').map((t) => [t.element, t.total]));
    // On the 30th Cat's safeguarding (to 2026-11-21) has lapsed: only Gus is up to date; Fay's induction
    // came but her safeguarding is missing. Ida resigned on the 1st.
    expect(a).toEqual({
      governing_boards: 2,
      boards_with_succession_plan: 1,
      governor_places: 7,
      governor_vacancies: 3,
      governors_serving: 5,
      governors_trained: 1,
    });
  });
});
