// The demo's meetings and challenges: 24 monthly area-lead meetings chaired by the director (the last
// one ahead, its agenda drafted from the data), about 300 challenges raised at them by the area leads
// with realistic lifecycles (most resolved in weeks, resolution getting faster over the two years, some
// lingering, a few closed as won't fix, resolutions verified at the next meeting), three problems that
// recur across areas, dated updates, and the actions each meeting agreed.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import type { ChallengeStatus, Priority } from '../meetings/challenge-contract.ts';
import type { Random } from '../random.ts';
import { personName } from '../registry/sql.ts';

interface Lead {
  person_id: number;
  name: string;
  area_id: number;
  area_code: string;
}

interface School {
  id: number;
  name: string;
  area_code: string;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The second Tuesday of a month (YYYY-MM). */
function secondTuesday(month: string): string {
  const first = new Date(`${month}-01T00:00:00Z`);
  const toTuesday = (2 - first.getUTCDay() + 7) % 7;
  return addDays(`${month}-01`, toTuesday + 7);
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + m - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** What area leads bring: a category, how often, and titles with {school} for a named school. */
const problems: { category: string; weight: number; titles: string[]; school: boolean }[] = [
  {
    category: 'staffing_gap',
    weight: 25,
    school: true,
    titles: [
      'Maths teacher vacancy at {school}',
      'No Year 6 teacher at {school} since half term',
      'Two teachers on long-term sick leave at {school}',
      'Science post unfilled at {school}',
    ],
  },
  {
    category: 'teacher_deployment',
    weight: 14,
    school: false,
    titles: [
      'Newly qualified teachers clustered in town schools',
      'Rural schools without specialist PE teachers',
      'Teacher redeployment after school merger',
      'Supply cover not reaching outlying schools',
    ],
  },
  {
    category: 'leadership_vacancy',
    weight: 9,
    school: true,
    titles: [
      'Headteacher post vacant at {school}',
      'Deputy head resigned at {school}',
      'Acting head at {school} needs support',
    ],
  },
  {
    category: 'infrastructure',
    weight: 15,
    school: true,
    titles: [
      'Classroom roof leaking at {school}',
      'Toilet block unusable at {school}',
      'No safe drinking water at {school}',
      'Boundary wall collapsed at {school}',
    ],
  },
  {
    category: 'resources',
    weight: 12,
    school: false,
    titles: [
      'Reading books not delivered',
      'Textbook shortage for the new curriculum',
      'Exercise books run out before term end',
      'Science kits missing',
    ],
  },
  {
    category: 'safeguarding',
    weight: 5,
    school: true,
    titles: ['Safeguarding lead untrained at {school}', 'Unsafe road crossing outside {school}'],
  },
  {
    category: 'attendance',
    weight: 9,
    school: true,
    titles: [
      'Persistent absence rising at {school}',
      'Pupils missing school on market days near {school}',
      'Seasonal work keeping older pupils away from {school}',
    ],
  },
  {
    category: 'data',
    weight: 6,
    school: false,
    titles: [
      'Attendance returns late from several schools',
      'Assessment data entered twice',
      'Schools cannot reach the data portal',
    ],
  },
  {
    category: 'other',
    weight: 5,
    school: false,
    titles: ['School calendar clashes with local festival', 'Parents’ meeting venue unavailable'],
  },
];

/** Problems that are the same across areas: each raised in several areas within a few months. */
const recurring = [
  {
    title: 'Maths and science teacher shortage',
    category: 'staffing_gap',
    areas: 7,
    text: 'No specialist maths or science teacher in several schools',
  },
  {
    title: 'Late delivery of textbooks',
    category: 'resources',
    areas: 5,
    text: 'Textbooks for the new curriculum not delivered',
  },
  {
    title: 'Connectivity for data returns',
    category: 'data',
    areas: 4,
    text: 'Schools without a connection to send monthly returns',
  },
];

const updates = [
  'Met the headteacher',
  'Raised with the trust',
  'Quotes obtained',
  'Advert placed',
  'Escalated to the director',
  'Waiting on the supplier',
  'Interim arrangement in place',
  'Visited the school',
];
const resolutions = [
  'Post filled',
  'Repaired',
  'Delivered',
  'Cover arranged by the cluster',
  'Fixed by the authority',
  'Agreed a new schedule',
  'Training completed',
];
const wontFix = [
  'School to close in the summer',
  'Outside the authority’s control',
  'Duplicate of another challenge',
  'Not a system-wide issue; for the school',
];
const actionTitles = [
  'Write to the teacher supply unit',
  'Share the cover rota with all area leads',
  'Visit the schools of concern in the pack',
  'Bring attendance figures by cluster',
  'Agree a protocol for redeploying teachers',
  'Check the textbook delivery schedule',
  'Report back on the estates survey',
  'Draft a letter to parents on attendance',
];

function weighted<T extends { weight: number }>(random: Random, items: T[]): T {
  let r = random.float() * items.reduce((n, i) => n + i.weight, 0);
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items.at(-1) as T;
}

interface Transition {
  on: string;
  from: ChallengeStatus | null;
  to: ChallengeStatus;
  note: string;
  author: string;
}

interface GeneratedChallenge {
  title: string;
  description: string;
  category: string;
  raised_on: string;
  raised_by: number;
  owner: number;
  meeting_index: number;
  priority: Priority;
  due_on: string;
  units: number[];
  transitions: Transition[];
  notes: { on: string; note: string; author: string }[];
  recurring: number | null;
}

/** A challenge's life from the day it is raised until `now`: how fast depends on the area and on time. */
function lifecycle(
  random: Random,
  raisedOn: string,
  now: string,
  pace: number,
  progress: number,
  meetingsAfter: string[],
  lead: string,
): { transitions: Transition[]; notes: { on: string; note: string; author: string }[] } {
  const transitions: Transition[] = [];
  const notes: { on: string; note: string; author: string }[] = [];
  // A move dated after the demo's "now" has not happened yet.
  const move = (on: string, from: ChallengeStatus | null, to: ChallengeStatus, note = '', author = lead) => {
    if (on > now) return false;
    transitions.push({ on, from, to, note, author });
    return true;
  };
  move(raisedOn, null, 'open');
  // Most are picked up within a fortnight; some wait a month or two before anyone starts.
  const started = addDays(raisedOn, random.chance(0.2) ? random.int(20, 90) : random.int(0, 14));
  if (!move(started, 'open', 'in_progress')) return { transitions, notes };
  const fate = random.float();
  if (fate < 0.07) {
    move(addDays(started, random.int(10, 60)), 'in_progress', 'closed', random.pick(wontFix));
    return { transitions, notes };
  }
  // Lognormal days to resolution, median ~60 at first and ~20 two years on, slower in some areas;
  // one in eight lingers for many months.
  const median = (60 - 40 * progress) * pace;
  const lingering = fate > 0.875;
  const days = Math.round(Math.exp(Math.log(median) + random.normal(0, 0.55)) * (lingering ? 4 : 1)) + 3;
  // Never before the work started: a timeline out of order ("resolved, verified, then in progress")
  // left challenges open at every later month's end in the measures while the log called them verified.
  const resolvedOn = [addDays(raisedOn, days), addDays(started, 3)].sort().at(-1) as string;
  for (let d = random.int(7, 30); d < days - 3 && addDays(raisedOn, d) <= now; d += random.int(20, 60))
    notes.push({ on: addDays(raisedOn, d), note: random.pick(updates), author: lead });
  if (!move(resolvedOn, 'in_progress', 'resolved', random.pick(resolutions))) return { transitions, notes };
  if (random.chance(0.06)) {
    // A resolution that did not hold: reopened and resolved again.
    const reopened = addDays(resolvedOn, random.int(7, 30));
    if (!move(reopened, 'resolved', 'in_progress', 'Problem came back')) return { transitions, notes };
    if (!move(addDays(reopened, random.int(10, 40)), 'in_progress', 'resolved', random.pick(resolutions)))
      return { transitions, notes };
  }
  const verifyAt = meetingsAfter.find((m) => m > (transitions.at(-1) as Transition).on);
  if (verifyAt && random.chance(0.85))
    move(verifyAt, 'resolved', 'verified', 'Confirmed at the meeting', 'director');
  return { transitions, notes };
}

export async function loadDemoMeetings(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<number> {
  const director = await db
    .selectFrom('post as p')
    .innerJoin('person as pe', 'pe.id', 'p.person_id')
    .select(['pe.id', personName('pe').as('name')])
    .where('p.role', '=', 'director')
    .orderBy('p.starts_on', 'desc')
    .executeTakeFirstOrThrow();
  const { rows: leads } = await sql<Lead>`
    select distinct on (o.code) p.person_id, ${personName('pe')} as name, o.id as area_id, o.code as area_code
    from post p join person pe on pe.id = p.person_id join org_unit o on o.id = p.org_unit_id
    where p.role = 'area_lead' and p.ends_on is null order by o.code, p.starts_on desc`.execute(db);
  const { rows: schools } = await sql<School>`
    select s.id, s.name, coalesce(case when p.level = 'area' then p.code end, g.code) as area_code
    from org_unit s join org_unit p on p.id = s.parent_id left join org_unit g on g.id = p.parent_id
    where s.level = 'school' order by s.code`.execute(db);
  const authority = await db
    .selectFrom('org_unit')
    .select('id')
    .where('level', '=', 'authority')
    .executeTakeFirstOrThrow();

  // 24 meetings: the last reviews October after the reference date (the latest data) and lies ahead.
  const lastMonth = shiftMonth(referenceDate.slice(0, 7), 2);
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(lastMonth, i - 23));
  const dates = months.map(secondTuesday);
  const now = dates.at(-1) as string;
  // Each area lead has a pace: some resolve twice as fast as others (ownership shows).
  const pace = new Map(leads.map((l) => [l.area_code, 0.6 + random.float() * 0.9]));
  const schoolsOf = new Map<string, School[]>();
  for (const s of schools) schoolsOf.set(s.area_code, [...(schoolsOf.get(s.area_code) ?? []), s]);

  const challenges: GeneratedChallenge[] = [];
  const raise = (
    meetingIndex: number,
    lead: Lead,
    category: string,
    title: string,
    units: number[],
    recurringIndex: number | null,
    description: string,
  ) => {
    const raisedOn = dates[meetingIndex] as string;
    const priority = random.pick(['low', 'medium', 'medium', 'high', 'high', 'urgent'] as const);
    const dueIn = { low: 90, medium: 60, high: 45, urgent: 21 }[priority];
    const life = lifecycle(
      random,
      raisedOn,
      now,
      pace.get(lead.area_code) ?? 1,
      meetingIndex / 23,
      dates.slice(meetingIndex + 1),
      `lead.${lead.area_code.toLowerCase()}`,
    );
    challenges.push({
      title,
      description,
      category,
      raised_on: raisedOn,
      raised_by: lead.person_id,
      owner: random.chance(0.9) ? lead.person_id : director.id,
      meeting_index: meetingIndex,
      priority,
      due_on: addDays(raisedOn, dueIn),
      units,
      recurring: recurringIndex,
      ...life,
    });
  };
  // Held meetings raise 11-14 challenges each, from areas at random.
  for (let m = 0; m < 23; m++) {
    for (let k = random.int(11, 14); k > 0; k--) {
      const lead = random.pick(leads);
      const problem = weighted(random, problems);
      const areaSchools = schoolsOf.get(lead.area_code) ?? [];
      const school = problem.school && areaSchools.length ? random.pick(areaSchools) : null;
      const title = random.pick(problem.titles).replace('{school}', school?.name ?? '');
      raise(
        m,
        lead,
        problem.category,
        title,
        school ? [school.id] : [lead.area_id],
        null,
        `Raised by the area lead for ${lead.area_code}.`,
      );
    }
  }
  recurring.forEach((problem, r) => {
    const start = random.int(4, 16);
    for (const lead of random.shuffle(leads).slice(0, problem.areas))
      raise(
        Math.min(22, start + random.int(0, 3)),
        lead,
        problem.category,
        `${problem.text} (${lead.area_code})`,
        [lead.area_id],
        r,
        problem.text,
      );
  });

  return db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    const meetingIds: number[] = [];
    for (const [i, held_on] of dates.entries()) {
      const { id } = await trx
        .insertInto('meeting')
        .values({
          kind: 'area_leads',
          title: `Area leads, ${new Date(`${held_on}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`,
          held_on,
          org_unit_id: authority.id,
          chair_person_id: director.id,
          period: shiftMonth(months[i] as string, -1),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      meetingIds.push(id);
      const ahead = i === dates.length - 1;
      await trx
        .insertInto('meeting_attendee')
        .values([
          { meeting_id: id, person_id: director.id, attendance: ahead ? 'expected' : 'present' },
          ...leads.map((l) => ({
            meeting_id: id,
            person_id: l.person_id,
            attendance: ahead
              ? ('expected' as const)
              : random.chance(0.86)
                ? ('present' as const)
                : random.chance(0.8)
                  ? ('apologies' as const)
                  : ('absent' as const),
          })),
        ])
        .execute();
    }
    const recurringIds = [];
    for (const r of recurring) {
      const { id } = await trx
        .insertInto('recurring_problem')
        .values({ title: r.title })
        .returning('id')
        .executeTakeFirstOrThrow();
      recurringIds.push(id);
    }
    for (const c of challenges) {
      const last = c.transitions.at(-1) as Transition;
      const lastResolution = c.transitions.findLast((t) => t.to === 'resolved');
      const resolved = last.to === 'resolved' || last.to === 'verified' ? (lastResolution ?? null) : null;
      const { id } = await trx
        .insertInto('challenge')
        .values({
          title: c.title,
          description: c.description,
          category: c.category,
          raised_on: c.raised_on,
          raised_by_person_id: c.raised_by,
          meeting_id: meetingIds[c.meeting_index] as number,
          owner_person_id: c.owner,
          priority: c.priority,
          due_on: c.due_on,
          status: last.to,
          resolution: resolved?.note ?? null,
          closed_reason: last.to === 'closed' ? last.note : null,
          resolved_on: resolved?.on ?? null,
          verified_on: last.to === 'verified' ? last.on : null,
          closed_on: last.to === 'closed' ? last.on : null,
          recurring_id: c.recurring === null ? null : (recurringIds[c.recurring] as number),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('challenge_unit')
        .values(c.units.map((org_unit_id) => ({ challenge_id: id, org_unit_id })))
        .execute();
      await trx
        .insertInto('challenge_update')
        .values([
          ...c.transitions.map((t) => ({
            challenge_id: id,
            on_date: t.on,
            author: t.author,
            kind: t.from === null ? ('raised' as const) : ('status' as const),
            from_status: t.from,
            to_status: t.to,
            note: t.note,
          })),
          ...c.notes.map((n) => ({
            challenge_id: id,
            on_date: n.on,
            author: n.author,
            kind: 'note' as const,
            note: n.note,
          })),
        ])
        .execute();
    }
    // Each held meeting agrees three to five actions, due by the next; most get done, some run late.
    for (let i = 0; i < 23; i++) {
      for (let k = random.int(3, 5); k > 0; k--) {
        const owner = random.chance(0.8) ? random.pick(leads).person_id : director.id;
        const due = addDays(dates[i] as string, random.int(14, 28));
        const done = random.chance(i < 21 ? 0.85 : 0.4) ? addDays(due, random.int(-10, 12)) : null;
        await trx
          .insertInto('action_item')
          .values({
            title: random.pick(actionTitles),
            owner_person_id: owner,
            due_on: due,
            status: done && done <= now ? 'done' : 'open',
            meeting_id: meetingIds[i] as number,
            org_unit_id: authority.id,
            created_on: dates[i] as string,
            done_on: done && done <= now ? done : null,
          })
          .execute();
      }
      // The agenda as it was run: the packs, the challenges, last month's actions, any other business.
      const raisedHere = challenges.filter((c) => c.meeting_index === i);
      const period = shiftMonth(months[i] as string, -1);
      const items = await trx
        .insertInto('agenda_item')
        .values(
          [
            ['kpi_summary', `KPI summary for ${period}`, `Reviewed each area's pack for ${period}.`],
            [
              'new_challenges',
              `Challenges raised (${raisedHere.length})`,
              `${raisedHere.length} challenges raised and owners agreed.`,
            ],
            ['actions_due', 'Actions from the last meeting', 'Each owner reported.'],
            ['item', 'Any other business', ''],
          ].map(([kind, title, minutes], position) => ({
            meeting_id: meetingIds[i] as number,
            position,
            kind: kind as 'item',
            title: title as string,
            notes: '',
            refs: '[]',
            minutes: minutes as string,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('decision')
        .values({
          meeting_id: meetingIds[i] as number,
          agenda_item_id: items[1]?.id ?? null,
          text: `Owners and due dates agreed for the ${raisedHere.length} challenges raised`,
        })
        .execute();
    }
    await recordAudit(trx, actor, 'demo', 'meetings', {
      meetings: dates.length,
      challenges: challenges.length,
    });
    return meetingIds.at(-1) as number;
  });
}
