// The norming API: a session's agreement statistics (the CLI's --json and the report), the sessions,
// their cases and scores, drift across sessions, and the development log.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowIdText } from '../contract.ts';
import { importRejectedResponse } from '../tabular/contract.ts';
import { caseKinds, logKinds, sessionStatuses } from './lists.ts';

const Share = z.number().min(0).max(1).nullable();

export const Tolerance = z.object({
  within_one: z
    .number()
    .min(0)
    .max(1)
    .openapi({ description: 'Least share of scores within one level of the master' }),
  bias: z.number().min(0).openapi({ description: 'Largest mean difference from the master, either way' }),
  kappa: z.number().min(-1).max(1).openapi({ description: 'Least quadratic-weighted kappa with the master' }),
});
export type Tolerance = z.infer<typeof Tolerance>;

export const RaterAgreement = z.object({
  rater: z.string(),
  /** Cases this rater and the master both scored. */
  cases: z.number().int(),
  exact: Share,
  within_one: Share,
  bias: z.number().nullable(),
  kappa: z.number().nullable().openapi({ description: "Cohen's quadratic-weighted kappa with the master" }),
  flags: z
    .array(z.string())
    .openapi({ description: 'How the rater is outside the tolerance; empty when within' }),
});
export type RaterAgreement = z.infer<typeof RaterAgreement>;

const Interval = z.object({ value: z.number(), lower: z.number(), upper: z.number() });

export const AcrossRaters = z
  .object({
    cases: z.number().int().openapi({ description: 'Cases scored by every rater (what the ICCs use)' }),
    raters: z.number().int(),
    icc1: Interval.openapi({ description: 'ICC(1,1), one-way random, with its 95% interval' }),
    icc2: Interval.openapi({ description: 'ICC(2,1), two-way random, absolute agreement' }),
    icc3: Interval.openapi({ description: 'ICC(3,1), two-way mixed, consistency' }),
  })
  .nullable();

export const CriterionAgreement = z.object({
  criterion: z.string(),
  raters: z.array(RaterAgreement).openapi({ description: 'Against the master; empty when no case has one' }),
  across: AcrossRaters,
  fleiss_kappa: z.number().nullable(),
});
export type CriterionAgreement = z.infer<typeof CriterionAgreement>;

export const NormingStatistics = z.object({
  levels: z.array(z.number().int()),
  tolerance: Tolerance,
  criteria: z.array(CriterionAgreement),
  overall: z.array(RaterAgreement).openapi({ description: 'Each rater over every criterion together' }),
});
export type NormingStatistics = z.infer<typeof NormingStatistics>;

// ---- Norming sessions in Headway: the API (sessions, cases, scores, report, drift, team, log).

const Named = z.object({ code: z.string(), name: z.string() });
const CaseKind = z.enum(caseKinds);
const SessionStatus = z.enum(sessionStatuses);
const LogKind = z.enum(logKinds);
const Level = z.number().int().min(1).max(5);

export const SessionSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    held_on: IsoDate,
    rubric: z.object({ code: z.string(), version: z.number().int(), name: z.string() }),
    led_by: Named,
    status: SessionStatus,
    closed_on: IsoDate.nullable(),
    cases: z.number().int(),
    raters: z.number().int(),
    /** What the caller is in the session: who runs it (the director, an admin, its leader) or a rater. */
    role: z.enum(['runs', 'rates']),
  })
  .openapi('NormingSession');
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    held_on: IsoDate,
    rubric: z.string().openapi({ description: 'Rubric code; its current version is scored' }),
    led_by: z.string().openapi({ description: 'Person code of the lead assessor' }),
    raters: z.array(z.string()).min(1).openapi({ description: 'Person codes' }),
    cases: z
      .array(
        z.object({
          title: z.string().trim().min(1).max(200),
          kind: CaseKind,
          link: z.string().max(2000).default(''),
          description: z.string().max(4000).default(''),
        }),
      )
      .min(1),
  })
  .openapi('NormingSessionInput');
export type SessionInput = z.input<typeof SessionInput>;

const CriterionLevels = z.object({
  code: z.string(),
  name: z.string(),
  section: z.string(),
  levels: z.array(z.object({ level: z.number().int(), descriptor: z.string() })),
});

