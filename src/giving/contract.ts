// Give and receive, measured (issue 24): every school gives and receives support. A school's year (what
// it gave and received), the roll-up by level with the "gave and received" share against its target, a
// trust's own picture, and the support between schools as a spreadsheet (/giving).
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';
import { Specialist } from '../specialists/contract.ts';

const Code = z.string().trim().min(1).max(40);
const Year = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .openapi({
    description: 'The academic year, e.g. 2025-26; the current one when left out',
    example: '2025-26',
  });

export const givingStatuses = ['both', 'only_gave', 'only_received', 'neither'] as const;
export const GivingStatus = z.enum(givingStatuses);
export type GivingStatus = z.infer<typeof GivingStatus>;

export const givingLevels = ['authority', 'area', 'cluster', 'trust'] as const;

const Counts = {
  schools: z.number().int().openapi({ description: 'Schools open in the year' }),
  both: z.number().int().openapi({ description: 'Schools that both gave and received support' }),
  only_gave: z.number().int(),
  only_received: z.number().int(),
  neither: z.number().int(),
  strong: z
    .number()
    .int()
    .openapi({ description: 'Strong schools: judged good or better at the latest inspection' }),
  strong_never_gave: z.number().int(),
};

export const GivingUnit = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    ...Counts,
    share_both: z.number().nullable().openapi({ description: 'Schools that gave and received, %' }),
    band: z.enum(['red', 'amber', 'green']).nullable(),
    target: z.number().nullable().openapi({ description: "The unit's target for the share, % (the year's)" }),
  })
  .openapi('GivingUnit');
export type GivingUnit = z.infer<typeof GivingUnit>;

export const GivingSchool = z
  .object({
    code: z.string(),
    name: z.string(),
    area_code: z.string().nullable(),
    area_name: z.string().nullable(),
    status: GivingStatus,
    deployments_given: z.number().int().openapi({ description: 'Deployments of its staff to other schools' }),
    placements_hosted: z.number().int().openapi({ description: 'Programme placements it hosted' }),
    days_given: z
      .number()
      .openapi({ description: 'Days logged in the year on what it gave (placements: days agreed)' }),
    deployments_received: z.number().int(),
    days_received: z.number(),
    strong: z.string().nullable().openapi({ description: 'Why the school is strong; null when it is not' }),
  })
  .openapi('GivingSchool');
export type GivingSchool = z.infer<typeof GivingSchool>;

export const GivingQuery = z.object({
  year: Year.optional(),
  level: z.enum(givingLevels).default('area').openapi({ description: 'The units the table lists' }),
  area: Code.optional().openapi({ description: 'Only this area (its clusters, its schools)' }),
});
export type GivingQuery = z.input<typeof GivingQuery>;

const YearSpan = {
  year: z.string(),
  starts_on: z.string(),
  ends_on: z.string(),
};

export const GivingRollup = z
  .object({
    ...YearSpan,
    indicator: z.string().openapi({ description: 'The KPI indicator the share is (its code)' }),
    top: GivingUnit.openapi({
      description: 'The whole of what the caller sees: the authority, or their area',
    }),
    units: z.array(GivingUnit),
    schools: z.array(GivingSchool).openapi({ description: 'Every school in scope (and the area asked for)' }),
  })
  .openapi('GivingRollup');
export type GivingRollup = z.infer<typeof GivingRollup>;

export const SupportFlow = z
  .object({
    source: z.enum(['deployment', 'placement']),
    id: z.number().int(),
    kind: z.string().openapi({ description: 'The kind of support (a need kind, or the placement kind)' }),
    given_by: z
      .string()
      .nullable()
      .openapi({ description: "The leader's school on the first day; null: none" }),
    given_by_name: z.string().nullable(),
    received_by: z.string().nullable().openapi({ description: 'The school supported; null for a placement' }),
    received_by_name: z.string().nullable(),
    person: z.string(),
    person_name: z.string(),
    starts_on: z.string(),
    ends_on: z.string(),
    status: z.string(),
    days_agreed: z.number(),
    days_in_period: z
      .number()
      .openapi({ description: 'Days logged in the year (a placement: its days agreed)' }),
  })
  .openapi('SupportFlow');
