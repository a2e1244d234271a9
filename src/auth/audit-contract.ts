// The API of the audit log: events searched by who, what, when and which record, a page at a time,
// one event's row changes, and the filtered events as a file. Zod only, so the web takes its types.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, IsoDate, jsonResponse } from '../contract.ts';

const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

/** The filters the list and the export share. */
const AuditFilter = z.object({
  actor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Who: part of the account’s email or name, any case' }),
  action: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'What was done, exactly', example: 'add_user' }),
  entity: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'The kind of record the event is about, exactly', example: 'user' }),
  table: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'Only events that changed a row of this table', example: 'app_user' }),
  object_id: z.string().max(100).optional().openapi({
    description:
      'The record’s id: with `table`, events that changed that row; without, events whose details name this id',
  }),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Text anywhere in who, what, the kind of record or the details, any case' }),
  from: IsoDate.optional().openapi({ description: 'On or after this day (UTC)' }),
  to: IsoDate.optional().openapi({ description: 'On or before this day (UTC)' }),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

const auditEventFields = {
  id: z.number().int(),
  at: z
    .string()
    .openapi({ description: 'When, as an ISO 8601 instant', example: '2026-11-27T09:14:03.512Z' }),
  actor: z.string().openapi({ description: 'Who: an account, a token or the installation’s operator' }),
  action: z.string().openapi({ example: 'import' }),
  entity: z.string().openapi({ example: 'data-values' }),
  details: z
    .unknown()
    .openapi({ description: 'What the event says about itself (counts, the file, the change)' }),
};

export const AuditEvent = z
  .object({ ...auditEventFields, changes: z.number().int().openapi({ description: 'Rows it changed' }) })
  .openapi('AuditEvent');
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditLog = z
  .object({
    total: z.number().int().openapi({ description: 'Events matching the filter, on every page' }),
    page: z.number().int(),
    page_size: z.number().int(),
    events: z.array(AuditEvent),
  })
  .openapi('AuditLog');
export type AuditLog = z.infer<typeof AuditLog>;

export const AuditVocabulary = z.object({
  actions: z.array(z.string()).openapi({ description: 'Every action the log holds, A to Z' }),
  entities: z.array(z.string()).openapi({ description: 'Every kind of record the log names, A to Z' }),
  tables: z.array(z.string()).openapi({ description: 'Every table whose rows the log holds changes of' }),
});
export type AuditVocabulary = z.infer<typeof AuditVocabulary>;

export const AuditEventDetail = z
  .object({
    ...auditEventFields,
    page: z.number().int(),
    page_size: z.number().int(),
    total_changes: z.number().int().openapi({ description: 'Rows the event changed, on every page' }),
    changes: z.array(
      z.object({
        table_name: z.string(),
        operation: z.string().openapi({ example: 'UPDATE' }),
        before: z.unknown().openapi({ description: 'The row before, as JSON (null for an insert)' }),
        after: z.unknown().openapi({ description: 'The row after, as JSON (null for a delete)' }),
      }),
    ),
  })
  .openapi('AuditEventDetail');
export type AuditEventDetail = z.infer<typeof AuditEventDetail>;

export const listAuditEventsRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['access'],
  summary: 'The audit log, newest first, filtered by who, what, when and which record (admin)',
  request: { query: Page.extend(AuditFilter.shape) },
  responses: {
    200: jsonResponse(AuditLog, 'Events with how many rows each changed'),
    400: errorResponse('A filter is not valid (a date that does not exist, `from` after `to`)'),
    403: errorResponse('Not an admin'),
  },
});

export const auditVocabularyRoute = createRoute({
  method: 'get',
  path: '/audit/vocabulary',
  tags: ['access'],
  summary: 'The actions, kinds of record and tables the audit log holds, for its filters (admin)',
  responses: { 200: jsonResponse(AuditVocabulary, 'The words'), 403: errorResponse('Not an admin') },
});

const auditFormats = ['csv', 'xlsx'] as const;

/** The most events one export holds: a narrower filter gets the rest. */
export const AUDIT_EXPORT_LIMIT = 100_000;

export const exportAuditEventsRoute = createRoute({
  method: 'get',
  path: '/audit/export',
  tags: ['access'],
  summary: 'The filtered audit log as CSV or XLSX, newest first (admin; the export is itself audited)',
  description: `At most ${AUDIT_EXPORT_LIMIT.toLocaleString('en-GB')} events; more is refused with a 400 asking for a narrower filter.`,
  request: { query: AuditFilter.extend({ format: z.enum(auditFormats).default('csv') }) },
  responses: {
    200: {
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
      description: 'One row an event: id, at, actor, action, entity, object_id, changes, details (JSON)',
    },
    400: errorResponse('A filter is not valid, or it matches more events than one export holds'),
    403: errorResponse('Not an admin'),
  },
});

export const auditEventRoute = createRoute({
  method: 'get',
  path: '/audit/{id}',
  tags: ['access'],
  summary: 'One audit event with the before and after of every row it changed (admin)',
  description: 'Row changes of pupil results are pupil-level data: reading them is audited as a view.',
  request: { params: IdParam, query: Page },
  responses: {
    200: jsonResponse(AuditEventDetail, 'The event'),
    403: errorResponse('Not an admin'),
    404: errorResponse('No such event'),
  },
});
