// The DHIS2 API's shapes and routes: dataValueSets in (JSON or CSV, codes or UIDs) answered with DHIS2's
// import summary beside Headway's report, dataValueSets out, the code ↔ UID mapping, and the pull's runs.
// Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse, IdParam, jsonBody, jsonResponse, QueryFlag } from '../contract.ts';
import { ImportReport, importRejectedResponse } from '../tabular/contract.ts';
import { dhis2MappingKinds, idSchemes, pullStatuses } from './lists.ts';

export type Dhis2MappingKind = (typeof dhis2MappingKinds)[number];
export type PullStatus = (typeof pullStatuses)[number];

const Uid = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{10}$/, 'is not a DHIS2 UID (11 letters and digits, the first a letter)')
  .openapi({ example: 'fbfJHSPpUQD' });

export const Dhis2Mapping = z
  .object({
    id: z.number().int(),
    kind: z.enum(dhis2MappingKinds),
    code: z.string().openapi({ description: "Headway's code (a school's, a data element's, a combo's)" }),
    uid: Uid,
    name: z.string().nullable().openapi({ description: "DHIS2's name, for the admin's reading" }),
  })
  .openapi('Dhis2Mapping');
export type Dhis2Mapping = z.infer<typeof Dhis2Mapping>;

const MappingInput = z.object({
  kind: z.enum(dhis2MappingKinds),
  code: z.string().trim().min(1).max(100),
  uid: Uid,
  name: z.string().trim().max(200).nullable().optional(),
});
export type MappingInput = z.infer<typeof MappingInput>;

/** Mappings a page lists unless asked for another size. */
export const MAPPING_PAGE = 100;

const MappingList = z.object({
  total: z.number().int().openapi({ description: 'Mappings of the kind that match, over every page' }),
  page: z.number().int(),
  page_size: z.number().int(),
  mappings: z.array(Dhis2Mapping),
  counts: z.record(z.enum(dhis2MappingKinds), z.number().int()),
});
export type MappingList = z.infer<typeof MappingList>;

const MappingQuery = z.object({
  kind: z.enum(dhis2MappingKinds).optional(),
  q: z.string().max(100).optional().openapi({ description: 'Part of a code, UID or name' }),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  page_size: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: `Default ${MAPPING_PAGE}` }),
});
export type MappingQuery = z.infer<typeof MappingQuery>;

export const listMappingsRoute = createRoute({
  method: 'get',
  path: '/dhis2/mappings',
  tags: ['dhis2'],
  summary: "The mapping of Headway's codes to DHIS2 UIDs, by kind",
  request: { query: MappingQuery },
  responses: {
    200: jsonResponse(MappingList, 'The mapping'),
    403: errorResponse('Not allowed'),
  },
});

export const saveMappingRoute = createRoute({
  method: 'put',
  path: '/dhis2/mappings',
  tags: ['dhis2'],
  summary: 'Map one Headway code to a DHIS2 UID (a code already mapped of the kind is changed)',
  request: { body: jsonBody(MappingInput) },
  responses: {
    200: jsonResponse(Dhis2Mapping, 'Saved'),
    400: errorResponse('Not a mapping'),
    403: errorResponse('Not allowed'),
    409: errorResponse('The UID is already mapped to another code of that kind'),
  },
});

export const deleteMappingRoute = createRoute({
  method: 'delete',
  path: '/dhis2/mappings/{id}',
  tags: ['dhis2'],
  summary: 'Remove one mapping',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(z.object({ deleted: z.number().int() }), 'Removed'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such mapping'),
  },
});

const ImportForm = z.object({
  file: z
    .any()
    .openapi({ type: 'string', format: 'binary', description: 'CSV or XLSX: kind, code, uid, name' }),
});

export const importMappingsRoute = createRoute({
  method: 'post',
  path: '/dhis2/mappings/import',
  tags: ['dhis2'],
  summary: 'Import the mapping from a CSV or XLSX file (kind, code, uid, name); all or nothing',
  request: {
    query: DryRunQuery,
    body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } },
  },
  responses: {
    200: jsonResponse(ImportReport, 'Imported (or, in a dry run, what would be)'),
    400: errorResponse('No file, or not CSV or XLSX'),
    403: errorResponse('Not allowed'),
    422: importRejectedResponse('The file has problems; nothing was written'),
  },
});

const SchemeParam = z.enum(idSchemes).optional();

const ImportQuery = DryRunQuery.extend({
  idScheme: SchemeParam.openapi({
    description:
      'How values name things: UID (through the mapping), CODE (Headway codes), or AUTO (the default: a mapped UID, else a code)',
  }),
  dataElementIdScheme: SchemeParam,
  orgUnitIdScheme: SchemeParam,
  categoryOptionComboIdScheme: SchemeParam,
});
export type ImportQuery = z.infer<typeof ImportQuery>;

const Conflict = z.object({
  object: z
    .string()
    .openapi({ description: 'What the problem is about: the id or the column', example: 'S0001' }),
  value: z.string().openapi({ example: 'row 2, column orgUnit: S0009 is not an org unit in Headway' }),
  indexes: z.array(z.number().int()).openapi({ description: 'Which values (0-based) of the payload' }),
});

export const Dhis2ImportSummary = z
  .object({
    responseType: z.literal('ImportSummary'),
    status: z.enum(['SUCCESS', 'ERROR']),
    description: z.string(),
    importCount: z.object({
      imported: z.number().int(),
      updated: z.number().int(),
      ignored: z.number().int().openapi({ description: 'Values Headway already held unchanged' }),
      deleted: z.number().int(),
    }),
    conflicts: z.array(Conflict),
    dataSetComplete: z.union([z.string(), z.literal(false)]).openapi({
      description: "The payload's completeDate, or false",
    }),
    report: ImportReport.nullable().openapi({ description: "Headway's own report (null when refused)" }),
  })
  .openapi('Dhis2ImportSummary');
