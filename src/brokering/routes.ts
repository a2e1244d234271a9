// The brokering API: needs (list, raise, withdraw, refresh), the pool, proposals and the broker's
// decisions on them, deployments (list, one, log days, end), impact, and the brokering settings.
// Role and scope are checked in the domain verbs.
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../clock.ts';
import { errorResponse, IdParam, IsoDate, jsonResponse, RowId } from '../contract.ts';
import { newRouter } from '../http.ts';
import { deploymentById, endDeployment, listDeployments, logDays } from './deployments.ts';
import { impactSummary } from './impact.ts';
import { listNeeds, raiseNeed, reopenNeed, withdrawNeed } from './needs.ts';
import { decide, listLeaders, proposalById, propose, refreshNeedsNow } from './proposals.ts';
import { deploymentStatuses, needKinds, needRules, needStatuses } from './schema.ts';
import {
  BrokeringSettings,
  brokeringSettings,
  changeBrokeringSettings,
  viewBrokeringSettings,
} from './settings.ts';

const Id = IdParam;
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)));

const Need = z
  .object({
    id: z.number().int(),
    school: z.string(),
    school_name: z.string(),
    area: z.string().nullable(),
    kind: z.enum(needKinds),
    rule: z.enum(needRules),
    indicator: z.string().nullable(),
    evidence: z.string().openapi({ description: 'What the rule saw, in words' }),
    figures: z.record(z.string(), z.unknown()),
    days: z.number(),
    status: z.enum(needStatuses),
    raised_on: z.string(),
    raised_by: z.string(),
    deployment: z
      .object({ id: z.number().int(), leader: z.string(), leader_name: z.string(), status: z.string() })
      .nullable(),
  })
  .openapi('SupportNeed');

const Leader = z
  .object({
    code: z.string(),
    name: z.string(),
    designations: z.array(z.string()),
    roles: z.array(z.string()).openapi({ description: 'The kinds of need they may meet' }),
    host: z.boolean().openapi({ description: 'A head without a designation hosting practice sharing' }),
    school: z.string().nullable(),
    school_name: z.string().nullable(),
    phase: z.string().nullable(),
    funded: z.number(),
    committed: z.number(),
    left: z.number(),
    places: z.number().int().openapi({ description: 'Schools supported now' }),
    schools: z
      .array(z.string())
      .openapi({ description: 'Those of the schools supported now that lie in the caller’s scope' }),
    headship_years: z.number(),
    strengths: z.array(z.string()),
    track: z.object({ finished: z.number().int(), improved: z.number().int() }),
  })
  .openapi('SystemLeader');

const LeaderFit = z.object({ leader: z.string(), leader_name: z.string(), fit: z.number() });
const Proposal = z
  .object({
    id: z.number().int(),
    unit: z.string(),
    created_by: z.string(),
    created_at: z.string(),
    status: z.enum(['optimal', 'time_limit']).openapi({
      description: 'optimal: within the gap asked for; time_limit: stopped at the time limit with this gap',
    }),
    method: z.enum(['lp_and_fix', 'lagrangian', 'mip']).openapi({
      description: 'The step that found the assignment: LP-and-fix, the Lagrangian repair, or the whole MIP',
    }),
    objective: z.number().openapi({ description: 'Total fit of the proposed pairs' }),
    bound: z.number().openapi({
      description:
        'A proven upper bound on the total fit (the LP relaxation, the Lagrangian or HiGHS’s MIP bound)',
    }),
    gap: z.number().openapi({ description: '(bound - objective) / objective' }),
    seconds: z.number(),
    needs: z.number().int(),
    leaders: z.number().int(),
    candidates: z.number().int().openapi({ description: 'Eligible leader-need pairs' }),
    pairs: z.array(
      LeaderFit.extend({
        need: z.number().int(),
        school: z.string(),
        school_name: z.string(),
        kind: z.string(),
        days: z.number(),
        evidence: z.string(),
        parts: z.object({
          phase: z.number(),
          strength: z.number(),
          distance: z.number(),
          track_record: z.number(),
        }),
        km: z.number().nullable(),
        reasons: z.array(z.string()).openapi({ description: 'Why this leader' }),
        next_best: LeaderFit.extend({ why_not: z.string() }).nullable(),
      }),
    ),
    unmet: z.array(
      z.object({
        need: z.number().int(),
        school: z.string(),
        school_name: z.string(),
        kind: z.string(),
        why: z.string(),
      }),
    ),
  })
  .openapi('BrokeringProposal');

const Deployment = z
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
const DeploymentDetail = Deployment.extend({
  days: z.array(
    z.object({
      id: z.number().int(),
      on_date: z.string(),
      days: z.number(),
      note: z.string(),
      override_reason: z.string().nullable(),
      logged_by: z.string(),
    }),
  ),
}).openapi('DeploymentDetail');