export type SupportFlow = z.infer<typeof SupportFlow>;

export const SchoolGiving = z
  .object({
    ...YearSpan,
    school: GivingSchool,
    gave: z.array(SupportFlow),
    received: z.array(SupportFlow),
  })
  .openapi('SchoolGiving');
export type SchoolGiving = z.infer<typeof SchoolGiving>;

export const TrustLeader = z
  .object({
    person: z.string(),
    name: z.string(),
    school: z.string(),
    school_name: z.string(),
    designations: z.array(z.string()),
    deployments: z.number().int().openapi({ description: 'Deployments in the year' }),
    days: z.number().openapi({ description: 'Days logged in the year' }),
  })
  .openapi('TrustLeader');
export type TrustLeader = z.infer<typeof TrustLeader>;

export const TrustGiving = z
  .object({
    ...YearSpan,
    trust: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
    summary: z.object(Counts),
    needs_met_within: z.number().int().openapi({
      description: "Deployments into the trust's schools led from another school of the trust",
    }),
    needs_met_outside: z
      .number()
      .int()
      .openapi({ description: 'Deployments into them led from outside the trust' }),
    days_within: z.number(),
    days_outside: z.number(),
    schools: z.array(
      GivingSchool.extend({
        judgement: z.string().nullable().openapi({ description: 'The latest inspection outcome, in words' }),
        inspected_on: z.string().nullable(),
        stage: z
          .string()
          .nullable()
          .openapi({ description: 'Its stage of the improvement journey on the day (src/stages/)' }),
        stage_reasons: z.array(z.string()),
      }),
    ),
    stages: z
      .array(z.object({ stage: z.string(), schools: z.number().int() }))
      .openapi({ description: "How many of the trust's schools are at each stage, in the stages' order" }),
    received: z.array(SupportFlow.extend({ within: z.boolean() })),
    leaders: z
      .array(TrustLeader)
      .openapi({ description: "The trust's own system leaders: designated, at its schools" }),
    specialists: z.array(Specialist).openapi({
      description:
        "The trust's own specialists (SLEs, outstanding teachers, support-staff leaders) with their specialisms and free days",
    }),
  })
  .openapi('TrustGiving');
export type TrustGiving = z.infer<typeof TrustGiving>;

export const givingRoute = createRoute({
  method: 'get',
  path: '/giving',
  tags: ['giving'],
  summary:
    'Give and receive by level: schools that gave and received, only one, neither; strong schools that never gave',
  request: { query: GivingQuery },
  responses: {
    200: jsonResponse(GivingRollup, 'The roll-up, with every school in scope'),
    404: errorResponse('An area not in scope'),
  },
});

export const YearQuery = z.object({ year: Year.optional() });

export const schoolGivingRoute = createRoute({
  method: 'get',
  path: '/giving/schools/{code}',
  tags: ['giving'],
  summary: 'What a school gave and received in the year',
  request: { params: z.object({ code: Code }), query: YearQuery },
  responses: {
    200: jsonResponse(SchoolGiving, 'The school, and the support it gave and received'),
    404: errorResponse('A school not in scope'),
  },
});

export const trustGivingRoute = createRoute({
  method: 'get',
  path: '/giving/trusts/{code}',
  tags: ['giving'],
  summary:
    "A trust's (or federation's) give and receive: its schools, needs met within and from outside, its leaders",
  request: { params: z.object({ code: Code }), query: YearQuery },
  responses: {
    200: jsonResponse(TrustGiving, "The trust's figures"),
    404: errorResponse('A trust not in scope'),
  },
});

export const givingExportRoute = createRoute({
  method: 'get',
  path: '/giving/support',
  tags: ['giving'],
  summary:
    'The support between schools active in the year (deployments and placements), as JSON, CSV or XLSX',
  request: {
    query: YearQuery.extend({
      format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    }),
  },
  responses: {
    200: {
      description: 'The support given or received by schools in scope',
      content: {
        'application/json': { schema: z.array(SupportFlow) },
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
  },
});
