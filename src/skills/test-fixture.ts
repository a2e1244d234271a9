// A small skills audit for the tests, every figure worked out by hand in skills.test.ts. The tiny
// authority T > A {S1, S2}, B {S3, S4, S5}; heads H1..H5 of S1..S5, deputies D1 (S1), D2 (S3), D3 (S4).
// Audit AUD-26 (from 2026-09-01, open two years past today) covers heads and deputies: area A is H1, H2, D1; area B the rest.
// Data literacy: H1 self 4 validated 2, H2 self 3 only, D1 self 2 validated 1, H3 3/3, H4 4/4; H1's
// self-evaluation is validated 1 (self 3) and leadership of learning 3 (self 3).
// Cohorts: NPQH-24 (H1 completed), NPQH-26 (D1, H2, H3 enrolled; running), G2O-27 (good to outstanding,
// from 2027-01-10), ASP-25 (aspiring leaders, over); new heads' induction has no cohort.
import { operator } from '../auth/actor.ts';
import { today } from '../clock.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { addCohort, addParticipant, changeParticipant } from '../programmes/programmes.ts';
import { addAudit } from './audits.ts';
import { importRatings } from './import.ts';

export const fixtureDay = '2026-11-20';

export async function loadSkillsFixture(db: Db): Promise<void> {
  await loadTinyAuthority(db);
  const context = contextFor(db, operator('test'), { today: fixtureDay });
  const load = (kind: string, lines: string[]) => importFile(context, kind, csv(`${kind}.csv`, lines));
  const leaders = ['H1', 'H2', 'H3', 'H4', 'H5', 'D1', 'D2', 'D3'];
  await load('people', [
    'code,given_name,family_name,email',
    ...leaders.map((p) => `${p},Leader,${p},`),
    'L1,Area,Lead,',
  ]);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    ...[1, 2, 3, 4, 5].map((n) => `H${n},S${n},headteacher,2018-09-01,,1`),
    'D1,S1,deputy_headteacher,2019-09-01,,1',
    'D2,S3,deputy_headteacher,2019-09-01,,1',
    'D3,S4,deputy_headteacher,2019-09-01,,1',
  ]);
  const cohort = (code: string, programme: string, starts_on: string, ends_on: string) =>
    addCohort(context, { code, programme, name: code, provider: '', starts_on, ends_on });
  const npqh24 = await cohort('NPQH-24', 'npqh', '2024-09-01', '2025-07-31');
  const { id } = await addParticipant(context, npqh24.id, { person: 'H1' });
  await changeParticipant(context, id, { status: 'completed', completed_on: '2025-07-31' });
  const npqh26 = await cohort('NPQH-26', 'npqh', '2026-09-01', '2027-07-31');
  for (const person of ['D1', 'H2', 'H3']) await addParticipant(context, npqh26.id, { person });
  await cohort('G2O-27', 'good_to_outstanding', '2027-01-10', '2027-06-30');
  await cohort('ASP-25', 'aspiring_leaders', '2025-01-01', '2025-07-01');
  await addAudit(context, {
    code: 'AUD-26',
    name: 'Autumn 2026',
    opens_on: '2026-09-01',
    // Open for as long as the tests that rate on today's date run.
    closes_on: `${Number(today().slice(0, 4)) + 2}-08-31`,
    roles: ['headteacher', 'deputy_headteacher'],
  });
  const rows = [
    'audit,person,competency,self,validated,validator,evidence',
    'AUD-26,H1,data_literacy,4,2,L1,Data review minutes',
    'AUD-26,H2,data_literacy,3,,,',
    'AUD-26,D1,data_literacy,2,1,L1,Data review minutes',
    'AUD-26,H3,data_literacy,3,3,L1,SEF',
    'AUD-26,H4,data_literacy,4,4,L1,SEF',
    'AUD-26,H1,self_evaluation,3,1,L1,SEF against the inspection',
    'AUD-26,H1,leadership_of_learning,3,3,L1,Visit notes',
  ];
  await importRatings(context, { name: 'ratings.csv', bytes: new TextEncoder().encode(rows.join('\n')) });
}
