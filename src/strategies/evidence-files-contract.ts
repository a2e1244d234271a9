// Evidence files on an action: their listing, the upload and the download.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam } from '../contract.ts';

export const EvidenceFile = z
  .object({
    id: z.number().int(),
    name: z.string(),
    content_type: z.string(),
    size: z.number().int().openapi({ description: 'Bytes' }),
    added_on: z.string(),
    author: z.string(),
  })
  .openapi('EvidenceFile');
export type EvidenceFile = z.infer<typeof EvidenceFile>;

const FileForm = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const addEvidenceFileRoute = createRoute({
  method: 'post',
  path: '/strategies/actions/{id}/files',
  tags: ['strategies'],
  summary: 'Attach a file to an action as evidence: a PDF, an image or an office document of at most 10 MB',
  request: {
    params: IdParam,
    body: { required: true, content: { 'multipart/form-data': { schema: FileForm } } },
  },
  responses: {
    201: {
      content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
      description: 'Attached',
    },
    400: errorResponse('No file, empty, too big, or not a type kept as evidence'),
    403: errorResponse('Only the action’s lead and those above may add evidence'),
    404: errorResponse('No such action the caller may see'),
  },
});

export const listEvidenceFilesRoute = createRoute({
  method: 'get',
  path: '/strategies/actions/{id}/files',
  tags: ['strategies'],
  summary: 'An action’s evidence files, newest first',
  request: { params: IdParam },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ files: z.array(EvidenceFile) }) } },
      description: 'The files',
    },
    404: errorResponse('No such action the caller may see'),
  },
});

export const evidenceFileRoute = createRoute({
  method: 'get',
  path: '/strategies/files/{id}',
  tags: ['strategies'],
  summary: 'Download an evidence file',
  request: { params: IdParam },
  responses: {
    200: {
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      description: 'The file',
    },
    404: errorResponse('No such file, or its strategy is not one the caller may see'),
  },
});
