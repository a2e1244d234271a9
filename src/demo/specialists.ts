// The demo's specialist system leaders: middle leaders (SLEs) and outstanding teachers with teaching
// specialisms, support-staff leaders (new people, with no post in the registry) in their expertise, a
// few NLEs and LLEs whose designation lists a specialism, and needs raised by hand that ask for one:
// most held by someone, and one (English as an additional language) that nobody in the demo holds, so
// the match shows it unmet with that reason. Loaded once, audited as one event.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import { defaultBrokeringSettings } from '../brokering/settings.ts';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import type { DesignationKind } from '../registry/schema.ts';
import { personName } from './names.ts';
import { addDays } from './registry.ts';

const DEMO_FILE = 'demo specialists';

/** Teaching specialisms the demo's SLEs and outstanding teachers hold, attendance most (the rules ask for it). */
const teaching = [
  'attendance',
  'attendance',
  'early_reading',
  'early_reading',
  'mathematics',
  'english',
  'science',
  'send',
  'behaviour',
  'early_years',
  'assessment',
  'curriculum',
  'transition',
];
const support = ['teaching_assistants', 'it_network', 'school_sport', 'estates', 'business_management'];
/** Held by nobody in the demo: its need stays unmet, saying why. */
const UNHELD = 'eal';

const needWords: Record<string, string> = {
  early_reading: 'Phonics screening results fell for a second year; the new reading leader asks for help',
  mathematics: 'Year 6 mathematics well below the area; the subject lead is new',
  send: 'The SENCo left mid-year; plans for pupils with EHC plans are behind',
  behaviour: 'Suspensions doubled this term; the behaviour policy is being rewritten',
  it_network: 'The school network fails most mornings and no technician is in post',
  business_management: 'The budget forecast shows a deficit; the business manager is on leave',
  school_sport: 'No PE specialist: sport premium spending needs a plan',
  teaching_assistants: 'Teaching assistants are not deployed to the pupils who need them most',
  [UNHELD]: 'A third of new arrivals speak little English; staff ask for training',
};

interface Holder {
  person_id: number;
  school_id: number;
}

export async function loadDemoSpecialists(db: Db, actor: Actor, random: Random, referenceDate: string) {
  const { rows: done } = await sql`select 1 from audit_event
    where entity = 'specialists' and details->>'file' = ${DEMO_FILE} limit 1`.execute(db);
  if (done.length > 0) return;
  const onDay = sql`${referenceDate}::date`;
  const holders = async (roles: string[]) =>
    (
      await sql<Holder>`
        select po.person_id, po.org_unit_id as school_id from post po
        join school s on s.org_unit_id = po.org_unit_id
        where po.role = any(${roles}::text[]) and po.starts_on <= ${onDay}
          and (po.ends_on is null or po.ends_on >= ${onDay})
          and not exists (select 1 from designation d where d.person_id = po.person_id)
        order by po.person_id`.execute(db)
    ).rows;
  const schools = (
    await sql<{ id: number }>`select org_unit_id as id from school
      where closed_on is null order by org_unit_id`.execute(db)
  ).rows.map((s) => s.id);
  const scale = (per100: number) => Math.max(3, Math.round((per100 * schools.length) / 100));
  const pickSome = (from: string[], n: number) => [...new Set(random.shuffle([...from]).slice(0, n))];
  const designations: {
    person_id: number;
    kind: DesignationKind;
    starts_on: string;
    days_per_year: number;
    accredited_on: string | null;
    specialisms: string[];
    school_id: number;
  }[] = [];
  const designate = (h: Holder, kind: DesignationKind, specialisms: string[]) => {
    const starts = addDays(referenceDate, -random.int(30, 900));
    designations.push({
      person_id: h.person_id,
      kind,
      starts_on: starts,
      days_per_year: random.pick([10, 12, 15, 20]),
      accredited_on: random.chance(0.7) ? addDays(starts, -random.int(10, 120)) : null,
      specialisms,
      school_id: h.school_id,
    });
  };
  for (const h of random
    .shuffle(await holders(['deputy_headteacher', 'assistant_headteacher']))
    .slice(0, scale(12)))
    designate(h, 'sle', pickSome(teaching, random.int(1, 2)));
  for (const h of random.shuffle(await holders(['teacher'])).slice(0, scale(10)))
    designate(h, 'outstanding_teacher', pickSome(teaching, 1));
  // Support staff are seldom in the registry: new people, each at a school, in one area of expertise.
  const newPeople = Array.from({ length: scale(8) }, (_, i) => ({
    ...personName(random),
    code: `SP${String(900_001 + i)}`,
    school: random.pick(schools),
    specialism: support[i % support.length] as string,
  }));

  await db.transaction().execute(async (trx) => {
    const ids = newPeople.length
      ? await trx
          .insertInto('person')
          .values(newPeople.map((p) => ({ code: p.code, given_name: p.given, family_name: p.family })))
          .returning('id')
          .execute()
      : [];
    for (const [i, p] of newPeople.entries())
      designate({ person_id: ids[i]?.id as number, school_id: p.school }, 'support_staff_leader', [
        p.specialism,
      ]);
    await trx.insertInto('designation').values(designations).execute();
    // A few heads' NLE and LLE designations list a specialism too: they meet needs asking for it.
    const { rows: heads } = await sql<{ id: number }>`select id from designation
      where kind in ('nle', 'lle') and ends_on is null order by id`.execute(trx);
    const listed = random.shuffle(heads.map((h) => h.id)).slice(0, Math.min(heads.length, scale(4)));
    for (const id of listed)
      await trx
        .updateTable('designation')
        .set({ specialisms: [random.pick(['send', 'early_reading', 'mathematics', 'behaviour'])] })
        .where('id', '=', id)
        .execute();
    // Needs raised by hand asking for a specialism, one of them held by nobody.
    const asked = [...Object.keys(needWords).filter((k) => k !== UNHELD), UNHELD];
    const needs = asked.map((specialism) => ({
      school_id: random.pick(schools),
      kind: 'practice' as const,
      rule: 'manual' as const,
      indicator: null,
      specialism,
      evidence: needWords[specialism] as string,
      figures: '{}',
      days: defaultBrokeringSettings.days.practice,
      raised_on: addDays(referenceDate, -random.int(3, 45)),
      raised_by: 'demo',
    }));
    await trx.insertInto('support_need').values(needs).execute();
    await recordAudit(trx, actor, 'import', 'specialists', {
      file: DEMO_FILE,
      designations: designations.length,
      new_people: newPeople.length,
      heads_listing_a_specialism: listed.length,
      needs: needs.length,
    });
  });
}
