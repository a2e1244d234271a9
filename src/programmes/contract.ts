// The programmes API: programmes, cohorts, participants and their outcomes (read from posts), and the
// workbook import of cohorts and participants. Placements and growing your own have their own contracts.
import { createRoute, z } from '@hono/zod-openapi';
import {
  DryRunQuery,
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  someField,
} from '../contract.ts';
import { importRejectedResponse } from '../tabular/contract.ts';
import { outcomes, participantStatuses, placementKinds } from './lists.ts';

const Code = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - (up to 40)')
  .openapi({ example: 'npqh' });

/** How a group of participants fared: counts by outcome, and the share promoted of those whose outcome is known. */
export const OutcomeSummary = z
  .object({
    participants: z.number().int(),
    completed: z.number().int(),
    withdrawn: z.number().int(),
    counts: z.object(
      Object.fromEntries(outcomes.map((o) => [o, z.number().int()])) as {
        [K in (typeof outcomes)[number]]: z.ZodNumber;
      },
    ),
    /** promoted / (promoted + not_promoted): null while no outcome is known. */
    promoted_rate: z.number().nullable().openapi({
      description:
        'Promoted as a share of those whose outcome is known (promoted, or the years after completing over); null when none is',
    }),
    years: z
      .number()
      .int()
      .openapi({ description: 'N: the years after completing a promotion counts within' }),
  })
  .openapi('ProgrammeOutcomes');
export type OutcomeSummary = z.infer<typeof OutcomeSummary>;

export const Programme = z
  .object({
    code: Code,
    name: z.string().min(1).max(120),
    description: z.string().max(2000),
    placement: z
      .enum(placementKinds)
      .nullable()
      .openapi({ description: 'The placement each candidate needs' }),
    placement_days: z.number().positive().max(60).nullable(),
    active: z.boolean(),
  })
  .openapi('Programme');
export type Programme = z.infer<typeof Programme>;

export const ProgrammeSummary = Programme.extend({
  cohorts: z.number().int(),
  outcomes: OutcomeSummary,
}).openapi('ProgrammeSummary');
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;

export const listProgrammesRoute = createRoute({
  method: 'get',
  path: '/programmes',
  tags: ['programmes'],
  summary: 'Every programme with its cohorts counted and its participants’ outcomes (aggregates: every role)',
  responses: {
    200: jsonResponse(z.object({ programmes: z.array(ProgrammeSummary) }), 'The programmes'),
  },
});

