// The data elements' API: the elements with the range each value must be in, and setting a range. Zod
// only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse } from '../contract.ts';

const CodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'sessions_attended' }),
});

export const DataElement = z
  .object({
    code: z.string(),
    name: z.string(),
    aggregation: z
      .enum(['sum', 'last', 'average'])
      .openapi({ description: 'How months combine into a longer period' }),
    min_value: z
      .number()
      .nullable()
      .openapi({ description: 'The smallest value an import may give; null: no bound' }),
    max_value: z.number().nullable().openapi({ description: 'The largest; null: no bound' }),
    computed: z
      .boolean()
      .openapi({ description: 'Computed by Headway (never imported), so its range is not used' }),
    outside: z
      .number()
      .int()
      .openapi({ description: 'Stored values outside the range (imported before it was set)' }),
  })
  .openapi('DataElement');
export type DataElement = z.infer<typeof DataElement>;

const ElementRange = z
  .object({
    min_value: z.number().finite().nullable().openapi({ example: 0 }),
    max_value: z.number().finite().nullable().openapi({ example: null }),
  })
  .openapi('ElementRange');
export type ElementRange = z.infer<typeof ElementRange>;

/** A stored value outside an element's new range. */
const ValueOutside = z.object({
  school_code: z.string(),
  school: z.string(),
  period: z.string().openapi({ example: '2026-10' }),
  value: z.number(),
});

const RangeSet = z.object({
  element: DataElement,
  examples: z
    .array(ValueOutside)
    .openapi({ description: 'The first 20 stored values outside the new range, furthest out first' }),
});
export type RangeSet = z.infer<typeof RangeSet>;

export const listDataElementsRoute = createRoute({
  method: 'get',
  path: '/data-elements',
  tags: ['kpi'],
  summary:
    'The data elements, each with the range its values must be in and how many stored values lie outside it',
  responses: { 200: jsonResponse(z.object({ elements: z.array(DataElement) }), 'The elements by code') },
});

export const setElementRangeRoute = createRoute({
  method: 'put',
  path: '/data-elements/{code}/range',
  tags: ['kpi'],
  summary: "Set an element's valid range (audited); says how many stored values now fall outside it",
  description:
    'Imports then refuse a value outside the range by row and column. Values already stored are kept, not ' +
    'changed: the answer counts those outside the new range and lists the first 20, to correct by importing ' +
    'them again.',
  request: { params: CodeParam, body: { required: true, ...jsonBody(ElementRange) } },
  responses: {
    200: jsonResponse(RangeSet, 'The element with its new range, and the stored values outside it'),
    400: errorResponse('The smallest value is above the largest, or the element is computed'),
    404: errorResponse('No such element'),
  },
});
