// The inspections API: a school's inspection history, newest first, each graded under its framework.
import { createRoute, z } from '@hono/zod-openapi';
import { AsOfQuery, errorResponse, IsoDate, jsonResponse } from '../contract.ts';

export const InspectionAreaGrade = z.object({
  area: z.string().openapi({ example: 'curriculum_and_teaching' }),
  area_name: z.string().openapi({ example: 'Curriculum and teaching' }),
  grade: z.string().openapi({ example: 'expected_standard' }),
  grade_name: z.string().openapi({ example: 'Expected standard' }),
  /** Where the grade stands on its scale: 1 is the best. */
  rank: z.number().int(),
  good_or_better: z.boolean(),
});
export type InspectionAreaGrade = z.infer<typeof InspectionAreaGrade>;

export const SchoolInspection = z
  .object({
    inspected_on: IsoDate,
    framework: z.string().openapi({ example: 'ofsted-2025' }),
    framework_name: z.string(),
    form: z.enum(['overall', 'report_card']),
    /** A legacy inspection's overall grade (name); null on a report card. */
    overall: z.string().nullable(),
    leadership: z.string().nullable(),
    category: z.enum(['special_measures', 'serious_weaknesses']).nullable(),
    safeguarding: z.enum(['met', 'not_met']).nullable(),
    /** A report card's grade per evaluation area, in the framework's order; areas that do not apply are left out. */
    areas: z.array(InspectionAreaGrade),
    good_or_better: z.boolean().openapi({
      description:
        'Legacy: good or outstanding. Report card: every area at expected standard or better and safeguarding met',
    }),
    /** What the outcome means to rules written for the legacy grades (brokering's needs, NLE eligibility). */
    legacy_overall: z.enum(['outstanding', 'good', 'satisfactory', 'requires_improvement', 'inadequate']),
  })
  .openapi('SchoolInspection');
export type SchoolInspection = z.infer<typeof SchoolInspection>;

export const SchoolInspections = z.object({
  school: z.object({ code: z.string(), name: z.string() }),
  as_of: IsoDate,
  /** Days from the latest inspection to `as_of`; null when never inspected. */
  days_since_last: z.number().int().nullable(),
  inspections: z.array(SchoolInspection),
});
export type SchoolInspections = z.infer<typeof SchoolInspections>;

export const schoolInspectionsRoute = createRoute({
  method: 'get',
  path: '/schools/{code}/inspections',
  tags: ['inspections'],
  summary: "A school's inspection history, newest first, with each area's grade and safeguarding",
  request: { params: z.object({ code: z.string() }), query: AsOfQuery },
  responses: {
    200: jsonResponse(SchoolInspections, "The school's inspections"),
    404: errorResponse('No such school (or not yours)'),
  },
});
