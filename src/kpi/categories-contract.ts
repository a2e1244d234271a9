// Categories on data values (issue 25): the categories and combinations, giving an element one, and an
// indicator split by a category's options. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse } from '../contract.ts';
import { IndicatorResult } from './contract.ts';

const Named = z.object({ code: z.string(), name: z.string() });

export const ElementCategories = z
  .object({
    element: z.string().openapi({ example: 'pupils_enrolled' }),
    name: z.string(),
    combo: z.string().openapi({ example: 'sex' }),
    aggregation: z.enum(['sum', 'none']).openapi({
      description: "'sum': the element's total is the sum of its options; 'none': it has no total",
    }),
    operands: z.array(z.string()).openapi({
      description: 'The derived elements formulas may use, as #{pupils_enrolled.FEMALE}',
      example: ['pupils_enrolled.FEMALE', 'pupils_enrolled.MALE'],
    }),
  })
  .openapi('ElementCategories');
export type ElementCategories = z.infer<typeof ElementCategories>;

export const Categories = z
  .object({
    categories: z.array(Named.extend({ options: z.array(Named) })),
    combos: z.array(
      Named.extend({
        categories: z.array(z.string()),
        option_combos: z.array(Named).openapi({ description: 'Coded by joining the options: FEMALE_G1' }),
      }),
    ),
    elements: z.array(ElementCategories),
  })
  .openapi('Categories');
export type Categories = z.infer<typeof Categories>;

export const CategoryAssignment = z
  .object({
    combo: z.string().min(1).max(64).openapi({ example: 'sex', description: '"default": no categories' }),
    aggregation: z.enum(['sum', 'none']).default('sum'),
  })
  .openapi('CategoryAssignment');
export type CategoryAssignment = z.infer<typeof CategoryAssignment>;

const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'letters, digits, _ or -, at most 32, no dot');

export const CategoryDefinition = z
  .object({
    name: z.string().trim().min(1).max(120).openapi({ example: 'Language of instruction' }),
    options: z
      .array(z.object({ code, name: z.string().trim().min(1).max(120) }))
      .min(1)
      .max(100)
      .openapi({
        description:
          'In order. Option codes are unique across categories (formulas name them: #{pupils_enrolled.ENGLISH}); an option some value is kept by is never taken away',
        example: [
          { code: 'ENGLISH', name: 'English' },
          { code: 'KISWAHILI', name: 'Kiswahili' },
        ],
      }),
  })
  .openapi('CategoryDefinition');
export type CategoryDefinition = z.infer<typeof CategoryDefinition>;

export const SavedCategory = z
  .object({
    category: z.string(),
    options: z.array(z.string()),
    combos: z.array(z.string()).openapi({ description: 'The combinations containing it, written again' }),
    elements: z.array(z.string()).openapi({ description: 'The elements kept by those, derived again' }),
  })
  .openapi('SavedCategory');

export const ComboDefinition = z
  .object({
    name: z.string().trim().min(1).max(120).openapi({ example: 'Sex and language' }),
    categories: z
      .array(code)
      .min(1)
      .max(4)
      .openapi({ example: ['sex', 'language'] }),
  })
  .openapi('ComboDefinition');
export type ComboDefinition = z.infer<typeof ComboDefinition>;

export const SavedCombo = z
  .object({
    combo: z.string(),
    categories: z.array(z.string()),
    option_combos: z.number().int().openapi({ description: 'How many option combinations it has' }),
  })
  .openapi('SavedCombo');

const codeParam = (example: string) =>
  z.object({ code: code.openapi({ param: { name: 'code', in: 'path' }, example }) });

export const saveCategoryRoute = createRoute({
  method: 'put',
  path: '/categories/{code}',
  tags: ['kpi'],
  summary: 'Define a category of the authority’s own, or change one (audited)',
  description:
    'Options are added, renamed, reordered, or taken away where no value is kept by them. Every ' +
    'combination containing the category gets its option combinations again, and every element kept by ' +
    'one is derived again.',
  request: { params: codeParam('language'), body: { required: true, ...jsonBody(CategoryDefinition) } },
  responses: {
    200: jsonResponse(SavedCategory, 'The category as saved'),
    400: errorResponse('An option another category has, or one that values are kept by'),
  },
});

export const saveComboRoute = createRoute({
  method: 'put',
  path: '/category-combos/{code}',
  tags: ['kpi'],
  summary: 'Define a combination of categories an element can be kept by, or change one (audited)',
  description:
    'Its option combinations are the cross product of its categories’ options, coded by joining theirs ' +
    '(FEMALE_ENGLISH). Its categories change only while no element is kept by it.',
  request: { params: codeParam('sex_language'), body: { required: true, ...jsonBody(ComboDefinition) } },
  responses: {
    200: jsonResponse(SavedCombo, 'The combination as saved'),
    400: errorResponse('A category that does not exist, or a change to one that keeps elements'),
  },
});

export const Breakdown = z
  .object({
    indicator: z.string(),
    org_unit: z.string(),
    period: z.string(),
    category: z.string().openapi({ example: 'sex' }),
    /** The categories this indicator can be split by (every imported element of it has them). */
    categories: z.array(Named),
    total: IndicatorResult,
    options: z.array(IndicatorResult.extend({ option: z.string(), option_name: z.string() })),
  })
  .openapi('Breakdown');
export type Breakdown = z.infer<typeof Breakdown>;

export const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['kpi'],
  summary: 'Categories and their options, category combinations, and the elements kept by them',
  responses: { 200: jsonResponse(Categories, 'The categories') },
});

export const assignCategoriesRoute = createRoute({
  method: 'put',
  path: '/data-elements/{code}/categories',
  tags: ['kpi'],
  summary: "Give a data element a category combination (audited); 'default' takes its categories away",
  description:
    'Imports then need a category_option_combo for each of its values and refuse a value without one. ' +
    'Values stored before as totals are kept. Its options become elements formulas can use: #{code.OPTION}.',
  request: {
    params: z.object({
      code: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'code', in: 'path' }, example: 'pupils_enrolled' }),
    }),
    body: { required: true, ...jsonBody(CategoryAssignment) },
  },
  responses: {
    200: jsonResponse(ElementCategories, 'The element with its combination and the derived elements'),
    400: errorResponse('No such combination, a computed element, or values that would not fit'),
    404: errorResponse('No such element'),
  },
});

export const breakdownRoute = createRoute({
  method: 'get',
  path: '/analytics/breakdown',
  tags: ['kpi'],
  summary: "An indicator for one org unit split by a category's options (by sex, by grade)",
  description:
    "Each option's value is the indicator with every element replaced by that option's values " +
    "(attendance by sex: girls' sessions attended over girls' sessions possible), summed over the " +
    "unit's schools before dividing, with band and trend as for any indicator.",
  request: {
    query: z.object({
      indicator: z.string().openapi({ example: 'attendance_rate' }),
      period: z.string().openapi({ example: '2026-10' }),
      org_unit: z.string().openapi({ example: 'A' }),
      by: z.string().optional().openapi({ example: 'sex', description: 'A category; default: the first' }),
    }),
  },
  responses: {
    200: jsonResponse(Breakdown, 'The whole and each option'),
    400: errorResponse('The indicator is not kept by that category'),
    404: errorResponse('No such indicator or org unit'),
  },
});
