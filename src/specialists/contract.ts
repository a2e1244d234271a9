// The specialists API: the catalogue of specialisms (read by every broker, extended by the authority),
// the specialist system leaders (middle leaders, outstanding teachers, support-staff leaders, and heads
// whose designation lists a specialism) with their capacity, and recording and editing them.
import { createRoute, z } from '@hono/zod-openapi';
import {
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  QueryFlag,
  someField,
} from '../contract.ts';
import { specialismFamilies, specialistKinds } from './lists.ts';

export const SpecialistKind = z.enum(specialistKinds).openapi({
  description: 'sle (a middle leader), outstanding_teacher or support_staff_leader',
});
export type SpecialistKind = z.infer<typeof SpecialistKind>;

const SpecialismCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _ (2 to 40), starting with a letter')
  .openapi({ example: 'early_reading' });

export const Specialism = z
  .object({
    code: SpecialismCode,
    name: z.string().trim().min(1).max(120).openapi({ example: 'Early reading and phonics' }),
    family: z.enum(specialismFamilies).openapi({
      description: "teaching (subjects, phases, SEND, behaviour ...) or support (support staff's expertise)",
    }),
    description: z.string().max(1000),
    indicators: z.array(z.string().max(80)).max(20).openapi({
      description:
        'Indicators whose weakness asks for the specialism: a need the rules raise for one names it',
    }),
    retired: z.boolean().openapi({ description: 'No longer given to new designations or needs' }),
  })
  .openapi('Specialism');
export type Specialism = z.infer<typeof Specialism>;

export const NewSpecialism = Specialism.extend({
  description: z.string().max(1000).default(''),
  indicators: z.array(z.string().max(80)).max(20).default([]),
  retired: z.boolean().default(false),
}).openapi('NewSpecialism');
export type NewSpecialism = z.input<typeof NewSpecialism>;

export const SpecialismChange = Specialism.omit({ code: true, family: true })
  .partial()
  .strict()
  .refine(...someField)
  .openapi('SpecialismChange');
export type SpecialismChange = z.infer<typeof SpecialismChange>;

export const Specialist = z
  .object({
    id: z.number().int().openapi({ description: 'The designation' }),
    person: z.string(),
    person_name: z.string(),
    kind: z
      .string()
      .openapi({ description: 'The designation kind (a role of the catalogue)', example: 'sle' }),
    kind_name: z.string().openapi({ example: 'Specialist leader of education (SLE)' }),
    specialisms: z.array(z.string()),
    specialism_names: z.array(z.string()),
    school: z.string().nullable().openapi({ description: 'The school they work at and support from' }),
    school_name: z.string().nullable(),
    area: z.string().nullable(),
    days_per_year: z
      .number()
      .openapi({ description: "The designation's days a year (its role's when none recorded)" }),
    funded: z.number().openapi({ description: 'Days a year funded across all their designations' }),
    committed: z.number().openapi({ description: 'Days agreed in their active deployments' }),
    free: z.number().openapi({ description: 'Funded less committed' }),
    supporting: z.number().int().openapi({ description: 'Schools they support now' }),
    accredited_on: z.string().nullable(),
    starts_on: z.string(),
    ends_on: z.string().nullable(),
  })
  .openapi('Specialist');
export type Specialist = z.infer<typeof Specialist>;

export const specialistSorts = ['name', 'school', 'free', 'kind'] as const;
export type SpecialistSort = (typeof specialistSorts)[number];

export const SpecialistQuery = z.object({
  specialism: z.string().max(40).optional().openapi({ description: 'Holding this specialism (a code)' }),
  area: z.string().max(40).optional().openapi({ description: "The area of the specialist's school" }),
  trust: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: "A trust or federation of the specialist's school" }),
  kind: z.string().max(40).optional().openapi({
    description:
      'The designation kind: sle, outstanding_teacher, support_staff_leader, or a head’s (nle ...)',
  }),
  min_free: z.coerce
    .number()
    .min(0)
    .max(366)
    .optional()
    .openapi({ description: 'At least this many days free' }),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Part of the name or code of the person or school' }),
  ended: QueryFlag.optional().openapi({ description: 'true: designations that have ended too' }),
  sort: z.enum(specialistSorts).default('name'),
  order: z.enum(['asc', 'desc']).optional().openapi({ description: 'Default: A to Z; most days free first' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
export type SpecialistQuery = z.infer<typeof SpecialistQuery>;

export const SpecialistPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  specialists: z.array(Specialist),
  who_may_record: z.string().openapi({ description: 'Who may record and edit specialists, in words' }),
  may_record: z
    .boolean()
    .openapi({ description: 'The caller may record specialists (at schools in their scope)' }),
});
export type SpecialistPage = z.infer<typeof SpecialistPage>;

const NewPerson = z.object({
  given_name: z.string().trim().min(1).max(100),
  family_name: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullable().optional(),
});

