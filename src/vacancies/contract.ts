// The vacancy register's API: headship and deputy headship vacancies, their cover, recruitment rounds
// and appointment (/vacancies).
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowId } from '../contract.ts';
import { importRejectedResponse } from '../tabular/contract.ts';
import { roundOutcomes, vacancyPosts, vacancyReasons, vacancyStatuses } from './lists.ts';

export const VacancyPost = z.enum(vacancyPosts);
export type VacancyPost = z.infer<typeof VacancyPost>;
export const VacancyReason = z.enum(vacancyReasons);
export type VacancyReason = z.infer<typeof VacancyReason>;
export const RoundOutcome = z.enum(roundOutcomes);
export type RoundOutcome = z.infer<typeof RoundOutcome>;
export const VacancyStatus = z.enum(vacancyStatuses);
export type VacancyStatus = z.infer<typeof VacancyStatus>;

const Code = z.string().trim().min(1).max(40);
const Count = z.number().int().min(0).max(10_000);

export const VacancyInput = z
  .object({
    school: Code,
    post_role: VacancyPost,
    opened_on: IsoDate,
    reason: VacancyReason,
    leaving_person: Code.optional().openapi({ description: 'Person code of the leaver' }),
    cover_deployment: RowId.optional().openapi({
      description: 'A brokering deployment of an interim, acting or executive head to this school',
    }),
    cover_person: Code.optional().openapi({ description: 'Person code of an acting head from the school' }),
    notes: z.string().max(4000).default(''),
  })
  .openapi('VacancyInput');
export type VacancyInput = z.input<typeof VacancyInput>;

export const CoverInput = z
  .object({
    cover_deployment: RowId.nullable().optional(),
    cover_person: Code.nullable().optional(),
  })
  .openapi('VacancyCoverInput');
export type CoverInput = z.input<typeof CoverInput>;

const roundFields = {
  advertised_on: IsoDate,
  closes_on: IsoDate,
  applications: Count,
  shortlisted: Count,
  interviewed: Count,
  outcome: RoundOutcome,
  panel: z.string().max(2000).openapi({ description: 'Who sat on the panel' }),
  governors_on_panel: z.number().int().min(0).max(20),
};

export const RoundInput = z
  .object({
    ...roundFields,
    applications: Count.default(0),
    shortlisted: Count.default(0),
    interviewed: Count.default(0),
    outcome: RoundOutcome.default('open'),
    panel: roundFields.panel.default(''),
    governors_on_panel: roundFields.governors_on_panel.default(0),
  })
  .openapi('VacancyRoundInput');
export type RoundInput = z.input<typeof RoundInput>;

// No defaults: a field left out of a change keeps its value.
export const RoundEdit = z.object(roundFields).partial().openapi('VacancyRoundEdit');
export type RoundEdit = z.input<typeof RoundEdit>;

export const AppointmentInput = z
  .object({
    person: Code.openapi({ description: 'Person code of the appointee (in the registry)' }),
    appointed_on: IsoDate.openapi({ description: 'The day the appointment was made' }),
    starts_on: IsoDate.openapi({ description: 'The day the appointee takes up the post' }),
  })
  .openapi('VacancyAppointmentInput');
export type AppointmentInput = z.input<typeof AppointmentInput>;

export const WithdrawInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .openapi({ description: 'Why the post is no longer to be filled (a federation, the leaver stayed…)' }),
    withdrawn_on: IsoDate.optional().openapi({ description: 'The day it was withdrawn; today if left out' }),
  })
  .openapi('VacancyWithdrawInput');
export type WithdrawInput = z.input<typeof WithdrawInput>;

const Named = z.object({ code: z.string(), name: z.string() });

export const VacancyRound = z.object({
  id: z.number().int(),
  number: z.number().int(),
  advertised_on: IsoDate,
  closes_on: IsoDate,
  applications: z.number().int(),
  shortlisted: z.number().int(),
  interviewed: z.number().int(),
  outcome: RoundOutcome,
  panel: z.string(),
  governors_on_panel: z.number().int(),
});
export type VacancyRound = z.infer<typeof VacancyRound>;

