// The tiny authority with support between its schools in 2026-27, every figure known (giving.test.ts):
// S1 both gave (its head to S2) and received (S3's head); S2 only received (and its deputy covering it
// is support within the school, counted nowhere); S3 only gave (and hosted a placement); S4 neither;
// S5 only received (an NLE with no school). S3 (outstanding) and S4 (good) are strong; S4 never gave.
// Trust TA {S1, S2, S4}: S1 -> S2 is met within the trust, S3 -> S1 from outside. A deployment of the
// year before (S3 -> S4) counts in 2025-26 only.
import { sql } from 'kysely';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';

export async function loadGivingFixture(db: Db): Promise<void> {
  await loadTinyAuthority(db);
  const context = contextFor(db, operator('test'), { today: '2026-11-15' });
  const load = (kind: string, lines: string[]) => importFile(context, kind, csv(`${kind}.csv`, lines));
  await load('schools', [
    'code,name,phase,area_code,trust_code,trust_name',
    'S1,Big School,primary,A,TA,Alpha Trust',
    'S2,Small School,primary,A,TA,Alpha Trust',
    'S3,Third School,primary,B,TB,Beta Trust',
    'S4,Fourth School,primary,B,TA,Alpha Trust',
  ]);
  await load('people', [
    'code,given_name,family_name,email',
    ...['P1', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'].map((p) => `${p},Person,${p},`),
  ]);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2015-09-01,,1',
    'P5,S2,deputy_headteacher,2016-09-01,,1',
    'P6,S3,headteacher,2018-09-01,,1',
    'P8,S4,teacher,2019-09-01,,1',
  ]);
  await load('designations', [
    'person_code,kind,starts_on,ends_on,days_per_year',
    'P7,nle,2020-01-01,,30',
    'P6,lle,2020-01-01,,20',
  ]);
  await load('inspections', [
    'school_code,inspected_on,overall,leadership,category',
    'S1,2025-05-01,requires improvement,good,',
    'S3,2024-03-01,outstanding,outstanding,',
    'S4,2023-06-01,good,good,',
  ]);
  await load('targets', [
    'indicator,org_unit_code,academic_year,value',
    'schools_gave_and_received,T,2026-27,60',
  ]);
  const deploy = async (
    leader: string,
    school: string,
    starts_on: string,
    ends_on: string,
    days: number[],
  ) => {
    const [need] = await sql<{ id: number }>`
      insert into support_need (school_id, kind, rule, evidence, figures, days, status, raised_on, raised_by)
      values ((select id from org_unit where code = ${school}), 'professional_partner', 'manual', 'test', '{}', 6,
        'supported', ${starts_on}, 'test') returning id`
      .execute(db)
      .then((r) => r.rows);
    const { id } = await db
      .insertInto('deployment')
      .values({
        need_id: need?.id as number,
        person_id: (
          await db.selectFrom('person').select('id').where('code', '=', leader).executeTakeFirstOrThrow()
        ).id,
        role: 'professional_partner',
        starts_on,
        ends_on,
        days_agreed: 6,
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, d] of days.entries())
      await db
        .insertInto('deployment_day')
        .values({
          deployment_id: id,
          on_date: `${starts_on.slice(0, 8)}${String(10 + i).padStart(2, '0')}`,
          days: d,
          activity: 'visit',
          note: '',
          logged_by: 'test',
        })
        .execute();
  };
  await deploy('P4', 'S2', '2026-10-01', '2027-03-31', [1, 0.5]);
  await deploy('P6', 'S1', '2026-09-15', '2027-02-28', [1, 1]);
  await deploy('P7', 'S5', '2026-11-01', '2027-01-31', []);
  await deploy('P5', 'S2', '2026-09-01', '2026-12-31', [1]);
  await deploy('P6', 'S4', '2025-10-01', '2026-03-31', [1]);
  // A placement S3 hosts for S1's head on a programme.
  const programme = await sql<{
    id: number;
  }>`insert into programme (code, name, placement, placement_days, position)
    values ('NPQH', 'NPQH', 'npqh_internship', 10, 1) returning id`.execute(db);
  const cohort = await sql<{
    id: number;
  }>`insert into programme_cohort (code, programme_id, name, starts_on, ends_on)
    values ('NPQH26', ${programme.rows[0]?.id}, 'NPQH 2026', '2026-09-01', '2027-07-31') returning id`.execute(
    db,
  );
  const participant = await sql<{
    id: number;
  }>`insert into programme_participant (cohort_id, person_id, school_id, post_role)
    values (${cohort.rows[0]?.id}, (select id from person where code = 'P5'), (select id from org_unit where code = 'S2'),
      'deputy_headteacher') returning id`.execute(db);
  await sql`insert into placement (participant_id, host_person_id, host_school_id, kind, days, agreed_by, agreed_on)
    values (${participant.rows[0]?.id}, (select id from person where code = 'P6'), (select id from org_unit where code = 'S3'),
      'npqh_internship', 10, 'test', '2026-10-05')`.execute(db);
}