const CaseScores = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: CaseKind,
  link: z.string(),
  description: z.string(),
  /** The caller's own levels by criterion code. */
  mine: z.record(z.string(), z.number().int()),
  /** The master's levels: shown to who runs the session, and to raters once it is closed. */
  master: z.record(z.string(), z.number().int()).nullable(),
});

export const SessionDetail = SessionSummary.extend({
  criteria: z.array(CriterionLevels),
  cases: z.array(CaseScores),
  /** Who rates and how many of their levels are in: names for who runs it, only the caller for a rater. */
  rater_progress: z.array(Named.extend({ scored: z.number().int() })),
  levels_per_rater: z.number().int(),
}).openapi('NormingSessionDetail');
export type SessionDetail = z.infer<typeof SessionDetail>;

export const ScoresInput = z
  .object({
    scores: z.array(z.object({ criterion: z.string(), level: Level })).min(1),
  })
  .openapi('NormingScoresInput');
export type ScoresInput = z.infer<typeof ScoresInput>;

export const NormingReport = z
  .object({
    session: SessionSummary,
    statistics: NormingStatistics,
    /** Rater names (the statistics' keys) to person codes. */
    raters: z.array(Named),
    /** The rubric's criteria (the statistics' keys are their codes), in the rubric's order. */
    criteria: z.array(z.object({ code: z.string(), name: z.string(), section: z.string() })),
  })
  .openapi('NormingReport');
export type NormingReport = z.infer<typeof NormingReport>;

const SessionAgreement = z.object({
  session: z.number().int(),
  title: z.string(),
  held_on: IsoDate,
  exact: z.number().nullable(),
  within_one: z.number().nullable(),
  bias: z.number().nullable(),
  kappa: z.number().nullable(),
  flags: z.array(z.string()),
});

export const RaterHistory = z.object({
  rater: Named,
  sessions: z.array(SessionAgreement).openapi({ description: 'Closed sessions, oldest first' }),
  drifting: z.boolean(),
  drift_reason: z.string().nullable(),
  calibrated: z.boolean().openapi({ description: 'As of today, by HEADWAY_CALIBRATION_MONTHS' }),
  calibrated_until: IsoDate.nullable(),
});
export type RaterHistory = z.infer<typeof RaterHistory>;

export const DriftAnswer = z
  .object({ raters: z.array(RaterHistory).openapi({ description: 'Worst first' }) })
  .openapi('NormingDrift');
export type DriftAnswer = z.infer<typeof DriftAnswer>;

const LogEntry = z.object({
  id: z.number().int(),
  written_on: IsoDate,
  kind: LogKind,
  title: z.string(),
  body: z.string(),
  written_by: z.string().nullable(),
});

export const DevelopmentLog = z
  .object({
    person: Named,
    history: RaterHistory.nullable(),
    entries: z.array(LogEntry).openapi({ description: 'Newest first' }),
  })
  .openapi('DevelopmentLog');
export type DevelopmentLog = z.infer<typeof DevelopmentLog>;

export const LogEntryInput = z
  .object({
    person: z.string().openapi({ description: 'Whose log: a person code' }),
    written_on: IsoDate,
    kind: LogKind,
    title: z.string().trim().min(1).max(200),
    body: z.string().max(20000).default(''),
  })
  .openapi('DevelopmentLogEntryInput');
export type LogEntryInput = z.input<typeof LogEntryInput>;

const SessionParam = IdParam;
const CaseParam = z.object({ id: RowIdText, case: RowIdText });
const PersonParam = z.object({ person: z.string().min(1).max(100) });

const ScoreFile = z.object({
  file: z
    .instanceof(File, { message: 'send the file as multipart form field "file"' })
    .openapi({ type: 'string', format: 'binary' }),
});

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/norming/sessions',
  tags: ['norming'],
  summary: 'Norming sessions the caller runs or rates in, newest first',
  responses: { 200: jsonResponse(z.object({ sessions: z.array(SessionSummary) }), 'The sessions') },
});

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/norming/sessions',
  tags: ['norming'],
  summary: 'Set up a norming session: rubric, lead assessor, raters and reference cases',
  request: { body: jsonBody(SessionInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Created'),
    400: errorResponse('Unknown rubric or person'),
    403: errorResponse('Only the director (or an admin) sets up norming sessions'),
  },
});