export const VacancySummary = z
  .object({
    id: z.number().int(),
    school: Named,
    area: Named.nullable(),
    phase: z.string(),
    post_role: VacancyPost,
    opened_on: IsoDate,
    reason: VacancyReason,
    status: VacancyStatus,
    cover: z
      .object({
        kind: z.enum(['deployment', 'acting_head']),
        person: Named,
        role: z.string().openapi({ description: "The deployment's role, or acting_head" }),
        deployment_id: z.number().int().nullable(),
        starts_on: IsoDate.nullable().openapi({
          description: "The deployment's dates; null for an acting head",
        }),
        ends_on: IsoDate.nullable(),
      })
      .nullable(),
    rounds: z.number().int(),
    applications: z.number().int().openapi({ description: 'Across all rounds' }),
    appointed: Named.nullable(),
    appointed_on: IsoDate.nullable(),
    days_to_fill: z.number().int().nullable().openapi({ description: 'Opened to appointment, in days' }),
    filled_first_time: z.boolean().nullable(),
  })
  .openapi('VacancySummary');
export type VacancySummary = z.infer<typeof VacancySummary>;

export const Vacancy = VacancySummary.extend({
  leaving: Named.nullable(),
  notes: z.string(),
  appointed_starts_on: IsoDate.nullable(),
  withdrawn_on: IsoDate.nullable(),
  withdrawn_reason: z.string().nullable(),
  created_by: z.string(),
  round_list: z.array(VacancyRound),
}).openapi('Vacancy');
export type Vacancy = z.infer<typeof Vacancy>;

export const vacancySorts = ['opened_on', '-opened_on', 'school', 'days_to_fill', '-days_to_fill'] as const;

export const VacancyFilter = z.object({
  school: z.string().optional(),
  area: z.string().optional(),
  phase: z.string().optional(),
  post_role: VacancyPost.optional(),
  status: VacancyStatus.optional(),
  reason: VacancyReason.optional(),
  sort: z.enum(vacancySorts).default('-opened_on'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type VacancyFilter = z.input<typeof VacancyFilter>;

export const VacancyPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  summary: z.object({
    open: z.number().int(),
    under_cover: z.number().int().openapi({ description: 'Open vacancies with cover arranged' }),
    filled: z.number().int(),
    filled_first_time: z.number().int(),
    median_days_to_fill: z.number().nullable(),
    applications_per_headship: z
      .number()
      .nullable()
      .openapi({ description: 'Applications per headship round advertised (deputy posts not counted)' }),
  }),
  vacancies: z.array(VacancySummary),
});
export type VacancyPage = z.infer<typeof VacancyPage>;

const Created = z.object({ id: z.number().int() });

export const listVacanciesRoute = createRoute({
  method: 'get',
  path: '/vacancies',
  tags: ['vacancies'],
  summary: 'The vacancy register: headships and deputy headships in scope, filtered, sorted and paged',
  request: { query: VacancyFilter },
  responses: {
    200: jsonResponse(VacancyPage, 'One page of vacancies, with the figures of the whole filter'),
    404: errorResponse('A school or area not in scope'),
  },
});

export const openVacancyRoute = createRoute({
  method: 'post',
  path: '/vacancies',
  tags: ['vacancies'],
  summary: 'Open a vacancy (a director, or an area lead for their area)',
  request: { body: jsonBody(VacancyInput) },
  responses: {
    201: jsonResponse(Created, 'The vacancy'),
    400: errorResponse('A field that is not valid'),
    403: errorResponse('Not a role that records vacancies'),
    404: errorResponse('A school not in scope'),
  },
});

export const vacancyRoute = createRoute({
  method: 'get',
  path: '/vacancies/{id}',
  tags: ['vacancies'],
  summary: 'One vacancy with its rounds',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Vacancy, 'The vacancy'), 404: errorResponse('No such vacancy in scope') },
});

export const setCoverRoute = createRoute({
  method: 'put',
  path: '/vacancies/{id}/cover',
  tags: ['vacancies'],
  summary: 'Arrange (or clear) the cover: a deployment, or an acting head from the school',
  request: { params: IdParam, body: jsonBody(CoverInput) },
  responses: {
    200: jsonResponse(Vacancy, 'The vacancy'),
    400: errorResponse('Both kinds of cover named, or a deployment to another school'),
    403: errorResponse('Not a role that records vacancies'),
    404: errorResponse('No such vacancy in scope'),
  },
});

