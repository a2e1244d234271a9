// The demo's governing boards: one per school, except that some pairs of small primaries in one area
// share a federation's board; a trust's schools' boards name their trust. Places by category, members
// appointed over the last four years for four-year terms (so some end soon, and some ended without a
// reappointment and left a vacancy), a few resignations, a skills matrix, training with safeguarding
// lapsed for some, and a succession plan for about half the boards (some not reviewed this year).
// One transaction, audited as one event; generated once (a second load leaves it alone).
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import { personName } from './names.ts';
import { addDays } from './registry.ts';

interface SchoolRow {
  id: number;
  code: string;
  name: string;
  phase: string;
  area_id: number | null;
  group_id: number | null;
}

type Category = 'parent' | 'staff' | 'authority' | 'foundation' | 'co_opted' | 'partner';
const skills = [
  'finance',
  'hr',
  'education',
  'safeguarding',
  'legal',
  'data',
  'premises',
  'community',
  'send',
  'recruitment',
];
const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

export async function loadDemoGovernance(db: Db, actor: Actor, random: Random, referenceDate: string) {
  if (await db.selectFrom('governing_board').select('id').limit(1).executeTakeFirst()) return;
  await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    const { rows: schools } = await sql<SchoolRow>`
      select o.id, o.code, o.name, s.phase, o.parent_id as area_id,
        (select m.group_id from org_group_member m join org_group g on g.id = m.group_id
          where m.org_unit_id = o.id and g.kind = 'trust' limit 1) as group_id
      from org_unit o join school s on s.org_unit_id = o.id
      where s.closed_on is null order by o.code`.execute(trx);
    // Federations: about one primary in eight, paired with the next primary in its area not in a trust.
    const boards: { schools: SchoolRow[]; federation: boolean }[] = [];
    const taken = new Set<number>();
    for (const school of schools) {
      if (taken.has(school.id)) continue;
      taken.add(school.id);
      const partner =
        school.phase === 'primary' && !school.group_id && random.chance(0.12)
          ? schools.find(
              (s) => !taken.has(s.id) && s.phase === 'primary' && !s.group_id && s.area_id === school.area_id,
            )
          : undefined;
      if (partner) taken.add(partner.id);
      boards.push({ schools: partner ? [school, partner] : [school], federation: !!partner });
    }
    let members = 0;
    let plans = 0;
    for (const [index, board] of boards.entries()) {
      const first = board.schools[0] as SchoolRow;
      const code = `GB-${first.code}`;
      const places: Partial<Record<Category, number>> = {
        parent: board.federation ? 3 : 2,
        staff: 1,
        authority: 1,
        co_opted: random.int(2, board.federation ? 5 : 4),
        ...(first.name.startsWith('St ') ? { foundation: 2 } : {}),
        ...(first.group_id && random.chance(0.3) ? { partner: 1 } : {}),
      };
      const clerk = personName(random);
      const { id } = await trx
        .insertInto('governing_board')
        .values({
          code,
          name: board.federation
            ? `Federation of ${board.schools.map((s) => s.name).join(' and ')}`
            : `${first.name} governing board`,
          group_id: first.group_id,
          clerk_name: `${clerk.given} ${clerk.family}`,
          clerk_email: `clerk${index + 1}@governors.example`,
          created_by: actor.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('governing_board_school')
        .values(board.schools.map((s) => ({ board_id: id, school_unit_id: s.id })))
        .execute();
      await trx
        .insertInto('governing_board_place')
        .values(
          Object.entries(places).map(([category, n]) => ({
            board_id: id,
            category: category as Category,
            places: n,
          })),
        )
        .execute();
      // A weak board (one in six) fills barely two places in three; the rest most of theirs.
      const fill = random.chance(1 / 6) ? 0.6 : 0.92;
      const serving: { id: number; category: Category; ends: string }[] = [];
      for (const [category, n] of Object.entries(places) as [Category, number][]) {
        for (let k = 0; k < n; k++) {
          // A past member whose term ended or who resigned: the place is vacant unless filled after.
          if (random.chance(0.2)) {
            const appointed = addDays(referenceDate, -random.int(1500, 2600));
            const left = random.chance(0.5);
            await insertMember(
              trx,
              random,
              id,
              category,
              appointed,
              addYears(appointed, 4),
              left ? addDays(appointed, random.int(200, 1200)) : null,
            );
            members += 1;
          }
          if (!random.chance(fill)) continue;
          const appointed = addDays(referenceDate, -random.int(20, 1440));
          const ends = addYears(appointed, 4);
          const member = await insertMember(trx, random, id, category, appointed, ends, null);
          serving.push({ id: member, category, ends });
          members += 1;
        }
      }
      // The chair: a parent or co-opted governor, the longest serving; a vice-chair; link governors.
      const chairs = serving.filter((m) => m.category === 'parent' || m.category === 'co_opted');
      const chair = chairs.sort((a, b) => a.ends.localeCompare(b.ends))[0];
      const others = random.shuffle(serving.filter((m) => m !== chair));
      const roles: [number | undefined, string[]][] = [
        [chair?.id, ['chair', 'headteacher_appraisal']],
        [others[0]?.id, ['vice_chair', 'finance_committee']],
        [others[1]?.id, ['safeguarding_link']],
        [others[2]?.id, ['send_link', 'curriculum_committee']],
        [others[3]?.id, ['finance_committee', 'pay_committee']],
      ];
      for (const [member, held] of roles)
        if (member && (held[0] !== 'chair' || random.chance(0.93)))
          await trx.updateTable('governor').set({ roles: held }).where('id', '=', member).execute();
      // Training: induction for most; safeguarding within four years (so lapsed for some); chair
      // development for most chairs; headteacher recruitment for one member on about half the boards.
      const training: { governor_id: number; course_code: string; attended_on: string }[] = [];
      for (const member of serving) {
        if (random.chance(0.9))
          training.push({
            governor_id: member.id,
            course_code: 'induction',
            attended_on: addDays(addYears(member.ends, -4), random.int(10, 120)),
          });
        if (random.chance(0.85))
          training.push({
            governor_id: member.id,
            course_code: 'safeguarding',
            attended_on: addDays(referenceDate, -random.int(30, 1400)),
          });
        if (member === chair && random.chance(0.7))
          training.push({
            governor_id: member.id,
            course_code: 'chair_development',
            attended_on: addDays(referenceDate, -random.int(60, 900)),
          });
      }
      const recruiter = random.chance(0.55) ? random.pick(serving) : undefined;
      if (recruiter)
        training.push({
          governor_id: recruiter.id,
          course_code: 'headteacher_recruitment',
          attended_on: addDays(referenceDate, -random.int(60, 1500)),
        });
      const inPast = training.filter((t) => t.attended_on <= referenceDate);
      if (inPast.length)
        await trx
          .insertInto('governor_training')
          .values(inPast)
          .onConflict((oc) => oc.doNothing())
          .execute();
      // Skills: each serving member rated on two to four skills.
      const ratings = serving.flatMap((member) =>
        random
          .shuffle(skills)
          .slice(0, random.int(2, 4))
          .map((skill) => ({ governor_id: member.id, skill_code: skill, rating: random.int(1, 3) })),
      );
      if (ratings.length) await trx.insertInto('governor_skill').values(ratings).execute();
      if (random.chance(0.5)) {
        plans += 1;
        const successor = others.find((m) => m.category !== 'staff');
        await trx
          .insertInto('board_succession')
          .values({
            board_id: id,
            has_plan: true,
            reviewed_on: addDays(referenceDate, -random.int(20, 600)),
            chair_successor_id: successor && random.chance(0.7) ? successor.id : null,
            headship_successor: random.chance(0.4) ? 'The deputy head, once through NPQH' : '',
            notes: 'Skills audit each autumn; co-opt to fill the gaps it finds.',
          })
          .execute();
      }
    }
    await recordAudit(trx, actor, 'import', 'demo-governance', { boards: boards.length, members, plans });
  });
}

async function insertMember(
  trx: Db,
  random: Random,
  boardId: number,
  category: Category,
  appointed: string,
  ends: string,
  resigned: string | null,
): Promise<number> {
  const { given, family } = personName(random);
  const { id } = await trx
    .insertInto('governor')
    .values({
      board_id: boardId,
      name: `${given} ${family}`,
      email: `${given}.${family}@governors.example`.toLowerCase().replace(/[^a-z.@]/g, ''),
      phone: `01632 ${String(random.int(960000, 960999))}`,
      category,
      appointed_on: appointed,
      term_ends_on: ends,
      resigned_on: resigned,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
