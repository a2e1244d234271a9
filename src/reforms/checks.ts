// Fidelity checks: an area lead (or the director) records one at a covered school in their scope; it is
// a visit of type reform_fidelity (so coverage and the visits list count it) with each practice of the
// reform's current checklist found in place, partly or not yet. A school's history reads them back.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requirePermission, requireVisible } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personIds } from '../meetings/lookups.ts';
import { personName } from '../registry/sql.ts';
import { type FidelityCheckInput as CheckInput, FidelityCheckInput, type SchoolHistory } from './contract.ts';
import { schoolFidelityQuery } from './fidelity-sql.ts';
import { requireReform, shareOf } from './reforms.ts';

/** The school's id if the reform covers it; the caller's scope is checked first (outside it: not found). */
async function requireCoveredSchool(context: Context, reformId: number, code: string) {
  requireVisible(context.actor, code, `School ${code}`);
  const school = await context.db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .where('level', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound(`School ${code}`);
  const { rows } = await schoolFidelityQuery(reformId, [code], null).execute(context.db);
  return { ...school, covered: rows.length > 0 };
}

/** Records a fidelity check: a recorded reform_fidelity visit and each practice's finding. */
export async function recordCheck(
  context: Context,
  code: string,
  raw: CheckInput,
): Promise<{ visit_id: number }> {
  const { actor, db, today } = context;
  requirePermission(actor, 'visits:write');
  const input = FidelityCheckInput.parse(raw);
  const reform = await requireReform(db, code);
  const school = await requireCoveredSchool(context, reform.id, input.school);
  if (!school.covered)
    throw new HeadwayError('invalid', `school: ${input.school} is not covered by reform ${code}`);
  if (input.checked_on > today)
    throw new HeadwayError('invalid', `checked_on: ${input.checked_on} is after today (${today})`);
  const practices = await db
    .selectFrom('reform_practice')
    .select(['id', 'code'])
    .where('checklist_id', '=', reform.checklist_id)
    .orderBy('position')
    .execute();
  const byCode = new Map(practices.map((p) => [p.code, p.id]));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const [i, p] of input.practices.entries()) {
    if (!byCode.has(p.practice))
      problems.push(
        `practices[${i + 1}]: ${p.practice} is not a practice of ${code} version ${reform.version}`,
      );
    else if (seen.has(p.practice)) problems.push(`practices[${i + 1}]: ${p.practice} is given twice`);
    seen.add(p.practice);
  }
  const missing = practices.filter((p) => !seen.has(p.code)).map((p) => p.code);
  if (missing.length)
    problems.push(`practices: ${missing.join(', ')} not checked (a check finds every practice)`);
  if (problems.length) throw new HeadwayError('invalid', problems.join('; '));
  const visitors = await personIds(db, input.visitors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('visit')
      .values({
        client_id: randomUUID(),
        school_unit_id: school.id,
        visit_on: input.checked_on,
        visit_type: 'reform_fidelity',
        status: 'recorded',
        rubric_id: null,
        purpose: `Fidelity check: ${reform.name}`,
        strengths: input.strengths,
        development: input.development,
        recorded_by: actor.name,
        created_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('visit_visitor')
      .values([...new Set(visitors)].map((person_id) => ({ visit_id: id, person_id })))
      .execute();
    await trx
      .insertInto('reform_check')
      .values({ visit_id: id, reform_id: reform.id, checklist_id: reform.checklist_id })
      .execute();
    await trx
      .insertInto('reform_check_practice')
      .values(
        input.practices.map((p) => ({
          visit_id: id,
          practice_id: byCode.get(p.practice) as number,
          status: p.status,
          evidence: p.evidence,
        })),
      )
      .execute();
    await recordAudit(trx, actor, 'create', 'reform_check', {
      visit_id: id,
      reform: code,
      school: input.school,
      checked_on: input.checked_on,
    });
    return { visit_id: id };
  });
}

/** A school's checks for one reform, newest first, each with every practice's finding and evidence. */
export async function schoolHistory(
  context: Context,
  code: string,
  schoolCode: string,
): Promise<SchoolHistory> {
  const { actor, db } = context;
  requirePermission(actor, 'visits:read');
  const reform = await requireReform(db, code);
  const school = await requireCoveredSchool(context, reform.id, schoolCode);
  const rows = await db
    .selectFrom('reform_check as rc')
    .innerJoin('visit as v', 'v.id', 'rc.visit_id')
    .innerJoin('reform_checklist as c', 'c.id', 'rc.checklist_id')
    .select([
      'v.id as visit_id',
      sql<string>`to_char(v.visit_on, 'YYYY-MM-DD')`.as('checked_on'),
      'c.version as checklist_version',
      sql<string[]>`coalesce((select json_agg(${personName('p')} order by p.family_name, p.given_name)
        from visit_visitor vv join person p on p.id = vv.person_id where vv.visit_id = v.id), '[]')`.as(
        'visitors',
      ),
      sql<SchoolHistory['checks'][number]['practices']>`(select json_agg(json_build_object('code', rp.code,
        'name', rp.name, 'status', cp.status, 'evidence', cp.evidence) order by rp.position)
        from reform_check_practice cp join reform_practice rp on rp.id = cp.practice_id
        where cp.visit_id = v.id)`.as('practices'),
    ])
    .where('rc.reform_id', '=', reform.id)
    .where('v.school_unit_id', '=', school.id)
    .where('v.status', '=', 'recorded')
    .orderBy('v.visit_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
  return {
    reform: { code: reform.code, name: reform.name },
    school: { code: school.code, name: school.name },
    checks: rows.map((row) => {
      const count = (status: string) => row.practices.filter((p) => p.status === status).length;
      return {
        ...row,
        in_place: count('in_place'),
        partly: count('partly'),
        not_yet: count('not_yet'),
        share: shareOf(count('in_place'), row.practices.length),
      };
    }),
  };
}
