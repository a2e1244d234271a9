// A whole plan as a workbook: the sheets and their columns (what export writes and import reads), the
// import's answer, and the routes.
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse } from '../contract.ts';
import { importRejectedResponse } from '../tabular/contract.ts';

/** Each sheet's columns, in order; the required ones first. */
export const planSheets = {
  Strategy: { all: ['code', 'name', 'purpose', 'scope', 'lead'], required: ['code', 'name', 'scope'] },
  Strands: { all: ['code', 'name', 'purpose', 'lead'], required: ['code', 'name'] },
  Actions: {
    all: ['strand', 'code', 'parent', 'title', 'purpose', 'lead', 'groups', 'status', 'status_reason'],
    required: ['strand', 'code', 'title'],
  },
  Milestones: { all: ['action', 'title', 'due_on', 'done_on'], required: ['action', 'title', 'due_on'] },
  Measures: {
    all: [
      'strand',
      'action',
      'indicator',
      'org_unit',
      'baseline_value',
      'baseline_period',
      'target_value',
      'target_period',
      'trajectory',
      'tolerance',
    ],
    required: ['indicator', 'baseline_value', 'baseline_period', 'target_value', 'target_period'],
  },
} as const;
export type PlanSheet = keyof typeof planSheets;

const Counts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const PlanImportReport = z
  .object({
    strategy: z.string(),
    created: z.boolean().openapi({ description: 'A new strategy (else an existing one, updated by code)' }),
    dry_run: z.boolean(),
    sheets: z.object({
      strands: Counts,
      actions: Counts,
      milestones: Counts,
      measures: Counts,
      statuses: z.number().int().openapi({ description: 'Status updates recorded (a status that differs)' }),
    }),
    left: z
      .object({
        strands: z.number().int(),
        actions: z.number().int(),
      })
      .openapi({ description: 'In Headway but not in the workbook: left as they are, never deleted' }),
  })
  .openapi('PlanImportReport');
export type PlanImportReport = z.infer<typeof PlanImportReport>;

const ImportForm = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const importPlanRoute = createRoute({
  method: 'post',
  path: '/strategies/import',
  tags: ['strategies'],
  summary:
    'Create or update a whole plan from a workbook (Strategy, Strands, Actions, Milestones, Measures); all or nothing',
  description:
    'Strands and actions are matched by code; those missing from the workbook are left as they are (never deleted). ' +
    'Every problem is named by sheet, row and column, and nothing is written from a workbook with any.',
  request: {
    query: DryRunQuery,
    body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: PlanImportReport } },
      description: 'Imported (or, in a dry run, what would be)',
    },
    400: errorResponse('No file, or not XLSX'),
    403: errorResponse('The caller may not set up or change this strategy'),
    422: importRejectedResponse('The workbook has problems; nothing was written'),
  },
});

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const exportPlanRoute = createRoute({
  method: 'get',
  path: '/strategies/{code}/workbook',
  tags: ['strategies'],
  summary: 'The whole plan as a workbook, in the sheets and columns import reads',
  request: { params: z.object({ code: z.string().min(1).max(40) }) },
  responses: {
    200: {
      content: { [xlsx]: { schema: z.string().openapi({ format: 'binary' }) } },
      description: 'The workbook',
    },
    404: errorResponse('No such strategy the caller may see'),
  },
});

export const planTemplateRoute = createRoute({
  method: 'get',
  path: '/strategies/workbook-template',
  tags: ['strategies'],
  summary: 'An empty plan workbook: the sheets with their headings, and a sheet describing every column',
  responses: {
    200: {
      content: { [xlsx]: { schema: z.string().openapi({ format: 'binary' }) } },
      description: 'The template',
    },
  },
});
