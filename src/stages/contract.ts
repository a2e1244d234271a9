// The stages of the improvement journey as the API speaks them: the stages and the rules that place a
// school in one (data an admin or the director edits), each school's stage with its reasons, its history
// per term, and the movement between stages term by term. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { Severity } from '../attention/contract.ts';
import { errorResponse, jsonBody, jsonResponse } from '../contract.ts';
import { stageFacts, stageGovernedRules, stageGrades, stageOps } from './lists.ts';

export const StageFact = z.enum(stageFacts);
export type StageFact = z.infer<typeof StageFact>;
export const StageOp = z.enum(stageOps);
export type StageOp = z.infer<typeof StageOp>;
export const StageGovernedRule = z.enum(stageGovernedRules);
export type StageGovernedRule = z.infer<typeof StageGovernedRule>;
const StageGrade = z.enum(stageGrades);

/** One condition of a rule: a fact, how it compares and with what. Checked on save (rules.ts). */
export const StageCondition = z
  .object({
    fact: StageFact,
    op: StageOp,
    value: z.union([z.number().int().min(0).max(1000), z.boolean(), StageGrade]).openapi({
      description:
        'A yes/no for category and inspected; a legacy grade for overall and leadership; a count otherwise',
    }),
    severity: Severity.optional().openapi({
      description: 'For attention_reasons: count only reasons this severe or more',
    }),
  })
  .openapi('StageCondition');
export type StageCondition = z.infer<typeof StageCondition>;

const StageCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower case letters, digits and _');

export const StageDefinition = z
  .object({
    code: StageCode,
    name: z.string().trim().min(1).max(60),
    description: z.string().max(500),
    /** The school's strengths may be offered to others as practice. */
    may_offer_practice: z.boolean(),
    /** Its head may host placements (NPQH internships, associate heads). */
    may_host_placements: z.boolean(),
    /** Which of the improvement need rules raise needs for a school at this stage. */
    raises: z.array(StageGovernedRule),
  })
  .openapi('StageDefinition');
export type StageDefinition = z.infer<typeof StageDefinition>;

export const StageRuleInput = z
  .object({
    stage: StageCode,
    /** All must hold; a rule with none matches every school (the last rule must be one). */
    conditions: z.array(StageCondition).max(12),
  })
  .openapi('StageRuleInput');
export type StageRuleInput = z.infer<typeof StageRuleInput>;

export const StageRule = StageRuleInput.extend({
  /** 1 = tried first. */
  position: z.number().int(),
  /** The rule in plain words: "Improving when judged requires improvement or worse overall". */
  words: z.string(),
}).openapi('StageRule');
export type StageRule = z.infer<typeof StageRule>;

export const StageRules = z
  .object({
    /** In journey order: the first is the furthest from secure (intensive support), the last leading. */
    stages: z.array(StageDefinition),
    /** First match wins. */
    rules: z.array(StageRule),
    /** Whether the caller may change them. */
    editable: z.boolean(),
    changed_on: z.string().nullable(),
    changed_by: z.string().nullable(),
  })
  .openapi('StageRules');
export type StageRules = z.infer<typeof StageRules>;

export const SaveStageRules = z
  .object({ stages: z.array(StageDefinition).min(2).max(10), rules: z.array(StageRuleInput).min(1).max(60) })
  .openapi('SaveStageRules');
export type SaveStageRules = z.infer<typeof SaveStageRules>;

export const MayOffer = z.object({ practice: z.boolean(), placements: z.boolean() }).openapi('StageMayOffer');

export const SchoolStage = z
  .object({
    school_code: z.string(),
    school_name: z.string(),
    area: z.string().nullable(),
    area_name: z.string().nullable(),
    stage: z.string(),
    stage_name: z.string(),
    /** The position of the rule that placed it. */
    rule: z.number().int(),
    /** Why, in the data's words: "In an inspection category (special measures) since 2026-03-12". */
    reasons: z.array(z.string()),
    /** The end of the first recorded term of its current run at this stage; null when none is recorded. */
    since: z.string().nullable(),
    may_offer: MayOffer,
  })
  .openapi('SchoolStage');
export type SchoolStage = z.infer<typeof SchoolStage>;

export const StageCount = z
  .object({ code: z.string(), name: z.string(), schools: z.number().int() })
  .openapi('StageCount');

export const StageList = z
  .object({
    /** The term read from the history; null: today, by the rules in force. */
    term: z.string().nullable(),
    as_of: z.string(),
    counts: z.array(StageCount),
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
    schools: z.array(SchoolStage),
  })
  .openapi('StageList');
export type StageList = z.infer<typeof StageList>;

const TermText = z
  .string()
  .regex(/^\d{4}-\d{2}T[123]$/, 'a term, e.g. 2025-26T2')
  .openapi({ example: '2025-26T2' });

