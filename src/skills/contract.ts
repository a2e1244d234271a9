// The skills audit's API: the competency framework, audit rounds, a leader's self and validated ratings,
// the heat map by area or programme cohort, the recommended programmes, and the ratings workbook.
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse, IsoDate, jsonBody, jsonResponse, someField } from '../contract.ts';
import { ImportReport, importRejectedResponse } from '../tabular/contract.ts';

const Code = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - (up to 40)')
  .openapi({ example: 'data_literacy' });
const PersonCode = z.string().min(1).max(40).openapi({ example: 'P0042' });

/** The rating scale every competency shares; each competency words its own descriptor of each level. */
export const scaleLevels = ['emerging', 'developing', 'secure', 'leading'] as const;
const Rating = z
  .number()
  .int()
  .min(1)
  .max(4)
  .openapi({ description: '1 emerging, 2 developing, 3 secure, 4 leading' });

export const Competency = z
  .object({
    code: Code,
    name: z.string().min(1).max(120),
    description: z.string().max(2000),
    evidence: z.string().max(2000).openapi({ description: 'What a validator looks for' }),
    levels: z
      .array(z.string().min(1).max(400))
      .length(4)
      .openapi({ description: 'The descriptors of levels 1 (emerging) to 4 (leading)' }),
    programmes: z.array(Code).openapi({ description: 'Codes of the programmes that develop it' }),
    retired: z.boolean().openapi({ description: 'Kept with its ratings, not rated in new audits' }),
  })
  .openapi('Competency');
export type Competency = z.infer<typeof Competency>;

export const CompetencyDetail = Competency.extend({
  ratings: z
    .number()
    .int()
    .openapi({ description: 'Ratings recorded against it (a rated competency is retired, not deleted)' }),
}).openapi('CompetencyDetail');
export type CompetencyDetail = z.infer<typeof CompetencyDetail>;

export const frameworkRoute = createRoute({
  method: 'get',
  path: '/skills/framework',
  tags: ['skills'],
  summary: 'The competency framework: every competency with its levels, evidence and programmes (every role)',
  responses: {
    200: jsonResponse(
      z.object({ scale: z.array(z.enum(scaleLevels)), competencies: z.array(CompetencyDetail) }),
      'The framework',
    ),
  },
});

export const CompetencyInput = Competency.partial({
  description: true,
  evidence: true,
  programmes: true,
  retired: true,
}).openapi('CompetencyInput');
export type CompetencyInput = z.infer<typeof CompetencyInput>;

