// The brokering API's deployments (an accepted pair at work, with the days logged against it) and the
// impact of finished ones against similar unsupported schools.
import { createRoute, z } from '@hono/zod-openapi';
import {
  commaList,
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  QueryFlag,
  RowIdText,
} from '../contract.ts';
import { dayActivities, deploymentStatuses } from './contract.ts';

export const Deployment = z
  .object({
    id: z.number().int(),
    need: z.number().int(),
    school: z.string(),
    school_name: z.string(),
    leader: z.string(),
    leader_name: z.string(),
    person_id: z.number().int(),
    role: z.string(),
    evidence: z.string(),
    starts_on: z.string(),
    ends_on: z.string(),
    days_agreed: z.number(),
    days_logged: z.number(),
    status: z.enum(deploymentStatuses),
    past_end: z.boolean().openapi({
      description: 'Still active after its end date: a broker should end it (finished or ended early)',
    }),
    outcome_note: z.string().nullable(),
    fit: z.number().nullable(),
  })
  .openapi('Deployment');
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentDay = z.object({
  id: z.number().int(),
  on_date: z.string(),
  days: z.number(),
  activity: z.enum(dayActivities),
  note: z.string(),
  /** Why days beyond those agreed were allowed; null for days within them. */
  override_reason: z.string().nullable(),
  logged_by: z.string(),
  corrected_by: z.string().nullable(),
  correction_reason: z.string().nullable(),
});
export type DeploymentDay = z.infer<typeof DeploymentDay>;

export const DeploymentDetail = Deployment.extend({ days: z.array(DeploymentDay) }).openapi(
  'DeploymentDetail',
);
export type DeploymentDetail = z.infer<typeof DeploymentDetail>;

export const DeploymentQuery = z.object({
  mine: QueryFlag.transform((v) => v === 'true').optional(),
  school: z.string().optional(),
  given_by: z.string().optional().openapi({ description: 'A school: deployments by its heads' }),
  status: commaList(deploymentStatuses),
});
export type DeploymentQuery = z.infer<typeof DeploymentQuery>;

export const DayLog = z.object({
  on: IsoDate.openapi({ description: 'The day worked: required, never assumed to be today' }),
  days: z.number().positive().max(1),
  activity: z.enum(dayActivities),
  note: z.string().max(2000).optional(),
  /** Allows days beyond those agreed; recorded and audited. */
  override_reason: z.string().trim().min(1).max(2000).optional(),
  allow_duplicate: z.boolean().optional().openapi({
    description: 'Log it although the deployment already has a log on that date (otherwise 409)',
  }),
});
export type DayLog = z.infer<typeof DayLog>;

export const DayCorrection = z.object({
  on: IsoDate.optional(),
  days: z.number().positive().max(1).optional(),
  activity: z.enum(dayActivities).optional(),
  note: z.string().max(2000).optional(),
  reason: z.string().trim().min(1).max(2000).openapi({ description: 'Why the log is corrected (audited)' }),
});
export type DayCorrection = z.infer<typeof DayCorrection>;

const DayParams = IdParam.extend({ day: RowIdText });

export const DeploymentEnd = z.object({
  status: z.enum(['finished', 'ended_early']),
  outcome_note: z.string().trim().min(1).max(4000),
  on: IsoDate.optional(),
});
export type DeploymentEnd = z.infer<typeof DeploymentEnd>;

export const ImpactRow = z.object({
  key: z.string(),
  name: z.string(),
  deployments: z.number().int(),
  measured: z.number().int(),
  improved: z.number().int(),
  mean_relative: z.number().nullable(),
});
export type ImpactRow = z.infer<typeof ImpactRow>;

export const IndicatorImpact = z.object({
  indicator: z.string(),
  name: z.string(),
  before_period: z.string(),
  after_period: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
  comparison_schools: z.array(z.string()).openapi({
    description: 'The similar schools compared with; "" for one outside the caller’s scope',
  }),
  comparison_change: z.number().nullable(),
  /** The school's change less the comparison's, signed so that positive is better. */
  difference: z.number().nullable(),
});
export type IndicatorImpact = z.infer<typeof IndicatorImpact>;

