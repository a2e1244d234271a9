// Deployments: an accepted pair at work. The leader logs days against it, each with its date and
// activity (never beyond the days agreed without an override, which is audited; a second log on the
// same date only when confirmed), and corrects or removes a log with a reason (audited with what it
// said); the broker ends it with an outcome note. One still active after its end date is flagged.
import { sql } from 'kysely';
import { type Actor, canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personName } from '../registry/sql.ts';
import type { DeploymentStatus } from './contract.ts';
import type {
  DayCorrection,
  DayLog,
  Deployment,
  DeploymentDetail,
  DeploymentEnd,
  DeploymentQuery,
} from './deployment-contract.ts';

interface DeploymentFilter {
  id?: number;
  /** Deployments of this person (the signed-in leader's own). */
  person?: number;
  school?: string;
  /** Deployments by the heads of this school: the support it gives. */
  givenBy?: string;
  status?: DeploymentStatus[];
  asOf?: string;
  /** The day "past its end date" is judged on. */
  today: string;
}

async function selectDeployments(db: Db, f: DeploymentFilter): Promise<Deployment[]> {
  const { rows } = await sql<Deployment>`
    select d.id, d.need_id as need, o.code as school, o.name as school_name, pe.code as leader,
      ${personName('pe')} as leader_name, d.person_id, d.role, n.evidence,
      to_char(d.starts_on, 'YYYY-MM-DD') as starts_on, to_char(d.ends_on, 'YYYY-MM-DD') as ends_on,
      d.days_agreed, coalesce((select sum(days) from deployment_day x where x.deployment_id = d.id), 0)::float8 as days_logged,
      d.status, (d.status = 'active' and d.ends_on < ${f.today}::date) as past_end, d.outcome_note, d.fit
    from deployment d join support_need n on n.id = d.need_id join org_unit o on o.id = n.school_id
    join person pe on pe.id = d.person_id
    where (${f.id ?? null}::int is null or d.id = ${f.id ?? null})
      and (${f.person ?? null}::int is null or d.person_id = ${f.person ?? null})
      and (${f.school ?? null}::text is null or o.code = ${f.school ?? null})
      and (${f.status ?? null}::text[] is null or d.status = any(${f.status ?? null}::text[]))
      and (${f.givenBy ?? null}::text is null or d.person_id in (
        select po.person_id from post po join org_unit h on h.id = po.org_unit_id
        where h.code = ${f.givenBy ?? null} and po.role in ('headteacher', 'executive_headteacher')
          and po.starts_on <= ${f.asOf ?? '9999-12-31'} and (po.ends_on is null or po.ends_on >= ${f.asOf ?? '0001-01-01'})))
    order by d.status = 'active' desc, d.starts_on desc, d.id desc`.execute(db);
  return rows;
}

/** A deployment is seen by whoever may see its school, and by the leader deployed. */
const mayView = (actor: Actor, d: Deployment) => canSee(actor, d.school) || d.person_id === actor.personId;

/** Deployments the caller may see: of their schools, their own (mine), to a school, or given by its head. */
export async function listDeployments(context: Context, query: DeploymentQuery = {}): Promise<Deployment[]> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  if (query.mine && actor.personId === null)
    throw new HeadwayError('invalid', 'mine: this account is not linked to a person in the registry');
  const rows = await selectDeployments(db, {
    school: query.school,
    givenBy: query.given_by,
    status: query.status,
    person: query.mine ? (actor.personId as number) : undefined,
    asOf: context.today,
    today: context.today,
  });
  return rows.filter((d) => mayView(actor, d));
}

export async function deploymentById(context: Context, id: number): Promise<DeploymentDetail> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  const [deployment] = await selectDeployments(db, { id, today: context.today });
  if (!deployment || !mayView(actor, deployment)) throw notFound(`Deployment ${id}`);
  const days = await db
    .selectFrom('deployment_day')
    .select([
      'id',
      'on_date',
      'days',
      'activity',
      'note',
      'override_reason',
      'logged_by',
      'corrected_by',
      'correction_reason',
    ])
    .where('deployment_id', '=', id)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
  return { ...deployment, days };
}

const isBroker = (actor: Actor, d: Deployment) =>
  actor.permissions.has('brokering:write') && canSee(actor, d.school);

/** The deployment, if the caller (its leader, or a broker for the school) may log or correct days on it now. */
async function loggable(context: Context, id: number, verb: string): Promise<DeploymentDetail> {
  const { actor } = context;
  const deployment = await deploymentById(context, id);
  if (deployment.person_id !== actor.personId && !isBroker(actor, deployment))
    throw new HeadwayError(
      'forbidden',
      `Only ${deployment.leader_name} or a broker for ${deployment.school_name} ${verb} days here`,
    );
  if (deployment.status !== 'active')
    throw new HeadwayError(
      'conflict',
      `Deployment ${id} has ${deployment.status.replace('_', ' ')}: days are ${verb === 'logs' ? 'logged' : 'corrected'} while it is active`,
    );
  return deployment;
}

function checkDate(context: Context, deployment: Deployment, on: string): void {
  if (on > context.today) throw new HeadwayError('invalid', `on: ${on} is in the future`);
  if (on < deployment.starts_on)
    throw new HeadwayError('invalid', `on: ${on} is before the deployment began (${deployment.starts_on})`);
}

