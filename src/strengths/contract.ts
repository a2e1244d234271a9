// The strengths API: each school's strengths per practice area, found from its data (an indicator green
// and improving, value added significantly above, a visit rubric section scored high, an inspection area
// graded strong) or declared by its head or trust and confirmed by an area lead; the table of practice
// areas; the declared strengths' confirmation queue.
import { createRoute, z } from '@hono/zod-openapi';
import { commaList, errorResponse, IdParam, IsoDate, jsonBody, jsonResponse } from '../contract.ts';
import { declaredStatuses, practiceAreas, strengthSources } from './lists.ts';

export const PracticeArea = z.enum(practiceAreas).openapi({ example: 'attendance' });
export type PracticeArea = z.infer<typeof PracticeArea>;
export const StrengthSource = z.enum(strengthSources).openapi({
  description:
    'indicator: green and improving; value_added: significantly above in a stage; visit: a rubric section scored high; inspection: an evaluation area graded strong or exceptional (good or outstanding leadership in the legacy framework); declared: declared and confirmed',
});
export type StrengthSource = z.infer<typeof StrengthSource>;
export const DeclaredStatus = z.enum(declaredStatuses);
export type DeclaredStatus = z.infer<typeof DeclaredStatus>;

export const Strength = z
  .object({
    practice_area: PracticeArea,
    source: StrengthSource,
    evidence: z
      .string()
      .openapi({ example: 'Pupil attendance rate 96.1%, green and improving over 6 months' }),
    measure: z.string().openapi({
      description:
        'What it was found on: the indicator, the stage, the rubric section, the inspection area, or the declaration’s id',
      example: 'attendance_rate',
    }),
  })
  .openapi('Strength');
export type Strength = z.infer<typeof Strength>;

/** What `schoolStrengths` gives other capabilities: each school's strengths on a date. */
export const SchoolStrengths = z.object({
  school: z.string(),
  school_name: z.string(),
  area: z.string().nullable(),
  phase: z.string(),
  strengths: z.array(Strength),
});
export type SchoolStrengths = z.infer<typeof SchoolStrengths>;

export const StrengthRow = Strength.extend({
  school: z.string(),
  school_name: z.string(),
  area: z.string().nullable(),
  area_name: z.string().nullable(),
  practice_area_name: z.string(),
});
export type StrengthRow = z.infer<typeof StrengthRow>;

export const StrengthsQuery = z.object({
  school: z.string().max(40).optional().openapi({ description: 'One school’s code' }),
  area: z.string().max(40).optional().openapi({ description: 'An area’s (or any unit’s) code' }),
  practice_area: commaList(practiceAreas).optional(),
  source: commaList(strengthSources).optional(),
  on: IsoDate.optional().openapi({ description: 'The date the strengths are found on (default: today)' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
export type StrengthsQuery = z.infer<typeof StrengthsQuery>;

export const StrengthPage = z
  .object({
    on: z.string(),
    total: z.number().int(),
    schools: z
      .number()
      .int()
      .openapi({ description: 'Schools with at least one strength matching the filters' }),
    page: z.number().int(),
    page_size: z.number().int(),
    by_practice_area: z.record(z.string(), z.number().int()).openapi({
      description: 'Strengths per practice area with every filter but practice_area',
    }),
    rows: z.array(StrengthRow),
  })
  .openapi('StrengthPage');
export type StrengthPage = z.infer<typeof StrengthPage>;

export const PracticeAreaMapping = z.array(
  z.object({
    practice_area: PracticeArea,
    name: z.string(),
    indicators: z.array(z.string()),
    rubric_sections: z.array(z.string()),
    inspection_areas: z.array(z.string()),
  }),
);

export const DeclaredStrength = z
  .object({
    id: z.number().int(),
    school: z.string(),
    school_name: z.string(),
    area: z.string().nullable(),
    practice_area: PracticeArea,
    practice_area_name: z.string(),
    evidence: z.string(),
    status: DeclaredStatus,
    declared_by: z.string(),
    declared_on: z.string(),
    decided_by: z.string().nullable(),
    decided_on: z.string().nullable(),
    reason: z.string().nullable().openapi({ description: 'Why it was confirmed or declined' }),
  })
  .openapi('DeclaredStrength');
export type DeclaredStrength = z.infer<typeof DeclaredStrength>;

export const DeclaredQuery = z.object({
  status: commaList(declaredStatuses).optional(),
  area: z.string().max(40).optional(),
  school: z.string().max(40).optional(),
});
export type DeclaredQuery = z.infer<typeof DeclaredQuery>;

export const DeclaredList = z.object({
  counts: z
    .record(z.string(), z.number().int())
    .openapi({ description: 'Declarations per status, with the other filters' }),
  declared: z.array(DeclaredStrength),
});
export type DeclaredList = z.infer<typeof DeclaredList>;

export const Declaration = z.object({
  school: z.string().min(1).max(40),
  practice_area: PracticeArea,
  evidence: z.string().trim().min(20, 'say what shows it: at least 20 characters').max(2000).openapi({
    example:
      'Attendance has risen from 91% to 96% in two years through first-day calls and a breakfast club.',
  }),
});
export type Declaration = z.infer<typeof Declaration>;

export const Decision = z.object({
  decision: z.enum(['confirm', 'decline']),
  reason: z.string().trim().max(2000).default(''),
});
export type Decision = z.infer<typeof Decision>;

export const strengthsRoute = createRoute({
  method: 'get',
  path: '/strengths',
  tags: ['strengths'],
  summary: 'Schools’ strengths per practice area on a date, found from their data or declared and confirmed',
  request: { query: StrengthsQuery },
  responses: {
    200: jsonResponse(StrengthPage, 'One page of strengths'),
    404: errorResponse('School or area not in scope'),
  },
});

export const practiceAreasRoute = createRoute({
  method: 'get',
  path: '/strengths/practice-areas',
  tags: ['strengths'],
  summary: 'The practice areas and the indicators, rubric sections and inspection areas that speak for each',
  responses: { 200: jsonResponse(PracticeAreaMapping, 'The table') },
});

export const declaredRoute = createRoute({
  method: 'get',
  path: '/strengths/declared',
  tags: ['strengths'],
  summary: 'Declared strengths in scope, newest first: the confirmation queue with status=awaiting',
  request: { query: DeclaredQuery },
  responses: {
    200: jsonResponse(DeclaredList, 'The declarations'),
    404: errorResponse('School or area not in scope'),
  },
});

export const declareRoute = createRoute({
  method: 'post',
  path: '/strengths/declared',
  tags: ['strengths'],
  summary:
    'Declare a strength of a school with evidence (its head, or a lead of its trust); an area lead confirms it',
  request: { body: jsonBody(Declaration) },
  responses: {
    201: jsonResponse(DeclaredStrength, 'Declared, awaiting confirmation'),
    400: errorResponse('Evidence too short or missing'),
    403: errorResponse('Not the school’s head or a lead of its trust'),
    404: errorResponse('School not in scope'),
    409: errorResponse('The school already has this practice area declared and not declined'),
  },
});

export const decideDeclaredRoute = createRoute({
  method: 'post',
  path: '/strengths/declared/{id}/decision',
  tags: ['strengths'],
  summary:
    'Confirm or decline a declared strength (an area lead in their area, or the director); declining needs a reason',
  request: { params: IdParam, body: jsonBody(Decision) },
  responses: {
    200: jsonResponse(DeclaredStrength, 'Decided'),
    400: errorResponse('Declined without a reason'),
    403: errorResponse('Not for this role'),
    404: errorResponse('Declaration not in scope'),
    409: errorResponse('Already decided'),
  },
});