export const DeploymentImpact = z.object({
  deployment: z.number().int(),
  school: z.string(),
  school_name: z.string(),
  leader: z.string(),
  leader_name: z.string(),
  person_id: z.number().int(),
  role: z.string(),
  starts_on: z.string(),
  ends_on: z.string(),
  /** The mean difference over the indicators measured, positive when the school moved more. */
  relative: z.number().nullable(),
  indicators: z.array(IndicatorImpact),
});
export type DeploymentImpact = z.infer<typeof DeploymentImpact>;

export const Impact = z
  .object({
    deployments: z.array(DeploymentImpact),
    by_role: z.array(ImpactRow),
    by_leader: z.array(ImpactRow),
  })
  .openapi('BrokeringImpact');
export type Impact = z.infer<typeof Impact>;

export const listDeploymentsRoute = createRoute({
  method: 'get',
  path: '/brokering/deployments',
  tags: ['brokering'],
  summary: 'Deployments: of the caller’s schools, the caller’s own (mine), to a school, or given by its head',
  request: { query: DeploymentQuery },
  responses: { 200: jsonResponse(z.object({ deployments: z.array(Deployment) }), 'Deployments') },
});

export const deploymentRoute = createRoute({
  method: 'get',
  path: '/brokering/deployments/{id}',
  tags: ['brokering'],
  summary: 'A deployment with the days logged',
  request: { params: IdParam },
  responses: { 200: jsonResponse(DeploymentDetail, 'The deployment'), 404: errorResponse('Not found') },
});

export const logDaysRoute = createRoute({
  method: 'post',
  path: '/brokering/deployments/{id}/days',
  tags: ['brokering'],
  summary: 'Log time spent; beyond the days agreed only with override_reason (audited)',
  request: { params: IdParam, body: jsonBody(DayLog) },
  responses: {
    201: jsonResponse(DeploymentDetail, 'The deployment'),
    403: errorResponse('Neither the leader nor a broker'),
    409: errorResponse('A log on that date already (allow_duplicate to log it anyway)'),
    422: errorResponse('Beyond the days agreed without an override'),
  },
});

export const correctDayRoute = createRoute({
  method: 'patch',
  path: '/brokering/deployments/{id}/days/{day}',
  tags: ['brokering'],
  summary:
    'Correct a logged day (its date, days, activity or note) with a reason; audited with before and after',
  request: { params: DayParams, body: jsonBody(DayCorrection) },
  responses: {
    200: jsonResponse(DeploymentDetail, 'The deployment'),
    403: errorResponse('Neither the leader nor a broker'),
    404: errorResponse('No such log on the deployment'),
    422: errorResponse('Beyond the days agreed'),
  },
});

export const removeDayRoute = createRoute({
  method: 'delete',
  path: '/brokering/deployments/{id}/days/{day}',
  tags: ['brokering'],
  summary: 'Remove a day logged in error, with a reason; audited with what it said',
  request: {
    params: DayParams,
    query: z.object({ reason: z.string().trim().min(1).max(2000) }),
  },
  responses: {
    200: jsonResponse(DeploymentDetail, 'The deployment'),
    403: errorResponse('Neither the leader nor a broker'),
    404: errorResponse('No such log on the deployment'),
  },
});

export const endDeploymentRoute = createRoute({
  method: 'post',
  path: '/brokering/deployments/{id}/end',
  tags: ['brokering'],
  summary: 'End a deployment with its outcome (finished, or ended early)',
  request: { params: IdParam, body: jsonBody(DeploymentEnd) },
  responses: {
    200: jsonResponse(DeploymentDetail, 'The deployment'),
    409: errorResponse('Already ended'),
  },
});

export const impactRoute = createRoute({
  method: 'get',
  path: '/brokering/impact',
  tags: ['brokering'],
  summary: 'Finished deployments’ change against similar unsupported schools, by role and by leader',
  responses: { 200: jsonResponse(Impact, 'Impact') },
});
