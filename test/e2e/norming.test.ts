// Norming in a real browser, on the tiny authority: a session on the lesson rubric with two cases, rated
// by Ann (area A's lead) and Bob (area B's lead), run by the director. Ann scores the first case on its
// page with the level descriptors and sees no master; the director sees her progress, closes the session
// and reads the report, whose figures equal the API's; Ann then sees only her own agreement. Axe-clean on
// every page, and the scoring page usable at 390 px.
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { NormingReport } from '../../src/norming/contract.ts';
import { createSession, setMaster } from '../../src/norming/sessions.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'norming test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const ANN = { email: 'lead.a@tiny.example', password };
let app: RunningApp;
let sessionId = 0;
/** The master's level for each of the lesson rubric's six criteria, in the rubric's order, on both cases. */
const masters = [1, 2, 3, 4, 3, 2];

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,', 'P3,Bob,Lead,']),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
    await addUser(context, { ...ANN, role: 'area_lead', orgUnit: 'A', person: 'P2' });
    sessionId = (
      await createSession(context, {
        title: 'Autumn norming',
        held_on: '2026-10-01',
        rubric: 'LESSON',
        led_by: 'P1',
        raters: ['P2', 'P3'],
        cases: [
          { title: 'Year 5 fractions', kind: 'lesson_video', link: 'https://video.example/1' },
          { title: 'Year 9 history', kind: 'lesson_video', link: 'https://video.example/2' },
        ],
      })
    ).id;
    const cases = await db
      .selectFrom('norming_case')
      .select('id')
      .where('session_id', '=', sessionId)
      .execute();
    const criteria = await sql<{ id: number; code: string }>`select c.id, c.code from rubric_criterion c
      join rubric_section s on s.id = c.section_id join rubric r on r.id = s.rubric_id where r.code = 'LESSON'
      order by s.position, c.position`.execute(db);
    for (const c of cases)
      await setMaster(context, sessionId, c.id, {
        scores: criteria.rows.map((k, i) => ({ criterion: k.code, level: masters[i] as number })),
      });
    // Bob scored both cases a level above the master on every criterion (4 at the top stays 4).
    const bob = await db.selectFrom('person').select('id').where('code', '=', 'P3').executeTakeFirstOrThrow();
    await db
      .insertInto('norming_score')
      .values(
        cases.flatMap((c) =>
          criteria.rows.map((k, i) => ({
            case_id: c.id,
            person_id: bob.id,
            criterion_id: k.id,
            level: Math.min(4, (masters[i] as number) + 1),
          })),
        ),
      )
      .execute();
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('norming in Chromium', () => {
  test('a rater scores a case, the director closes the session and reads the report; the rater sees only theirs', async () => {
    const ann = await signIn(app, ANN, { width: 390, height: 844 });
    await ann.goto(`${app.base}/norming`);
    await ann.getByTestId('sessions').getByRole('link', { name: 'Autumn norming' }).click();
    await ann.getByTestId('cases').getByRole('link', { name: 'Year 5 fractions', exact: true }).click();
    const fieldsets = ann.locator('fieldset');
    await fieldsets.first().waitFor();
    const count = await fieldsets.count();
    expect(count).toBe(6);
    expect(await ann.getByText('(master: level').count()).toBe(0);
    // Ann gives the master's level on every criterion but the last, where she gives one below it.
    for (let i = 0; i < count; i++)
      await fieldsets
        .nth(i)
        .locator(`input[value="${(masters[i] as number) - (i === count - 1 ? 1 : 0)}"]`)
        .check();
    expect(await seriousViolations(ann)).toEqual([]);
    await ann.screenshot({ path: path.join(shots, 'norming-case-390.png'), fullPage: true });
    await ann.getByRole('button', { name: 'Save my levels' }).click();
    expect(await ann.locator('main').getByRole('status').textContent()).toContain('Saved 6 of 6 levels');

    const director = await signIn(app, DIRECTOR);
    await director.getByRole('link', { name: 'Norming' }).click();
    await director.getByTestId('sessions').getByRole('link', { name: 'Autumn norming' }).click();
    const progress = director.getByTestId('progress');
    expect(await progress.getByRole('row', { name: /Ann Lead/ }).textContent()).toContain('6 of 12');
    expect(await progress.getByRole('row', { name: /Bob Lead/ }).textContent()).toContain('12 of 12');
    expect(await seriousViolations(director)).toEqual([]);
    await director.getByRole('button', { name: 'Close the session' }).click();
    await director.getByRole('link', { name: 'the report' }).click();
    await director.getByTestId('raters').waitFor();
    const api = await apiJson<NormingReport>(
      director,
      app.base,
      `/api/v1/norming/sessions/${sessionId}/report`,
    );
    expect(api.statistics.overall.map((r) => r.rater)).toEqual(['Ann Lead', 'Bob Lead']);
    for (const r of api.statistics.overall) {
      const row = await director
        .getByTestId('raters')
        .getByRole('row', { name: new RegExp(r.rater) })
        .textContent();
      expect(row).toContain(`${Math.round((r.exact ?? 0) * 100)}%`);
      expect(row).toContain(r.kappa === null ? '—' : r.kappa.toFixed(2));
    }
    // By hand: Ann 5 of 6 exact (bias −1/6); Bob 2 of 12 exact (the two at level 4), lenient by 10/12.
    const bob = await director
      .getByTestId('raters')
      .getByRole('row', { name: /Bob Lead/ })
      .textContent();
    expect(bob).toContain('17%');
    expect(bob).toContain('lenient by 0.83 levels');
    expect(
      await director
        .getByTestId('raters')
        .getByRole('row', { name: /Ann Lead/ })
        .textContent(),
    ).toContain('83%');
    expect(await seriousViolations(director)).toEqual([]);
    await director.screenshot({ path: path.join(shots, 'norming-report.png'), fullPage: true });

    await ann.goto(`${app.base}/norming/${sessionId}/report`);
    await ann.getByTestId('raters').waitFor();
    expect(await ann.getByTestId('raters').locator('tbody tr').count()).toBe(1);
    expect(await ann.getByText('Bob Lead').count()).toBe(0);
    const own = await apiJson<NormingReport>(ann, app.base, `/api/v1/norming/sessions/${sessionId}/report`);
    expect(own.statistics.overall.map((r) => r.rater)).toEqual(['Ann Lead']);
    expect(await seriousViolations(ann)).toEqual([]);
    await ann.screenshot({ path: path.join(shots, 'norming-own-report-390.png'), fullPage: true });
    await ann.goto(`${app.base}/norming`);
    await ann.getByTestId('team').waitFor();
    expect(await ann.getByTestId('team').textContent()).toContain('exact 83%');
    expect(await ann.getByText('Bob Lead').count()).toBe(0);
    expect(await seriousViolations(ann)).toEqual([]);
    await director.goto(`${app.base}/norming`);
    await director.getByTestId('team').waitFor();
    const team = await director.getByTestId('team').locator('tbody tr').allTextContents();
    // Worst first: Bob is flagged, so not calibrated; Ann (within tolerance) is.
    expect(team[0]).toContain('Bob Lead');
    expect(team[1]).toContain('Ann Lead');
    expect(await seriousViolations(director)).toEqual([]);
    await director.screenshot({ path: path.join(shots, 'norming-team.png'), fullPage: true });
  });
});
