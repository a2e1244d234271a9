// Reforms and their fidelity checks: the API's shapes and routes (/reforms).
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IsoDate, jsonBody, jsonResponse } from '../contract.ts';
import { practiceStatuses, reformPhases } from './lists.ts';

export const ReformPhase = z.enum(reformPhases);
export type ReformPhase = z.infer<typeof ReformPhase>;
export const PracticeStatus = z.enum(practiceStatuses);
export type PracticeStatus = z.infer<typeof PracticeStatus>;

const Code = z.string().trim().min(1).max(40);
const Text = z.string().max(4000);

export const PracticeInput = z.object({
  code: Code,
  name: z.string().trim().min(1).max(300),
  look_for: Text.default('').openapi({ description: 'What a visitor looks for' }),
});
export type PracticeInput = z.input<typeof PracticeInput>;

export const ReformInput = z
  .object({
    code: Code,
    name: z.string().trim().min(1).max(200),
    description: Text.default(''),
    phase: ReformPhase,
    starts_on: IsoDate,
    units: z.array(Code).min(1).openapi({ description: 'Areas (every school beneath) or schools it covers' }),
    practices: z.array(PracticeInput).min(1),
  })
  .openapi('ReformInput');
export type ReformInput = z.input<typeof ReformInput>;

export const SavedReform = z.object({
  code: z.string(),
  checklist_version: z.number().int(),
  new_version: z
    .boolean()
    .openapi({ description: 'True when checks were made on the previous checklist, so it was kept' }),
});
export type SavedReform = z.infer<typeof SavedReform>;

const Unit = z.object({ code: z.string(), name: z.string() });

/** A check's counts; `share` is the percentage of the practices found in place. */
const Finding = z.object({
  in_place: z.number().int(),
  partly: z.number().int(),
  not_yet: z.number().int(),
  share: z.number().openapi({ description: 'Practices in place, % of those checked' }),
});

export const ReformSummary = z.object({
  code: z.string(),
  name: z.string(),
  phase: ReformPhase,
  starts_on: z.string(),
  units: z.array(Unit),
  checklist_version: z.number().int(),
  practices: z.number().int(),
  schools: z.number().int().openapi({ description: 'Schools covered that the caller sees' }),
  checked: z.number().int().openapi({ description: 'Of those, schools with at least one check' }),
  share: z
    .number()
    .nullable()
    .openapi({ description: 'Practices in place at the latest check of each school checked, %' }),
});
export type ReformSummary = z.infer<typeof ReformSummary>;

export const Practice = z.object({ code: z.string(), name: z.string(), look_for: z.string() });

export const SchoolFidelity = z.object({
  code: z.string(),
  name: z.string(),
  area: Unit.nullable(),
  latest: Finding.extend({ visit_id: z.number().int(), checked_on: z.string() }).nullable(),
  checks: z.number().int(),
});
export type SchoolFidelity = z.infer<typeof SchoolFidelity>;

export const Reform = ReformSummary.extend({
  description: z.string(),
  checklist: z.array(Practice),
  school_fidelity: z.array(SchoolFidelity),
}).openapi('Reform');
export type Reform = z.infer<typeof Reform>;

export const ReformSchoolsQuery = z.object({
  area: z.string().optional().openapi({ description: 'Only the schools of this area' }),
});

export const ImplementationQuery = z.object({
  by: z.enum(['month', 'term']).default('month'),
});
export type ImplementationQuery = z.input<typeof ImplementationQuery>;

const Point = z.object({
  period: z.string(),
  checked: z.number().int().openapi({ description: 'Schools checked by the period’s end' }),
  share: z.number().nullable().openapi({ description: 'Practices in place at each one’s latest check, %' }),
});

export const Implementation = z
  .object({
    by: z.enum(['month', 'term']),
    periods: z.array(z.object({ period: z.string(), start: z.string(), end: z.string() })),
    areas: z.array(Unit.extend({ schools: z.number().int(), points: z.array(Point) })),
    all: z.object({ schools: z.number().int(), points: z.array(Point) }),
  })
  .openapi('ReformImplementation');
