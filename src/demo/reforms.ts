// The demo's reform: a reading programme rolled out across the authority at the start of the year, with
// fidelity checks by each area's lead through the year. Areas start from different places and move at
// different speeds, so the director's "implementation by area over time" shows uneven progress; a few
// schools are never checked. Written through the reform's own verbs, so every check is audited as one.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import { recordCheck } from '../reforms/checks.ts';
import { saveReform } from '../reforms/reforms.ts';
import { schoolDay } from './visits.ts';

const dayMs = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

const practices = [
  {
    code: 'DAILY',
    name: 'Daily systematic phonics lesson in Reception and Year 1',
    look_for: 'On the timetable and seen taught',
  },
  {
    code: 'DECODE',
    name: 'Pupils read books matched to the sounds they know',
    look_for: 'Reading books checked against the phonics stage',
  },
  {
    code: 'CATCHUP',
    name: 'The lowest 20% of readers have daily catch-up',
    look_for: 'A named list and a record of sessions',
  },
  {
    code: 'ASSESS',
    name: 'Phonics assessed every six weeks and groups changed',
    look_for: 'The assessment record and moved groups',
  },
  {
    code: 'TRAINED',
    name: 'Every adult who teaches reading is trained in the programme',
    look_for: 'The training log, including support staff',
  },
  {
    code: 'LEADER',
    name: 'A reading leader checks teaching and coaches colleagues',
    look_for: 'Notes of drop-ins and coaching',
  },
];

const findings = {
  in_place: 'Seen in every class visited.',
  partly: 'Seen in some classes, not all.',
  not_yet: 'Not seen on this visit.',
} as const;

/** Schools checked per area (at most), and checks a school has over the year. */
const SCHOOLS_PER_AREA = 6;
const CHECKS = 3;

export async function loadDemoReform(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<{ checks: number }> {
  if (await db.selectFrom('reform').select('id').limit(1).executeTakeFirst()) return { checks: 0 };
  const end = addDays(referenceDate, 70);
  const start = addDays(end, -330);
  const context = contextFor(db, actor, { today: end });
  const { rows: areas } = await sql<{ code: string; lead: string | null }>`
    select a.code,
      (select pe.code from post p join person pe on pe.id = p.person_id
       where p.org_unit_id = a.id and p.role = 'area_lead' and p.ends_on is null
       order by p.starts_on desc limit 1) as lead
    from org_unit a where a.level = 'area' order by a.code`.execute(db);
  await saveReform(context, {
    code: 'READING',
    name: 'Reading for all: systematic phonics',
    description:
      'A systematic synthetic phonics programme in every primary school, with catch-up for the lowest 20%.',
    phase: 'rollout',
    starts_on: start,
    units: areas.map((a) => a.code),
    practices,
  });
  let checks = 0;
  for (const area of areas) {
    if (!area.lead) continue;
    // Where the area starts and how fast it moves: some areas embed the programme, some stall.
    const from = 0.15 + random.float() * 0.3;
    const pace = random.float() * 0.5;
    const { rows: schools } = await sql<{ code: string }>`
      with recursive beneath as (
        select id, level, code from org_unit where code = ${area.code}
        union all select u.id, u.level, u.code from org_unit u join beneath b on u.parent_id = b.id)
      select code from beneath where level = 'school' order by code`.execute(db);
    const checked = schools.filter(() => random.float() < 0.85).slice(0, SCHOOLS_PER_AREA);
    for (const school of checked) {
      const schoolStrength = random.float() * 0.2 - 0.1;
      for (let round = 0; round < CHECKS; round++) {
        // Checks in January, April and July: none this term, so they leave this term's coverage to visits.
        const progress = 0.1 + 0.35 * round;
        const checkedOn = schoolDay(addDays(start, Math.floor(progress * 260 + random.float() * 20)));
        const inPlace = Math.min(0.95, Math.max(0.05, from + pace * progress + schoolStrength));
        await recordCheck(context, 'READING', {
          school: school.code,
          checked_on: checkedOn > end ? end : checkedOn,
          visitors: [area.lead],
          practices: practices.map((p) => {
            const roll = random.float();
            const status =
              roll < inPlace ? 'in_place' : roll < inPlace + (1 - inPlace) / 2 ? 'partly' : 'not_yet';
            return { practice: p.code, status, evidence: findings[status] };
          }),
        });
        checks++;
      }
    }
  }
  return { checks };
}
