// Supervision visits, rubrics and coverage: the API's shapes and routes (/visits, /rubrics).
import { createRoute, z } from '@hono/zod-openapi';
import {
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  QueryFlag,
  RowId,
  RowIdText,
} from '../contract.ts';
import { visitStatuses, visitTypes } from './lists.ts';

export const VisitType = z.enum(visitTypes);
export type VisitType = z.infer<typeof VisitType>;
export const VisitStatus = z.enum(visitStatuses);
export type VisitStatus = z.infer<typeof VisitStatus>;

const Code = z.string().trim().min(1).max(40);
const Text = z.string().max(4000);

export const RubricCriterionInput = z.object({
  code: Code,
  name: z.string().trim().min(1).max(300),
  evidence_prompt: Text.default(''),
  /** One descriptor per level, level 1 first: as many as the rubric's scale. */
  levels: z.array(z.string().trim().min(1).max(1000)).min(4).max(5),
});
export type RubricCriterionInput = z.infer<typeof RubricCriterionInput>;

export const RubricInput = z
  .object({
    code: Code,
    name: z.string().trim().min(1).max(200),
    scale_max: z.union([z.literal(4), z.literal(5)]),
    visit_types: z.array(VisitType).default([]),
    sections: z
      .array(
        z.object({
          code: Code,
          name: z.string().trim().min(1).max(200),
          criteria: z.array(RubricCriterionInput).min(1),
        }),
      )
      .min(1),
  })
  .openapi('RubricInput');
export type RubricInput = z.infer<typeof RubricInput>;

export const RubricCriterion = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  evidence_prompt: z.string(),
  levels: z.array(z.object({ level: z.number().int(), descriptor: z.string() })),
});
export type RubricCriterion = z.infer<typeof RubricCriterion>;

export const RubricSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  scale_max: z.number().int(),
  visit_types: z.array(VisitType),
  superseded: z.boolean(),
  criteria: z.number().int(),
  visits: z.number().int().openapi({ description: 'Visits scored on this version' }),
});
export type RubricSummary = z.infer<typeof RubricSummary>;

export const Rubric = RubricSummary.extend({
  sections: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      criteria: z.array(RubricCriterion),
    }),
  ),
}).openapi('Rubric');
export type Rubric = z.infer<typeof Rubric>;

export const VisitScoreInput = z.object({
  criterion: z.string().openapi({ description: 'The criterion code (unique within the rubric)' }),
  level: z.number().int().min(1).max(5),
  evidence: Text.default(''),
});

export const VisitActionInput = z.object({
  title: z.string().trim().min(1).max(300),
  owner: z.string().optional().openapi({ description: 'Person code' }),
  due_on: IsoDate.optional(),
});

export const VisitInput = z
  .object({
    client_id: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional()
      .openapi({
        description: 'Made by the device (the offline form): posting the same id twice records one visit',
      }),
    school: Code,
    visit_on: IsoDate,
    visit_type: VisitType,
    status: VisitStatus.default('recorded'),
    visitors: z.array(Code).min(1).openapi({ description: 'Person codes' }),
    rubric: z.object({ code: Code, version: RowId.optional() }).optional(),
    purpose: Text.default(''),
    strengths: Text.default(''),
    development: Text.default(''),
    scores: z.array(VisitScoreInput).default([]),
    actions: z.array(VisitActionInput).default([]),
  })
  .openapi('VisitInput');
export type VisitInput = z.input<typeof VisitInput>;

export const VisitEdit = VisitInput.omit({ client_id: true, school: true, actions: true })
  .extend({
    version: z.number().int().positive().openapi({ description: 'The version the change was made on' }),
  })
  .openapi('VisitEdit');
export type VisitEdit = z.input<typeof VisitEdit>;

export const VisitSummary = z.object({
  id: z.number().int(),
  client_id: z.string(),
  version: z.number().int(),
  school: z.object({ code: z.string(), name: z.string() }),
  area: z.string().nullable(),
  visit_on: IsoDate,
  visit_type: VisitType,
  status: VisitStatus,
  visitors: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      calibrated: z.boolean().openapi({
        description: 'Within tolerance at a closed norming session in the months before the visit',
      }),
    }),
  ),
  rubric: z.object({ code: z.string(), version: z.number().int(), name: z.string() }).nullable(),
  mean_level: z.number().nullable(),
});
export type VisitSummary = z.infer<typeof VisitSummary>;

export const Visit = VisitSummary.extend({
  purpose: z.string(),
  strengths: z.string(),
  development: z.string(),
  recorded_by: z.string(),
  scores: z.array(
    z.object({
      section: z.string(),
      criterion: z.string(),
      name: z.string(),
      level: z.number().int(),
      descriptor: z.string(),
      evidence: z.string(),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      owner: z.string().nullable(),
      due_on: IsoDate.nullable(),
      status: z.string(),
    }),
  ),
}).openapi('Visit');
export type Visit = z.infer<typeof Visit>;

export const VisitFilter = z.object({
  school: z.string().optional(),
  area: z.string().optional(),
  visit_type: VisitType.optional(),
  status: VisitStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type VisitFilter = z.input<typeof VisitFilter>;

export const VisitPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  visits: z.array(VisitSummary),
});
export type VisitPage = z.infer<typeof VisitPage>;