export const StageListQuery = z.object({
  area: z.string().optional().openapi({ description: "Only this area's schools" }),
  stage: z.string().optional().openapi({ description: 'Only schools at this stage' }),
  term: TermText.optional().openapi({ description: 'A term that has ended, read from the history' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

export const StageHistoryEntry = z
  .object({
    term: z.string(),
    term_end: z.string(),
    stage: z.string(),
    stage_name: z.string(),
    reasons: z.array(z.string()),
    /** The stage differs from the term before's. */
    changed: z.boolean(),
    recorded_on: z.string(),
  })
  .openapi('StageHistoryEntry');

export const SchoolStageDetail = z
  .object({ current: SchoolStage, history: z.array(StageHistoryEntry) })
  .openapi('SchoolStageDetail');
export type SchoolStageDetail = z.infer<typeof SchoolStageDetail>;
export type StageHistoryEntry = z.infer<typeof StageHistoryEntry>;

export const StageFlow = z
  .object({
    from_term: z.string(),
    to_term: z.string(),
    from_stage: z.string(),
    to_stage: z.string(),
    schools: z.number().int(),
  })
  .openapi('StageFlow');
export type StageFlow = z.infer<typeof StageFlow>;

export const StageMovement = z
  .object({
    area: z.string().nullable(),
    terms: z.array(z.string()),
    stages: z.array(z.object({ code: z.string(), name: z.string() })),
    /** Schools at each stage at each term's end. */
    counts: z.array(z.object({ term: z.string(), stage: z.string(), schools: z.number().int() })),
    /** Schools moving from one stage to another (or staying) between consecutive terms. */
    flows: z.array(StageFlow),
    /** The flows summed over every pair of consecutive terms shown: from × to. */
    transitions: z.array(
      z.object({ from_stage: z.string(), to_stage: z.string(), schools: z.number().int() }),
    ),
    /** Per pair of terms: schools that moved towards leading, back towards intensive support, or stayed. */
    summary: z.array(
      z.object({
        from_term: z.string(),
        to_term: z.string(),
        up: z.number().int(),
        down: z.number().int(),
        same: z.number().int(),
      }),
    ),
  })
  .openapi('StageMovement');
export type StageMovement = z.infer<typeof StageMovement>;

export const StageMovementQuery = z.object({
  area: z.string().optional().openapi({ description: "Only this area's schools" }),
  terms: z.coerce.number().int().min(2).max(12).default(4).openapi({
    description: 'How many ended terms, the latest last',
  }),
});

export const RecordStagesBody = z
  .object({
    term: TermText.optional().openapi({
      description: 'One ended term (default: every ended term not recorded)',
    }),
    recompute: z.boolean().default(false).openapi({
      description: "Replace the term's recorded stages with the rules in force now",
    }),
  })
  .openapi('RecordStages');
export type RecordStagesBody = z.infer<typeof RecordStagesBody>;

export const RecordedStages = z
  .object({
    recorded: z.array(z.object({ term: z.string(), schools: z.number().int(), replaced: z.boolean() })),
  })
  .openapi('RecordedStages');
export type RecordedStages = z.infer<typeof RecordedStages>;

export const listStagesRoute = createRoute({
  method: 'get',
  path: '/stages',
  tags: ['stages'],
  summary: "Each school's stage of the improvement journey, with its reasons and what it may offer",
  request: { query: StageListQuery },
  responses: {
    200: jsonResponse(StageList, 'The schools and their stages'),
    404: errorResponse('No such area, or the term is not recorded'),
  },
});

export const stageMovementRoute = createRoute({
  method: 'get',
  path: '/stages/movement',
  tags: ['stages'],
  summary:
    'Movement between stages term by term: counts, flows between consecutive terms and the transition table',
  request: { query: StageMovementQuery },
  responses: {
    200: jsonResponse(StageMovement, 'The movement'),
    404: errorResponse('No such area'),
  },
});

export const schoolStageRoute = createRoute({
  method: 'get',
  path: '/stages/schools/{code}',
  tags: ['stages'],
  summary: "A school's stage today with its reasons, and its stage at each recorded term's end",
  request: { params: z.object({ code: z.string() }) },
  responses: {
    200: jsonResponse(SchoolStageDetail, 'The school’s stage and history'),
    404: errorResponse('No such school'),
  },
});

export const getStageRulesRoute = createRoute({
  method: 'get',
  path: '/stages/rules',
  tags: ['stages'],
  summary: 'The stages and the rules that place a school in one (first match wins), in plain words',
  responses: { 200: jsonResponse(StageRules, 'The stages and rules') },
});

export const putStageRulesRoute = createRoute({
  method: 'put',
  path: '/stages/rules',
  tags: ['stages'],
  summary: 'Replace the stages and rules (the director or an admin); recorded history is kept',
  request: { body: jsonBody(SaveStageRules) },
  responses: {
    200: jsonResponse(StageRules, 'The stages and rules as saved'),
    400: errorResponse('A rule or stage is not valid: each problem named'),
    403: errorResponse('Only the director or an admin changes the rules'),
  },
});

export const recordStagesRoute = createRoute({
  method: 'post',
  path: '/stages/history',
  tags: ['stages'],
  summary: "Record the stages at the end of ended terms (or recompute one term's with the rules in force)",
  request: { body: jsonBody(RecordStagesBody) },
  responses: {
    200: jsonResponse(RecordedStages, 'What was recorded'),
    400: errorResponse('The term has not ended'),
    403: errorResponse('Only the director or an admin records the stages'),
  },
});