export const addRoundRoute = createRoute({
  method: 'post',
  path: '/vacancies/{id}/rounds',
  tags: ['vacancies'],
  summary:
    'Record a recruitment round (the next number; after a round not appointed it is a readvertisement)',
  request: { params: IdParam, body: jsonBody(RoundInput) },
  responses: {
    201: jsonResponse(Vacancy, 'The vacancy with the round'),
    400: errorResponse('Counts that do not add up, dates out of order, or a round still open'),
    403: errorResponse('Not a role that records vacancies'),
    404: errorResponse('No such vacancy in scope'),
  },
});

export const editRoundRoute = createRoute({
  method: 'patch',
  path: '/vacancies/{id}/rounds/{number}',
  tags: ['vacancies'],
  summary: "Change a round's counts, panel or outcome",
  request: {
    params: z.object({ id: IdParam.shape.id, number: z.coerce.number().int().min(1).max(100) }),
    body: jsonBody(RoundEdit),
  },
  responses: {
    200: jsonResponse(Vacancy, 'The vacancy'),
    400: errorResponse('Counts that do not add up'),
    403: errorResponse('Not a role that records vacancies'),
    404: errorResponse('No such vacancy or round in scope'),
  },
});

export const appointRoute = createRoute({
  method: 'post',
  path: '/vacancies/{id}/appointment',
  tags: ['vacancies'],
  summary: 'Record the appointment: the last round becomes appointed and the post is written in the registry',
  request: { params: IdParam, body: jsonBody(AppointmentInput) },
  responses: {
    200: jsonResponse(Vacancy, 'The vacancy, filled'),
    400: errorResponse('No round, a date before the vacancy opened, or not a person in the registry'),
    403: errorResponse('Not a role that records vacancies'),
    404: errorResponse('No such vacancy in scope'),
    409: errorResponse('Already filled or withdrawn'),
  },
});

export const withdrawVacancyRoute = createRoute({
  method: 'post',
  path: '/vacancies/{id}/withdraw',
  tags: ['vacancies'],
  summary:
    'Withdraw an open vacancy (the post is not to be filled), with the reason and day; an open round closes not appointed',
  request: { params: IdParam, body: jsonBody(WithdrawInput) },
  responses: {
    200: jsonResponse(Vacancy, 'The vacancy, withdrawn'),
    400: errorResponse('No reason, or a day before the vacancy opened or after today'),
    403: errorResponse('Not a role that records vacancies'),
    404: errorResponse('No such vacancy in scope'),
    409: errorResponse('Already filled or withdrawn'),
  },
});

const ImportCounts = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const VacancyImportReport = z
  .object({ vacancies: ImportCounts, rounds: ImportCounts, dry_run: z.boolean() })
  .openapi('VacancyImportReport');
export type VacancyImportReport = z.infer<typeof VacancyImportReport>;

const ImportForm = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const importVacanciesRoute = createRoute({
  method: 'post',
  path: '/vacancies/import',
  tags: ['vacancies'],
  summary: 'Import the vacancy register from a workbook (sheets Vacancies and Rounds); all or nothing',
  description:
    'A vacancy is matched by school, post and the day it opened, a round by its vacancy and number; nothing is ' +
    'deleted and an empty cell keeps what is stored. Appointments are recorded on a vacancy (they write the ' +
    "registry's post), not imported. Every problem is named by sheet, row and column, and nothing is written " +
    'from a workbook with any. Schools outside the caller’s scope are refused by row.',
  request: {
    query: DryRunQuery,
    body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } },
  },
  responses: {
    200: jsonResponse(VacancyImportReport, 'Imported (or, in a dry run, what would be)'),
    400: errorResponse('No file, or not XLSX'),
    403: errorResponse('Not allowed'),
    422: importRejectedResponse('The workbook has problems; nothing was written'),
  },
});

export const exportVacanciesRoute = createRoute({
  method: 'get',
  path: '/vacancies/workbook',
  tags: ['vacancies'],
  summary: 'The vacancy register the caller may record, as a workbook in the sheets and columns import reads',
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
