// Teachers where the pupils are: the staffing norms, each school's gap or surplus against them, the
// roll-ups by cluster, area and authority, the degree of randomness (1 − R²) by month, and the scatter.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse, QueryFlag } from '../contract.ts';
import { phases } from '../registry/contract.ts';

const Month = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, 'use YYYY-MM')
  .openapi({ example: '2026-10' });

const MaxRatio = z.number().min(1).max(200).openapi({ description: 'Most pupils per teacher', example: 40 });
const MinTeachers = z
  .number()
  .int()
  .min(0)
  .max(100)
  .openapi({ description: 'Fewest teachers in any school of this kind', example: 2 });

const MaxClassSize = z.number().min(1).max(200).nullable().default(null).openapi({
  description:
    'Most pupils in a class: a teacher per class, each grade ceil(pupils in it / this) classes, where the school reports pupils_enrolled by grade. Null: not used',
  example: 30,
});

export const NormOverride = z.object({
  phase: z.enum(phases).nullable().openapi({ description: 'Null: every phase' }),
  type: z.string().trim().min(1).max(80).nullable().openapi({ description: 'School type; null: every type' }),
  max_ratio: MaxRatio,
  min_teachers: MinTeachers,
  max_class_size: MaxClassSize,
});
export type NormOverride = z.infer<typeof NormOverride>;

export const StaffingNorms = z
  .object({
    default: z.object({ max_ratio: MaxRatio, min_teachers: MinTeachers, max_class_size: MaxClassSize }),
    overrides: z
      .array(NormOverride)
      .max(200)
      .refine(
        (rows) => new Set(rows.map((r) => `${r.phase}|${r.type}`)).size === rows.length,
        'one row per phase and type',
      )
      .refine(
        (rows) => rows.every((r) => r.phase !== null || r.type !== null),
        'an override names a phase or a type',
      )
      .openapi({ description: 'Norms for a phase, a type or both; the most specific applies' }),
  })
  .openapi('StaffingNorms');
export type StaffingNorms = z.infer<typeof StaffingNorms>;
export type StaffingNormsInput = z.input<typeof StaffingNorms>;

export const StaffingNormsView = StaffingNorms.extend({
  types: z.array(z.string()).openapi({ description: 'The school types in the registry, to choose from' }),
  can_edit: z.boolean(),
}).openapi('StaffingNormsView');
export type StaffingNormsView = z.infer<typeof StaffingNormsView>;

export const gapLevels = ['school', 'cluster', 'area', 'authority'] as const;
export const gapStatuses = ['deficit', 'surplus', 'at_norm'] as const;
const gapSortKeys = ['school', 'area', 'pupils', 'teachers', 'required', 'gap', 'ptr'] as const;

export const GapsQuery = z.object({
  month: Month.optional().openapi({ description: 'Default: the latest month with data' }),
  level: z.enum(gapLevels).default('school'),
  area: z.string().max(40).optional(),
  cluster: z.string().max(40).optional(),
  school: z.string().max(40).optional().openapi({ description: 'Only this school (its page)' }),
  phase: z.enum(phases).optional(),
  above: QueryFlag.optional().openapi({
    description: 'true: only schools above the maximum ratio; false: none',
  }),
  status: z
    .enum(gapStatuses)
    .optional()
    .openapi({ description: 'deficit, surplus or at the norm (schools only)' }),
  sort: z.enum(gapSortKeys).default('gap'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(2000).default(50),
});
export type GapsQuery = z.infer<typeof GapsQuery>;

export const SchoolGap = z
  .object({
    code: z.string(),
    name: z.string(),
    phase: z.enum(phases),
    type: z.string().nullable(),
    area: z.string().nullable(),
    area_name: z.string().nullable(),
    cluster: z.string().nullable(),
    cluster_name: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    pupils: z.number(),
    teachers: z.number(),
    teachers_from: z.enum(['data', 'posts']).openapi({
      description:
        "Where the teachers in post come from: the school's teachers_in_post value, or (where it reports none) the registry's teacher posts held on the month's last day, as full-time equivalents",
    }),
    ptr: z.number().nullable().openapi({ description: 'Pupils per teacher; null with no teacher' }),
    max_ratio: z.number().openapi({ description: "The norm's maximum ratio for this school" }),
    min_teachers: z.number().int(),
    classes: z.number().int().nullable().openapi({
      description:
        "Classes by the norm's class size, summed over the school's grades; null where the norm sets no class size or the school reports no enrolment by grade",
    }),
    required: z.number().int().openapi({
      description: 'max(minimum, ceil(pupils / maximum ratio), classes): a teacher per class where counted',
    }),
    gap: z.number().openapi({ description: 'Required less in post: above 0 a deficit, below 0 a surplus' }),
    above: z.boolean().openapi({ description: 'Above the maximum pupil-teacher ratio' }),
  })
  .openapi('SchoolGap');
export type SchoolGap = z.infer<typeof SchoolGap>;

export const UnitGap = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    schools: z.number().int().openapi({ description: 'Schools that reported pupils and teachers' }),
    schools_above: z.number().int(),
    pupils_above: z.number(),
    pupils: z.number(),
    teachers: z.number(),
    required: z.number(),
    deficit: z.number().openapi({ description: 'Teachers short of the norm, over the schools below it' }),
    surplus: z.number().openapi({ description: 'Teachers over the norm, over the schools above it' }),
    ptr_p10: z.number().nullable(),
    ptr_median: z.number().nullable(),
    ptr_p90: z.number().nullable(),
    ptr_spread: z.number().nullable().openapi({ description: 'P90 / P10' }),
    randomness: z.number().nullable().openapi({
      description:
        '1 − R² of teachers on pupils, fitted within each phase and averaged by schools; null where no phase has 3 schools',
    }),
  })
  .openapi('UnitGap');