export const addProgrammeRoute = createRoute({
  method: 'post',
  path: '/programmes',
  tags: ['programmes'],
  summary: 'Add a programme (a whole-authority director)',
  request: {
    body: jsonBody(
      Programme.partial({ description: true, placement: true, placement_days: true, active: true }),
    ),
  },
  responses: {
    201: jsonResponse(Programme, 'Added'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    409: errorResponse('The code is taken'),
  },
});

export const ProgrammeChange = Programme.omit({ code: true })
  .partial()
  .strict()
  .refine(...someField)
  .openapi('ProgrammeChange');
export type ProgrammeChange = z.infer<typeof ProgrammeChange>;

export const changeProgrammeRoute = createRoute({
  method: 'patch',
  path: '/programmes/{code}',
  tags: ['programmes'],
  summary: 'Change a programme (a whole-authority director); what is not named stays',
  request: {
    params: z.object({ code: Code.openapi({ param: { name: 'code', in: 'path' } }) }),
    body: jsonBody(ProgrammeChange),
  },
  responses: {
    200: jsonResponse(Programme, 'The programme now'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such programme'),
  },
});

export const Cohort = z
  .object({
    id: z.number().int(),
    code: Code,
    programme: Code,
    programme_name: z.string(),
    name: z.string(),
    provider: z.string(),
    starts_on: IsoDate,
    ends_on: IsoDate,
    outcomes: OutcomeSummary,
  })
  .openapi('ProgrammeCohort');
export type Cohort = z.infer<typeof Cohort>;

export const CohortQuery = z.object({
  programme: Code.optional().openapi({ param: { name: 'programme', in: 'query' } }),
});
export type CohortQuery = z.infer<typeof CohortQuery>;

export const listCohortsRoute = createRoute({
  method: 'get',
  path: '/programmes/cohorts',
  tags: ['programmes'],
  summary: 'Cohorts, latest first, each with its outcomes (aggregates: every role)',
  request: { query: CohortQuery },
  responses: {
    200: jsonResponse(z.object({ cohorts: z.array(Cohort) }), 'The cohorts'),
    404: errorResponse('No such programme'),
  },
});

export const CohortInput = z
  .object({
    code: Code,
    programme: Code,
    name: z.string().min(1).max(120),
    provider: z.string().max(200).default(''),
    starts_on: IsoDate,
    ends_on: IsoDate,
  })
  .refine((c) => c.ends_on >= c.starts_on, { message: 'ends_on is before starts_on', path: ['ends_on'] })
  .openapi('ProgrammeCohortInput');
export type CohortInput = z.infer<typeof CohortInput>;

export const addCohortRoute = createRoute({
  method: 'post',
  path: '/programmes/cohorts',
  tags: ['programmes'],
  summary: 'Add a cohort (a whole-authority director)',
  request: { body: jsonBody(CohortInput) },
  responses: {
    201: jsonResponse(Cohort, 'Added'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such programme'),
    409: errorResponse('The code is taken'),
  },
});

export const Participant = z
  .object({
    id: z.number().int(),
    person: z.string(),
    name: z.string(),
    school: z.string().nullable().openapi({ description: 'The school they worked at when they joined' }),
    school_name: z.string().nullable(),
    area: z.string().nullable(),
    post_role: z.string().nullable().openapi({ description: 'Their post when they joined' }),
    status: z.enum(participantStatuses),
    completed_on: IsoDate.nullable(),
    placement_days: z.number().nullable(),
    outcome: z.enum(outcomes),
    outcome_post: z
      .object({
        role: z.string(),
        school: z
          .string()
          .nullable()
          .openapi({ description: 'Null when the school is outside the caller’s scope' }),
        school_name: z.string().openapi({ description: '“another school” when outside the caller’s scope' }),
        starts_on: IsoDate,
      })
      .nullable()
      .openapi({ description: 'The post that made them promoted' }),
    placement: z
      .object({
        host_school: z.string(),
        host_school_name: z.string(),
        host_name: z.string(),
        days: z.number(),
      })
      .nullable(),
  })
  .openapi('ProgrammeParticipant');
export type Participant = z.infer<typeof Participant>;

export const CohortDetail = Cohort.extend({
  participants: z.array(Participant).openapi({
    description:
      'Those the caller may see by name: the director all; an area lead those whose school at entry is in the area; a head their own school’s staff; an analyst none',
  }),
  hidden: z
    .number()
    .int()
    .openapi({ description: 'Participants outside the caller’s sight (counted in outcomes)' }),
}).openapi('ProgrammeCohortDetail');
export type CohortDetail = z.infer<typeof CohortDetail>;

export const cohortRoute = createRoute({
  method: 'get',
  path: '/programmes/cohorts/{id}',
  tags: ['programmes'],
  summary: 'A cohort with its outcomes and the participants the caller may see, each with their outcome',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(CohortDetail, 'The cohort'),
    404: errorResponse('No such cohort'),
  },
});

export const ParticipantInput = z
  .object({
    person: Code.openapi({ example: 'P1042' }),
    school: Code.optional().openapi({ description: 'Default: where their post was on the cohort’s start' }),
    post_role: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: 'Default: their post on the cohort’s start' }),
    placement_days: z.number().positive().max(60).optional(),
  })
  .openapi('ProgrammeParticipantInput');
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const addParticipantRoute = createRoute({
  method: 'post',
  path: '/programmes/cohorts/{id}/participants',
  tags: ['programmes'],
  summary:
    'Enrol a person in a cohort (a whole-authority director; an area lead, people from the schools in their area)',
  request: { params: IdParam, body: jsonBody(ParticipantInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Enrolled'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such cohort, person or school'),
    409: errorResponse('Already in the cohort'),
  },
});

export const ParticipantChange = z
  .object({
    status: z.enum(participantStatuses),
    completed_on: IsoDate.nullable(),
    placement_days: z.number().positive().max(60).nullable(),
  })
  .partial()
  .strict()
  .refine(...someField)
  .openapi('ProgrammeParticipantChange');
export type ParticipantChange = z.infer<typeof ParticipantChange>;

export const changeParticipantRoute = createRoute({
  method: 'patch',
  path: '/programmes/participants/{id}',
  tags: ['programmes'],
  summary:
    'Record a participant’s completion or withdrawal, or their placement days (a whole-authority director)',
  request: { params: IdParam, body: jsonBody(ParticipantChange) },
  responses: {
    200: jsonResponse(z.object({ id: z.number().int() }), 'Changed'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such participant'),
  },
});

export const ProgrammeImportReport = z
  .object({
    cohorts: z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    participants: z.object({
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
    }),
    dry_run: z.boolean(),
  })
  .openapi('ProgrammeImportReport');
export type ProgrammeImportReport = z.infer<typeof ProgrammeImportReport>;

const ImportForm = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const importCohortsRoute = createRoute({
  method: 'post',
  path: '/programmes/import',
  tags: ['programmes'],
  summary:
    'Import cohorts and participants from a workbook (sheets Cohorts and Participants); all or nothing',
  description:
    'Cohorts are matched by code and participants by cohort and person; nothing is deleted. Every problem is ' +
    'named by sheet, row and column, and nothing is written from a workbook with any.',
  request: {
    query: DryRunQuery,
    body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } },
  },
  responses: {
    200: jsonResponse(ProgrammeImportReport, 'Imported (or, in a dry run, what would be)'),
    400: errorResponse('No file, or not XLSX'),
    403: errorResponse('Not allowed'),
    422: importRejectedResponse('The workbook has problems; nothing was written'),
  },
});

export const exportCohortsRoute = createRoute({
  method: 'get',
  path: '/programmes/workbook',
  tags: ['programmes'],
  summary:
    'Every cohort and participant as a workbook, in the sheets and columns import reads (a whole-authority director)',
  responses: {
    200: {
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
      description: 'The workbook',
    },
    403: errorResponse('Not allowed'),
  },
});
