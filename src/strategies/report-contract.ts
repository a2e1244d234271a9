// The termly impact report's contract: the figures drafted from the data for one strategy and one term
// (statuses at the term's end, milestones missed, measures against trajectory, commentary written in the
// term, what changed, unowned items, the chain to other strategies), and its route (HTML or PDF).
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from '../contract.ts';
import { Measure, StrategyLink } from './contract.ts';
import { CycleCounts } from './cycle-contract.ts';
import { actionStatuses } from './lists.ts';
import { PlanChange } from './reorganise-contract.ts';

const Person = z.object({ code: z.string(), name: z.string() }).nullable();
const Status = z.enum(actionStatuses);

const ReportAction = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  lead: Person,
  status: Status.openapi({ description: 'The status at the term’s end: the latest update on or before it' }),
  status_on: z.string().nullable(),
  commentary: z.array(
    z.object({ on: z.string(), author: z.string(), to_status: Status, commentary: z.string() }),
  ),
});

const ReportMilestone = z.object({
  action_code: z.string(),
  title: z.string(),
  due_on: z.string(),
  done_on: z.string().nullable(),
  missed: z.boolean().openapi({ description: 'Not done by its due date, or done after it' }),
});

const ReportMeasure = Measure.extend({
  series: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
});
export type ReportMeasure = z.infer<typeof ReportMeasure>;

const Unowned = z.object({
  kind: z.enum(['strategy', 'strand', 'action']),
  code: z.string(),
  title: z.string(),
});

const ReportStrand = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  lead: Person,
  measures: z.array(ReportMeasure),
  actions: z.array(ReportAction),
  milestones: z.array(ReportMilestone).openapi({ description: 'Due in the term' }),
  unowned: z.array(Unowned),
});
export type ReportStrand = z.infer<typeof ReportStrand>;

const ChainLink = StrategyLink.extend({
  targets: z.array(ReportMeasure).openapi({
    description:
      'The target measure (or the target strand’s measures) judged at the term’s end; empty when none or not visible',
  }),
});

export const StrategyReport = z.object({
  strategy: z.object({ code: z.string(), name: z.string(), purpose: z.string(), lead: Person }),
  term: z.object({ id: z.string(), start: z.string(), end: z.string() }),
  drafted_on: z.string(),
  summary: z.object({
    actions_by_status: z.record(z.string(), z.number().int()),
    measures_on_track: z.number().int(),
    measures_off_track: z.number().int(),
    measures_no_data: z.number().int(),
    milestones_due: z.number().int(),
    milestones_missed: z.number().int(),
    unowned: z.number().int(),
    completion: CycleCounts.nullable().openapi({
      description: 'The term’s update cycle: asked, on time, late, missing; null when no cycle was opened',
    }),
  }),
  strategy_measures: z.array(ReportMeasure).openapi({ description: 'Measures on the strategy as a whole' }),
  strands: z.array(ReportStrand),
  changes: z.array(PlanChange),
  contributes_to: z.array(ChainLink),
});
export type StrategyReport = z.infer<typeof StrategyReport>;

export const strategyReportRoute = createRoute({
  method: 'get',
  path: '/strategies/{code}/report',
  tags: ['strategies'],
  summary: 'The termly impact report for a strategy and a term, as HTML or PDF',
  request: {
    params: z.object({ code: z.string().min(1).max(40) }),
    query: z.object({
      term: z.string().openapi({ example: '2025-26T2', description: 'A term: 2025-26T1, T2 or T3' }),
      format: z.enum(['html', 'pdf']).default('html'),
    }),
  },
  responses: {
    200: {
      content: {
        'text/html': { schema: z.string() },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
      description: 'The report',
    },
    400: errorResponse('Not a term (for example 2025-26T2)'),
    404: errorResponse('No such strategy in scope'),
    503: errorResponse('PDF asked for but no Chromium on the server (HTML works)'),
  },
});