export type UnitGap = z.infer<typeof UnitGap>;

export const Gaps = z
  .object({
    month: z.string(),
    months: z.array(z.string()).openapi({ description: 'Months with data, latest first' }),
    level: z.enum(gapLevels),
    summary: UnitGap.nullable().openapi({ description: 'The schools asked about together' }),
    units: z
      .array(UnitGap)
      .openapi({ description: 'Clusters, areas or the authority (level other than school)' }),
    schools: z.array(SchoolGap).openapi({ description: 'One page of schools (level school)' }),
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
  })
  .openapi('TeacherGaps');
export type Gaps = z.infer<typeof Gaps>;

export const RandomnessQuery = z.object({
  phase: z.enum(phases).optional(),
  area: z.string().max(40).optional(),
  months: z.coerce.number().int().min(1).max(60).default(12).openapi({ description: 'How many months back' }),
});
export type RandomnessQuery = z.infer<typeof RandomnessQuery>;

export const RandomnessSeries = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  points: z.array(
    z.object({
      month: z.string(),
      schools: z.number().int(),
      randomness: z.number().nullable(),
    }),
  ),
});
export type RandomnessSeries = z.infer<typeof RandomnessSeries>;

export const Randomness = z
  .object({ months: z.array(z.string()), series: z.array(RandomnessSeries) })
  .openapi('TeacherRandomness');
export type Randomness = z.infer<typeof Randomness>;

export const ScatterQuery = z.object({
  month: Month.optional(),
  area: z.string().max(40).optional(),
  phase: z.enum(phases).optional(),
});
export type ScatterQuery = z.infer<typeof ScatterQuery>;

export const Scatter = z
  .object({
    month: z.string(),
    max_ratio: z
      .number()
      .nullable()
      .openapi({ description: "The norm's ratio when every school shares one" }),
    min_teachers: z.number().nullable(),
    randomness: z.number().nullable(),
    points: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        pupils: z.number(),
        teachers: z.number(),
        required: z.number().int(),
        above: z.boolean(),
      }),
    ),
  })
  .openapi('TeacherScatter');
export type Scatter = z.infer<typeof Scatter>;

export const normsRoute = createRoute({
  method: 'get',
  path: '/teachers/norms',
  tags: ['teachers'],
  summary: 'The staffing norms: the default and the overrides by phase and school type',
  responses: { 200: jsonResponse(StaffingNormsView, 'The norms') },
});

export const setNormsRoute = createRoute({
  method: 'put',
  path: '/teachers/norms',
  tags: ['teachers'],
  summary: 'Replace the staffing norms (a director, analyst or admin for the whole authority)',
  request: { body: jsonBody(StaffingNorms) },
  responses: {
    200: jsonResponse(StaffingNormsView, 'The norms now'),
    403: errorResponse('Not for this role'),
  },
});

export const gapsRoute = createRoute({
  method: 'get',
  path: '/teachers/gaps',
  tags: ['teachers'],
  summary: "Each school's teachers against the norm, or the roll-up by cluster, area or authority",
  request: { query: GapsQuery },
  responses: { 200: jsonResponse(Gaps, 'The gaps'), 404: errorResponse('Area or cluster not in scope') },
});

export const randomnessRoute = createRoute({
  method: 'get',
  path: '/teachers/randomness',
  tags: ['teachers'],
  summary:
    'The degree of randomness (1 − R² of teachers on pupils) by month, for the authority and each area',
  request: { query: RandomnessQuery },
  responses: { 200: jsonResponse(Randomness, 'By month'), 404: errorResponse('Area not in scope') },
});

export const scatterRoute = createRoute({
  method: 'get',
  path: '/teachers/scatter',
  tags: ['teachers'],
  summary: 'Each school as a point, pupils against teachers, with the norm',
  request: { query: ScatterQuery },
  responses: { 200: jsonResponse(Scatter, 'The points'), 404: errorResponse('Area not in scope') },
});