const ImpactRow = z.object({
  key: z.string(),
  name: z.string(),
  deployments: z.number().int(),
  measured: z.number().int(),
  improved: z.number().int(),
  mean_relative: z.number().nullable(),
});
const Impact = z
  .object({
    deployments: z.array(
      z.object({
        deployment: z.number().int(),
        school: z.string(),
        school_name: z.string(),
        leader: z.string(),
        leader_name: z.string(),
        person_id: z.number().int(),
        role: z.string(),
        starts_on: z.string(),
        ends_on: z.string(),
        relative: z.number().nullable(),
        indicators: z.array(
          z.object({
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
            difference: z.number().nullable(),
          }),
        ),
      }),
    ),
    by_role: z.array(ImpactRow),
    by_leader: z.array(ImpactRow),
  })
  .openapi('BrokeringImpact');

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } } } });
const AsOf = z.object({ as_of: IsoDate.optional() });
/** A refresh changes live needs: on today's data or an earlier date, never a future one. */
const RefreshDate = IsoDate.refine(
  (d) => d <= today(),
  'a refresh reads the data as it stands: not a future date',
);

export const brokeringRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/needs',
      tags: ['brokering'],
      summary: 'Support needs of the schools the caller may see',
      request: {
        query: z.object({
          area: z.string().optional(),
          school: z.string().optional(),
          status: list(needStatuses).optional(),
          kind: list(needKinds).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ needs: z.array(Need) }), 'Needs') },
    }),
    async (c) =>
      c.json({ needs: await listNeeds(c.var.database.db, c.var.actor, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/needs',
      tags: ['brokering'],
      summary: 'Raise a need by hand (coaching for a head, say)',
      request: body(
        z.object({
          school: z.string(),
          kind: z.enum(needKinds),
          evidence: z.string().trim().min(1).max(2000),
          days: z.number().positive().max(200).optional(),
          indicator: z.string().nullable().optional(),
        }),
      ),
      responses: {
        201: jsonResponse(Need, 'The need'),
        400: errorResponse('Not a school, or a practice need without its indicator'),
        403: errorResponse('Not a broker'),
      },
    }),
    async (c) => {
      const { db } = c.var.database;
      return c.json(
        await raiseNeed(db, c.var.actor, c.req.valid('json'), await brokeringSettings(db), today()),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/needs/{id}/withdraw',
      tags: ['brokering'],
      summary: 'Withdraw an open need, with the reason',
      request: { params: Id, ...body(z.object({ reason: z.string().trim().min(1).max(2000) })) },
      responses: { 200: jsonResponse(Need, 'The need'), 409: errorResponse('Not open') },
    }),
    async (c) =>
      c.json(
        await withdrawNeed(
          c.var.database.db,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').reason,
          today(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/needs/{id}/reopen',
      tags: ['brokering'],
      summary: 'Reopen a lapsed or withdrawn need, with the reason',
      request: { params: Id, ...body(z.object({ reason: z.string().trim().min(1).max(2000) })) },
      responses: {
        200: jsonResponse(Need, 'The need'),
        409: errorResponse('Not lapsed or withdrawn, or the same need stands already'),
      },
    }),
    async (c) =>
      c.json(
        await reopenNeed(c.var.database.db, c.var.actor, c.req.valid('param').id, c.req.valid('json').reason),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/needs/refresh',
      tags: ['brokering'],
      summary:
        'Run the need rules on the caller’s schools now: add what they find (reopening a need lapsed within a term), lapse open needs they no longer find',
      request: {
        query: z.object({
          as_of: RefreshDate.optional().openapi({
            description: 'The date to read the data on (default today); not before the last refresh',
          }),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ added: z.number().int(), reopened: z.number().int(), lapsed: z.number().int() }),
          'What changed',
        ),
        400: errorResponse('A date before the last refresh or in the future'),
        403: errorResponse('Not a broker'),
      },
    }),
    async (c) =>
      c.json(
        await refreshNeedsNow(
          c.var.database.db,
          c.var.actor,
          c.var.settings,
          c.req.valid('query').as_of ?? today(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/leaders',
      tags: ['brokering'],
      summary:
        'The pool of system leaders (for those who broker; anyone else sees their own entry): roles, school, strengths, days funded, committed and left',
      request: { query: AsOf },
      responses: { 200: jsonResponse(z.object({ leaders: z.array(Leader) }), 'The pool') },
    }),
    async (c) =>
      c.json(
        {
          leaders: await listLeaders(
            c.var.database.db,
            c.var.actor,
            c.var.settings,
            c.req.valid('query').as_of ?? today(),
          ),
        },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/proposals',
      tags: ['brokering'],
      summary: 'Match the open needs of the caller’s scope (or an area) to leaders, optimally (HiGHS)',
      request: body(z.object({ area: z.string().optional(), as_of: RefreshDate.optional() })),
      responses: {
        201: jsonResponse(Proposal, 'The proposal, with each pair’s reasons and the proven gap'),
        400: errorResponse('An area lead must name the area'),
        403: errorResponse('Not a broker'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(
        await propose(c.var.database.db, c.var.actor, c.var.settings, {
          area: input.area,
          asOf: input.as_of ?? today(),
        }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/proposals/{id}',
      tags: ['brokering'],
      summary: 'A proposal as it was made',
      request: { params: Id },
      responses: { 200: jsonResponse(Proposal, 'The proposal'), 404: errorResponse('Not found in scope') },
    }),
    async (c) => c.json(await proposalById(c.var.database.db, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/proposals/{id}/decisions',
      tags: ['brokering'],
      summary: 'Accept, swap or reject pairs; accepted ones become deployments and the rest is matched again',
      request: {
        params: Id,
        ...body(
          z.object({
            decisions: z
              .array(
                z.object({
                  need: RowId,
                  decision: z.enum(['accept', 'swap', 'reject']),
                  leader: z
                    .string()
                    .optional()
                    .openapi({ description: 'Swap: the leader instead; reject: whom' }),
                  reason: z.string().trim().max(2000).optional(),
                }),
              )
              .min(1),
            as_of: IsoDate.optional().openapi({ description: 'The date decided on (default: today)' }),
          }),
        ),
      },
      responses: {
        201: jsonResponse(Proposal, 'The new proposal for what is left'),
        409: errorResponse('A need is no longer open'),
        422: errorResponse('A swapped-in leader is not eligible'),
      },
    }),
    async (c) =>
      c.json(
        await decide(
          c.var.database.db,
          c.var.actor,
          c.var.settings,
          c.req.valid('param').id,
          c.req.valid('json').decisions,
          c.req.valid('json').as_of ?? today(),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/deployments',
      tags: ['brokering'],
      summary:
        'Deployments: of the caller’s schools, the caller’s own (mine), to a school, or given by its head',
      request: {
        query: z.object({
          mine: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          school: z.string().optional(),
          given_by: z.string().optional().openapi({ description: 'A school: deployments by its heads' }),
          status: list(deploymentStatuses).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ deployments: z.array(Deployment) }), 'Deployments') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const deployments = await listDeployments(c.var.database.db, c.var.actor, {
        mine: q.mine,
        school: q.school,
        givenBy: q.given_by,
        status: q.status,
        asOf: today(),
      });
      return c.json({ deployments }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/deployments/{id}',
      tags: ['brokering'],
      summary: 'A deployment with the days logged',
      request: { params: Id },
      responses: { 200: jsonResponse(DeploymentDetail, 'The deployment'), 404: errorResponse('Not found') },
    }),
    async (c) => c.json(await deploymentById(c.var.database.db, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/deployments/{id}/days',
      tags: ['brokering'],
      summary: 'Log time spent; beyond the days agreed only with override_reason (audited)',
      request: {
        params: Id,
        ...body(
          z.object({
            on: IsoDate,
            days: z.number().positive().max(1),
            note: z.string().max(2000).optional(),
            override_reason: z.string().trim().min(1).max(2000).optional(),
          }),
        ),
      },
      responses: {
        201: jsonResponse(DeploymentDetail, 'The deployment'),
        403: errorResponse('Neither the leader nor a broker'),
        422: errorResponse('Beyond the days agreed without an override'),
      },
    }),
    async (c) =>
      c.json(
        await logDays(c.var.database.db, c.var.actor, c.req.valid('param').id, c.req.valid('json'), today()),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/brokering/deployments/{id}/end',
      tags: ['brokering'],
      summary: 'End a deployment with its outcome (finished, or ended early)',
      request: {
        params: Id,
        ...body(
          z.object({
            status: z.enum(['finished', 'ended_early']),
            outcome_note: z.string().trim().min(1).max(4000),
            on: IsoDate.optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(DeploymentDetail, 'The deployment'),
        409: errorResponse('Already ended'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(
        await endDeployment(c.var.database.db, c.var.actor, c.req.valid('param').id, {
          ...input,
          on: input.on ?? today(),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/impact',
      tags: ['brokering'],
      summary: 'Finished deployments’ change against similar unsupported schools, by role and by leader',
      responses: { 200: jsonResponse(Impact, 'Impact') },
    }),
    async (c) => {
      const { db } = c.var.database;
      return c.json(await impactSummary(db, c.var.actor, c.var.settings, await brokeringSettings(db)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/brokering/settings',
      tags: ['brokering'],
      summary: 'Fit weights, days per need, eligibility limits, solver limits',
      responses: { 200: jsonResponse(BrokeringSettings, 'The settings') },
    }),
    async (c) => c.json(await viewBrokeringSettings(c.var.database.db, c.var.actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/brokering/settings',
      tags: ['brokering'],
      summary: 'Change some brokering settings (a whole-authority broker)',
      request: body(BrokeringSettings.partial()),
      responses: {
        200: jsonResponse(BrokeringSettings, 'The settings now'),
        403: errorResponse('Not allowed'),
      },
    }),
    async (c) =>
      c.json(await changeBrokeringSettings(c.var.database.db, c.var.actor, c.req.valid('json')), 200),
  );
