// The demo's brokering history: inspections for every school (1-3 over six years; report cards from
// November 2025), two years of
// finished deployments with days logged and outcome notes (so impact and track records have
// something to measure), and a few deployments under way that hold some leaders' days.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import type { NeedKind, NeedRule } from '../brokering/contract.ts';
import { defaultBrokeringSettings } from '../brokering/settings.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import { addDays, type Row } from './registry.ts';

const grades = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
const reportCardAreas = [
  'inclusion',
  'curriculum_and_teaching',
  'achievement',
  'attendance_and_behaviour',
  'personal_development',
  'leadership_and_governance',
] as const;
/** Report cards replaced overall grades for inspections from this day. */
const REPORT_CARDS_FROM = '2025-11-10';

/**
 * A report card whose outcome means what the legacy judgement drawn for it means (inspections/outcome.ts):
 * its worst area carries the judgement, so the need rules find the same schools either way. Its own
 * stream of random draws, so the judgements drawn are those of the demo before report cards.
 */
function reportCard(
  random: Random,
  overall: number,
  leadership: number,
  category: string,
  phase: string,
): Row {
  // Grades by the legacy judgement they may stand beside: outstanding → exceptional only; good → any
  // of the three at expected or better; requires improvement → needs attention at worst.
  const allowed = [['exceptional'], ['exceptional', 'strong_standard', 'expected_standard']] as const;
  const area = (): string =>
    overall === 0
      ? 'exceptional'
      : random.pick(overall === 1 ? allowed[1] : ['strong_standard', 'expected_standard', 'needs_attention']);
  const row: Row = {};
  for (const code of reportCardAreas) row[code] = area();
  const worst =
    overall === 1 ? 'expected_standard' : overall === 2 ? 'needs_attention' : 'urgent_improvement';
  // The worst area carries the judgement; leadership is never graded above the judgement it leads to.
  const carrier =
    category === 'special_measures'
      ? 'leadership_and_governance'
      : random.pick(reportCardAreas.filter((a) => a !== 'leadership_and_governance'));
  if (overall > 0) row[carrier] = worst;
  if (leadership >= 2 && overall >= 2 && row.leadership_and_governance !== 'urgent_improvement')
    row.leadership_and_governance = 'needs_attention';
  row.early_years = phase === 'primary' ? area() : '';
  row.sixth_form = phase === 'secondary' && random.chance(0.6) ? area() : '';
  // Safeguarding not met puts a school in special measures; a few schools in special measures are there for it.
  row.safeguarding = category === 'special_measures' && random.chance(0.3) ? 'not_met' : 'met';
  return row;
}

/**
 * 1-3 inspections a school; a latent quality sets the judgement: about 15% outstanding, 67% good, 13% RI,
 * 5% inadequate. Inspections from November 2025 are report cards, earlier ones legacy overall grades.
 */
export function demoInspections(
  random: Random,
  cardRandom: Random,
  schools: Row[],
  referenceDate: string,
): Row[] {
  const rows: Row[] = [];
  for (const school of schools) {
    let quality = random.normal(0, 1);
    const count = random.int(1, 3);
    for (let i = count; i >= 1; i--) {
      const on = addDays(referenceDate, -(i - 1) * random.int(700, 1000) - random.int(20, 600));
      // Judgements persist but drift; the weights keep the spread the same from one inspection to the next.
      quality = 0.8 * quality + 0.6 * random.normal(0, 1);
      const overall = quality > 1.05 ? 0 : quality > -0.9 ? 1 : quality > -1.6 ? 2 : 3;
      const leadership = Math.min(3, Math.max(0, overall + (random.chance(0.25) ? random.pick([-1, 1]) : 0)));
      const category = overall === 3 ? random.pick(['special_measures', 'serious_weaknesses']) : '';
      const blankAreas = Object.fromEntries(
        [...reportCardAreas, 'early_years', 'sixth_form', 'safeguarding'].map((c) => [c, '']),
      );
      rows.push(
        on >= REPORT_CARDS_FROM
          ? {
              school_code: school.code as string,
              inspected_on: on,
              framework: 'ofsted-2025',
              overall: '',
              leadership: '',
              category,
              ...reportCard(cardRandom, overall, leadership, category, school.phase as string),
            }
          : {
              school_code: school.code as string,
              inspected_on: on,
              framework: 'ofsted-legacy',
              overall: grades[overall] as string,
              leadership: grades[leadership] as string,
              category,
              ...blankAreas,
            },
      );
    }
  }
  return rows;
}

const kindsByDesignation: Record<string, { kind: NeedKind; rule: NeedRule; evidence: string }[]> = {
  nle: [{ kind: 'nle', rule: 'inspection_category', evidence: 'Inspected requires improvement' }],
  lle: [
    { kind: 'lle', rule: 'leadership_weak_twice', evidence: 'Leadership judged requires improvement twice' },
  ],
  sle: [{ kind: 'practice', rule: 'red_indicator', evidence: 'Attendance red' }],
  mentor: [{ kind: 'mentor', rule: 'first_year_head', evidence: 'Head in the first year of headship' }],
  professional_partner: [
    { kind: 'professional_partner', rule: 'manual', evidence: 'Head asked for coaching' },
  ],
};

const outcomes = [
  'Action plan agreed with governors; leadership team now runs its own monitoring.',
  'Attendance procedures rewritten and first-day calling in place.',
  'Head more confident with budget and staffing decisions; mentoring can end.',
  'Curriculum leads trained; work scrutiny shows better sequencing in maths.',
  'Progress slower than hoped: the school needs a further term of support.',
];

