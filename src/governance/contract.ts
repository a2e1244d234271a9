// Governing boards' API (/governance): boards with their places, members, skills matrix, training and
// succession plan; the director's list of boards not ready for succession; the skills and courses
// catalogue; governors on headteacher recruitment panels.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowId } from '../contract.ts';
import { governorCategories, governorRoles, notReadyReasons } from './lists.ts';

export const GovernorCategory = z.enum(governorCategories);
export type GovernorCategory = z.infer<typeof GovernorCategory>;
export const GovernorRole = z.enum(governorRoles);
export type GovernorRole = z.infer<typeof GovernorRole>;
export const NotReadyReason = z.enum(notReadyReasons);
export type NotReadyReason = z.infer<typeof NotReadyReason>;

const Code = z.string().trim().min(1).max(40);
const Name = z.string().trim().min(1).max(200);
const Named = z.object({ code: z.string(), name: z.string() });
const Places = z
  .object(Object.fromEntries(governorCategories.map((c) => [c, z.number().int().min(0).max(30).optional()])))
  .partial()
  .openapi({
    description: 'Places per category by the instrument of government (a category left out has none)',
  });
const Email = z.string().trim().email().max(200);
const Phone = z.string().trim().min(3).max(40);

const BoardCodeParam = z.object({ code: Code });

// ---- boards -------------------------------------------------------------------------------------------

export const BoardInput = z
  .object({
    code: Code,
    name: Name,
    schools: z.array(Code).min(1).max(50).openapi({ description: 'School codes the board governs' }),
    group: Code.optional().openapi({
      description: "The registry's trust or federation, where the board is its board",
    }),
    clerk_name: z.string().trim().max(200).default(''),
    clerk_email: Email.optional(),
    places: Places,
  })
  .openapi('BoardInput');
export type BoardInput = z.input<typeof BoardInput>;

export const BoardEdit = z
  .object({
    name: Name,
    schools: z.array(Code).min(1).max(50),
    group: Code.nullable(),
    clerk_name: z.string().trim().max(200),
    clerk_email: Email.nullable(),
    places: Places,
  })
  .partial()
  .openapi('BoardEdit');
export type BoardEdit = z.input<typeof BoardEdit>;

export const boardSorts = ['name', 'vacancies', '-vacancies', 'reasons', '-reasons', 'chair_term'] as const;

export const BoardFilter = z.object({
  area: z.string().optional(),
  school: z.string().optional(),
  not_ready: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only boards with a reason not to be ready' }),
  vacancies: z.enum(['true', 'false']).optional().openapi({ description: 'Only boards with a vacancy' }),
  q: z.string().max(100).optional().openapi({ description: 'Part of the board or a school name' }),
  sort: z.enum(boardSorts).default('name'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
export type BoardFilter = z.input<typeof BoardFilter>;

export const BoardSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    group: Named.nullable(),
    schools: z.array(Named),
    areas: z.array(Named),
    places: z.number().int(),
    serving: z.number().int(),
    vacancies: z.number().int().openapi({ description: 'Places per category minus serving members, summed' }),
    chair: z.object({ name: z.string(), term_ends_on: IsoDate }).nullable(),
    has_plan: z.boolean(),
    plan_reviewed_on: IsoDate.nullable(),
    terms_ending: z
      .number()
      .int()
      .openapi({ description: 'Serving members whose term ends within the setting' }),
    trained: z
      .number()
      .int()
      .openapi({ description: 'Serving members up to date with every mandatory course' }),
    recruitment_trained: z
      .number()
      .int()
      .openapi({ description: 'Serving members trained in headteacher recruitment' }),
    reasons: z
      .array(NotReadyReason)
      .openapi({ description: 'Why the board is not ready for succession (none: ready)' }),
  })
  .openapi('BoardSummary');
export type BoardSummary = z.infer<typeof BoardSummary>;

export const BoardPage = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
    figures: z.object({
      boards: z.number().int(),
      not_ready: z.number().int(),
      with_plan: z.number().int(),
      places: z.number().int(),
      vacancies: z.number().int(),
      serving: z.number().int(),
      trained: z.number().int(),
    }),
    settings: z.object({
      term_ending_months: z.number().int(),
      vacancy_percent: z.number().int(),
      plan_review_months: z.number().int(),
    }),
    boards: z.array(BoardSummary),
  })
  .openapi('BoardPage');
