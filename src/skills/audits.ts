// Audit rounds: a whole-authority director opens one over the leaders in some posts (heads, deputies,
// assistant heads on the opening day) or a programme cohort's participants; every role reads the rounds
// with their progress as counts; a leader's list is by name only to those who may see each leader.
import { sql } from 'kysely';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { namesAnyone, seesLeader } from './access.ts';
import type { AuditInput, AuditLeader, AuditSummary } from './contract.ts';
import { auditLeadersQuery, type LeaderRow } from './queries.ts';

interface AuditRow extends AuditSummary {
  id: number;
}

function summaries(db: Db, today: string) {
  // A leader has finished a side when every live competency has a rating of that side.
  const live = sql`(select count(*) from competency where retired_on is null)`;
  return db
    .selectFrom('skill_audit as a')
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.opens_on',
      'a.closes_on',
      sql<boolean>`${today}::date between a.opens_on and a.closes_on`.as('open'),
      sql<number>`(select count(*)::int from skill_audit_leader al where al.audit_id = a.id)`.as('leaders'),
      sql<number>`(select count(*)::int from (select r.person_id from skill_rating r join competency c
        on c.id = r.competency_id and c.retired_on is null where r.audit_id = a.id and r.self_rating is not null
        group by r.person_id having count(*) = ${live}) done)`.as('self_rated'),
      sql<number>`(select count(*)::int from (select r.person_id from skill_rating r join competency c
        on c.id = r.competency_id and c.retired_on is null where r.audit_id = a.id and r.validated_rating is not null
        group by r.person_id having count(*) = ${live}) done)`.as('validated'),
    ])
    .orderBy('a.opens_on', 'desc')
    .orderBy('a.code');
}

const publicSummary = ({ id: _, ...summary }: AuditRow): AuditSummary => summary;

/** The audit of this code, or (none named) the latest opened by today; null when there is none yet. */
export async function findAudit(context: Context, code: string | undefined): Promise<AuditRow | null> {
  const query = summaries(context.db, context.today);
  if (code !== undefined) {
    const found = await query.where('a.code', '=', code).executeTakeFirst();
    if (!found) throw notFound(`Skills audit ${code}`);
    return found;
  }
  return (await query.where('a.opens_on', '<=', context.today).executeTakeFirst()) ?? null;
}

export async function listAudits(context: Context): Promise<{ audits: AuditSummary[] }> {
  requirePermission(context.actor, 'kpi:read');
  const rows = await summaries(context.db, context.today).execute();
  return { audits: rows.map(publicSummary) };
}

export async function addAudit(context: Context, input: AuditInput): Promise<AuditSummary> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const cohort =
    input.cohort === undefined
      ? null
      : await db
          .selectFrom('programme_cohort')
          .select('id')
          .where('code', '=', input.cohort)
          .executeTakeFirst();
  if (input.cohort !== undefined && !cohort) throw notFound(`Cohort ${input.cohort}`);
  await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('skill_audit')
      .select('id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw new HeadwayError('conflict', `Skills audit code ${input.code} is taken`);
    const { id } = await trx
      .insertInto('skill_audit')
      .values({ code: input.code, name: input.name, opens_on: input.opens_on, closes_on: input.closes_on })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The posts held on the opening day; a person holding two (a head of two schools) is audited once, at the first.
    const roles = input.roles.length > 0 ? input.roles : ['none'];
    await sql`
      insert into skill_audit_leader (audit_id, person_id, school_id, post_role)
      select distinct on (person_id) ${id}, person_id, school_id, post_role from (
        select p.person_id, p.org_unit_id as school_id, p.role as post_role, 0 as source, s.code as sort_key
        from post p join org_unit s on s.id = p.org_unit_id and s.level = 'school'
        where p.role in (${sql.join(roles)}) and p.starts_on <= ${input.opens_on}
          and (p.ends_on is null or p.ends_on >= ${input.opens_on})
        union all
        select pp.person_id, pp.school_id, pp.post_role, 1, '' from programme_participant pp
        where pp.cohort_id = ${cohort?.id ?? 0} and pp.status <> 'withdrawn'
      ) candidates
      order by person_id, source, sort_key`.execute(trx);
    const { count } = await trx
      .selectFrom('skill_audit_leader')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('audit_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count) === 0)
      throw new HeadwayError('invalid', 'No leader holds those posts or is in that cohort');
    await recordAudit(trx, actor, 'add', 'skill-audit', { ...input, leaders: Number(count) });
  });
  const added = await findAudit(context, input.code);
  return publicSummary(added as AuditRow);
}

/** The audit's leaders (or one) with their school's code: the rows access is decided on. */
export async function leaderRows(
  context: Context,
  auditId: number,
  personId: number | null,
): Promise<LeaderRow[]> {
  return (await auditLeadersQuery(auditId, personId).execute(context.db)).rows;
}

export async function auditLeaders(
  context: Context,
  code: string,
): Promise<{ audit: AuditSummary; competencies: number; leaders: AuditLeader[] }> {
  const { actor, db } = context;
  requirePermission(actor, 'kpi:read');
  if (!namesAnyone(actor))
    throw new HeadwayError('forbidden', 'Your role shows the skills heat map, not leaders by name');
  const audit = (await findAudit(context, code)) as AuditRow;
  const rows = (await leaderRows(context, audit.id, null)).filter((r) => seesLeader(actor, r));
  const { live } = await db
    .selectFrom('competency')
    .select((eb) => eb.fn.countAll<number>().as('live'))
    .where('retired_on', 'is', null)
    .executeTakeFirstOrThrow();
  if (rows.length > 0)
    await recordAudit(db, actor, 'view', 'skill-ratings', { audit: code, leaders: rows.length });
  return {
    audit: publicSummary(audit),
    competencies: Number(live),
    leaders: rows.map(({ person_id: _, ...r }) => r),
  };
}