export const addCompetencyRoute = createRoute({
  method: 'post',
  path: '/skills/framework',
  tags: ['skills'],
  summary: 'Add a competency (a whole-authority director)',
  request: { body: jsonBody(CompetencyInput) },
  responses: {
    201: jsonResponse(Competency, 'Added'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such programme'),
    409: errorResponse('The code is taken'),
  },
});

export const CompetencyChange = Competency.omit({ code: true })
  .partial()
  .strict()
  .refine(...someField)
  .openapi('CompetencyChange');
export type CompetencyChange = z.infer<typeof CompetencyChange>;

const CodeParam = z.object({ code: Code.openapi({ param: { name: 'code', in: 'path' } }) });

export const changeCompetencyRoute = createRoute({
  method: 'patch',
  path: '/skills/framework/{code}',
  tags: ['skills'],
  summary: 'Change or retire a competency (a whole-authority director); what is not named stays',
  request: { params: CodeParam, body: jsonBody(CompetencyChange) },
  responses: {
    200: jsonResponse(Competency, 'The competency now'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such competency or programme'),
  },
});

export const AuditSummary = z
  .object({
    code: Code,
    name: z.string(),
    opens_on: IsoDate,
    closes_on: IsoDate,
    open: z.boolean().openapi({ description: 'Today is between its opening and closing days' }),
    leaders: z.number().int(),
    self_rated: z
      .number()
      .int()
      .openapi({ description: 'Leaders who have rated themselves on every competency' }),
    validated: z.number().int().openapi({ description: 'Leaders validated on every competency' }),
  })
  .openapi('SkillAudit');
export type AuditSummary = z.infer<typeof AuditSummary>;

export const listAuditsRoute = createRoute({
  method: 'get',
  path: '/skills/audits',
  tags: ['skills'],
  summary: 'Audit rounds, latest first, with their progress (counts: every role)',
  responses: { 200: jsonResponse(z.object({ audits: z.array(AuditSummary) }), 'The audits') },
});

export const leaderRoles = ['headteacher', 'deputy_headteacher', 'assistant_headteacher'] as const;

export const AuditInput = z
  .object({
    code: Code,
    name: z.string().min(1).max(120),
    opens_on: IsoDate,
    closes_on: IsoDate,
    roles: z
      .array(z.enum(leaderRoles))
      .default([])
      .openapi({ description: 'Everyone holding one of these posts at a school on the opening day' }),
    cohort: Code.optional().openapi({ description: 'And every participant of this programme cohort' }),
  })
  .refine((a) => a.closes_on >= a.opens_on, { message: 'closes_on is before opens_on', path: ['closes_on'] })
  .refine((a) => a.roles.length > 0 || a.cohort !== undefined, {
    message: 'name the posts or a cohort whose leaders the audit covers',
    path: ['roles'],
  })
  .openapi('SkillAuditInput');
export type AuditInput = z.infer<typeof AuditInput>;

export const addAuditRoute = createRoute({
  method: 'post',
  path: '/skills/audits',
  tags: ['skills'],
  summary: 'Open an audit round over the leaders in some posts or a cohort (a whole-authority director)',
  request: { body: jsonBody(AuditInput) },
  responses: {
    201: jsonResponse(AuditSummary, 'Opened'),
    400: errorResponse('Invalid, or no leader matches'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such cohort'),
    409: errorResponse('The code is taken'),
  },
});

const AuditParam = z.object({ code: Code.openapi({ param: { name: 'code', in: 'path' } }) });

export const AuditLeader = z
  .object({
    person: PersonCode,
    name: z.string(),
    school: z.string().nullable(),
    school_name: z.string().nullable(),
    area: z.string().nullable(),
    post_role: z.string().nullable(),
    self_rated: z.number().int().openapi({ description: 'Competencies rated by themselves' }),
    validated: z.number().int().openapi({ description: 'Competencies validated' }),
    gap: z.number().nullable().openapi({
      description: 'Mean of self minus validated where both are recorded: above 0 the leader over-rates',
    }),
  })
  .openapi('SkillAuditLeader');
export type AuditLeader = z.infer<typeof AuditLeader>;

export const auditLeadersRoute = createRoute({
  method: 'get',
  path: '/skills/audits/{code}/leaders',
  tags: ['skills'],
  summary:
    'The audit’s leaders the caller may see by name, with their progress and gap (director, area lead: their area, head: their school, system leader: schools they support; a leader sees themselves)',
  request: { params: AuditParam },
  responses: {
    200: jsonResponse(
      z.object({ audit: AuditSummary, competencies: z.number().int(), leaders: z.array(AuditLeader) }),
      'The leaders',
    ),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such audit'),
  },
});

export const SkillRating = z
  .object({
    competency: Code,
    name: z.string(),
    self: Rating.nullable(),
    self_note: z.string(),
    self_on: IsoDate.nullable(),
    validated: Rating.nullable(),
    evidence: z.string(),
    validator: z.string().nullable(),
    validated_on: IsoDate.nullable(),
    gap: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Self minus validated: above 0 over-rated, below under-rated' }),
  })
  .openapi('SkillRating');
export type SkillRating = z.infer<typeof SkillRating>;

export const LeaderRatings = z
  .object({
    audit: AuditSummary,
    person: PersonCode,
    name: z.string(),
    school: z.string().nullable(),
    school_name: z.string().nullable(),
    post_role: z.string().nullable(),
    may_rate_self: z.boolean().openapi({ description: 'The caller is this leader and the audit is open' }),
    may_validate: z
      .boolean()
      .openapi({ description: 'The caller may record validated ratings for this leader' }),
    ratings: z.array(SkillRating),
  })
  .openapi('SkillLeaderRatings');
export type LeaderRatings = z.infer<typeof LeaderRatings>;

export const RatingsQuery = z.object({
  audit: Code.openapi({ param: { name: 'audit', in: 'query' } }),
  person: PersonCode.openapi({ param: { name: 'person', in: 'query' } }),
});
export type RatingsQuery = z.infer<typeof RatingsQuery>;

export const ratingsRoute = createRoute({
  method: 'get',
  path: '/skills/ratings',
  tags: ['skills'],
  summary:
    'One leader’s self and validated ratings in an audit, with the gap (the leader, and those who see their school)',
  request: { query: RatingsQuery },
  responses: {
    200: jsonResponse(LeaderRatings, 'The ratings'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such audit, or no such leader in it'),
  },
});

export const SelfRatingInput = z
  .object({
    audit: Code,
    person: PersonCode,
    competency: Code,
    rating: Rating,
    note: z.string().max(2000).default(''),
  })
  .openapi('SkillSelfRatingInput');
export type SelfRatingInput = z.infer<typeof SelfRatingInput>;

export const rateSelfRoute = createRoute({
  method: 'put',
  path: '/skills/ratings/self',
  tags: ['skills'],
  summary: 'Record your own rating of a competency while the audit is open (the leader only)',
  request: { body: jsonBody(SelfRatingInput) },
  responses: {
    200: jsonResponse(SkillRating, 'The rating now'),
    400: errorResponse('Invalid, or the audit is not open'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such audit, leader or competency'),
  },
});

export const ValidatedRatingInput = z
  .object({
    audit: Code,
    person: PersonCode,
    competency: Code,
    rating: Rating,
    evidence: z.string().min(1, 'say what the rating rests on').max(4000),
  })
  .openapi('SkillValidatedRatingInput');
export type ValidatedRatingInput = z.infer<typeof ValidatedRatingInput>;

export const validateRoute = createRoute({
  method: 'put',
  path: '/skills/ratings/validated',
  tags: ['skills'],
  summary:
    'Record a validated rating with its evidence (the director, the leader’s area lead, or a system leader supporting their school; never oneself)',
  request: { body: jsonBody(ValidatedRatingInput) },
  responses: {
    200: jsonResponse(SkillRating, 'The rating now'),
    400: errorResponse('Invalid'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such audit, leader or competency'),
  },
});

const ImportForm = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const importRatingsRoute = createRoute({
  method: 'post',
  path: '/skills/import',
  tags: ['skills'],
  summary:
    'Import ratings from a CSV or XLSX file (audit, person, competency, self, validated, validator, evidence); all or nothing',
  description:
    'Each row sets one leader’s ratings of one competency in one audit; an empty cell leaves that rating as it is. ' +
    'Every problem is named by row and column, and nothing is written from a file with any (a whole-authority director).',
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
