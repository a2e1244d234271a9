// A small authority for the programmes' tests (the tiny authority T > A {S1, S2}, B {S3, S4, S5}, with
// S1 and S4 in trust TA), every outcome, placement and growing-your-own figure worked out by hand in
// programmes.test.ts. Hosts: H1 heads S1 (leadership good; NPQH host, 20 days), H2 heads S3
// (outstanding; NPQH host, 10 days), H4 heads S4 (good; associate head, 10 days), H5 heads S2
// (requires improvement; NPQH host, 20 days: refused by the catalogue's rule).
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { addCohort, addParticipant, changeParticipant } from './programmes.ts';

/**
 * The registry above, then three cohorts: NPQH-21 (Q1, Q2, Q4 completed on 2022-07-31; Q3 withdrew),
 * AL-25 (Q6 completed on 2026-07-15; Q7 and A1 enrolled) and NPQH-26 (N1 with the programme's 10 days,
 * N2 8, N3 6, N4 with no post, so no school at entry: enrolled, candidates for an internship). Returns the cohorts' and participants' ids.
 */
export async function loadProgrammeFixture(db: Db): Promise<Record<string, number>> {
  await loadProgrammeRegistry(db);
  const context = contextFor(db, operator('test'), { today: '2026-11-01' });
  const ids: Record<string, number> = {};
  const cohort = async (key: string, code: string, programme: string, starts_on: string, ends_on: string) => {
    ids[key] = (
      await addCohort(context, { code, programme, name: code, provider: 'Ambition', starts_on, ends_on })
    ).id;
  };
  const enrol = async (
    key: string,
    person: string,
    status?: 'completed' | 'withdrawn',
    on?: string,
    days?: number,
  ) => {
    const { id } = await addParticipant(context, ids[key] as number, { person, placement_days: days });
    if (status) await changeParticipant(context, id, { status, ...(on && { completed_on: on }) });
    ids[person] = id;
  };
  await cohort('c1', 'NPQH-21', 'npqh', '2021-09-01', '2022-07-31');
  await enrol('c1', 'Q1', 'completed', '2022-07-31');
  await enrol('c1', 'Q2', 'completed', '2022-07-31');
  await enrol('c1', 'Q3', 'withdrawn');
  await enrol('c1', 'Q4', 'completed', '2022-07-31');
  await cohort('c2', 'AL-25', 'aspiring_leaders', '2025-09-01', '2026-07-31');
  await enrol('c2', 'Q6', 'completed', '2026-07-15');
  await enrol('c2', 'Q7');
  await enrol('c2', 'A1');
  await cohort('c3', 'NPQH-26', 'npqh', '2026-09-01', '2027-07-31');
  await enrol('c3', 'N1');
  await enrol('c3', 'N2', undefined, undefined, 8);
  await enrol('c3', 'N3', undefined, undefined, 6);
  await enrol('c3', 'N4');
  return ids;
}

async function loadProgrammeRegistry(db: Db): Promise<void> {
  await loadTinyAuthority(db);
  const load = (kind: string, lines: string[]) =>
    importFile(contextFor(db, operator('test')), kind, csv(`${kind}.csv`, lines));
  await load('schools', [
    'code,name,phase,area_code,trust_code,trust_name,latitude,longitude',
    'S1,Big School,primary,A,TA,Alpha Trust,51.50,-0.10',
    'S2,Small School,primary,A,,,51.60,-0.20',
    'S3,Third School,primary,B,,,51.61,-0.21',
    'S4,Fourth School,primary,B,TA,Alpha Trust,51.40,0.00',
    'S5,Fifth School,primary,B,,,51.45,-0.05',
  ]);
  const people = [
    'H1',
    'H2',
    'H4',
    'H5',
    'Q1',
    'Q2',
    'Q3',
    'Q4',
    'Q6',
    'Q7',
    'N1',
    'N2',
    'N3',
    'N4',
    'N5',
    'A1',
  ];
  const teachers = ['T1', 'T2', 'T3', 'T4'];
  await load('people', [
    'code,given_name,family_name,email',
    ...[...people, ...teachers].map((p) => `${p},Person,${p},`),
  ]);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'H1,S1,headteacher,2015-09-01,,1',
    'H5,S2,headteacher,2018-09-01,,1',
    'H2,S3,headteacher,2016-09-01,,1',
    'H4,S4,headteacher,2017-09-01,,1',
    // Outcomes: Q1 a deputy, head of S5 two years after completing; Q2 head of S5 three years and a
    // month after (too late); Q4 an assistant head who became a deputy.
    'Q1,S1,deputy_headteacher,2018-09-01,2024-08-31,1',
    'Q1,S5,headteacher,2024-09-01,2025-08-31,1',
    'Q2,S2,deputy_headteacher,2017-09-01,2025-08-31,1',
    'Q2,S5,headteacher,2025-09-01,,1',
    'Q3,S3,teacher,2015-09-01,,1',
    'Q4,S4,assistant_headteacher,2019-09-01,2022-12-31,1',
    'Q4,S4,deputy_headteacher,2023-01-01,,1',
    'Q6,S2,teacher,2019-09-01,,1',
    'Q7,S3,teacher,2020-09-01,,1',
    // Placement candidates.
    'N1,S1,deputy_headteacher,2020-09-01,,1',
    'N2,S2,deputy_headteacher,2020-09-01,,1',
    'N3,S5,deputy_headteacher,2020-09-01,,1',
    'N5,S2,assistant_headteacher,2020-09-01,,1',
    'A1,S1,teacher,2020-09-01,,1',
    // Growing your own: T1 and T2 taught at S1 and moved into leadership in the window (T1 at S1, T2
    // at S3); T3 moved before it; T4 still teaches.
    'T1,S1,teacher,2019-09-01,2024-08-31,1',
    'T1,S1,assistant_headteacher,2024-09-01,,1',
    'T2,S1,teacher,2020-09-01,2025-08-31,1',
    'T2,S3,deputy_headteacher,2025-09-01,,1',
    'T3,S2,teacher,2018-09-01,2022-08-31,1',
    'T3,S2,deputy_headteacher,2022-09-01,,1',
    'T4,S3,teacher,2020-09-01,,1',
  ]);
  await load('designations', [
    'person_code,kind,starts_on,ends_on,days_per_year',
    'H1,npqh_host,2020-01-01,,20',
    'H2,npqh_host,2020-01-01,,10',
    'H4,associate_head,2020-01-01,,10',
    'H5,npqh_host,2020-01-01,,20',
  ]);
  await load('inspections', [
    'school_code,inspected_on,overall,leadership,category',
    'S1,2024-05-01,good,good,',
    'S2,2025-06-01,requires improvement,requires improvement,',
    'S3,2024-03-01,outstanding,outstanding,',
    'S4,2023-10-01,good,good,',
    'S5,2022-02-01,good,good,',
  ]);
}
