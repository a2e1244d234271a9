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
    // Generated in memory first, then written a table at a time (members refer to each other by their
    // place in `members` until the database gives them ids).
    const members: {
      board: number;
      name: string;
      email: string;
      phone: string;
      category: Category;
      roles: string[];
      appointed_on: string;
      term_ends_on: string;
      resigned_on: string | null;
    }[] = [];
    const places: { board: number; category: Category; places: number }[] = [];
    const training: { member: number; course_code: string; attended_on: string }[] = [];
    const ratings: { member: number; skill_code: string; rating: number }[] = [];
    const plans: { board: number; reviewed_on: string; successor: number | null; note: string }[] = [];
    const member = (board: number, category: Category, appointed: string, resigned: string | null) => {
      const { given, family } = personName(random);
      members.push({
        board,
        name: `${given} ${family}`,
        email: `${given}.${family}@governors.example`.toLowerCase().replace(/[^a-z.@]/g, ''),
        phone: `01632 ${String(random.int(960000, 960999))}`,
        category,
        roles: [],
        appointed_on: appointed,
        term_ends_on: addYears(appointed, 4),
        resigned_on: resigned,
      });
      return members.length - 1;
    };
    for (const [board, { schools: governed, federation }] of boards.entries()) {
      const first = governed[0] as SchoolRow;
      const own: Partial<Record<Category, number>> = {
        parent: federation ? 3 : 2,
        staff: 1,
        authority: 1,
        co_opted: random.int(2, federation ? 5 : 4),
        ...(first.name.startsWith('St ') ? { foundation: 2 } : {}),
        ...(first.group_id && random.chance(0.3) ? { partner: 1 } : {}),
      };
      for (const [category, n] of Object.entries(own) as [Category, number][])
        places.push({ board, category, places: n });
      // A weak board (one in ten) fills barely two places in three; the rest most of theirs.
      const fill = random.chance(0.1) ? 0.6 : 0.93;
      const serving: number[] = [];
      for (const [category, n] of Object.entries(own) as [Category, number][]) {
        for (let k = 0; k < n; k++) {
          // A past member whose term ended or who resigned: the place is vacant unless filled after.
          if (random.chance(0.2)) {
            const appointed = addDays(referenceDate, -random.int(1500, 2600));
            member(
              board,
              category,
              appointed,
              random.chance(0.5) ? addDays(appointed, random.int(200, 1200)) : null,
            );
          }
          if (random.chance(fill))
            serving.push(member(board, category, addDays(referenceDate, -random.int(20, 1440)), null));
        }
      }
      // The chair: a parent or co-opted governor, usually the one reappointed last (so a chair's term
      // ends soon on some boards, not most); a vice-chair; link governors.
      const chairs = serving
        .filter((m) => ['parent', 'co_opted'].includes(members[m]?.category as string))
        .sort((a, b) => (members[b]?.term_ends_on ?? '').localeCompare(members[a]?.term_ends_on ?? ''));
      const chair = random.chance(0.93)
        ? random.chance(0.85)
          ? chairs[0]
          : chairs[chairs.length - 1]
        : undefined;
      const others = random.shuffle(serving.filter((m) => m !== chair));
      const roles: [number | undefined, string[]][] = [
        [chair, ['chair', 'headteacher_appraisal']],
        [others[0], ['vice_chair', 'finance_committee']],
        [others[1], ['safeguarding_link']],
        [others[2], ['send_link', 'curriculum_committee']],
        [others[3], ['finance_committee', 'pay_committee']],
      ];
      for (const [m, held] of roles) if (m !== undefined) (members[m] as { roles: string[] }).roles = held;
      // Training: induction for most; safeguarding within three and a half years (so lapsed for some);
      // chair development for most chairs; headteacher recruitment for one member on most boards.
      for (const m of serving) {
        const appointed = members[m]?.appointed_on as string;
        if (random.chance(0.9))
          training.push({
            member: m,
            course_code: 'induction',
            attended_on: addDays(appointed, random.int(10, 120)),
          });
        if (random.chance(0.9))
          training.push({
            member: m,
            course_code: 'safeguarding',
            attended_on: addDays(referenceDate, -random.int(30, 1250)),
          });
        if (m === chair && random.chance(0.7))
          training.push({
            member: m,
            course_code: 'chair_development',
            attended_on: addDays(referenceDate, -random.int(60, 900)),
          });
        // Skills: each serving member rated on two to four skills.
        for (const skill of random.shuffle(skills).slice(0, random.int(2, 4)))
          ratings.push({ member: m, skill_code: skill, rating: random.int(1, 3) });
      }
      if (serving.length && random.chance(0.9))
        training.push({
          member: random.pick(serving),
          course_code: 'headteacher_recruitment',
          attended_on: addDays(referenceDate, -random.int(60, 1500)),
        });
      if (random.chance(0.85)) {
        const successor = others.find((m) => members[m]?.category !== 'staff');
        plans.push({
          board,
          reviewed_on: addDays(referenceDate, -random.int(20, 390)),
          successor: successor !== undefined && random.chance(0.7) ? successor : null,
          note: random.chance(0.4) ? 'The deputy head, once through NPQH' : '',
        });
      }
    }
    const boardIds = (
      await trx
        .insertInto('governing_board')
        .values(
          boards.map(({ schools: governed, federation }, index) => {
            const first = governed[0] as SchoolRow;
            const clerk = personName(random);
            return {
              code: `GB-${first.code}`,
              name: federation
                ? `Federation of ${governed.map((s) => s.name).join(' and ')}`
                : `${first.name} governing board`,
              group_id: first.group_id,
              clerk_name: `${clerk.given} ${clerk.family}`,
              clerk_email: `clerk${index + 1}@governors.example`,
              created_by: actor.name,
            };
          }),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const boardId = (board: number) => boardIds[board] as number;
    await trx
      .insertInto('governing_board_school')
      .values(
        boards.flatMap(({ schools: governed }, b) =>
          governed.map((s) => ({ board_id: boardId(b), school_unit_id: s.id })),
        ),
      )
      .execute();
    await trx
      .insertInto('governing_board_place')
      .values(places.map((p) => ({ board_id: boardId(p.board), category: p.category, places: p.places })))
      .execute();
    const memberIds: number[] = [];
    for (let i = 0; i < members.length; i += 2000) {
      const rows = members.slice(i, i + 2000).map(({ board, ...m }) => ({ ...m, board_id: boardId(board) }));
      memberIds.push(
        ...(await trx.insertInto('governor').values(rows).returning('id').execute()).map((r) => r.id),
      );
    }
    const memberId = (m: number) => memberIds[m] as number;
    const attended = training.filter((t) => t.attended_on <= referenceDate);
    for (let i = 0; i < attended.length; i += 4000)
      await trx
        .insertInto('governor_training')
        .values(
          attended.slice(i, i + 4000).map(({ member: m, ...t }) => ({ ...t, governor_id: memberId(m) })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    for (let i = 0; i < ratings.length; i += 4000)
      await trx
        .insertInto('governor_skill')
        .values(ratings.slice(i, i + 4000).map(({ member: m, ...r }) => ({ ...r, governor_id: memberId(m) })))
        .execute();
    if (plans.length)
      await trx
        .insertInto('board_succession')
        .values(
          plans.map((p) => ({
            board_id: boardId(p.board),
            has_plan: true,
            reviewed_on: p.reviewed_on,
            chair_successor_id: p.successor === null ? null : memberId(p.successor),
            headship_successor: p.note,
            notes: 'Skills audit each autumn; co-opt to fill the gaps it finds.',
          })),
        )
        .execute();
    await recordAudit(trx, actor, 'import', 'demo-governance', {
      boards: boards.length,
      members: members.length,
      plans: plans.length,
    });
  });
}