export type Implementation = z.infer<typeof Implementation>;

export const FidelityCheckInput = z
  .object({
    school: Code,
    checked_on: IsoDate,
    visitors: z.array(Code).min(1).openapi({ description: 'Person codes' }),
    practices: z
      .array(z.object({ practice: Code, status: PracticeStatus, evidence: Text.default('') }))
      .min(1)
      .openapi({ description: 'Every practice of the current checklist, once' }),
    strengths: Text.default(''),
    development: Text.default(''),
  })
  .openapi('FidelityCheckInput');
export type FidelityCheckInput = z.input<typeof FidelityCheckInput>;

export const SchoolHistory = z.object({
  reform: z.object({ code: z.string(), name: z.string() }),
  school: Unit,
  checks: z.array(
    Finding.extend({
      visit_id: z.number().int(),
      checked_on: z.string(),
      checklist_version: z.number().int(),
      visitors: z.array(z.string()),
      practices: z.array(
        z.object({ code: z.string(), name: z.string(), status: PracticeStatus, evidence: z.string() }),
      ),
    }),
  ),
});
export type SchoolHistory = z.infer<typeof SchoolHistory>;

const tags = ['reforms'];
const CodeParam = z.object({ code: Code });

export const listReformsRoute = createRoute({
  method: 'get',
  path: '/reforms',
  tags,
  summary:
    'The reforms, each with the schools it covers in the caller’s scope, how many checked, the share in place',
  responses: { 200: jsonResponse(z.object({ reforms: z.array(ReformSummary) }), 'By start date') },
});

export const saveReformRoute = createRoute({
  method: 'post',
  path: '/reforms',
  tags,
  summary:
    'Create or change a reform and its checklist (a checklist already used is kept: a new version is made)',
  request: { body: jsonBody(ReformInput) },
  responses: {
    200: jsonResponse(SavedReform, 'The checklist version saved'),
    400: errorResponse('A practice code used twice, or a unit that does not exist'),
    403: errorResponse('Only a role held for the whole authority edits reforms'),
  },
});

export const reformRoute = createRoute({
  method: 'get',
  path: '/reforms/{code}',
  tags,
  summary: 'One reform: its checklist and each school’s latest fidelity',
  request: { params: CodeParam, query: ReformSchoolsQuery },
  responses: {
    200: jsonResponse(Reform, 'The reform'),
    404: errorResponse('No such reform, or area not in scope'),
  },
});

export const implementationRoute = createRoute({
  method: 'get',
  path: '/reforms/{code}/implementation',
  tags,
  summary:
    'Implementation by area over time: practices in place at each school’s latest check, by month or term',
  request: { params: CodeParam, query: ImplementationQuery },
  responses: {
    200: jsonResponse(Implementation, 'The areas the caller sees'),
    404: errorResponse('No such reform'),
  },
});

export const recordCheckRoute = createRoute({
  method: 'post',
  path: '/reforms/{code}/checks',
  tags,
  summary:
    'Record a fidelity check: a reform_fidelity visit finding each practice in place, partly or not yet',
  request: { params: CodeParam, body: jsonBody(FidelityCheckInput) },
  responses: {
    201: jsonResponse(z.object({ visit_id: z.number().int() }), 'Recorded'),
    400: errorResponse('A practice missing, unknown or given twice; a school the reform does not cover'),
    403: errorResponse('Only area leads and the director record checks'),
    404: errorResponse('No such reform, or the school is not in the caller’s scope'),
  },
});

export const schoolHistoryRoute = createRoute({
  method: 'get',
  path: '/reforms/{code}/schools/{school}',
  tags,
  summary: 'A school’s fidelity checks for one reform, newest first, each practice’s finding and evidence',
  request: { params: CodeParam.extend({ school: Code }) },
  responses: {
    200: jsonResponse(SchoolHistory, 'The checks'),
    404: errorResponse('No such reform, or the school is not in the caller’s scope'),
  },
});