interface LeaderRow {
  id: number;
  kind: string;
  school_id: number | null;
}

/** Past and current deployments, written as rows and audited as one event. */
export async function loadDemoDeployments(db: Db, actor: Actor, random: Random, referenceDate: string) {
  const { rows: leaders } = await sql<LeaderRow>`
    select d.person_id as id, d.kind,
      (select po.org_unit_id from post po where po.person_id = d.person_id and po.role = 'headteacher' and po.ends_on is null limit 1) as school_id
    from designation d where d.kind in ('nle', 'lle', 'sle', 'mentor', 'professional_partner') and d.ends_on is null
    order by d.person_id, d.kind`.execute(db);
  const { rows: schools } = await sql<{
    id: number;
  }>`select org_unit_id as id from school order by org_unit_id`.execute(db);
  const settings = defaultBrokeringSettings;
  await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    let deployments = 0;
    const count = Math.max(6, Math.round(schools.length / 12));
    for (let i = 0; i < count; i++) {
      const leader = random.pick(leaders);
      const options = kindsByDesignation[leader.kind];
      if (!options) continue;
      const need = random.pick(options);
      const school = random.pick(schools.filter((s) => s.id !== leader.school_id));
      // Four in five have ended; the rest began in the last three months and are under way.
      const active = i % 5 === 0;
      const starts = active
        ? addDays(referenceDate, -random.int(20, 90))
        : addDays(referenceDate, -random.int(300, 700));
      const ends = addDays(starts, 7 * settings.weeks[need.kind]);
      const days = settings.days[need.kind];
      const endedEarly = !active && random.chance(0.1);
      const { id: needId } = await trx
        .insertInto('support_need')
        .values({
          school_id: school.id,
          kind: need.kind,
          rule: need.rule,
          indicator: need.kind === 'practice' ? 'attendance_rate' : null,
          evidence: need.evidence,
          figures: '{}',
          days,
          status: active ? 'supported' : 'closed',
          raised_on: addDays(starts, -random.int(7, 40)),
          raised_by: need.rule === 'manual' ? 'demo broker' : 'rules',
          closed_on: active ? null : ends,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const finalDay = active ? referenceDate : endedEarly ? addDays(starts, 30) : ends;
      const { id } = await trx
        .insertInto('deployment')
        .values({
          need_id: needId,
          person_id: leader.id,
          role: need.kind,
          starts_on: starts,
          ends_on: active ? ends : finalDay,
          days_agreed: days,
          status: active ? 'active' : endedEarly ? 'ended_early' : 'finished',
          outcome_note: active
            ? null
            : endedEarly
              ? 'Ended early: the school joined a trust that supports it.'
              : random.pick(outcomes),
          created_by: 'demo broker',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Visits spread over the weeks so far, most of the agreed days used by the end.
      const span = Math.max(1, (Date.parse(finalDay) - Date.parse(starts)) / 86_400_000);
      const visits = Math.floor(days * (active ? 0.4 : endedEarly ? 0.3 : random.int(75, 100) / 100));
      const logged = Array.from({ length: visits }, (_, v) => ({
        deployment_id: id,
        on_date: addDays(starts, Math.floor(((v + 0.5) * span) / Math.max(1, visits))),
        days: 1,
        activity: v === 0 ? ('visit' as const) : v % 3 === 1 ? ('coaching' as const) : ('visit' as const),
        note: v === 0 ? 'First visit: met the head and governors' : '',
        logged_by: 'demo',
      }));
      if (logged.length > 0) await trx.insertInto('deployment_day').values(logged).execute();
      deployments += 1;
    }
    // The demo system leader's account holds its role at the schools it supports: those are its deployments.
    const { rows: own } = await sql<{ person_id: number; school_id: number }>`
      select u.person_id, g.org_unit_id as school_id from app_user u join role_grant g on g.user_id = u.id
      where g.role = 'system_leader' and u.person_id is not null order by g.org_unit_id`.execute(trx);
    for (const [i, { person_id, school_id }] of own.entries()) {
      const starts = addDays(referenceDate, -random.int(20, 60));
      const kind: NeedKind = i === 0 ? 'nle' : 'practice';
      const { id: needId } = await trx
        .insertInto('support_need')
        .values({
          school_id,
          kind,
          rule: i === 0 ? 'inspection_category' : 'red_indicator',
          indicator: kind === 'practice' ? 'attendance_rate' : null,
          evidence: i === 0 ? 'Inspected requires improvement' : 'Attendance red',
          figures: '{}',
          days: settings.days[kind],
          status: 'supported',
          raised_on: addDays(starts, -14),
          raised_by: 'rules',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('deployment')
        .values({
          need_id: needId,
          person_id,
          role: kind,
          starts_on: starts,
          ends_on: addDays(starts, 7 * settings.weeks[kind]),
          days_agreed: settings.days[kind],
          created_by: 'demo broker',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('deployment_day')
        .values({
          deployment_id: id,
          on_date: addDays(starts, 7),
          days: 1,
          activity: 'visit',
          note: 'First visit',
          logged_by: 'demo',
        })
        .execute();
      deployments += 1;
    }
    await recordAudit(trx, actor, 'import', 'deployments', { file: 'demo', deployments });
  });
}