export type BoardPage = z.infer<typeof BoardPage>;

// ---- members, skills, training ---------------------------------------------------------------------------

export const MemberInput = z
  .object({
    name: Name,
    person: Code.optional().openapi({ description: "A registry person's code, when the governor is one" }),
    email: Email.optional(),
    phone: Phone.optional(),
    category: GovernorCategory,
    roles: z.array(GovernorRole).max(governorRoles.length).default([]),
    appointed_on: IsoDate,
    term_ends_on: IsoDate,
  })
  .openapi('GovernorInput');
export type MemberInput = z.input<typeof MemberInput>;

export const MemberEdit = z
  .object({
    name: Name,
    email: Email.nullable(),
    phone: Phone.nullable(),
    category: GovernorCategory,
    roles: z.array(GovernorRole).max(governorRoles.length),
    appointed_on: IsoDate,
    term_ends_on: IsoDate,
    resigned_on: IsoDate.nullable(),
    skills: z
      .record(z.string(), z.number().int().min(0).max(3))
      .openapi({ description: 'Skill code to rating 1 (some), 2 (good), 3 (expert); 0 removes it' }),
  })
  .partial()
  .openapi('GovernorEdit');
export type MemberEdit = z.input<typeof MemberEdit>;

export const TrainingInput = z
  .object({ course: Code, attended_on: IsoDate })
  .openapi('GovernorTrainingInput');
export type TrainingInput = z.input<typeof TrainingInput>;

export const Member = z
  .object({
    id: z.number().int(),
    name: z.string(),
    person: Named.nullable(),
    email: z
      .string()
      .nullable()
      .openapi({ description: 'Only to those who manage the board; null otherwise' }),
    phone: z
      .string()
      .nullable()
      .openapi({ description: 'Only to those who manage the board; null otherwise' }),
    category: GovernorCategory,
    roles: z.array(GovernorRole),
    appointed_on: IsoDate,
    term_ends_on: IsoDate,
    resigned_on: IsoDate.nullable(),
    status: z.enum(['serving', 'term_ended', 'resigned', 'appointed']),
    term_ending: z.boolean().openapi({ description: 'Serving, and the term ends within the setting' }),
    skills: z.record(z.string(), z.number().int()),
    training: z.array(
      z.object({
        id: z.number().int(),
        course: z.string(),
        attended_on: IsoDate,
        expires_on: IsoDate.nullable(),
      }),
    ),
    overdue: z
      .array(z.string())
      .openapi({ description: 'Mandatory courses missing or out of date (serving members)' }),
  })
  .openapi('Governor');
export type Member = z.infer<typeof Member>;

export const Succession = z
  .object({
    has_plan: z.boolean(),
    reviewed_on: IsoDate.nullable(),
    chair_successor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    headship_successor: Named.nullable(),
    headship_successor_note: z.string(),
    notes: z.string(),
  })
  .openapi('BoardSuccession');
export type Succession = z.infer<typeof Succession>;

export const SuccessionInput = z
  .object({
    has_plan: z.boolean(),
    reviewed_on: IsoDate.nullable().default(null),
    chair_successor: RowId.nullable().default(null).openapi({ description: 'A serving member of the board' }),
    headship_successor: Code.nullable().default(null).openapi({ description: "A registry person's code" }),
    headship_successor_note: z.string().max(500).default(''),
    notes: z.string().max(4000).default(''),
  })
  .openapi('BoardSuccessionInput');
export type SuccessionInput = z.input<typeof SuccessionInput>;

export const PanelInput = z
  .object({
    governors: z
      .array(RowId)
      .max(20)
      .openapi({ description: "Members of the board who sat on the round's panel" }),
  })
  .openapi('GovernorPanelInput');
export type PanelInput = z.input<typeof PanelInput>;

