// The demo's year of supervision visits: each area lead visits their area's schools at their own pace
// (a few leads fall behind), schools needing attention are visited about twice as often, a few
// schools go unvisited for months, and the visits are scored on the shipped rubrics with levels that
// follow the school's attendance (so the visit-score indicators agree with the data). Supervision visits
// agree actions, most done, some overdue. Generated rows are written at once and audited as one event.
import { sql } from 'kysely';
import { schoolsNeedingAttention } from '../attention/attention.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import type { Random } from '../random.ts';

interface School {
  id: number;
  code: string;
  area_code: string;
  /** The school's attendance over the year, as a percentage (null: no data). */
  attendance: number | null;
  /** The head in post, who owns the actions a visit agrees. */
  head_id: number | null;
}

interface Criterion {
  id: number;
  rubric_id: number;
  code: string;
}

const dayMs = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** The next school day on or after `date`: weekends move to Monday, the summer and Christmas holidays to term. */
export function schoolDay(date: string): string {
  let day = date;
  const monthDay = day.slice(5);
  if (monthDay.startsWith('08')) day = `${day.slice(0, 4)}-09-01`;
  else if (monthDay >= '12-19') day = `${Number(day.slice(0, 4)) + 1}-01-05`;
  else if (monthDay < '01-05') day = `${day.slice(0, 4)}-01-05`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
}

const strengths = [
  'Leaders know their school well and the improvement plan follows from the data.',
  'Pupils are calm and purposeful in lessons; routines are well established.',
  'Subject leaders have a clear view of how their subject is taught.',
  'Safeguarding records are complete and concerns are followed up promptly.',
  'Reading is prioritised: the lowest 20% read to an adult daily.',
  'Parents spoke warmly about how the school keeps them informed.',
];

const development = [
  'Attendance of disadvantaged pupils lags the rest; follow-up of absence is slow.',
  'Feedback after observations is not followed up, so weak practice persists.',
  'Pupil progress meetings record concerns but not the actions taken.',
  'The curriculum in the foundation subjects lacks clear end points.',
  'Middle leaders have too little time to check teaching in their areas.',
  'Questioning checks the understanding of only a few pupils.',
];

const actionTitles = [
  'Set up a weekly attendance review with the family liaison officer',
  'Agree a follow-up observation for each teacher given developmental feedback',
  'Record actions and owners in every pupil progress meeting',
  'Write end points for history and geography in each year group',
  'Give subject leaders one afternoon a half term to check teaching',
  'Train staff in whole-class questioning techniques',
  'Audit three safeguarding records a month and report to governors',
];

/** Where a school's attendance sits: about -2 (weakest) to +2 (strongest), 0 without data. */
function standing(attendance: number | null, mean: number, sd: number): number {
  if (attendance === null || sd === 0) return 0;
  return Math.max(-2.5, Math.min(2.5, (attendance - mean) / sd));
}

