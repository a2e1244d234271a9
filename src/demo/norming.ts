// The demo's norming: two sessions on the lesson-observation rubric, about seven months and three weeks before
// the reference date, each with six reference lessons and twenty raters (every area lead, then heads to
// make up twenty). Most raters are close to the master; two are lenient, two harsh, and one who agreed
// in the first session drifts by the second. The director led both and held a norming retreat after the second
// session: its agenda in the director's development log, a note in each area lead's, coaching in a few.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { closeSession, createSession } from '../norming/sessions.ts';
import type { Random } from '../random.ts';
import { addDays } from './registry.ts';

type Profile = 'close' | 'lenient' | 'harsh' | 'drifting';

const lessons = [
  'Year 2 phonics, whole class',
  'Year 5 fractions, mixed attainment',
  'Year 9 history, source analysis',
  'Year 11 chemistry practical',
  'Year 4 guided reading',
  'Year 7 English, persuasive writing',
];

/** A rater's level for a case: the master's, moved by their profile and some noise, kept on the scale. */
function levelOf(random: Random, master: number, profile: Profile, autumn: boolean): number {
  let shift = random.chance(0.7) ? 0 : random.pick([-1, 1]);
  if (profile === 'lenient' && random.chance(0.9)) shift = 1;
  if (profile === 'harsh' && random.chance(0.9)) shift = -1;
  if (profile === 'drifting') shift = autumn ? (random.chance(0.7) ? random.pick([-1, -2]) : 1) : 0;
  return Math.min(4, Math.max(1, master + shift));
}

export async function loadDemoNorming(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<void> {
  if (await db.selectFrom('norming_session').select('id').limit(1).executeTakeFirst()) return;
  const { rows: people } = await sql<{ id: number; code: string; role: string }>`
    select distinct on (pe.id) pe.id, pe.code, p.role from post p join person pe on pe.id = p.person_id
    where p.role = any(${['director', 'area_lead', 'headteacher']}::text[]) and p.starts_on <= ${referenceDate}
      and (p.ends_on is null or p.ends_on > ${referenceDate})
    order by pe.id, p.starts_on`.execute(db);
  const director = people.find((p) => p.role === 'director');
  const leads = people.filter((p) => p.role === 'area_lead').sort((a, b) => a.code.localeCompare(b.code));
  const heads = people.filter((p) => p.role === 'headteacher').sort((a, b) => a.code.localeCompare(b.code));
  if (!director || leads.length === 0) return;
  const raters = [...leads, ...heads].slice(0, 20);
  const profiles = new Map<number, Profile>(raters.map((r) => [r.id, 'close']));
  // By person code: the first lead drifts, the second and third are lenient, the fourth and fifth harsh.
  const set = (i: number, p: Profile) => raters[i] && profiles.set(raters[i].id, p);
  set(0, 'drifting');
  set(1, 'lenient');
  set(2, 'lenient');
  set(3, 'harsh');
  set(4, 'harsh');
  const criteria = await db
    .selectFrom('rubric_criterion as c')
    .innerJoin('rubric_section as s', 's.id', 'c.section_id')
    .innerJoin('rubric as r', 'r.id', 's.rubric_id')
    .select(['c.id'])
    .where('r.code', '=', 'LESSON')
    .where('r.superseded', '=', false)
    .execute();
  const month = (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  const sessions = [addDays(referenceDate, -230), addDays(referenceDate, -20)].map((held_on, i) => ({
    title: `Lesson observation norming, ${month(held_on)}`,
    held_on,
    autumn: i === 1,
  }));
  for (const s of sessions) {
    const context = contextFor(db, actor, { today: addDays(s.held_on, 3) });
    const { id } = await createSession(context, {
      title: s.title,
      held_on: s.held_on,
      rubric: 'LESSON',
      led_by: director.code,
      raters: raters.map((r) => r.code),
      cases: random.shuffle(lessons).map((title, i) => ({
        title,
        kind: i === 5 ? ('evidence_pack' as const) : ('lesson_video' as const),
        link: `https://video.northmoor.example/norming/${s.held_on}/${i + 1}`,
        description: i === 5 ? "The department's planning, books and data for the lesson" : '',
      })),
    });
    const cases = await db.selectFrom('norming_case').select('id').where('session_id', '=', id).execute();
    const masters = cases.flatMap((c) =>
      criteria.map((k) => ({ case_id: c.id, criterion_id: k.id, level: random.int(1, 4) })),
    );
    await db.insertInto('norming_master').values(masters).execute();
    await db
      .insertInto('norming_score')
      .values(
        raters.flatMap((r) =>
          masters.map((m) => ({
            case_id: m.case_id,
            criterion_id: m.criterion_id,
            person_id: r.id,
            level: levelOf(random, m.level, profiles.get(r.id) ?? 'close', s.autumn),
          })),
        ),
      )
      .execute();
    await closeSession(context, id);
  }
  const retreat = addDays(referenceDate, -12);
  const agenda = [
    '09:30 Where we disagree: the autumn session’s report, criterion by criterion',
    '10:30 Instruction and feedback: re-scoring two lessons together against the descriptors',
    '12:00 Supervision that changes practice: what the best visits this year had in common',
    '13:30 Reform with fidelity: the reading programme’s checklist in visits',
    '15:00 Each area lead’s development goals for the spring',
  ].join('\n');
  await db
    .insertInto('development_log_entry')
    .values([
      {
        person_id: director.id,
        written_by: director.id,
        written_on: retreat,
        kind: 'retreat_agenda',
        title: 'Norming retreat: agenda',
        body: agenda,
      },
      ...leads.map((lead) => {
        const profile = profiles.get(lead.id) ?? 'close';
        const note =
          profile === 'close'
            ? 'Agreement held within tolerance. Goal: lead a co-observation for a newer colleague.'
            : profile === 'drifting'
              ? 'Scores have moved below the master since the first session, most on instruction and feedback. Goal: two co-observed lessons with the lead assessor before the next session.'
              : `Scores ${profile === 'lenient' ? 'above' : 'below'} the master across criteria. Goal: re-read the level descriptors with a partner before each visit.`;
        return {
          person_id: lead.id,
          written_by: director.id,
          written_on: retreat,
          kind: 'retreat_note' as const,
          title: 'Norming retreat',
          body: note,
        };
      }),
      ...leads.slice(0, 5).map((lead) => ({
        person_id: lead.id,
        written_by: director.id,
        written_on: addDays(retreat, 7),
        kind: 'coaching' as const,
        title: 'Co-observation with the lead assessor',
        body: 'Observed a lesson together and compared levels criterion by criterion before agreeing.',
      })),
    ])
    .execute();
}