export const RecordSpecialist = z
  .object({
    person: z.string().max(40).optional().openapi({ description: 'An existing person, by code' }),
    new_person: NewPerson.optional().openapi({
      description: 'Or a person not yet in Headway (a code is given)',
    }),
    kind: SpecialistKind,
    specialisms: z.array(z.string().max(40)).min(1, 'name at least one specialism').max(10),
    school: z.string().min(1).max(40).openapi({ description: 'The school they work at and support from' }),
    days_per_year: z.number().min(0).max(366).nullable().optional().openapi({
      description: "Capacity in days a year; none: the role's funded days",
    }),
    accredited_on: IsoDate.nullable().optional(),
    starts_on: IsoDate.optional().openapi({ description: 'Default: today' }),
    ends_on: IsoDate.nullable().optional(),
  })
  .refine((b) => (b.person ? 1 : 0) + (b.new_person ? 1 : 0) === 1, {
    message: 'name an existing person or a new person, one of them',
    path: ['person'],
  })
  .openapi('RecordSpecialist');
export type RecordSpecialist = z.infer<typeof RecordSpecialist>;

export const SpecialistChange = z
  .object({
    specialisms: z.array(z.string().max(40)).max(10),
    school: z.string().min(1).max(40),
    days_per_year: z.number().min(0).max(366).nullable(),
    accredited_on: IsoDate.nullable(),
    ends_on: IsoDate.nullable(),
  })
  .partial()
  .strict()
  .refine(...someField)
  .openapi('SpecialistChange');
export type SpecialistChange = z.infer<typeof SpecialistChange>;

export const SpecialistPeopleQuery = z.object({
  q: z.string().trim().min(2, 'type at least 2 letters of a name or code').max(80),
});
export type SpecialistPeopleQuery = z.infer<typeof SpecialistPeopleQuery>;

export const SpecialistCandidate = z.object({
  code: z.string(),
  name: z.string().openapi({ description: 'Name, post and school, as a picker shows it' }),
  school: z.string(),
});
export type SpecialistCandidate = z.infer<typeof SpecialistCandidate>;

export const listSpecialismsRoute = createRoute({
  method: 'get',
  path: '/specialists/specialisms',
  tags: ['specialists'],
  summary: 'The specialisms catalogue: what designations list and needs ask for',
  responses: { 200: jsonResponse(z.object({ specialisms: z.array(Specialism) }), 'The catalogue, in order') },
});

export const addSpecialismRoute = createRoute({
  method: 'post',
  path: '/specialists/specialisms',
  tags: ['specialists'],
  summary: 'Add a specialism to the catalogue (a whole-authority broker)',
  request: { body: jsonBody(NewSpecialism) },
  responses: {
    201: jsonResponse(Specialism, 'The specialism'),
    403: errorResponse('Not allowed'),
    409: errorResponse('The code or name is taken'),
  },
});

export const changeSpecialismRoute = createRoute({
  method: 'patch',
  path: '/specialists/specialisms/{code}',
  tags: ['specialists'],
  summary: 'Rename, describe, link indicators to or retire a specialism (a whole-authority broker)',
  request: {
    params: z.object({
      code: z
        .string()
        .max(40)
        .openapi({ param: { name: 'code', in: 'path' } }),
    }),
    body: jsonBody(SpecialismChange),
  },
  responses: {
    200: jsonResponse(Specialism, 'The specialism now'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such specialism'),
    409: errorResponse('The name is taken'),
  },
});

export const listSpecialistsRoute = createRoute({
  method: 'get',
  path: '/specialists',
  tags: ['specialists'],
  summary:
    'Specialist system leaders at the schools the caller sees: specialisms, school, capacity and days free',
  request: { query: SpecialistQuery },
  responses: { 200: jsonResponse(SpecialistPage, 'A page of specialists') },
});

export const recordSpecialistRoute = createRoute({
  method: 'post',
  path: '/specialists',
  tags: ['specialists'],
  summary: 'Record a specialist (the director; an area lead at a school of their area)',
  request: { body: jsonBody(RecordSpecialist) },
  responses: {
    201: jsonResponse(Specialist, 'The specialist'),
    400: errorResponse('Not a school, an unknown or retired specialism, or one of the other family'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such person, or a school outside the caller’s scope'),
    409: errorResponse('They hold that designation already'),
  },
});

export const changeSpecialistRoute = createRoute({
  method: 'patch',
  path: '/specialists/{id}',
  tags: ['specialists'],
  summary:
    "Change a designation's specialisms, school, days, accreditation or end (the director; an area lead in their area)",
  request: { params: IdParam, body: jsonBody(SpecialistChange) },
  responses: {
    200: jsonResponse(Specialist, 'The specialist now'),
    400: errorResponse('An unknown or retired specialism, or not a school'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such designation in the caller’s scope'),
  },
});

export const specialistPeopleRoute = createRoute({
  method: 'get',
  path: '/specialists/people',
  tags: ['specialists'],
  summary: 'People to record as specialists, by part of a name or code (20 at most, at the caller’s schools)',
  request: { query: SpecialistPeopleQuery },
  responses: { 200: jsonResponse(z.object({ people: z.array(SpecialistCandidate) }), 'Matching people') },
});
