// A small pool on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}) for the proposal tests: P4 heads S1
// (outstanding) and is an NLE (20 days), mentor (6) and LLE (no days of its own); P5 became S2's head (requires improvement) this
// September; P6 (an advisory head, 80 days) and P7 (an interim head, 40 days) head no school and may
// cover a headship. So S2 has needs in A that P4 meets, and S3-S5's vacant headships in B (40 days each)
// are covered by P6 twice and P7 once (an interim head covers one vacancy at a time; an advisory head
// up to the catalogue's limit). S1 holds a confirmed strength in attendance (S2's weak area, so P4 shares
// it), and its yearly peer review was met in the spring, so its stage raises none now.

import { sql } from 'kysely';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';

/** Imports the pool's people (P4 unless the caller has), posts, designations and inspections. */
export async function loadTinyPool(db: Db, { people = ['P4,Hal,Head,'] } = {}) {
  const load = (kind: string, lines: string[]) =>
    importFile(contextFor(db, operator('test')), kind, csv(`${kind}.csv`, lines));
  await load('people', [
    'code,given_name,family_name,email',
    ...people,
    'P5,Nia,New,',
    'P6,Ivy,Interim,',
    'P7,Cal,Cover,',
  ]);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2015-09-01,,1',
    'P5,S2,headteacher,2026-09-01,,1',
  ]);
  await load('designations', [
    'person_code,kind,starts_on,ends_on,days_per_year',
    'P4,nle,2020-01-01,,20',
    'P4,mentor,2020-01-01,,6',
    'P4,lle,2020-01-01,,0',
    'P6,advisory_head,2020-01-01,,80',
    'P7,interim_head,2020-01-01,,40',
  ]);
  await load('inspections', [
    'school_code,inspected_on,overall,leadership,category',
    'S1,2024-05-01,outstanding,outstanding,',
    'S2,2025-06-01,requires improvement,good,',
  ]);
  await s1SharesAttendance(db);
}

/** S1 holds a confirmed strength in attendance, and its yearly peer review was met in the spring. */
export async function s1SharesAttendance(db: Db) {
  await sql`
    insert into declared_strength (school_id, practice_area, evidence, status, declared_by, declared_on, decided_by, decided_on)
    select id, 'attendance', 'Attendance above 97% for three years, with a first-day calling routine', 'confirmed',
      'test', '2026-01-10', 'test', '2026-01-12'
    from org_unit where code = 'S1';
    insert into support_need (school_id, kind, rule, evidence, days, status, raised_on, raised_by, closed_on)
    select id, 'professional_partner', 'peer_review', 'Yearly peer review', 2, 'closed', '2026-03-01', 'test', '2026-04-01'
    from org_unit where code = 'S1'`.execute(db);
}