export const sessionRoute = createRoute({
  method: 'get',
  path: '/norming/sessions/{id}',
  tags: ['norming'],
  summary:
    "A session: its cases with the rubric's descriptors, the caller's own levels, the masters when allowed",
  request: { params: SessionParam },
  responses: {
    200: jsonResponse(SessionDetail, 'The session'),
    404: errorResponse('No such session for you'),
  },
});

export const scoreCaseRoute = createRoute({
  method: 'put',
  path: '/norming/sessions/{id}/cases/{case}/scores',
  tags: ['norming'],
  summary: "A rater's own levels for one case (while the session is open)",
  request: { params: CaseParam, body: jsonBody(ScoresInput) },
  responses: {
    200: jsonResponse(z.object({ scored: z.number().int() }), "The caller's levels now in for this case"),
    404: errorResponse('Not a rater in this session'),
    409: errorResponse('The session is closed'),
  },
});

export const masterCaseRoute = createRoute({
  method: 'put',
  path: '/norming/sessions/{id}/cases/{case}/master',
  tags: ['norming'],
  summary: "The master's levels for one case, agreed by the lead assessors (who runs the session)",
  request: { params: CaseParam, body: jsonBody(ScoresInput) },
  responses: {
    200: jsonResponse(z.object({ scored: z.number().int() }), 'Master levels now set for this case'),
    403: errorResponse('Only who runs the session sets masters'),
    409: errorResponse('The session is closed'),
  },
});

export const importScoresRoute = createRoute({
  method: 'post',
  path: '/norming/sessions/{id}/import',
  tags: ['norming'],
  summary: 'Import scores (case,rater,criterion,score[,master]) into an open session; all or nothing',
  description:
    'case is a case title, rater a person code or name of a rater in the session, criterion a criterion code of ' +
    "the session's rubric. Every problem is named by row and column; a file with any writes nothing.",
  request: {
    params: SessionParam,
    body: { required: true, content: { 'multipart/form-data': { schema: ScoreFile } } },
  },
  responses: {
    200: jsonResponse(z.object({ scores: z.number().int(), masters: z.number().int() }), 'Imported'),
    403: errorResponse('Only who runs the session imports'),
    409: errorResponse('The session is closed'),
    422: importRejectedResponse('The file has problems; nothing was written'),
  },
});

export const closeSessionRoute = createRoute({
  method: 'post',
  path: '/norming/sessions/{id}/close',
  tags: ['norming'],
  summary: "Close a session: scores are fixed, each rater's agreement recorded, masters shown to raters",
  request: { params: SessionParam },
  responses: {
    200: jsonResponse(SessionSummary, 'Closed'),
    403: errorResponse('Only who runs the session closes it'),
    409: errorResponse('Already closed, or a case has no master'),
  },
});

export const sessionReportRoute = createRoute({
  method: 'get',
  path: '/norming/sessions/{id}/report',
  tags: ['norming'],
  summary: "A closed session's agreement statistics (a rater sees only their own agreement)",
  request: { params: SessionParam },
  responses: {
    200: jsonResponse(NormingReport, 'The report'),
    404: errorResponse('No such session for you'),
    409: errorResponse('The session is still open'),
  },
});

export const driftRoute = createRoute({
  method: 'get',
  path: '/norming/drift',
  tags: ['norming'],
  summary:
    "Each rater's agreement across closed sessions, drift and calibration, worst first (a rater: their own)",
  responses: { 200: jsonResponse(DriftAnswer, 'The raters') },
});

export const developmentLogRoute = createRoute({
  method: 'get',
  path: '/norming/log/{person}',
  tags: ['norming'],
  summary: "A person's development log: sessions and agreement over time, coaching, retreat notes",
  request: { params: PersonParam },
  responses: { 200: jsonResponse(DevelopmentLog, 'The log'), 404: errorResponse('Not yours to see') },
});

export const addLogEntryRoute = createRoute({
  method: 'post',
  path: '/norming/log',
  tags: ['norming'],
  summary: "Add to a development log (one's own, or anyone's for the director)",
  request: { body: jsonBody(LogEntryInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Added'),
    404: errorResponse('Not yours to write'),
  },
});
