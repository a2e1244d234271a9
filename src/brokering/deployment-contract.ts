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
} from '../contract.ts';
import { deploymentStatuses } from './contract.ts';

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
    outcome_note: z.string().nullable(),
    fit: z.number().nullable(),
  })
  .openapi('Deployment');
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentDay = z.object({
  id: z.number().int(),
  on_date: z.string(),
  days: z.number(),
  note: z.string(),
  /** Why days beyond those agreed were allowed; null for days within them. */
  override_reason: z.string().nullable(),
  logged_by: z.string(),
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
  on: IsoDate,
  days: z.number().positive().max(1),
  note: z.string().max(2000).optional(),
  /** Allows days beyond those agreed; recorded and audited. */
  override_reason: z.string().trim().min(1).max(2000).optional(),
});
export type DayLog = z.infer<typeof DayLog>;

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
    422: errorResponse('Beyond the days agreed without an override'),
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