/** The leader (or a broker for the school) logs time spent; funded days hold unless overridden. */
export async function logDays(context: Context, id: number, log: DayLog): Promise<DeploymentDetail> {
  const { db, actor } = context;
  const deployment = await loggable(context, id, 'logs');
  checkDate(context, deployment, log.on);
  const sameDay = deployment.days.filter((d) => d.on_date === log.on);
  if (sameDay.length > 0 && !log.allow_duplicate)
    throw new HeadwayError(
      'conflict',
      `${log.on} already has ${sameDay.map((d) => `${d.days} day${d.days === 1 ? '' : 's'} (${d.activity}${d.note ? `: ${d.note}` : ''}, logged by ${d.logged_by})`).join(' and ')} at ${deployment.school_name}; correct that log, or give allow_duplicate to log this as well`,
    );
  const total = deployment.days_logged + log.days;
  const over = total > deployment.days_agreed + 1e-9;
  if (over && !log.override_reason)
    throw new HeadwayError(
      'unprocessable',
      `days: ${total} days would exceed the ${deployment.days_agreed} agreed (${deployment.days_logged} logged); give override_reason to allow it`,
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('deployment_day')
      .values({
        deployment_id: id,
        on_date: log.on,
        days: log.days,
        activity: log.activity,
        note: log.note ?? '',
        override_reason: over ? (log.override_reason as string) : null,
        logged_by: actor.name,
      })
      .execute();
    if (over)
      await recordAudit(trx, actor, 'override_funded_days', 'deployment', {
        id,
        agreed: deployment.days_agreed,
        logged: total,
        reason: log.override_reason,
      });
    else
      await recordAudit(trx, actor, 'log_days', 'deployment', {
        id,
        on: log.on,
        days: log.days,
        activity: log.activity,
        duplicate: sameDay.length > 0,
      });
  });
  return deploymentById(context, id);
}

/** A logged day corrected: its date, days, activity or note, with the reason; audited before and after. */
export async function correctDay(
  context: Context,
  id: number,
  dayId: number,
  change: DayCorrection,
): Promise<DeploymentDetail> {
  const { db, actor } = context;
  const deployment = await loggable(context, id, 'corrects');
  const before = deployment.days.find((d) => d.id === dayId);
  if (!before) throw notFound(`Day ${dayId} of deployment ${id}`);
  const after = {
    on_date: change.on ?? before.on_date,
    days: change.days ?? before.days,
    activity: change.activity ?? before.activity,
    note: change.note ?? before.note,
  };
  checkDate(context, deployment, after.on_date);
  const total = deployment.days_logged - before.days + after.days;
  if (after.days > before.days && total > deployment.days_agreed + 1e-9)
    throw new HeadwayError(
      'unprocessable',
      `days: ${total} days would exceed the ${deployment.days_agreed} agreed; log the extra time as its own day with override_reason`,
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('deployment_day')
      .set({ ...after, corrected_by: actor.name, correction_reason: change.reason })
      .where('id', '=', dayId)
      .execute();
    await recordAudit(trx, actor, 'correct_day', 'deployment', {
      id,
      day: dayId,
      reason: change.reason,
      before: { on: before.on_date, days: before.days, activity: before.activity, note: before.note },
      after: { on: after.on_date, days: after.days, activity: after.activity, note: after.note },
    });
  });
  return deploymentById(context, id);
}

/** A day logged in error, removed with the reason; the audit log keeps what it said. */
export async function removeDay(
  context: Context,
  id: number,
  dayId: number,
  reason: string,
): Promise<DeploymentDetail> {
  const { db, actor } = context;
  const deployment = await loggable(context, id, 'corrects');
  const before = deployment.days.find((d) => d.id === dayId);
  if (!before) throw notFound(`Day ${dayId} of deployment ${id}`);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('deployment_day').where('id', '=', dayId).execute();
    await recordAudit(trx, actor, 'remove_day', 'deployment', {
      id,
      day: dayId,
      reason,
      removed: { on: before.on_date, days: before.days, activity: before.activity, note: before.note },
    });
  });
  return deploymentById(context, id);
}

/** Ends a deployment with its outcome; the need it met is closed. */
export async function endDeployment(
  context: Context,
  id: number,
  input: DeploymentEnd,
): Promise<DeploymentDetail> {
  const { db, actor } = context;
  const end = { ...input, on: input.on ?? context.today };
  const deployment = await deploymentById(context, id);
  if (!isBroker(actor, deployment))
    throw new HeadwayError('forbidden', `Only a broker for ${deployment.school_name} ends this deployment`);
  if (deployment.status !== 'active')
    throw new HeadwayError('conflict', `Deployment ${id} has already ended`);
  if (end.on < deployment.starts_on)
    throw new HeadwayError(
      'invalid',
      `on: ${end.on} is before the deployment began (${deployment.starts_on})`,
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('deployment')
      .set({ status: end.status, outcome_note: end.outcome_note, ends_on: end.on })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('support_need')
      .set({ status: 'closed', closed_on: end.on })
      .where('id', '=', deployment.need)
      .execute();
    await recordAudit(trx, actor, 'end', 'deployment', { id, ...end });
  });
  return deploymentById(context, id);
}