export async function loadDemoVisits(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<{ visits: number; actions: number }> {
  // The year runs to ten weeks after the reference date, as the demo's data and meetings do.
  const end = addDays(referenceDate, 70);
  const start = addDays(end, -365);
  const { rows: leads } = await sql<{ person_id: number; area_code: string }>`
    select distinct on (o.code) p.person_id, o.code as area_code
    from post p join org_unit o on o.id = p.org_unit_id
    where p.role = 'area_lead' and p.ends_on is null order by o.code, p.starts_on desc`.execute(db);
  const { rows: schools } = await sql<School>`
    with att as (
      select v.org_unit_id,
        100.0 * sum(v.value) filter (where e.code = 'sessions_attended')
          / nullif(sum(v.value) filter (where e.code = 'sessions_possible'), 0) as attendance
      from data_value v join data_element e on e.id = v.element_id
      where e.code in ('sessions_attended', 'sessions_possible') and v.month >= ${start}
      group by v.org_unit_id)
    select s.id, s.code, coalesce(case when p.level = 'area' then p.code end, g.code) as area_code,
      att.attendance::float as attendance,
      (select h.person_id from post h where h.org_unit_id = s.id and h.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher')
        and h.ends_on is null order by h.starts_on desc limit 1) as head_id
    from org_unit s join org_unit p on p.id = s.parent_id left join org_unit g on g.id = p.parent_id
    join school sc on sc.org_unit_id = s.id left join att on att.org_unit_id = s.id
    where s.level = 'school' and (sc.closed_on is null or sc.closed_on > ${end}) order by s.code`.execute(db);
  const criteria = (
    await db
      .selectFrom('rubric_criterion as c')
      .innerJoin('rubric_section as s', 's.id', 'c.section_id')
      .innerJoin('rubric as r', 'r.id', 's.rubric_id')
      .select(['c.id', 'r.id as rubric_id', 'r.code'])
      .where('r.superseded', '=', false)
      .where('r.code', 'in', ['LEADERSHIP', 'LESSON'])
      .orderBy('c.id')
      .execute()
  ).map((c): Criterion => ({ id: c.id, rubric_id: c.rubric_id, code: c.code }));
  const rubricOf = (code: string) => criteria.filter((c) => c.code === code);
  const leadership = rubricOf('LEADERSHIP');
  const lesson = rubricOf('LESSON');
  if (!leads.length || !schools.length || !leadership.length || !lesson.length)
    return { visits: 0, actions: 0 };

  // The schools the attention model names at the year's end are the ones a lead would have seen most.
  const attention = new Set(
    (
      await schoolsNeedingAttention(contextFor(db, actor, { today: end }), {}).catch((error: unknown) => {
        if (error instanceof HeadwayError) return null;
        throw error;
      })
    )?.schools.map((s) => s.code) ?? [],
  );
  const known = schools.map((s) => s.attendance).filter((a): a is number => a !== null);
  const mean = known.reduce((a, b) => a + b, 0) / Math.max(1, known.length);
  const sd = Math.sqrt(known.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, known.length));
  const leadOf = new Map(leads.map((l) => [l.area_code, l.person_id]));
  // Each lead's pace: most visit a school every six to ten weeks; three in every twenty (at least one)
  // fall behind, seeing a school every five to seven months.
  const behind = new Set(
    random.shuffle(leads.map((l) => l.area_code)).slice(0, Math.max(1, Math.round(leads.length * 0.15))),
  );
  const pace = new Map(
    leads.map((l) => [
      l.area_code,
      behind.has(l.area_code) ? 0.25 + random.float() * 0.1 : 0.75 + random.float() * 0.5,
    ]),
  );

  interface Planned {
    client_id: string;
    school_unit_id: number;
    visit_on: string;
    visit_type: 'supervision' | 'coaching' | 'monitoring';
    status: 'recorded' | 'planned';
    rubric_id: number | null;
    purpose: string;
    strengths: string;
    development: string;
    person_id: number;
    head_id: number | null;
    scores: { criterion_id: number; level: number; evidence: string }[];
    actions: { title: string; due_on: string; status: 'open' | 'done'; done_on: string | null }[];
  }
  const planned: Planned[] = [];
  for (const school of schools) {
    const lead = leadOf.get(school.area_code);
    if (lead === undefined) continue;
    const z = standing(school.attendance, mean, sd);
    const weak = z < -1 || attention.has(school.code);
    // Schools needing attention are seen about every five weeks, others about every eight at a good pace.
    const interval = (weak ? 36 : 56) / (pace.get(school.area_code) ?? 1);
    // About one school in thirty is forgotten: nothing in the last four to six months.
    const forgottenFrom = !weak && random.chance(0.035) ? addDays(end, -random.int(120, 180)) : end;
    let on = addDays(start, Math.floor(random.float() * interval));
    while (on <= end) {
      const day = schoolDay(on);
      if (day > end) break;
      if (day <= forgottenFrom) {
        const kind = random.pick([
          'supervision',
          'supervision',
          'supervision',
          'coaching',
          'monitoring',
        ] as const);
        const rubric = kind === 'coaching' ? lesson : leadership;
        // Levels follow the school's attendance, improve a little over the year, and vary by criterion.
        const progress = (Date.parse(day) - Date.parse(start)) / (365 * dayMs);
        const scores = rubric.map((c) => ({
          criterion_id: c.id,
          level: Math.max(1, Math.min(4, Math.round(2.5 + 0.6 * z + 0.4 * progress + random.normal(0, 0.6)))),
          evidence: '',
        }));
        const actions =
          kind === 'coaching'
            ? []
            : random
                .shuffle(actionTitles)
                .slice(0, random.int(weak ? 1 : 0, 2))
                .map((title) => {
                  const due = addDays(day, random.int(28, 70));
                  // Most actions are done; older ones more often, and a few are still open well past their date.
                  const done = due < referenceDate ? random.chance(0.9) : random.chance(0.5);
                  const doneOn = addDays(day, random.int(10, 60));
                  return done && doneOn <= end
                    ? { title, due_on: due, status: 'done' as const, done_on: doneOn }
                    : { title, due_on: due, status: 'open' as const, done_on: null };
                });
        planned.push({
          client_id: `demo-visit-${planned.length + 1}`,
          school_unit_id: school.id,
          visit_on: day,
          visit_type: kind,
          status: 'recorded',
          rubric_id: rubric[0]?.rubric_id ?? null,
          purpose:
            kind === 'coaching' ? 'Joint lesson observation with the head' : 'Termly supervision visit',
          strengths: random.pick(strengths),
          development: random.pick(development),
          person_id: lead,
          head_id: school.head_id,
          scores,
          actions,
        });
      }
      on = addDays(on, Math.round(interval * (0.6 + 0.8 * random.float())));
    }
    // The next visit is in the diary for most schools.
    if (random.chance(0.6))
      planned.push({
        client_id: `demo-visit-${planned.length + 1}`,
        school_unit_id: school.id,
        visit_on: schoolDay(addDays(end, random.int(3, 40))),
        visit_type: 'supervision',
        status: 'planned',
        rubric_id: leadership[0]?.rubric_id ?? null,
        purpose: 'Termly supervision visit',
        strengths: '',
        development: '',
        person_id: lead,
        head_id: null,
        scores: [],
        actions: [],
      });
  }

  return db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    // Each visit's id by its client_id: the order rows come back in is not promised.
    const idOf = new Map<string, number>();
    for (let i = 0; i < planned.length; i += 2000) {
      const chunk = planned.slice(i, i + 2000);
      const rows = await trx
        .insertInto('visit')
        .values(
          chunk.map(({ person_id: _p, head_id: _h, scores: _s, actions: _a, ...visit }) => ({
            ...visit,
            recorded_by: 'demo',
            created_on: visit.visit_on,
          })),
        )
        .returning(['id', 'client_id'])
        .execute();
      for (const row of rows) idOf.set(row.client_id, row.id);
    }
    const id = (v: Planned) => idOf.get(v.client_id) as number;
    const scores = planned.flatMap((v) => v.scores.map((s) => ({ ...s, visit_id: id(v) })));
    // A hundred thousand scores at 1,000 schools: sent as a few arrays, not as bound rows.
    await sql`insert into visit_visitor (visit_id, person_id)
      select * from unnest(${planned.map(id)}::int[], ${planned.map((v) => v.person_id)}::int[])`.execute(
      trx,
    );
    await sql`insert into visit_score (visit_id, criterion_id, level, evidence)
      select * from unnest(${scores.map((s) => s.visit_id)}::int[], ${scores.map((s) => s.criterion_id)}::int[],
        ${scores.map((s) => s.level)}::int[], ${scores.map((s) => s.evidence)}::text[])`.execute(trx);
    const actions = planned.flatMap((v) =>
      v.actions.map((a) => ({
        ...a,
        owner_person_id: v.head_id,
        visit_id: id(v),
        org_unit_id: v.school_unit_id,
        created_on: v.visit_on,
      })),
    );
    for (let i = 0; i < actions.length; i += 3000)
      await trx
        .insertInto('action_item')
        .values(actions.slice(i, i + 3000))
        .execute();
    await recordAudit(trx, actor, 'import', 'visits', {
      file: 'demo',
      visits: planned.length,
      scores: scores.length,
      actions: actions.length,
    });
    return { visits: planned.length, actions: actions.length };
  });
}
