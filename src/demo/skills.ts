// The demo's skills audits: last year's round (closed, every leader self-rated and validated) and this
// year's (open: most leaders have rated themselves, about two in three of those are validated so far),
// each over the heads and deputies in post on its opening day. Ratings follow a leader's own strength
// and the competency; data literacy is weakest in the first area; about a third of leaders rate
// themselves a level or two above what their validator finds, and a few below. Generated once.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import { addDays } from './registry.ts';

interface LeaderRow {
  person_id: number;
  area: string | null;
  validator_id: number | null;
  validator: string | null;
}

/** How each competency sits against a leader's overall strength (data literacy and finance lowest). */
const competencyShift: Record<string, number> = {
  data_literacy: -0.4,
  leadership_of_learning: 0.3,
  self_evaluation: -0.1,
  shared_leadership: 0,
  managing_people: 0.1,
  financial_management: -0.3,
  safeguarding_leadership: 0.4,
  community_partnerships: 0.2,
};

const clamp = (x: number) => Math.min(4, Math.max(1, Math.round(x)));

export async function loadDemoSkills(
  db: Db,
  actor: Actor,
  random: Random,
  referenceDate: string,
): Promise<void> {
  if (await db.selectFrom('skill_audit').select('id').limit(1).executeTakeFirst()) return;
  const year = Number(referenceDate.slice(0, 4)) - (referenceDate.slice(5, 7) < '09' ? 1 : 0);
  // The demo's reference date is the academic year's first day: this year's round opens on it and stays
  // open to the end of July; last year's ran in the autumn term.
  const thisOpens = referenceDate;
  const rounds = [
    {
      code: `SKILLS-${year - 1}`,
      name: `Leadership skills audit ${year - 1}-${String(year).slice(2)}`,
      opens_on: addDays(thisOpens, -365 + 30),
      closes_on: addDays(thisOpens, -365 + 105),
      current: false,
    },
    {
      code: `SKILLS-${year}`,
      name: `Leadership skills audit ${year}-${String(year + 1).slice(2)}`,
      opens_on: thisOpens,
      closes_on: `${year + 1}-07-31`,
      current: true,
    },
  ];
  await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    const competencies = await trx
      .selectFrom('competency')
      .select(['id', 'code'])
      .where('retired_on', 'is', null)
      .execute();
    const weakArea = (
      await trx
        .selectFrom('org_unit')
        .select('code')
        .where('level', '=', 'area')
        .orderBy('code')
        .executeTakeFirst()
    )?.code;
    // A leader's lasting strength, the same in both rounds, and whether they over- or under-rate themselves.
    const strength = new Map<number, number>();
    const bias = new Map<number, number>();
    const counts = { leaders: 0, ratings: 0 };
    for (const round of rounds) {
      const { id } = await trx
        .insertInto('skill_audit')
        .values({ code: round.code, name: round.name, opens_on: round.opens_on, closes_on: round.closes_on })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`
        insert into skill_audit_leader (audit_id, person_id, school_id, post_role)
        select distinct on (p.person_id) ${id}, p.person_id, p.org_unit_id, p.role
        from post p join org_unit s on s.id = p.org_unit_id and s.level = 'school'
        where p.role in ('headteacher', 'deputy_headteacher') and p.starts_on <= ${round.opens_on}
          and (p.ends_on is null or p.ends_on >= ${round.opens_on})
        order by p.person_id, s.code`.execute(trx);
      // Each leader's validator: the area lead of their school's area.
      const { rows: leaders } = await sql<LeaderRow>`
        select al.person_id, ar.code as area, lead.person_id as validator_id,
          lead_person.given_name || ' ' || lead_person.family_name as validator
        from skill_audit_leader al
        join org_unit s on s.id = al.school_id
        left join org_unit sp on sp.id = s.parent_id
        left join org_unit ar on ar.level = 'area' and ar.id in (sp.id, sp.parent_id)
        left join lateral (select p.person_id from post p where p.org_unit_id = ar.id and p.role = 'area_lead'
          and p.starts_on <= ${round.opens_on} and (p.ends_on is null or p.ends_on >= ${round.opens_on})
          order by p.starts_on limit 1) lead on true
        left join person lead_person on lead_person.id = lead.person_id
        where al.audit_id = ${id} order by al.person_id`.execute(trx);
      const rows = [];
      for (const leader of leaders) {
        if (!strength.has(leader.person_id)) {
          strength.set(leader.person_id, random.normal(2.7, 0.45));
          const kind = random.float();
          bias.set(leader.person_id, kind < 0.33 ? random.pick([1, 1, 2]) : kind < 0.43 ? -1 : 0);
        }
        // This year, some leaders have not rated themselves yet, and a third of those who did await validation.
        const selfRates = !round.current || random.chance(0.85);
        const validated = selfRates && (!round.current || random.chance(0.65));
        if (!selfRates) continue;
        // A year on, leaders have grown a little.
        const base = (strength.get(leader.person_id) as number) + (round.current ? 0.15 : 0);
        for (const c of competencies) {
          const areaShift = c.code === 'data_literacy' && leader.area === weakArea ? -0.9 : 0;
          const truth = clamp(base + (competencyShift[c.code] ?? 0) + areaShift + random.normal(0, 0.45));
          const self = clamp(
            truth + (bias.get(leader.person_id) as number) + (random.chance(0.15) ? random.pick([-1, 1]) : 0),
          );
          const ratedOn = addDays(round.opens_on, random.int(1, 20));
          rows.push({
            audit_id: id,
            person_id: leader.person_id,
            competency_id: c.id,
            self_rating: self,
            self_note: '',
            self_on: ratedOn,
            validated_rating: validated ? truth : null,
            evidence: validated
              ? 'Validation visit: the school’s own evidence and a conversation with the leader'
              : '',
            validator: validated ? (leader.validator ?? actor.name) : null,
            validator_person_id: validated ? leader.validator_id : null,
            validated_on: validated ? addDays(ratedOn, random.int(3, 20)) : null,
          });
        }
      }
      for (let i = 0; i < rows.length; i += 2000)
        await trx
          .insertInto('skill_rating')
          .values(rows.slice(i, i + 2000))
          .execute();
      counts.leaders += leaders.length;
      counts.ratings += rows.length;
    }
    await recordAudit(trx, actor, 'import', 'demo-skills', { audits: rounds.length, ...counts });
  });
}