export type Dhis2ImportSummary = z.infer<typeof Dhis2ImportSummary>;

export const importDataValueSetRoute = createRoute({
  method: 'post',
  path: '/dhis2/dataValueSets',
  tags: ['dhis2'],
  summary:
    'Import a DHIS2 dataValueSets payload (JSON, or the CSV form with Content-Type text/csv); all or nothing',
  description:
    'Set-level dataSet, period, orgUnit, completeDate and attributeOptionCombo, overridden per value; periods in ' +
    "DHIS2's forms (202610; other forms refused by name). Answered with DHIS2's import summary beside Headway's report; " +
    'a payload with any conflict writes nothing and is answered 409 with the conflicts.',
  request: {
    query: ImportQuery,
    body: {
      required: true,
      content: {
        'application/json': { schema: z.unknown() },
        'text/csv': {
          schema: z.string().openapi({
            description:
              'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted',
          }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(Dhis2ImportSummary, 'Imported (or, in a dry run, what would be)'),
    400: errorResponse('Not a dataValueSets payload'),
    403: errorResponse('Not allowed'),
    409: jsonResponse(Dhis2ImportSummary, 'Conflicts; nothing was written'),
  },
});

const Dhis2DataValue = z.object({
  dataElement: z.string(),
  period: z.string(),
  orgUnit: z.string(),
  categoryOptionCombo: z.string(),
  attributeOptionCombo: z.string(),
  value: z.string(),
});

export const Dhis2DataValueSet = z
  .object({
    dataSet: z.string().optional(),
    period: z.string(),
    orgUnit: z.string(),
    dataValues: z.array(Dhis2DataValue),
  })
  .openapi('Dhis2DataValueSet');
export type Dhis2DataValueSet = z.infer<typeof Dhis2DataValueSet>;

const ExportQuery = z.object({
  period: z.string().openapi({
    description: 'A Headway period: a month 2026-10 (DHIS2 202610) or a year 2026 (DHIS2 2026)',
    example: '2026-10',
  }),
  indicator: z.string().optional().openapi({ description: 'Indicator codes, comma-separated' }),
  element: z.string().optional().openapi({ description: 'Data element codes, comma-separated' }),
  orgUnit: z.string().optional().openapi({ description: 'The org unit (default: the authority)' }),
  children: QueryFlag.optional().openapi({ description: "Its schools (default) or the unit's own figure" }),
  idScheme: z
    .enum(['CODE', 'UID'])
    .optional()
    .openapi({ description: 'CODE (default) or UID via the mapping' }),
  dataSet: z.string().optional().openapi({ description: 'The data set to name in the payload' }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export const exportDataValueSetRoute = createRoute({
  method: 'get',
  path: '/dhis2/dataValueSets',
  tags: ['dhis2'],
  summary: "Headway's indicator and element values as a DHIS2 dataValueSets payload (codes or UIDs)",
  request: { query: ExportQuery },
  responses: {
    200: jsonResponse(Dhis2DataValueSet, 'The payload, ready to POST to DHIS2'),
    400: errorResponse('Bad period, unknown indicator or element, or a code without a UID'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such org unit'),
  },
});

export const PullPeriodResult = z.object({
  period: z.string().openapi({ example: '202610' }),
  status: z.enum(['imported', 'failed']),
  values: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  ignored: z.number().int(),
  message: z.string().nullable(),
});
export type PullPeriodResult = z.infer<typeof PullPeriodResult>;

export const PullRun = z
  .object({
    id: z.number().int(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    started_by: z.string(),
    status: z.enum(pullStatuses),
    from_period: z.string(),
    to_period: z.string(),
    periods: z.array(PullPeriodResult),
    message: z.string().nullable(),
  })
  .openapi('Dhis2PullRun');
export type PullRun = z.infer<typeof PullRun>;

const PullOverview = z.object({
  configured: z
    .object({
      url: z.string(),
      dataSet: z.string(),
      orgUnit: z.string(),
      months: z.number().int(),
      everyHours: z.number().nullable(),
      auth: z.enum(['password', 'token']),
    })
    .nullable()
    .openapi({
      description: 'The pull as configured (credentials are never shown); null when not configured',
    }),
  runs: z.array(PullRun),
});
export type PullOverview = z.infer<typeof PullOverview>;

export const listPullsRoute = createRoute({
  method: 'get',
  path: '/dhis2/pulls',
  tags: ['dhis2'],
  summary: 'The pull from DHIS2 as configured, and its last runs',
  responses: {
    200: jsonResponse(PullOverview, 'The configuration (without credentials) and the last 20 runs'),
    403: errorResponse('Not allowed'),
  },
});

const PullInput = z.object({
  from: z
    .string()
    .regex(/^\d{6}$/, 'use a DHIS2 month such as 202609')
    .optional(),
  to: z
    .string()
    .regex(/^\d{6}$/, 'use a DHIS2 month such as 202610')
    .optional(),
});
export type PullInput = z.infer<typeof PullInput>;

export const pullNowRoute = createRoute({
  method: 'post',
  path: '/dhis2/pulls',
  tags: ['dhis2'],
  summary: 'Pull from DHIS2 now: each month of the range imported all or nothing',
  request: { body: jsonBody(PullInput) },
  responses: {
    200: jsonResponse(PullRun, 'The run, with what each period did'),
    400: errorResponse('Bad range, or the pull is not configured'),
    403: errorResponse('Not allowed'),
  },
});