export const BoardDetail = BoardSummary.extend({
  clerk_name: z.string(),
  clerk_email: z.string().nullable(),
  can_manage: z
    .boolean()
    .openapi({ description: 'The caller may change the board, its plan and see contacts' }),
  can_record: z.boolean().openapi({ description: 'The caller may record members, skills and training' }),
  by_category: z.array(
    z.object({
      category: GovernorCategory,
      places: z.number().int(),
      serving: z.number().int(),
      vacancies: z.number().int(),
    }),
  ),
  members: z.array(Member),
  skills: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      covered_by: z.number().int().openapi({ description: 'Serving members rated good (2) or expert (3)' }),
      gap: z
        .enum(['none', 'one'])
        .nullable()
        .openapi({ description: 'No serving member covers it, or only one' }),
    }),
  ),
  courses: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      mandatory: z.boolean(),
      renew_months: z.number().int().nullable(),
      overdue: z
        .number()
        .int()
        .openapi({ description: 'Serving members without it in date (mandatory ones)' }),
    }),
  ),
  succession: Succession.nullable(),
  headship_vacancies: z.array(
    z.object({
      id: z.number().int(),
      school: Named,
      opened_on: IsoDate,
      status: z.enum(['open', 'filled', 'withdrawn']),
      rounds: z.array(
        z.object({
          id: z.number().int(),
          number: z.number().int(),
          advertised_on: IsoDate,
          outcome: z.string(),
          panel: z.string(),
          governors_on_panel: z.number().int(),
          governors: z.array(z.object({ id: z.number().int(), name: z.string() })),
        }),
      ),
    }),
  ),
}).openapi('Board');
export type BoardDetail = z.infer<typeof BoardDetail>;

// ---- catalogue ---------------------------------------------------------------------------------------------