export const AreaCoverage = z.object({
  code: z.string(),
  name: z.string(),
  leads: z.array(z.string()),
  schools: z.number().int(),
  visited_month: z.number().int(),
  visited_term: z.number().int(),
  expected_term: z.number().int().openapi({ description: 'Visits the schools should have had this term' }),
  visits_term: z.number().int(),
  share_month: z.number().nullable(),
  share_term: z.number().nullable(),
  overdue: z.array(z.object({ code: z.string(), name: z.string(), last_visit_on: IsoDate.nullable() })),
  attention: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        severity: z.string().nullable(),
        visited_term: z.boolean(),
        last_visit_on: IsoDate.nullable(),
      }),
    )
    .openapi({
      description: 'Schools needing attention (the concern model) and whether they were visited this term',
    }),
});
export type AreaCoverage = z.infer<typeof AreaCoverage>;

export const Coverage = z
  .object({
    on: IsoDate,
    month_from: IsoDate,
    term_from: IsoDate,
    visits_per_term: z.number().int(),
    overdue_weeks: z.number().int(),
    areas: z.array(AreaCoverage),
  })
  .openapi('VisitCoverage');
export type Coverage = z.infer<typeof Coverage>;

export const SavedRubric = z.object({
  id: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  new_version: z
    .boolean()
    .openapi({ description: 'True when visits were scored on the previous version, so it was kept' }),
});
export type SavedRubric = z.infer<typeof SavedRubric>;

const rubricTags = ['rubrics'];
const visitTags = ['visits'];

export const listRubricsRoute = createRoute({
  method: 'get',
  path: '/rubrics',
  tags: rubricTags,
  summary: 'The rubrics offered for new visits (each code’s current version); ?all=true for every version',
  request: { query: z.object({ all: QueryFlag.optional() }) },
  responses: { 200: jsonResponse(z.object({ rubrics: z.array(RubricSummary) }), 'By code and version') },
});

export const rubricRoute = createRoute({
  method: 'get',
  path: '/rubrics/{code}',
  tags: rubricTags,
  summary: 'One version of a rubric whole: sections, criteria, evidence prompts and level descriptors',
  request: {
    params: z.object({ code: Code }),
    query: z.object({
      version: RowIdText.optional().openapi({ description: 'Default: the current version' }),
    }),
  },
  responses: { 200: jsonResponse(Rubric, 'The rubric'), 404: errorResponse('No such rubric or version') },
});

export const saveRubricRoute = createRoute({
  method: 'post',
  path: '/rubrics',
  tags: rubricTags,
  summary: 'Create or change a rubric: in place while unused, as a new version once a visit is scored on it',
  request: { body: jsonBody(RubricInput) },
  responses: {
    200: jsonResponse(SavedRubric, 'The version saved'),
    400: errorResponse('A code used twice, or level descriptors that do not match the scale'),
    403: errorResponse('Only a role held for the whole authority edits rubrics'),
  },
});

export const listVisitsRoute = createRoute({
  method: 'get',
  path: '/visits',
  tags: visitTags,
  summary: 'Visits to schools in the caller’s scope, newest first, filtered and paged',
  request: { query: VisitFilter },
  responses: {
    200: jsonResponse(VisitPage, 'A page of visits'),
    404: errorResponse('School or area not in scope'),
  },
});

export const recordVisitRoute = createRoute({
  method: 'post',
  path: '/visits',
  tags: visitTags,
  summary:
    'Plan or record a visit with its scores and agreed actions (a client_id already recorded answers that visit)',
  request: { body: jsonBody(VisitInput) },
  responses: {
    201: jsonResponse(
      z.object({ id: z.number().int(), created: z.boolean() }),
      'Recorded (created: false when the client_id was already recorded)',
    ),
    400: errorResponse(
      'A bad field, naming it: unknown person, criterion or rubric, a level above the scale',
    ),
    403: errorResponse('Only area leads and the director record visits'),
    404: errorResponse('The school is not in the caller’s scope'),
    409: errorResponse('The client_id is a visit to another school'),
  },
});

export const coverageRoute = createRoute({
  method: 'get',
  path: '/visits/coverage',
  tags: visitTags,
  summary:
    'Per area: schools visited this month and term against the expectation, overdue schools, schools needing attention',
  request: { query: z.object({ on: IsoDate.optional().openapi({ description: 'Default: today' }) }) },
  responses: { 200: jsonResponse(Coverage, 'The areas the caller sees') },
});

export const visitRoute = createRoute({
  method: 'get',
  path: '/visits/{id}',
  tags: visitTags,
  summary: 'One visit: its scores by section with the descriptor of each level given, and its agreed actions',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(Visit, 'The visit'),
    404: errorResponse('No such visit in the caller’s scope'),
  },
});

export const updateVisitRoute = createRoute({
  method: 'put',
  path: '/visits/{id}',
  tags: visitTags,
  summary: 'Change a visit made against the version it was read at',
  request: { params: IdParam, body: jsonBody(VisitEdit) },
  responses: {
    200: jsonResponse(z.object({ version: z.number().int() }), 'The new version'),
    400: errorResponse('A bad field, naming it'),
    403: errorResponse('Only area leads and the director record visits'),
    404: errorResponse('No such visit in the caller’s scope'),
    409: errorResponse('Changed by someone else since that version'),
  },
});
