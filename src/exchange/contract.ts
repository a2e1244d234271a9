// The API for files: import any kind all or nothing, export any kind in its import format. Zod only (no
// server code), so the web app imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse, jsonResponse } from '../contract.ts';
import { ImportReport, importRejectedResponse } from '../tabular/contract.ts';
import { exchangeKindNames } from './lists.ts';

export type ExchangeKindName = (typeof exchangeKindNames)[number];

const tableFormats = ['csv', 'xlsx'] as const;

const KindParam = z.object({
  kind: z.enum(exchangeKindNames).openapi({ param: { name: 'kind', in: 'path' } }),
});

/** The largest file an import takes. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const ImportForm = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const importFileRoute = createRoute({
  method: 'post',
  path: '/imports/{kind}',
  tags: ['files'],
  summary: 'Import a CSV or XLSX file (or YAML for indicators); all or nothing',
  description:
    'Checks every row first. If any row is bad nothing is written and the answer is 422 with the problems: ' +
    'the first 1,000 in row order with row, column and reason, and the rest counted by column and reason. ' +
    'Rows are upserted by their key, so importing the same file twice changes nothing.',
  request: {
    params: KindParam,
    query: z.object({
      dry_run: DryRunQuery.shape.dry_run.openapi({ description: 'Check and count without writing' }),
    }),
    body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: ImportReport } },
      description: 'Imported (or, in a dry run, what would be)',
    },
    400: errorResponse('No file, or not CSV/XLSX'),
    422: importRejectedResponse('The file has problems, or cannot be read; nothing was written'),
  },
});

/** An answer that is a CSV or an XLSX file. */
const tableFile = (description: string) => ({
  content: {
    'text/csv': { schema: z.string() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: z.string().openapi({ format: 'binary' }),
    },
  },
  description,
});

export const exportKindRoute = createRoute({
  method: 'get',
  path: '/exports/{kind}',
  tags: ['files'],
  summary: 'Export in the import format, as CSV or XLSX',
  request: { params: KindParam, query: z.object({ format: z.enum(tableFormats).default('csv') }) },
  responses: {
    200: tableFile('The file'),
  },
});

export const importTemplateRoute = createRoute({
  method: 'get',
  path: '/imports/{kind}/template',
  tags: ['files'],
  summary:
    'A template to fill in for an import kind: XLSX with each column described and the codes you may use',
  description:
    'XLSX: the first sheet has the headings and an example row (replace it: every row there is imported), with a ' +
    'drop-down where a column takes codes from a list; the "Columns" sheet says of each column whether it is ' +
    'required, its format, what it means and an example; further sheets list the codes the caller may use ' +
    "(their schools with their areas, the data elements with their valid ranges, recent months, the kind's fixed " +
    'values). CSV: the header line alone. Given to those who may import the kind (a head: data values, for ' +
    'their own school).',
  request: { params: KindParam, query: z.object({ format: z.enum(tableFormats).default('xlsx') }) },
  responses: {
    200: tableFile('The template'),
    403: errorResponse('The caller may not import this kind'),
  },
});

const FormatColumn = z.object({
  name: z.string(),
  required: z.boolean(),
  format: z.string().openapi({ example: "a month: YYYY-MM (or DHIS2's YYYYMM)" }),
  meaning: z.string(),
  example: z.string(),
});

export const ImportFormat = z
  .object({
    kind: z.enum(exchangeKindNames),
    columns: z.array(FormatColumn),
    may_import: z
      .boolean()
      .openapi({ description: 'Whether the caller may import this kind (and download its template)' }),
  })
  .openapi('ImportFormat');
export type ImportFormat = z.infer<typeof ImportFormat>;

export const importFormatsRoute = createRoute({
  method: 'get',
  path: '/imports/formats',
  tags: ['files'],
  summary: "Every import kind's columns: required or not, format, meaning and an example",
  description: 'The same descriptions as the "Columns" sheet of each template, in import order.',
  responses: { 200: jsonResponse(z.object({ kinds: z.array(ImportFormat) }), 'The kinds in import order') },
});
