// The demo's system leaders as the role catalogue defines them, designated once the inspections are in
// (an NLE leads an outstanding school, an LLE a school whose leadership is good or better): professional
// partners with their accreditation recorded, NLEs and LLEs who qualify, executive heads, NPQH host
// schools and associate head placements, and deputies who have asked for a placement. So the demo's
// proposal has pairs for every role that meets a need.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import { defaultBrokeringSettings } from '../brokering/settings.ts';
import type { Db } from '../db/types.ts';
import { lastInspections } from '../inspections/queries.ts';
import type { Random } from '../random.ts';
import type { DesignationKind } from '../registry/schema.ts';
import { addDays } from './registry.ts';

interface HeadRow {
  person_id: number;
  school_id: number;
  since: string;
  kinds: DesignationKind[];
}

interface SeniorRow {
  person_id: number;
  kinds: DesignationKind[];
}

/** What the step's audit event names as its source. */
const DEMO_FILE = 'demo system leaders';

const rank: Record<string, number> = { outstanding: 4, good: 3 };

/** Adds the designations and coaching needs (once: a second load leaves them); audited as one event. */
export async function loadDemoLeaders(db: Db, actor: Actor, random: Random, referenceDate: string) {
  // Its audit event marks the step done, since it writes in one transaction.
  const { rows: done } = await sql`select 1 from audit_event
    where entity = 'designations' and details->>'file' = ${DEMO_FILE} limit 1`.execute(db);
  if (done.length > 0) return;
  const { rows: heads } = await sql<HeadRow>`
    select po.person_id, po.org_unit_id as school_id, to_char(po.starts_on, 'YYYY-MM-DD') as since,
      coalesce((select array_agg(d.kind order by d.kind) from designation d where d.person_id = po.person_id
        and d.ends_on is null), '{}') as kinds
    from post po where po.role = 'headteacher' and po.starts_on <= ${referenceDate}
      and (po.ends_on is null or po.ends_on >= ${referenceDate})
    order by po.person_id`.execute(db);
  const { rows: seniors } = await sql<SeniorRow>`
    select po.person_id,
      coalesce((select array_agg(d.kind order by d.kind) from designation d where d.person_id = po.person_id
        and d.ends_on is null), '{}') as kinds
    from post po where po.role in ('deputy_headteacher', 'assistant_headteacher') and po.starts_on <= ${referenceDate}
      and (po.ends_on is null or po.ends_on >= ${referenceDate})
    order by po.person_id`.execute(db);
  const inspections = await lastInspections(db, referenceDate, 1);
  const judged = (school: number, on: 'overall' | 'leadership') => {
    const latest = inspections.get(school)?.[0];
    return rank[(on === 'leadership' ? (latest?.leadership ?? latest?.overall) : latest?.overall) ?? ''] ?? 0;
  };
  const years = (since: string) => (Date.parse(referenceDate) - Date.parse(since)) / (365.25 * 86_400_000);
  const scale = (n: number) => Math.max(1, Math.round((n * heads.length) / 1000));
  const rows: {
    person_id: number;
    kind: DesignationKind;
    starts_on: string;
    days_per_year: number | null;
    accredited_on: string | null;
  }[] = [];
  const taken = new Set<number>();
  const designate = (person: number, kind: DesignationKind, days: number | null = null) => {
    taken.add(person);
    rows.push({
      person_id: person,
      kind,
      starts_on: addDays(referenceDate, -random.int(30, 900)),
      days_per_year: days,
      accredited_on: null,
    });
  };
  const free = (h: HeadRow) => !taken.has(h.person_id) && h.kinds.length === 0 && years(h.since) >= 3;
  const pick = (from: HeadRow[], n: number) => random.shuffle(from.filter(free)).slice(0, scale(n));

  // NLEs lead outstanding schools; LLEs schools whose leadership is good or better.
  for (const h of pick(
    heads.filter((h) => judged(h.school_id, 'overall') === 4),
    20,
  ))
    designate(h.person_id, 'nle', random.pick([20, 30]));
  for (const h of pick(
    heads.filter((h) => judged(h.school_id, 'leadership') >= 3),
    25,
  ))
    designate(h.person_id, 'lle');
  // Executive heads of good or outstanding schools, seconded where no one can act as head.
  for (const h of pick(
    heads.filter((h) => judged(h.school_id, 'overall') >= 3),
    6,
  ))
    designate(h.person_id, 'executive_head', 60);
  // Host schools with strong leadership for internships and placements (the role's funded days).
  for (const h of pick(
    heads.filter((h) => judged(h.school_id, 'leadership') >= 3),
    30,
  ))
    designate(h.person_id, 'npqh_host');
  for (const h of pick(
    heads.filter((h) => judged(h.school_id, 'leadership') >= 3),
    15,
  ))
    designate(h.person_id, 'associate_head');
  // Deputies who are not yet NPQH holders ask for an associate head placement.
  const asking = random.shuffle(seniors.filter((s) => s.kinds.length === 0)).slice(0, scale(15));
  for (const s of asking) designate(s.person_id, 'associate_head');

  // Heads in their second or third year who have asked for coaching: needs a professional partner or an
  // advisory head meets.
  const coaching = random
    .shuffle(heads.filter((h) => years(h.since) >= 1 && years(h.since) < 3))
    .slice(0, scale(40))
    .map((h) => ({
      school_id: h.school_id,
      kind: 'professional_partner' as const,
      rule: 'manual' as const,
      indicator: null,
      evidence: 'The head asked for coaching in their second or third year of headship',
      figures: '{}',
      days: defaultBrokeringSettings.days.professional_partner,
      raised_on: addDays(referenceDate, -random.int(5, 60)),
      raised_by: 'demo',
    }));

  await db.transaction().execute(async (trx) => {
    if (rows.length > 0) await trx.insertInto('designation').values(rows).execute();
    if (coaching.length > 0) await trx.insertInto('support_need').values(coaching).execute();
    // Four in five professional partners (the first among them) have done the 2-day accreditation,
    // recorded on their designation.
    const { numUpdatedRows } = await trx
      .updateTable('designation')
      .set({ accredited_on: sql`starts_on + ${random.int(10, 60)}::int` })
      .where(
        'id',
        'in',
        sql<number>`(select id from (select id, row_number() over (order by id) as n from designation
          where kind = 'professional_partner' and ends_on is null) partners where n % 5 <> 0)`,
      )
      .executeTakeFirst();
    await recordAudit(trx, actor, 'import', 'designations', {
      file: DEMO_FILE,
      rows: rows.length,
      accredited: Number(numUpdatedRows),
      coaching_needs: coaching.length,
    });
  });
}
