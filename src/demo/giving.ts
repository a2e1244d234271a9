// The demo's give and receive. The brokering demo (brokering.ts) sends leaders of strong schools to
// weak ones, so no school both gives and receives; the principle is that every school does. Here, in
// the demo's current year: most schools supported in the last year have their head share a practice
// they are good at with a school nearby (a school in difficulty still has some great practice), and a
// few of the schools whose heads give receive a practice visit in return; and heads share practice
// with schools nearby as a matter of course. And the authority's target:
// three schools in five both giving and receiving in the year.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importTable } from '../exchange/exchange.ts';
import { academicYearOf } from '../kpi/periods.ts';
import type { Random } from '../random.ts';
import { addDays } from './registry.ts';

const CREATED_BY = 'demo give and receive';

interface SchoolRow {
  id: number;
  area: number;
  head: number | null;
  received: boolean;
  gave: boolean;
}

export async function loadDemoGiving(
  db: Db,
  actor: Actor,
  random: Random,
  authority: string,
  referenceDate: string,
): Promise<void> {
  const context = contextFor(db, actor, { today: referenceDate });
  const year = academicYearOf(referenceDate.slice(0, 7), context.settings.academicYearStart);
  await importTable(
    context,
    'targets',
    {
      header: ['indicator', 'org_unit_code', 'academic_year', 'value'],
      rows: [{ row: 2, cells: ['schools_gave_and_received', authority, year, '60'] }],
    },
    { fileName: 'demo give and receive' },
  );
  // Made once: a second load leaves them (and what was logged on them since) alone.
  if (
    await db
      .selectFrom('deployment')
      .select('id')
      .where('created_by', '=', CREATED_BY)
      .limit(1)
      .executeTakeFirst()
  )
    return;
  // Support under way or ended within the last year and a bit.
  const since = addDays(referenceDate, -400);
  const { rows: schools } = await sql<SchoolRow>`
    select s.id, coalesce(a.id, s.parent_id) as area,
      (select po.person_id from post po where po.org_unit_id = s.id and po.role = 'headteacher'
        and po.starts_on <= ${referenceDate} and (po.ends_on is null or po.ends_on >= ${referenceDate})
        order by po.starts_on desc limit 1) as head,
      exists (select 1 from deployment d join support_need n on n.id = d.need_id
        where n.school_id = s.id and d.ends_on >= ${since}) as received,
      exists (select 1 from deployment d join post po on po.person_id = d.person_id and po.org_unit_id = s.id
        where d.ends_on >= ${since} and po.role = 'headteacher') as gave
    from org_unit s left join org_unit p on p.id = s.parent_id left join org_unit a on a.id = p.parent_id and a.level = 'area'
    where s.level = 'school' order by s.id`.execute(db);
  const pairs: { giver: number; to: number }[] = [];
  const nearby = (school: SchoolRow) => schools.filter((s) => s.area === school.area && s.id !== school.id);
  for (const school of schools) {
    const others = nearby(school);
    if (others.length === 0) continue;
    // A school receiving support shares what it does well; a giving school is visited in return.
    // Heads share practice with schools nearby as a matter of course (a network of peers).
    if (school.head && random.chance(0.45)) pairs.push({ giver: school.head, to: random.pick(others).id });
    if (school.received && school.head && random.chance(0.7))
      pairs.push({ giver: school.head, to: random.pick(others).id });
    if (school.gave && random.chance(0.5)) {
      const host = random.pick(others.filter((s) => s.head));
      if (host?.head) pairs.push({ giver: host.head, to: school.id });
    }
  }
  await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    for (const { giver, to } of pairs) {
      const starts = addDays(referenceDate, random.int(0, 40));
      const [need] = (
        await sql<{ id: number }>`
          insert into support_need (school_id, kind, rule, evidence, figures, days, status, raised_on, raised_by)
          values (${to}, 'practice', 'manual', 'Practice shared between schools nearby', '{}', 3, 'supported',
            ${starts}, ${CREATED_BY}) returning id`.execute(trx)
      ).rows;
      await trx
        .insertInto('deployment')
        .values({
          need_id: need?.id as number,
          person_id: giver,
          role: 'practice',
          starts_on: starts,
          ends_on: addDays(starts, random.int(60, 150)),
          days_agreed: random.int(2, 4),
          created_by: CREATED_BY,
        })
        .execute();
    }
    await recordAudit(trx, actor, 'import', 'deployments', { file: CREATED_BY, deployments: pairs.length });
  });
}