export const Catalogue = z
  .object({
    skills: z.array(z.object({ code: z.string(), name: z.string(), active: z.boolean() })),
    courses: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        mandatory: z.boolean(),
        renew_months: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('GovernanceCatalogue');
export type Catalogue = z.infer<typeof Catalogue>;

export const SkillInput = z
  .object({ name: Name, active: z.boolean().default(true) })
  .openapi('GovernanceSkillInput');
export type SkillInput = z.input<typeof SkillInput>;

export const CourseInput = z
  .object({
    name: Name,
    mandatory: z.boolean().default(false),
    renew_months: z.number().int().min(1).max(120).nullable().default(null),
  })
  .openapi('GovernanceCourseInput');
export type CourseInput = z.input<typeof CourseInput>;

// ---- routes ------------------------------------------------------------------------------------------------

const tags = ['governance'];
const Created = z.object({ id: z.number().int() });

export const listBoardsRoute = createRoute({
  method: 'get',
  path: '/governance/boards',
  tags,
  summary:
    'Governing boards in scope, with vacancies, chair, plan and why each is not ready, filtered and paged',
  request: { query: BoardFilter },
  responses: {
    200: jsonResponse(BoardPage, 'One page of boards, with the figures of the whole filter'),
    403: errorResponse('Not a role that sees governors by name'),
    404: errorResponse('An area or school not in scope'),
  },
});

export const createBoardRoute = createRoute({
  method: 'post',
  path: '/governance/boards',
  tags,
  summary: 'Set up a board (a director, or an area lead for schools in their area)',
  request: { body: jsonBody(BoardInput) },
  responses: {
    201: jsonResponse(BoardDetail, 'The board'),
    400: errorResponse('A field that is not valid, or a school that already has a board'),
    403: errorResponse('Not a role that sets up boards'),
    404: errorResponse('A school not in scope'),
    409: errorResponse('The code is taken'),
  },
});

export const boardRoute = createRoute({
  method: 'get',
  path: '/governance/boards/{code}',
  tags,
  summary:
    'One board: places and vacancies, members, skills matrix, training, succession, recruitment panels',
  request: { params: BoardCodeParam },
  responses: {
    200: jsonResponse(BoardDetail, 'The board'),
    403: errorResponse('Not a role that sees governors by name'),
    404: errorResponse('No such board in scope'),
  },
});

export const editBoardRoute = createRoute({
  method: 'patch',
  path: '/governance/boards/{code}',
  tags,
  summary: "Change a board's name, schools, clerk or places",
  request: { params: BoardCodeParam, body: jsonBody(BoardEdit) },
  responses: {
    200: jsonResponse(BoardDetail, 'The board'),
    400: errorResponse('A field that is not valid'),
    403: errorResponse('Not a role that manages boards'),
    404: errorResponse('No such board in scope'),
  },
});

export const addMemberRoute = createRoute({
  method: 'post',
  path: '/governance/boards/{code}/members',
  tags,
  summary: 'Add a member (those who manage the board, and the head of its school)',
  request: { params: BoardCodeParam, body: jsonBody(MemberInput) },
  responses: {
    201: jsonResponse(Created, 'The member'),
    400: errorResponse('A field that is not valid, or a second chair'),
    403: errorResponse('Not a role that records governors'),
    404: errorResponse('No such board in scope'),
  },
});

export const editMemberRoute = createRoute({
  method: 'patch',
  path: '/governance/members/{id}',
  tags,
  summary: 'Change a member: roles, term, resignation, contact details, skills ratings',
  request: { params: IdParam, body: jsonBody(MemberEdit) },
  responses: {
    200: jsonResponse(Member, 'The member'),
    400: errorResponse('A field that is not valid, or a second chair'),
    403: errorResponse('Not a role that records governors'),
    404: errorResponse('No such member in scope'),
  },
});

export const addTrainingRoute = createRoute({
  method: 'post',
  path: '/governance/members/{id}/training',
  tags,
  summary: 'Record a course a member attended',
  request: { params: IdParam, body: jsonBody(TrainingInput) },
  responses: {
    201: jsonResponse(Member, 'The member with the course'),
    400: errorResponse('An unknown course, or a date in the future'),
    403: errorResponse('Not a role that records governors'),
    404: errorResponse('No such member in scope'),
    409: errorResponse('Already recorded on that day'),
  },
});

export const setSuccessionRoute = createRoute({
  method: 'put',
  path: '/governance/boards/{code}/succession',
  tags,
  summary: "Record the board's succession plan",
  request: { params: BoardCodeParam, body: jsonBody(SuccessionInput) },
  responses: {
    200: jsonResponse(BoardDetail, 'The board'),
    400: errorResponse('A plan with no review date, or a successor who is not a serving member'),
    403: errorResponse('Not a role that manages boards'),
    404: errorResponse('No such board in scope'),
  },
});

export const setPanelRoute = createRoute({
  method: 'put',
  path: '/governance/boards/{code}/panels/{round}',
  tags,
  summary: "Name the board's members who sat on a headteacher recruitment round's panel",
  request: {
    params: z.object({ code: Code, round: IdParam.shape.id }),
    body: jsonBody(PanelInput),
  },
  responses: {
    200: jsonResponse(BoardDetail, 'The board'),
    400: errorResponse("A round at another board's school, or a governor of another board"),
    403: errorResponse('Not a role that records governors'),
    404: errorResponse('No such board or round in scope'),
  },
});

export const catalogueRoute = createRoute({
  method: 'get',
  path: '/governance/catalogue',
  tags,
  summary: "The skills a board's matrix rates and the courses its training records",
  responses: { 200: jsonResponse(Catalogue, 'Skills and courses') },
});

export const putSkillRoute = createRoute({
  method: 'put',
  path: '/governance/skills/{code}',
  tags,
  summary: 'Add or rename a skill, or retire it from the matrix (a whole-authority director)',
  request: { params: BoardCodeParam, body: jsonBody(SkillInput) },
  responses: {
    200: jsonResponse(Catalogue, 'The catalogue'),
    400: errorResponse('A field that is not valid'),
    403: errorResponse('Not a whole-authority role that manages boards'),
  },
});

export const putCourseRoute = createRoute({
  method: 'put',
  path: '/governance/courses/{code}',
  tags,
  summary: 'Add or change a course: whether it is mandatory and how often it must be renewed',
  request: { params: BoardCodeParam, body: jsonBody(CourseInput) },
  responses: {
    200: jsonResponse(Catalogue, 'The catalogue'),
    400: errorResponse('A field that is not valid'),
    403: errorResponse('Not a whole-authority role that manages boards'),
  },
});
