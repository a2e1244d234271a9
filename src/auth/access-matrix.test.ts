// The access matrix: one row per route of the OpenAPI document, one column per caller, each cell the
// status that caller gets, written out by hand from the rules in the README's access section. The rows
// are checked against the document, so a route added without a row fails here. A 200 on a read also
// checks that the answer names no school outside the caller's scope.
//
// The tiny authority T > A {S1, S2}, B {S3, S4, S5}, with trust TA {S1, S4} and trust TB {S3}. Every
// row addresses something of area A or school S1 ("home"); the callers come in pairs, one at home and
// one elsewhere: lead_A / lead_B, head_S1 / head_S3, leader_S1 (deployed to S1) / leader_S5 (deployed to
// S5), trust_A (a director at TA) / trust_B (at TB). People sign in and call with the session cookie and
// its CSRF token, as the web app does; `token` is the director's API token.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { today } from '../clock.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { buildApp } from '../server.ts';
import { defaultStageRules, defaultStages } from '../stages/rules.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { operator } from './actor.ts';
import type { Role } from './contract.ts';
import { createToken } from './tokens.ts';
import { addUser } from './users.ts';

const accounts = {
  admin: ['admin', 'T', null],
  director: ['director', 'T', 'P1'],
  analyst: ['analyst', 'T', null],
  viewer: ['viewer', 'T', null],
  lead_A: ['area_lead', 'A', 'P2'],
  lead_B: ['area_lead', 'B', 'P3'],
  head_S1: ['headteacher', 'S1', 'P4'],
  head_S3: ['headteacher', 'S3', 'P6'],
  leader_S1: ['system_leader', 'S1', 'P7'],
  leader_S5: ['system_leader', 'S5', 'P8'],
  trust_A: ['director', 'TA', null],
  trust_B: ['director', 'TB', null],
} as const satisfies Record<string, [Role, string, string | null]>;
type Person = keyof typeof accounts;
type Caller = Person | 'token' | 'anonymous';
const people = Object.keys(accounts) as Person[];
const callers: Caller[] = [...people, 'token', 'anonymous'];

/** Schools each caller may see by name. */
const allSchools = ['S1', 'S2', 'S3', 'S4', 'S5'];
const scopeOf: Record<Caller, string[]> = {
  admin: allSchools,
  director: allSchools,
  analyst: allSchools,
  viewer: allSchools,
  token: allSchools,
  lead_A: ['S1', 'S2'],
  lead_B: ['S3', 'S4', 'S5'],
  head_S1: ['S1'],
  head_S3: ['S3'],
  leader_S1: ['S1'],
  leader_S5: ['S5'],
  trust_A: ['S1', 'S4'],
  trust_B: ['S3'],
  anonymous: [],
};
const schoolNames: Record<string, string> = {
  S1: 'Big School',
  S2: 'Small School',
  S3: 'Third School',
  S4: 'Fourth School',
  S5: 'Fifth School',
};

// Groups of callers, to write the cells compactly.
const whole = ['admin', 'director', 'analyst', 'viewer', 'token'] as const;
/** Those who do not see school S1 (lead_A, head_S1, leader_S1 and trust_A do, as the top does). */
const notS1 = ['lead_B', 'head_S3', 'leader_S5', 'trust_B'] as const;
/** Those who lead (or hold a write role for) the whole authority. */
const runsAll = ['admin', 'director', 'token'] as const;

type Cells = Partial<Record<Caller, number>>;
const cells = (status: number, who: readonly Caller[]): Cells =>
  Object.fromEntries(who.map((w) => [w, status]));
/** Every signed-in caller gets `status`, anonymous 401, then the exceptions. */
const signedIn = (status: number, ...exceptions: Cells[]): Cells =>
  Object.assign({ ...cells(status, [...people, 'token']), anonymous: 401 }, ...exceptions);

interface Request {
  path: string;
  body?: unknown;
  form?: () => FormData;
}

interface Row {
  /** `METHOD /path` as in the OpenAPI document. */
  route: string;
  /** The request, or a function making what it needs first (a fresh item to change or delete). */
  request: Request | ((caller: Caller) => Promise<Request>);
  expect: Cells;
  /** Why a 200 may name schools outside the caller's scope (the default is that it may not). */
  namesOthers?: string;
}

let database: Database;
let app: ReturnType<typeof buildApp>;
const password = 'a long matrix password';
const emailOf = (who: Person) => `${who.toLowerCase()}@matrix.example`;

/** Signs a person in as the web app does: the session cookie, and its CSRF token for changes. */
async function signIn(who: Person): Promise<Record<string, string>> {
  const signedIn = await app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emailOf(who), password }),
  });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const session = await (await app.request('/api/v1/auth/session', { headers: { cookie } })).json();
  return { cookie, 'x-csrf-token': session.csrf_token };
}
const auth = new Map<Caller, Record<string, string>>();
const ids: Record<string, number> = {};

async function call(who: Caller, method: string, req: Request) {
  const headers: Record<string, string> = { ...(auth.get(who) ?? {}) };
  let body: BodyInit | undefined;
  if (req.form) body = req.form();
  else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  if (method === 'GET') delete headers['x-csrf-token'];
  const response = await app.request(`/api/v1${req.path}`, { method, headers, body });
  return { status: response.status, text: await response.text() };
}

/** As the admin: the fixtures' requests, which must succeed. */
async function setup(method: string, path: string, body?: unknown) {
  const { status, text } = await call('admin', method, { path, body });
  if (status >= 300) throw new Error(`${method} ${path}: ${status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const freshChallenge = async (units = ['S1']) =>
  (
    await setup('POST', '/challenges', {
      title: 'Maths post unfilled',
      category: 'staffing_gap',
      units,
      owner: 'P2',
      raised_on: '2026-11-02',
      due_on: '2027-01-31',
    })
  ).id as number;
const freshMeeting = async () =>
  (
    await setup('POST', '/meetings', {
      kind: 'area_leads',
      org_unit: 'A',
      held_on: '2026-11-12',
      period: '2026-10',
      chair: 'P2',
      attendees: ['P2'],
      draft: false,
    })
  ).id as number;
const freshNeed = async () =>
  (
    await setup('POST', '/brokering/needs', {
      school: 'S1',
      kind: 'professional_partner',
      evidence: 'The head asked for coaching',
    })
  ).id as number;
async function freshDeployment(school = 'S1', leader = 'P7') {
  const need = await freshNeed();
  const db = database.db;
  const { id } = await db
    .insertInto('deployment')
    .values({
      need_id: need,
      person_id: (
        await db.selectFrom('person').select('id').where('code', '=', leader).executeTakeFirstOrThrow()
      ).id,
      role: 'professional_partner',
      starts_on: '2026-10-01',
      ends_on: '2027-03-31',
      days_agreed: 6,
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`update support_need set status = 'supported',
    school_id = (select id from org_unit where code = ${school}) where id = ${need}`.execute(db);
  return id;
}

/** A new person recorded as a maths SLE at a school, named for the caller so each is their own. */
const specialistAt = (school: string, who: string) => ({
  new_person: { given_name: 'Sam', family_name: `Specialist ${who}` },
  kind: 'sle',
  specialisms: ['mathematics'],
  school,
  days_per_year: 10,
});

/** A fresh deployment with one day logged, to correct or remove. */
/** An awaiting declared strength of S1's, the only live one. */
async function freshDeclaredStrength(): Promise<number> {
  const db = database.db;
  await db.deleteFrom('declared_strength').execute();
  const school = await db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', 'S1')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('declared_strength')
    .values({
      school_id: school.id,
      practice_area: 'attendance',
      evidence: 'Attendance rose from 92% to 96% in a year.',
      declared_by: 'head',
      declared_on: '2026-11-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function freshDay(): Promise<{ deployment: number; day: number }> {
  const deployment = await freshDeployment();
  const { id } = await database.db
    .insertInto('deployment_day')
    .values({
      deployment_id: deployment,
      on_date: '2026-11-02',
      days: 0.5,
      activity: 'visit',
      note: '',
      logged_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { deployment, day: id };
}

const freshMeasure = async () =>
  (
    await setup('POST', '/strategies/HOME/measures', {
      strand: id('strand'),
      indicator: 'attendance_rate',
      baseline_value: 90,
      baseline_period: '2025-09',
      target_value: 95,
      target_period: '2027-07',
    })
  ).id as number;
/** Area A's plan with an open 2025-26T3 cycle (or none, to open one): a fresh one per caller. */
const freshCyclePlan = async (who: Caller, open: boolean) => {
  const code = `CY-${who}-${open ? 'o' : 'n'}`;
  await setup('POST', '/strategies', { code, name: 'Cycle plan', scope: 'A', lead: 'P2' });
  if (open) await setup('POST', `/strategies/${code}/cycles`, { term: '2025-26T3' });
  return code;
};
const freshLink = async () =>
  (await setup('POST', '/strategies/links', { from_strand: id('strand'), to_strand: id('wideStrand') }))
    .id as number;

const schoolsFile = () => {
  const form = new FormData();
  form.append('file', new File(['code,name,phase,area_code\nS1,Big School,primary,A\n'], 'schools.csv'));
  return form;
};

const mappingFile = () => {
  const form = new FormData();
  form.append('file', new File(['kind,code,uid\norg_unit,S2,Yr8cO3lMn5Q\n'], 'mapping.csv'));
  return form;
};
let mappingCounter = 0;

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const test = operator('test');
  await loadTinyAuthority(db);
  const load = (kind: string, lines: string[]) =>
    importFile(contextFor(db, test), kind, csv(`${kind}.csv`, lines));
  await load('schools', [
    'code,name,phase,area_code,trust_code,trust_name',
    'S1,Big School,primary,A,TA,Alpha Trust',
    'S3,Third School,primary,B,TB,Beta Trust',
    'S4,Fourth School,primary,B,TA,Alpha Trust',
  ]);
  await load('people', [
    'code,given_name,family_name,email',
    ...['P1', 'P2', 'P3', 'P4', 'P6', 'P7', 'P8'].map((p) => `${p},Person,${p},`),
  ]);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2015-09-01,,1',
    'P6,S3,headteacher,2018-09-01,,1',
  ]);
  await load('designations', [
    'person_code,kind,starts_on,ends_on,days_per_year',
    'P7,nle,2020-01-01,,30',
    'P8,lle,2020-01-01,,20',
  ]);
  await load('inspections', [
    'school_code,inspected_on,overall,leadership,category',
    'S1,2025-05-01,requires improvement,good,',
  ]);
  app = buildApp({ database, log: () => {} });
  for (const who of people) {
    const [role, unit, person] = accounts[who];
    await addUser(contextFor(db, test), {
      email: emailOf(who),
      role,
      orgUnit: unit,
      person: person ?? undefined,
      password,
    });
    auth.set(who, await signIn(who));
  }
  const { token } = await createToken(contextFor(db, test), { email: emailOf('director'), name: 'matrix' });
  auth.set('token', { authorization: `Bearer ${token}` });

  ids.challenge = await freshChallenge();
  ids.recurring = (
    await setup('POST', `/challenges/${ids.challenge}/links`, {
      challenge: await freshChallenge(),
      title: 'Maths posts',
    })
  ).recurring;
  ids.meeting = await freshMeeting();
  ids.item = (
    await setup('PUT', `/meetings/${ids.meeting}/agenda`, {
      items: [{ kind: 'item', title: 'Staffing', notes: '' }],
    })
  ).agenda[0].id;
  ids.action = (
    await setup('POST', '/actions', { title: 'Call the head', owner: 'P2', meeting_id: ids.meeting })
  ).id;
  ids.need = await freshNeed();
  ids.deployment = await freshDeployment();
  // Area A's teachers in October, so a redeployment plan has schools to plan for.
  await importFile(
    contextFor(db, test),
    'data-values',
    csv('teachers.csv', [
      'school_code,period,element,value',
      'S1,2026-10,pupils_enrolled,400',
      'S1,2026-10,teachers_in_post,12',
      'S2,2026-10,pupils_enrolled,100',
      'S2,2026-10,teachers_in_post,1',
    ]),
  );
  ids.teacherPlan = (await freshTeacherPlan()).plan;
  await freshDeployment('S5', 'P8');
  ids.proposal = (await setup('POST', '/brokering/proposals', { area: 'A', as_of: '2026-11-01' })).id;
  ids.event = (await setup('GET', '/audit')).events[0].id;
  // Strategies: area A's plan led by lead_A, its strand by head_S1, its action by leader_S1; and the
  // authority's plan, which area A's contributes to.
  await setup('POST', '/strategies', { code: 'HOME', name: 'Area A plan', scope: 'A', lead: 'P2' });
  ids.strand = (
    await setup('POST', '/strategies/HOME/strands', { code: 'H1', name: 'Leaders', lead: 'P4' })
  ).id;
  ids.planAction = (
    await setup('POST', `/strategies/strands/${ids.strand}/actions`, {
      code: 'H1.1',
      title: 'Mentoring',
      lead: 'P7',
    })
  ).id;
  ids.milestone = (
    await setup('POST', `/strategies/actions/${ids.planAction}/milestones`, {
      title: 'Pairs',
      due_on: '2026-12-01',
    })
  ).id;
  await setup('POST', '/strategies/HOME/cycles', { term: '2025-26T3' });
  await setup('POST', '/strategies', { code: 'WIDE', name: 'Authority plan', scope: 'T' });
  ids.wideStrand = (await setup('POST', '/strategies/WIDE/strands', { code: 'W1', name: 'Standards' })).id;
  // Visits: one recorded to S1 by area A's lead, scored on the leadership rubric.
  ids.visit = (await setup('POST', '/visits', visitTo('S1'))).id;
  // Programmes: an NPQH cohort with S1's head enrolled (seen by name where S1 is in scope).
  ids.cohort = (await setup('POST', '/programmes/cohorts', freshCohort('HOME'))).id;
  ids.participant = (
    await setup('POST', `/programmes/cohorts/${ids.cohort}/participants`, { person: 'P4' })
  ).id;
  // Norming: an open session the director runs, rated by lead_A and leader_S1, and a closed one.
  ids.norming = await freshNormingSession();
  ids.normingCase = (await setup('GET', `/norming/sessions/${ids.norming}`)).cases[0].id;
  ids.normingClosed = await freshNormingSession();
  await setup('POST', `/norming/sessions/${ids.normingClosed}/close`);
  // Vacancies: a headship vacancy at S1 (seen by name where S1 is in scope).
  ids.vacancy = (await freshVacancy(false)).id;
  // Skills: an audit of the heads (P4 at S1, P6 at S3), open now.
  await setup('POST', '/skills/audits', skillAudit('SK', '2026-09-01'));
  // Reforms: one covering the whole authority, checked once at S1 by area A's lead.
  await setup('POST', '/reforms', reformAs('HOME'));
  await setup('POST', '/reforms/HOME/checks', checkAt('S1'));
  // Governing boards: S1's board with one governor, and a headship round at S1 for its panel.
  await setup('POST', '/governance/boards', {
    code: 'HOME-GB',
    name: 'Home governing board',
    schools: ['S1'],
    places: { parent: 2, co_opted: 2 },
  });
  ids.governor = (await setup('POST', '/governance/boards/HOME-GB/members', governorAs('matrix'))).id;
  const withRound = await freshVacancy(true);
  ids.govRound = (await setup('GET', `/vacancies/${withRound.id}`)).round_list[0].id;
}, 300_000);

/** A skills audit of the heads, open until two years past today (the matrix runs on today's date). */
const skillAudit = (code: string, opens_on: string) => ({
  code,
  name: `Skills ${code}`,
  opens_on,
  closes_on: `${Number(today().slice(0, 4)) + 2}-08-31`,
  roles: ['headteacher'],
});
const skillRating = { audit: 'SK', person: 'P4', competency: 'data_literacy', rating: 3 };
/** A governor for the board at S1, named for the caller adding them. */
const governorAs = (who: string) => ({
  name: `Governor ${who}`,
  category: 'parent',
  appointed_on: '2025-09-01',
  term_ends_on: '2029-08-31',
  email: `${who.toLowerCase()}@governors.example`,
});
/** Roles that never see governors by name (they read the board indicators). */
const noGovernance = ['analyst', 'viewer', 'leader_S1', 'leader_S5'] as const;
/** Those who see neither S1 nor its board. */
const outsideS1 = ['lead_B', 'head_S3', 'trust_B'] as const;

/** A norming session on the lesson rubric with one case and its master level set, as the admin. */
async function freshNormingSession(): Promise<number> {
  const { id } = await setup('POST', '/norming/sessions', {
    title: 'Norming',
    held_on: '2026-10-01',
    rubric: 'LESSON',
    led_by: 'P1',
    raters: ['P2', 'P7'],
    cases: [{ title: 'Case 1', kind: 'lesson_video' }],
  });
  const caseId = (await setup('GET', `/norming/sessions/${id}`)).cases[0].id;
  await setup('PUT', `/norming/sessions/${id}/cases/${caseId}/master`, {
    scores: [{ criterion: 'PLN1', level: 3 }],
  });
  return id;
}
/** Those who rate in the matrix's norming sessions. */
const normingRaters = ['lead_A', 'leader_S1'] as const;

/** A headship vacancy at a school; the round and the vacancy the vacancy rows change, made fresh for each caller. */
const vacancyAt = (school: string) => ({
  school,
  post_role: 'headteacher',
  opened_on: '2026-01-05',
  reason: 'retirement',
});
const vacancyRound = { advertised_on: '2026-01-10', closes_on: '2026-01-31', applications: 3 };
const appointees: Cells = { admin: 1, director: 2, token: 3, lead_A: 8, trust_A: 6 };
const appointee = (who: Caller) => `P${appointees[who] ?? 7}`;
async function freshVacancy(withRound: boolean) {
  const vacancy = await setup('POST', '/vacancies', vacancyAt('S1'));
  if (withRound) await setup('POST', `/vacancies/${vacancy.id}/rounds`, vacancyRound);
  return vacancy as { id: number };
}

/** A redeployment plan for area A with one move (S1 to S2) put in by hand: the matrix has no teacher data. */
async function freshTeacherPlan(decision: 'proposed' | 'accepted' = 'proposed') {
  const plan = (await setup('POST', '/teachers/plans', { area: 'A' })) as { id: number };
  const school = async (code: string) =>
    (await database.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow())
      .id;
  const move = await database.db
    .insertInto('teacher_plan_move')
    .values({
      plan_id: plan.id,
      from_school_id: await school('S1'),
      to_school_id: await school('S2'),
      teachers: 1,
      km: 3,
      reason: 'from S1, 1 over the norm, to S2, 1 under, 3 km',
      decision,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { plan: plan.id, move: move.id };
}

/** A cohort of the NPQH programme, by its code. */
const freshCohort = (code: string) => ({
  code: `NPQH-${code}`,
  programme: 'npqh',
  name: `NPQH ${code}`,
  starts_on: '2026-09-01',
  ends_on: '2027-07-31',
});

/** A reform covering the whole authority with a one-practice checklist. */
const reformAs = (code: string) => ({
  code,
  name: 'Reading',
  phase: 'rollout',
  starts_on: '2026-09-01',
  units: ['T'],
  practices: [{ code: 'DAILY', name: 'Daily phonics' }],
});

/** A fidelity check of reform HOME at a school by area A's lead (P2). */
const checkAt = (school: string) => ({
  school,
  checked_on: '2026-11-10',
  visitors: ['P2'],
  practices: [{ practice: 'DAILY', status: 'partly', evidence: 'Two classes of three' }],
});

/** A scored supervision visit to a school by area A's lead (P2). */
const visitTo = (school: string) => ({
  school,
  visit_on: '2026-11-10',
  visit_type: 'supervision',
  visitors: ['P2'],
  rubric: { code: 'LEADERSHIP' },
  scores: [{ criterion: 'VIS1', level: 3, evidence: 'Staff state the aims' }],
});
afterAll(() => database?.close());

const id = (name: string) => ids[name] as number;

const rows: Row[] = [
  // Public routes.
  { route: 'GET /health', request: { path: '/health' }, expect: signedIn(200, { anonymous: 200 }) },
  {
    route: 'GET /openapi.json',
    request: { path: '/openapi.json' },
    expect: signedIn(200, { anonymous: 200 }),
  },
  {
    route: 'POST /auth/sign-in',
    // A different unknown email for each caller, so the per-account lockout does not answer instead.
    request: (who) =>
      Promise.resolve({
        path: '/auth/sign-in',
        body: { email: `nobody.${who}@matrix.example`, password: 'not the password' },
      }),
    // A wrong password is 401 for everyone; nothing about the caller changes that.
    expect: signedIn(401),
  },
  {
    route: 'GET /auth/session',
    request: { path: '/auth/session' },
    expect: signedIn(200),
    namesOthers: 'the caller’s own account',
  },
  {
    route: 'POST /auth/sign-out',
    // Signing out a session made for the call, so the matrix's own sessions stay open.
    request: { path: '/auth/sign-out' },
    expect: signedIn(204),
  },

  // Administration: the admin only.
  { route: 'GET /users', request: { path: '/users' }, expect: signedIn(403, { admin: 200 }) },
  {
    route: 'POST /users',
    request: { path: '/users', body: { email: 'new@matrix.example', role: 'viewer', org_unit: 'A' } },
    expect: signedIn(403, { admin: 200 }),
  },
  {
    route: 'DELETE /users/{email}/roles',
    request: async () => {
      await setup('POST', '/users', { email: 'gone@matrix.example', role: 'viewer', org_unit: 'A' });
      return { path: '/users/gone@matrix.example/roles?role=viewer&org_unit=A' };
    },
    expect: signedIn(403, { admin: 204 }),
  },
  {
    route: 'POST /users/{email}/reset-password',
    request: { path: '/users/new@matrix.example/reset-password', body: {} },
    expect: signedIn(403, { admin: 200 }),
  },
  {
    route: 'POST /users/{email}/disabled',
    request: { path: '/users/new@matrix.example/disabled', body: { disabled: false } },
    expect: signedIn(403, { admin: 204 }),
  },
  { route: 'GET /tokens', request: { path: '/tokens' }, expect: signedIn(403, { admin: 200 }) },
  {
    route: 'POST /tokens',
    request: { path: '/tokens', body: { email: 'viewer@matrix.example', name: 'script' } },
    expect: signedIn(403, { admin: 200 }),
  },
  {
    route: 'DELETE /tokens/{id}',
    request: async () => {
      const made = await setup('POST', '/tokens', { email: 'viewer@matrix.example', name: 'to revoke' });
      return { path: `/tokens/${made.id}` };
    },
    expect: signedIn(403, { admin: 204 }),
  },
  {
    route: 'GET /audit',
    request: { path: '/audit' },
    expect: signedIn(403, { admin: 200 }),
    namesOthers: 'the admin reads the whole log',
  },
  {
    route: 'GET /audit/vocabulary',
    request: { path: '/audit/vocabulary' },
    expect: signedIn(403, { admin: 200 }),
  },
  {
    route: 'GET /audit/export',
    request: { path: '/audit/export?format=csv' },
    expect: signedIn(403, { admin: 200 }),
    namesOthers: 'the admin exports the whole log',
  },
  {
    route: 'GET /audit/{id}',
    request: () => Promise.resolve({ path: `/audit/${id('event')}` }),
    expect: signedIn(403, { admin: 200 }),
    namesOthers: 'the admin reads the whole log',
  },
  { route: 'GET /terminology', request: { path: '/terminology' }, expect: signedIn(200) },
  {
    route: 'PUT /terminology',
    request: { path: '/terminology', body: { area: 'Area' } },
    expect: signedIn(403, { admin: 200 }),
  },

  // The registry.
  {
    route: 'GET /org-units',
    request: { path: '/org-units?level=area' },
    expect: signedIn(200),
  },
  {
    route: 'GET /org-units/{code}',
    request: { path: '/org-units/A' },
    // Area A: led by lead_A; above S1, so there to compare with for its head, its leader and trust A.
    expect: signedIn(200, cells(404, ['lead_B', 'head_S3', 'leader_S5', 'trust_B'])),
  },
  { route: 'GET /schools', request: { path: '/schools?page_size=100' }, expect: signedIn(200) },
  {
    route: 'GET /schools/{code}',
    request: { path: '/schools/S1' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'POST /imports/{kind}',
    request: { path: '/imports/schools?dry_run=true', form: schoolsFile },
    expect: signedIn(403, { admin: 200, analyst: 200 }),
  },
  {
    route: 'GET /exports/{kind}',
    request: { path: '/exports/schools' },
    expect: signedIn(403, cells(200, whole)),
  },

  // KPIs, dashboards and reports.
  { route: 'GET /indicators', request: { path: '/indicators' }, expect: signedIn(200) },
  {
    route: 'POST /indicators',
    request: {
      path: '/indicators?dry_run=true',
      body: [
        {
          code: 'attendance_rate',
          name: 'Pupil attendance rate',
          numerator: '#{sessions_attended}',
          direction: 'higher',
        },
      ],
    },
    // The catalogue is the whole authority's: kpi:write held at the top (the token is the director's).
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'POST /data-values',
    request: {
      path: '/data-values?dry_run=true',
      body: [{ school_code: 'S1', period: '2026-10', element: 'sessions_possible', value: 1000 }],
    },
    // A head imports their own school's values: S1's head may send S1's row, S3's head is refused it.
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token', 'head_S1']), { head_S3: 422 }),
  },
  // Uploads: templates, formats and element ranges.
  { route: 'GET /imports/formats', request: { path: '/imports/formats' }, expect: signedIn(200) },
  {
    route: 'GET /imports/{kind}/template',
    request: { path: '/imports/data-values/template' },
    // Those who may import data values: a head too, whose template lists their own school alone.
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token', 'head_S1', 'head_S3'])),
  },
  { route: 'GET /data-elements', request: { path: '/data-elements' }, expect: signedIn(200) },
  {
    route: 'PUT /data-elements/{code}/range',
    request: { path: '/data-elements/sessions_possible/range', body: { min_value: 0, max_value: null } },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  // DHIS2: pushes are data values (a head sends their own school's); the rest is the whole authority's.
  {
    route: 'POST /dhis2/dataValueSets',
    request: {
      path: '/dhis2/dataValueSets?dry_run=true',
      body: {
        period: '202610',
        orgUnit: 'S1',
        dataValues: [{ dataElement: 'sessions_possible', value: '1000' }],
      },
    },
    // S3's head is answered with DHIS2's summary of the conflict (S1 is not their school): 409.
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token', 'head_S1']), { head_S3: 409 }),
  },
  {
    route: 'GET /dhis2/dataValueSets',
    request: { path: '/dhis2/dataValueSets?period=2026-10&element=sessions_possible' },
    expect: signedIn(403, cells(200, whole)),
    namesOthers: "a ministry's copy of every school's figures, for whole-authority roles",
  },
  {
    route: 'GET /dhis2/mappings',
    request: { path: '/dhis2/mappings' },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'PUT /dhis2/mappings',
    request: { path: '/dhis2/mappings', body: { kind: 'org_unit', code: 'S1', uid: 'Xq7bN2kLm4P' } },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'DELETE /dhis2/mappings/{id}',
    request: async () => {
      const uid = `Del${String(++mappingCounter).padStart(8, '0')}`;
      const made = await setup('PUT', '/dhis2/mappings', {
        kind: 'data_set',
        code: `set${mappingCounter}`,
        uid,
      });
      return { path: `/dhis2/mappings/${made.id}` };
    },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'POST /dhis2/mappings/import',
    request: { path: '/dhis2/mappings/import?dry_run=true', form: mappingFile },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'GET /dhis2/pulls',
    request: { path: '/dhis2/pulls' },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'POST /dhis2/pulls',
    request: { path: '/dhis2/pulls', body: {} },
    // Allowed, but no DHIS2 server is configured in the matrix: 400 naming the variables to set.
    expect: signedIn(403, cells(400, ['admin', 'director', 'analyst', 'token'])),
  },
  // Categories on data values (issue 25): the categories for everyone, an element's combination for
  // those who change figures for the whole authority, a split for those who see the unit.
  { route: 'GET /categories', request: { path: '/categories' }, expect: signedIn(200) },
  {
    route: 'PUT /categories/{code}',
    request: {
      path: '/categories/language',
      body: { name: 'Language', options: [{ code: 'ENGLISH', name: 'English' }] },
    },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'PUT /category-combos/{code}',
    request: { path: '/category-combos/sex_again', body: { name: 'Sex', categories: ['sex'] } },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'PUT /data-elements/{code}/categories',
    request: { path: '/data-elements/lessons_planned/categories', body: { combo: 'default' } },
    expect: signedIn(403, cells(200, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'GET /analytics/breakdown',
    request: { path: '/analytics/breakdown?indicator=attendance_rate&period=2026-10&org_unit=S1' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /analytics',
    request: { path: '/analytics?indicator=attendance_rate&period=2026-10&level=school' },
    // Every school's figure, anonymised outside the caller's scope.
    expect: signedIn(200),
  },
  {
    route: 'GET /schools/{code}/indicators',
    request: { path: '/schools/S1/indicators?from=2026-10&to=2026-10' },
    expect: signedIn(200, cells(404, notS1)),
  },
  { route: 'GET /concerns', request: { path: '/concerns?period=2026-10' }, expect: signedIn(200) },
  { route: 'GET /attention', request: { path: '/attention?period=2026-10' }, expect: signedIn(200) },
  {
    route: 'GET /dashboards/overview',
    request: { path: '/dashboards/overview?period=2026-10' },
    expect: signedIn(200),
  },
  {
    route: 'GET /dashboards/map',
    request: { path: '/dashboards/map?period=2026-10&indicator=attendance_rate' },
    expect: signedIn(200),
  },
  {
    route: 'GET /dashboards/areas/{code}',
    request: { path: '/dashboards/areas/A?period=2026-10' },
    // An area's page names its schools: for those who see the whole area.
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'GET /dashboards/schools/{code}',
    request: { path: '/dashboards/schools/S1?period=2026-10' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /schools/{code}/inspections',
    request: { path: '/schools/S1/inspections' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /dashboards/trusts/{code}',
    request: { path: '/dashboards/trusts/TA?period=2026-10' },
    expect: signedIn(404, cells(200, [...whole, 'trust_A'])),
  },
  {
    route: 'GET /reports/area/{code}',
    request: { path: '/reports/area/A?period=2026-10' },
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'GET /reports/trust/{code}',
    request: { path: '/reports/trust/TA?period=2026-10' },
    expect: signedIn(404, cells(200, [...whole, 'trust_A'])),
  },

  // Value added: figures in scope; pupil rows only for pupils:read, in scope.
  {
    route: 'GET /value-added',
    request: { path: '/value-added?stage=KS2&year=2025-26' },
    // No pupils in the tiny authority: the cohort is not found for anyone who may ask.
    expect: signedIn(404),
  },
  { route: 'GET /value-added/cohorts', request: { path: '/value-added/cohorts' }, expect: signedIn(200) },
  { route: 'GET /value-added/models', request: { path: '/value-added/models' }, expect: signedIn(200) },
  {
    route: 'POST /value-added/models/{stage}/preview',
    request: { path: '/value-added/models/KS2/preview', body: { covariates: [] } },
    // The model is the whole authority's: kpi:write held at the top; no KS2 pupils here, so not found.
    expect: signedIn(403, cells(404, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'PUT /value-added/models/{stage}',
    request: { path: '/value-added/models/KS2', body: { covariates: [] } },
    expect: signedIn(403, cells(404, ['admin', 'director', 'analyst', 'token'])),
  },
  {
    route: 'GET /schools/{code}/pupil-results',
    request: { path: '/schools/S1/pupil-results?stage=KS2&year=2025-26' },
    expect: signedIn(403, { admin: 200, analyst: 200, head_S1: 200, head_S3: 404 }),
  },
  {
    route: 'GET /value-added/estimates',
    request: { path: '/value-added/estimates?stage=KS2&year=2025-26&percentile=20' },
    // As GET /value-added: no cohort in the tiny authority (scope-matrix.test.ts loads one).
    expect: signedIn(404),
  },
  {
    route: 'GET /schools/{code}/pupil-estimates',
    request: { path: '/schools/S1/pupil-estimates?stage=KS2&year=2025-26' },
    // pupils:read is checked first; those who may see S1's pupils then find no cohort.
    expect: signedIn(403, { admin: 404, analyst: 404, head_S1: 404, head_S3: 404 }),
  },

  // Challenges: seen when one of their units is in scope, run when all are (or by their owner).
  { route: 'GET /challenges', request: { path: '/challenges' }, expect: signedIn(200) },
  {
    route: 'POST /challenges',
    request: {
      path: '/challenges',
      body: { title: 'Science post', category: 'staffing_gap', units: ['S1'], due_on: '2027-01-31' },
    },
    // meetings:write with S1 in scope; raising for a unit outside it is refused by name.
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1', 'trust_A'])),
  },
  {
    route: 'GET /challenges/recurring',
    request: { path: '/challenges/recurring' },
    expect: signedIn(200),
  },
  {
    route: 'PATCH /challenges/recurring/{id}',
    request: () =>
      Promise.resolve({ path: `/challenges/recurring/${id('recurring')}`, body: { title: 'Maths' } }),
    // Renaming a recurring problem takes whoever may change its challenges (here, of school S1).
    expect: signedIn(204, cells(404, notS1), cells(403, ['analyst', 'viewer', 'leader_S1'])),
  },
  {
    route: 'GET /challenges/measures',
    request: { path: '/challenges/measures' },
    expect: signedIn(200),
  },
  { route: 'GET /challenges/ageing', request: { path: '/challenges/ageing' }, expect: signedIn(200) },
  {
    route: 'GET /challenges/{id}',
    request: () => Promise.resolve({ path: `/challenges/${id('challenge')}` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'PATCH /challenges/{id}',
    request: () => Promise.resolve({ path: `/challenges/${id('challenge')}`, body: { priority: 'high' } }),
    expect: signedIn(200, cells(404, notS1), cells(403, ['analyst', 'viewer', 'leader_S1'])),
  },
  {
    route: 'DELETE /challenges/{id}',
    request: async () => ({ path: `/challenges/${await freshChallenge()}` }),
    // Deleting is for whole-authority roles that run challenges; anyone else closes one with a reason.
    expect: signedIn(403, cells(204, runsAll), cells(404, notS1)),
  },
  {
    route: 'POST /challenges/{id}/status',
    request: async () => ({
      path: `/challenges/${await freshChallenge()}/status`,
      body: { to: 'in_progress', on: '2026-11-03' },
    }),
    expect: signedIn(200, cells(404, notS1), cells(403, ['analyst', 'viewer', 'leader_S1'])),
  },
  {
    route: 'POST /challenges/{id}/updates',
    request: () =>
      Promise.resolve({ path: `/challenges/${id('challenge')}/updates`, body: { note: 'Interviews set' } }),
    expect: signedIn(200, cells(404, notS1), cells(403, ['analyst', 'viewer', 'leader_S1'])),
  },
  {
    route: 'POST /challenges/{id}/links',
    request: async () => ({
      path: `/challenges/${await freshChallenge()}/links`,
      body: { challenge: id('challenge') },
    }),
    expect: signedIn(200, cells(404, notS1), cells(403, ['analyst', 'viewer', 'leader_S1'])),
  },
  {
    route: 'DELETE /challenges/{id}/links',
    request: async () => {
      const linked = await freshChallenge();
      await setup('POST', `/challenges/${linked}/links`, { challenge: id('challenge') });
      return { path: `/challenges/${linked}/links` };
    },
    expect: signedIn(204, cells(404, notS1), cells(403, ['analyst', 'viewer', 'leader_S1'])),
  },
  { route: 'GET /challenge-categories', request: { path: '/challenge-categories' }, expect: signedIn(200) },
  {
    route: 'PUT /challenge-categories/{code}',
    request: { path: '/challenge-categories/staffing_gap', body: { name: 'Staffing gap' } },
    // The category list is the whole authority's: meetings:write held at the top.
    expect: signedIn(403, cells(204, runsAll)),
  },

  // Meetings: area A's meeting, chaired by lead_A; seen by those who lead A, its chair and attendees.
  { route: 'GET /meetings', request: { path: '/meetings' }, expect: signedIn(200) },
  {
    route: 'POST /meetings',
    request: {
      path: '/meetings',
      body: { kind: 'area_leads', org_unit: 'A', held_on: '2026-12-10', period: '2026-10', draft: false },
    },
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A'])),
  },
  {
    route: 'GET /meetings/{id}',
    request: () => Promise.resolve({ path: `/meetings/${id('meeting')}` }),
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'PATCH /meetings/{id}',
    request: () =>
      Promise.resolve({ path: `/meetings/${id('meeting')}`, body: { title: 'Area A, November' } }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'DELETE /meetings/{id}',
    request: async () => ({ path: `/meetings/${await freshMeeting()}` }),
    expect: signedIn(404, cells(204, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'PUT /meetings/{id}/attendees',
    request: () =>
      Promise.resolve({
        path: `/meetings/${id('meeting')}/attendees`,
        body: { attendees: [{ person: 'P2', attendance: 'present' }] },
      }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'POST /meetings/{id}/agenda/draft',
    request: async () => ({ path: `/meetings/${await freshMeeting()}/agenda/draft` }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'PUT /meetings/{id}/agenda',
    request: async () => ({
      path: `/meetings/${await freshMeeting()}/agenda`,
      body: { items: [{ kind: 'item', title: 'Staffing', notes: '' }] },
    }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'POST /meetings/{id}/agenda',
    request: async () => ({
      path: `/meetings/${await freshMeeting()}/agenda`,
      body: { title: 'Staffing' },
    }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'PUT /meetings/{id}/agenda/{item}/minutes',
    request: () =>
      Promise.resolve({
        path: `/meetings/${id('meeting')}/agenda/${id('item')}/minutes`,
        body: { minutes: 'Agreed' },
      }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'POST /meetings/{id}/decisions',
    request: () =>
      Promise.resolve({ path: `/meetings/${id('meeting')}/decisions`, body: { text: 'Advertise again' } }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  { route: 'GET /actions', request: { path: '/actions' }, expect: signedIn(200) },
  { route: 'GET /reminders', request: { path: '/reminders' }, expect: signedIn(200) },
  {
    route: 'POST /actions',
    request: () =>
      Promise.resolve({ path: '/actions', body: { title: 'Write the advert', meeting_id: id('meeting') } }),
    expect: signedIn(404, cells(201, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'PATCH /actions/{id}',
    request: () => Promise.resolve({ path: `/actions/${id('action')}`, body: { due_on: '2026-12-01' } }),
    expect: signedIn(404, cells(204, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },

  // Support brokering: needs read in scope; brokered by admin, the director and area leads in scope.
  { route: 'GET /brokering/needs', request: { path: '/brokering/needs' }, expect: signedIn(200) },
  {
    route: 'POST /brokering/needs',
    request: {
      path: '/brokering/needs',
      body: { school: 'S1', kind: 'professional_partner', evidence: 'Asked for coaching' },
    },
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'POST /brokering/needs/{id}/withdraw',
    request: async () => ({
      path: `/brokering/needs/${await freshNeed()}/withdraw`,
      body: { reason: 'Met' },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, notS1)),
  },
  {
    route: 'POST /brokering/needs/{id}/reopen',
    request: async () => {
      const need = await freshNeed();
      await setup('POST', `/brokering/needs/${need}/withdraw`, { reason: 'Met' });
      return { path: `/brokering/needs/${need}/reopen`, body: { reason: 'Not met after all' } };
    },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, notS1)),
  },
  {
    route: 'POST /brokering/needs/refresh',
    request: { path: '/brokering/needs/refresh?as_of=2026-11-01' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'lead_B', 'trust_A', 'trust_B'])),
  },
  {
    route: 'GET /brokering/leaders',
    request: { path: '/brokering/leaders?as_of=2026-11-01' },
    // Brokers (a director at a trust too) see the pool; anyone in the registry sees their own entry
    // (none, for most); a caller with no person and no brokering role is refused.
    expect: signedIn(200, cells(403, ['analyst', 'viewer'])),
    namesOthers: 'a leader’s own school is part of who they are to a broker',
  },
  {
    route: 'POST /brokering/proposals',
    request: { path: '/brokering/proposals', body: { area: 'A', as_of: '2026-11-01' } },
    // A match is made for an area: area A is not found for those who broker elsewhere.
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A']), cells(404, ['lead_B', 'trust_A', 'trust_B'])),
  },
  {
    route: 'GET /brokering/proposals/{id}',
    request: () => Promise.resolve({ path: `/brokering/proposals/${id('proposal')}` }),
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'GET /brokering/shortfall',
    request: () => Promise.resolve({ path: `/brokering/shortfall?proposal=${id('proposal')}` }),
    // As the proposal itself: its unmet needs are of its area's schools.
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'POST /brokering/proposals/{id}/decisions',
    request: async () => {
      const { id: proposal } = await setup('POST', '/brokering/proposals', {
        area: 'A',
        as_of: '2026-11-01',
      });
      const need = await freshNeed();
      return {
        path: `/brokering/proposals/${proposal}/decisions`,
        body: {
          decisions: [{ need, decision: 'reject', leader: 'P7', reason: 'Not now' }],
          as_of: '2026-11-01',
        },
      };
    },
    expect: signedIn(404, cells(201, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'POST /brokering/proposals/{id}/bulk-decisions',
    request: async () => {
      const { id: proposal } = await setup('POST', '/brokering/proposals', {
        area: 'A',
        as_of: '2026-11-01',
      });
      const need = await freshNeed();
      return {
        path: `/brokering/proposals/${proposal}/bulk-decisions`,
        body: {
          accept: { min_fit: 1 },
          decisions: [{ need, decision: 'reject', leader: 'P7', reason: 'Not now' }],
          as_of: '2026-11-01',
        },
      };
    },
    expect: signedIn(404, cells(202, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'GET /brokering/proposals/{id}/needs/{need}/alternatives',
    request: async () => ({
      path: `/brokering/proposals/${id('proposal')}/needs/${await freshNeed()}/alternatives`,
    }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
    namesOthers: 'the leaders a broker may swap in, as the pool names them',
  },
  {
    route: 'POST /brokering/proposal-jobs',
    request: { path: '/brokering/proposal-jobs', body: { area: 'A', as_of: '2026-11-01' } },
    // As a proposal: a match is made for an area, which those who broker elsewhere do not find.
    expect: signedIn(403, cells(202, [...runsAll, 'lead_A']), cells(404, ['lead_B', 'trust_A', 'trust_B'])),
  },
  {
    route: 'GET /brokering/proposal-jobs/{job}',
    request: async () => ({
      path: `/brokering/proposal-jobs/${(await setup('POST', '/brokering/proposal-jobs', { area: 'A', as_of: '2026-11-01' })).id}`,
    }),
    // Those who started it or broker for its area follow it; other brokers do not find it.
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A']), cells(404, ['lead_B', 'trust_A', 'trust_B'])),
  },
  {
    route: 'GET /brokering/deployments',
    request: { path: '/brokering/deployments' },
    expect: signedIn(200),
  },
  {
    route: 'GET /brokering/deployments/{id}',
    request: () => Promise.resolve({ path: `/brokering/deployments/${id('deployment')}` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'POST /brokering/deployments/{id}/days',
    request: async () => ({
      path: `/brokering/deployments/${await freshDeployment()}/days`,
      body: { on: '2026-11-02', days: 0.5, activity: 'visit' },
    }),
    // The leader deployed logs their days; brokers in scope (a trust's director too) may log them.
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'PATCH /brokering/deployments/{id}/days/{day}',
    request: async () => {
      const { deployment, day } = await freshDay();
      return {
        path: `/brokering/deployments/${deployment}/days/${day}`,
        body: { days: 1, reason: 'A whole day' },
      };
    },
    // Corrected by whoever may log them.
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'DELETE /brokering/deployments/{id}/days/{day}',
    request: async () => {
      const { deployment, day } = await freshDay();
      return { path: `/brokering/deployments/${deployment}/days/${day}?reason=Logged%20in%20error` };
    },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'POST /brokering/deployments/{id}/end',
    request: async () => ({
      path: `/brokering/deployments/${await freshDeployment()}/end`,
      body: { status: 'finished', outcome_note: 'Done', on: '2026-11-20' },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, notS1)),
  },
  { route: 'GET /brokering/impact', request: { path: '/brokering/impact' }, expect: signedIn(200) },
  { route: 'GET /brokering/settings', request: { path: '/brokering/settings' }, expect: signedIn(200) },
  {
    route: 'PUT /brokering/settings',
    request: { path: '/brokering/settings', body: { max_schools: 3 } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  // The role catalogue: read by anyone who may read brokering; changed by a whole-authority broker.
  { route: 'GET /brokering/roles', request: { path: '/brokering/roles' }, expect: signedIn(200) },
  {
    route: 'PATCH /brokering/roles/{code}',
    request: { path: '/brokering/roles/lle', body: { funded_days: 15 } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  // Specialists: read by every reader within their scope; recorded and edited by the director and area
  // leads (and a trust's director) at schools they lead; the catalogue extended by a whole-authority broker.
  {
    route: 'GET /specialists/specialisms',
    request: { path: '/specialists/specialisms' },
    expect: signedIn(200),
  },
  {
    route: 'POST /specialists/specialisms',
    request: (who) =>
      Promise.resolve({
        path: '/specialists/specialisms',
        body: { code: `music_${who.toLowerCase()}`, name: `Music ${who}`, family: 'teaching' },
      }),
    expect: signedIn(403, cells(201, runsAll)),
  },
  {
    route: 'PATCH /specialists/specialisms/{code}',
    request: { path: '/specialists/specialisms/send', body: { description: 'Special educational needs' } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    route: 'GET /specialists/people',
    request: { path: '/specialists/people?q=Pe' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'lead_B', 'trust_A', 'trust_B'])),
  },
  { route: 'GET /specialists', request: { path: '/specialists' }, expect: signedIn(200) },
  {
    route: 'POST /specialists',
    request: (who) => Promise.resolve({ path: '/specialists', body: specialistAt('S1', who) }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'PATCH /specialists/{id}',
    request: async (who) => ({
      path: `/specialists/${(await setup('POST', '/specialists', specialistAt('S1', `fresh ${who}`))).id}`,
      body: { days_per_year: 12 },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  // Strategies: area A's plan is seen by those whose scope includes area A (or lies beneath it); the
  // director and its overarching lead (lead_A) change it whole, its strand's lead (head_S1) that strand's
  // actions, its action's lead (leader_S1) that action's status, milestones and evidence.
  { route: 'GET /strategies', request: { path: '/strategies' }, expect: signedIn(200) },
  {
    route: 'POST /strategies',
    request: (who) =>
      Promise.resolve({ path: '/strategies', body: { code: `N-${who}`, name: 'New', scope: 'A' } }),
    // A trust's director sets up no area's strategy: area A is not theirs to name (400, not a unit they lead).
    expect: signedIn(403, cells(201, runsAll), cells(400, ['trust_A', 'trust_B'])),
  },
  { route: 'GET /strategies/groups', request: { path: '/strategies/groups' }, expect: signedIn(200) },
  {
    route: 'POST /strategies/groups',
    request: (who) =>
      Promise.resolve({ path: '/strategies/groups', body: { code: `g-${who}`, name: 'Group' } }),
    expect: signedIn(403, cells(201, runsAll)),
  },
  { route: 'GET /strategies/mine', request: { path: '/strategies/mine' }, expect: signedIn(200) },
  {
    route: 'GET /strategies/people',
    request: { path: '/strategies/people?q=person' },
    expect: signedIn(200),
  },
  {
    route: 'GET /strategies/{code}',
    request: { path: '/strategies/HOME' },
    expect: signedIn(200, cells(404, notS1)),
  },
  // A whole plan as a workbook: whoever reads the strategy exports it; those who set up strategies for
  // the authority import one (a dry run here); a trust's director may not scope a plan to the authority.
  {
    route: 'GET /strategies/{code}/workbook',
    request: { path: '/strategies/HOME/workbook' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /strategies/workbook-template',
    request: { path: '/strategies/workbook-template' },
    expect: signedIn(200),
  },
  {
    route: 'POST /strategies/import',
    request: async () => {
      const bytes = await writeWorkbook([
        {
          name: 'Strategy',
          columns: ['code', 'name', 'scope'],
          rows: [{ code: 'WB', name: 'Workbook plan', scope: 'T' }],
        },
        { name: 'Strands', columns: ['code', 'name'], rows: [{ code: 'W1', name: 'Strand' }] },
        {
          name: 'Actions',
          columns: ['strand', 'code', 'title'],
          rows: [{ strand: 'W1', code: 'W1.1', title: 'Action' }],
        },
      ]);
      return {
        path: '/strategies/import?dry_run=true',
        form: () => {
          const form = new FormData();
          form.append('file', new File([Uint8Array.from(bytes)], 'plan.xlsx'));
          return form;
        },
      };
    },
    expect: signedIn(403, cells(200, runsAll), { trust_A: 422, trust_B: 422 }),
  },
  {
    route: 'GET /strategies/{code}/report',
    request: { path: '/strategies/HOME/report?term=2026-27T1' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'PATCH /strategies/{code}',
    request: { path: '/strategies/HOME', body: { purpose: 'Grow leaders' } },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/{code}/strands',
    request: (who) =>
      Promise.resolve({ path: '/strategies/HOME/strands', body: { code: `S-${who}`, name: 'Strand' } }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/{code}/measures',
    request: () =>
      Promise.resolve({
        path: '/strategies/HOME/measures',
        body: {
          strand: id('strand'),
          indicator: 'attendance_rate',
          baseline_value: 90,
          baseline_period: '2025-09',
          target_value: 95,
          target_period: '2027-07',
        },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'DELETE /strategies/measures/{id}',
    request: async () => ({ path: `/strategies/measures/${await freshMeasure()}` }),
    expect: signedIn(403, cells(204, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/links',
    request: () =>
      Promise.resolve({
        path: '/strategies/links',
        body: { from_strand: id('strand'), to_strand: id('wideStrand') },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'DELETE /strategies/links/{id}',
    request: async () => ({ path: `/strategies/links/${await freshLink()}` }),
    expect: signedIn(403, cells(204, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'PATCH /strategies/strands/{id}',
    request: () =>
      Promise.resolve({ path: `/strategies/strands/${id('strand')}`, body: { purpose: 'Succession' } }),
    expect: signedIn(403, cells(204, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/strands/{id}/actions',
    request: (who) =>
      Promise.resolve({
        path: `/strategies/strands/${id('strand')}/actions`,
        body: { code: `A-${who}`, title: 'Act' },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1']), cells(404, notS1)),
  },
  {
    route: 'GET /strategies/actions/{id}',
    request: () => Promise.resolve({ path: `/strategies/actions/${id('planAction')}` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'PATCH /strategies/actions/{id}',
    request: () =>
      Promise.resolve({ path: `/strategies/actions/${id('planAction')}`, body: { purpose: 'Pairs' } }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'head_S1']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/actions/{id}/updates',
    request: () =>
      Promise.resolve({
        path: `/strategies/actions/${id('planAction')}/updates`,
        body: { status: 'on_track' },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/actions/{id}/milestones',
    request: () =>
      Promise.resolve({
        path: `/strategies/actions/${id('planAction')}/milestones`,
        body: { title: 'Review', due_on: '2027-02-01' },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'PATCH /strategies/milestones/{id}',
    request: () =>
      Promise.resolve({ path: `/strategies/milestones/${id('milestone')}`, body: { done_on: '2026-11-02' } }),
    expect: signedIn(403, cells(204, [...runsAll, 'lead_A', 'head_S1', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/actions/{id}/evidence',
    request: () =>
      Promise.resolve({
        path: `/strategies/actions/${id('planAction')}/evidence`,
        body: { note: 'Pairs agreed' },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1', 'leader_S1']), cells(404, notS1)),
  },
  // Evidence files: the action's leads (and those above) attach; whoever sees the plan lists and downloads.
  {
    route: 'POST /strategies/actions/{id}/files',
    request: () =>
      Promise.resolve({
        path: `/strategies/actions/${id('planAction')}/files`,
        form: () => {
          const form = new FormData();
          form.append('file', new File(['%PDF-1.4\n%%EOF\n'], 'notes.pdf'));
          return form;
        },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1', 'leader_S1']), cells(404, notS1)),
  },
  {
    route: 'GET /strategies/actions/{id}/files',
    request: () => Promise.resolve({ path: `/strategies/actions/${id('planAction')}/files` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /strategies/files/{id}',
    request: async () => {
      const file = await database.db
        .selectFrom('strategy_evidence_file')
        .select('id')
        .orderBy('id')
        .executeTakeFirst();
      return { path: `/strategies/files/${file?.id ?? 999999}` };
    },
    expect: signedIn(200, cells(404, notS1)),
  },
  // Reorganisation and history: the director and the overarching lead reorganise (a dry run here, so
  // the plan stays as the other rows expect); whoever sees the plan reads its history.
  {
    route: 'POST /strategies/{code}/reorganise',
    request: (who) =>
      Promise.resolve({
        path: '/strategies/HOME/reorganise?dry_run=true',
        body: { kind: 'edit_strand', strand: id('strand'), name: `Leaders ${who}`, reason: 'Clearer' },
      }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'GET /strategies/{code}/history',
    request: { path: '/strategies/HOME/history' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /strategies/actions/{id}/history',
    request: () => Promise.resolve({ path: `/strategies/actions/${id('planAction')}/history` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  // The termly cycle: the director and the overarching lead (lead_A) run it; the strand lead (head_S1)
  // sees their strand's progress and writes its summary; the action lead (leader_S1) neither.
  {
    route: 'GET /strategies/{code}/cycles',
    request: { path: '/strategies/HOME/cycles' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'head_S1']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/{code}/cycles',
    request: async (who) => ({
      path: `/strategies/${await freshCyclePlan(who, false)}/cycles`,
      body: { term: '2025-26T3' },
    }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'GET /strategies/{code}/cycles/{term}',
    request: { path: '/strategies/HOME/cycles/2025-26T3' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'head_S1']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/{code}/cycles/{term}/close',
    request: async (who) => ({
      path: `/strategies/${await freshCyclePlan(who, true)}/cycles/2025-26T3/close`,
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/{code}/cycles/{term}/remind',
    request: { path: '/strategies/HOME/cycles/2025-26T3/remind' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strategies/{code}/cycles/{term}/summaries',
    request: () =>
      Promise.resolve({
        path: '/strategies/HOME/cycles/2025-26T3/summaries',
        body: { strand_id: id('strand'), rag: 'green', commentary: 'On course' },
      }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'head_S1']), cells(404, notS1)),
  },
  { route: 'GET /outbox', request: { path: '/outbox' }, expect: signedIn(403, cells(200, ['admin'])) },
  // Visits: everyone reads those to schools in their scope; area leads and directors (a trust's too, for
  // its schools) record them; rubrics are read by all and changed only by a role for the whole authority.
  { route: 'GET /rubrics', request: { path: '/rubrics' }, expect: signedIn(200) },
  { route: 'GET /rubrics/{code}', request: { path: '/rubrics/LESSON' }, expect: signedIn(200) },
  {
    route: 'POST /rubrics',
    request: (who) =>
      Promise.resolve({
        path: '/rubrics',
        body: {
          code: `R-${who}`,
          name: 'Rubric',
          scale_max: 4,
          sections: [
            { code: 'A', name: 'A', criteria: [{ code: 'A1', name: 'A1', levels: ['1', '2', '3', '4'] }] },
          ],
        },
      }),
    expect: signedIn(403, cells(200, runsAll)),
  },
  { route: 'GET /visits', request: { path: '/visits' }, expect: signedIn(200) },
  {
    route: 'POST /visits',
    request: { path: '/visits', body: visitTo('S1') },
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  { route: 'GET /visits/coverage', request: { path: '/visits/coverage' }, expect: signedIn(200) },
  {
    route: 'GET /visits/form',
    request: { path: '/visits/form' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A', 'lead_B', 'trust_B'])),
  },
  {
    route: 'GET /visits/{id}',
    request: () => Promise.resolve({ path: `/visits/${id('visit')}` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'PUT /visits/{id}',
    request: async () => ({
      path: `/visits/${(await setup('POST', '/visits', visitTo('S1'))).id}`,
      body: { ...visitTo('S1'), school: undefined, version: 1, strengths: 'Shared aims' },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  // Norming: the director (and an admin, and the director's token) runs sessions and sees everyone's
  // agreement; a rater sees the session and their own; anyone else is told it does not exist (a head
  // included); the lists answer everyone, with what is theirs.
  { route: 'GET /norming/sessions', request: { path: '/norming/sessions' }, expect: signedIn(200) },
  {
    route: 'POST /norming/sessions',
    request: {
      path: '/norming/sessions',
      body: {
        title: 'New',
        held_on: '2026-11-01',
        rubric: 'LESSON',
        led_by: 'P1',
        raters: ['P2'],
        cases: [{ title: 'Case 1', kind: 'evidence_pack' }],
      },
    },
    expect: signedIn(403, cells(201, runsAll)),
  },
  {
    route: 'GET /norming/sessions/{id}',
    request: () => Promise.resolve({ path: `/norming/sessions/${id('norming')}` }),
    expect: signedIn(404, cells(200, [...runsAll, ...normingRaters])),
  },
  {
    route: 'PUT /norming/sessions/{id}/cases/{case}/scores',
    request: () =>
      Promise.resolve({
        path: `/norming/sessions/${id('norming')}/cases/${id('normingCase')}/scores`,
        body: { scores: [{ criterion: 'PLN1', level: 2 }] },
      }),
    expect: signedIn(404, cells(200, normingRaters)),
  },
  {
    route: 'PUT /norming/sessions/{id}/cases/{case}/master',
    request: () =>
      Promise.resolve({
        path: `/norming/sessions/${id('norming')}/cases/${id('normingCase')}/master`,
        body: { scores: [{ criterion: 'PLN1', level: 3 }] },
      }),
    expect: signedIn(404, cells(200, runsAll), cells(403, normingRaters)),
  },
  {
    route: 'POST /norming/sessions/{id}/import',
    request: () =>
      Promise.resolve({
        path: `/norming/sessions/${id('norming')}/import`,
        form: () => {
          const form = new FormData();
          form.set('file', new File(['case,rater,criterion,score\nCase 1,P2,INS1,3\n'], 'scores.csv'));
          return form;
        },
      }),
    expect: signedIn(404, cells(200, runsAll), cells(403, normingRaters)),
  },
  {
    route: 'POST /norming/sessions/{id}/close',
    request: async () => ({ path: `/norming/sessions/${await freshNormingSession()}/close` }),
    expect: signedIn(404, cells(200, runsAll), cells(403, normingRaters)),
  },
  {
    route: 'GET /norming/sessions/{id}/report',
    request: () => Promise.resolve({ path: `/norming/sessions/${id('normingClosed')}/report` }),
    expect: signedIn(404, cells(200, [...runsAll, ...normingRaters])),
  },
  { route: 'GET /norming/drift', request: { path: '/norming/drift' }, expect: signedIn(200) },
  {
    route: 'GET /norming/log/{person}',
    request: { path: '/norming/log/P2' },
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A'])),
  },
  {
    route: 'POST /norming/log',
    request: {
      path: '/norming/log',
      body: { person: 'P2', written_on: '2026-11-02', kind: 'note', title: 'Retreat follow-up' },
    },
    expect: signedIn(404, cells(201, [...runsAll, 'lead_A'])),
  },
  { route: 'GET /programmes', request: { path: '/programmes' }, expect: signedIn(200) },
  {
    route: 'POST /programmes',
    request: (who) =>
      Promise.resolve({ path: '/programmes', body: { code: `P-${who}`, name: `Programme ${who}` } }),
    expect: signedIn(403, cells(201, runsAll)),
  },
  {
    route: 'PATCH /programmes/{code}',
    request: { path: '/programmes/hlta', body: { description: 'HLTA preparation' } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  { route: 'GET /programmes/cohorts', request: { path: '/programmes/cohorts' }, expect: signedIn(200) },
  {
    route: 'POST /programmes/cohorts',
    request: (who) => Promise.resolve({ path: '/programmes/cohorts', body: freshCohort(who) }),
    expect: signedIn(403, cells(201, runsAll)),
  },
  {
    route: 'GET /programmes/cohorts/{id}',
    request: () => Promise.resolve({ path: `/programmes/cohorts/${id('cohort')}` }),
    expect: signedIn(200),
  },
  {
    route: 'POST /programmes/cohorts/{id}/participants',
    request: async (who) => ({
      path: `/programmes/cohorts/${(await setup('POST', '/programmes/cohorts', freshCohort(`E-${who}`))).id}/participants`,
      body: { person: 'P6' },
    }),
    // An area lead or a trust's director enrols people from their own schools: P6 heads S3, in area B and trust TB.
    expect: signedIn(403, cells(201, [...runsAll, 'lead_B', 'trust_B'])),
  },
  {
    route: 'GET /programmes/people',
    request: { path: '/programmes/people?q=person' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'lead_B', 'trust_A', 'trust_B'])),
  },
  {
    route: 'PATCH /programmes/participants/{id}',
    request: () =>
      Promise.resolve({
        path: `/programmes/participants/${id('participant')}`,
        body: { placement_days: 10 },
      }),
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    route: 'POST /programmes/import',
    request: async () => {
      const bytes = await writeWorkbook([
        {
          name: 'Cohorts',
          columns: ['code', 'programme', 'name', 'starts_on', 'ends_on'],
          rows: [
            {
              code: 'WB-1',
              programme: 'npqh',
              name: 'From a workbook',
              starts_on: '2026-09-01',
              ends_on: '2027-07-31',
            },
          ],
        },
        { name: 'Participants', columns: ['cohort', 'person'], rows: [{ cohort: 'WB-1', person: 'P4' }] },
      ]);
      return {
        path: '/programmes/import?dry_run=true',
        form: () => {
          const form = new FormData();
          form.append('file', new File([Uint8Array.from(bytes)], 'cohorts.xlsx'));
          return form;
        },
      };
    },
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    route: 'GET /programmes/workbook',
    request: { path: '/programmes/workbook' },
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    route: 'POST /programmes/placements/proposal',
    request: { path: '/programmes/placements/proposal', body: {} },
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    // P7 is an NLE, not a host: the director's pair is refused whole.
    route: 'POST /programmes/placements',
    request: () =>
      Promise.resolve({
        path: '/programmes/placements',
        body: { pairs: [{ participant: id('participant'), host: 'P7' }] },
      }),
    expect: signedIn(403, cells(409, runsAll)),
  },
  {
    route: 'GET /programmes/placements',
    request: { path: '/programmes/placements' },
    expect: signedIn(200, cells(403, ['analyst', 'viewer', 'leader_S1', 'leader_S5'])),
  },
  {
    route: 'PATCH /programmes/placements/{id}',
    request: { path: '/programmes/placements/999999', body: { status: 'cancelled' } },
    expect: signedIn(403, cells(404, runsAll)),
  },
  {
    route: 'GET /programmes/growing-own',
    request: { path: '/programmes/growing-own' },
    expect: signedIn(200),
  },
  // The shortage projection: read by anyone who reads brokering, over the schools they see (an area
  // outside the scope is not found: scope-matrix.test.ts). Its rates are set by a whole-authority broker.
  { route: 'GET /projection', request: { path: '/projection' }, expect: signedIn(200) },
  { route: 'GET /projection/rates', request: { path: '/projection/rates' }, expect: signedIn(200) },
  {
    route: 'GET /projection/rates/changes',
    request: { path: '/projection/rates/changes' },
    expect: signedIn(200),
  },
  {
    route: 'PUT /projection/rates',
    request: async () => ({
      path: '/projection/rates',
      body: JSON.parse((await call('director', 'GET', { path: '/projection/rates' })).text),
    }),
    expect: signedIn(403, cells(200, runsAll)),
  },
  // Teachers where the pupils are: read by every role over the schools it sees (an area outside the
  // scope is not found: scope-matrix.test.ts); the norms are set for the whole authority.
  { route: 'GET /teachers/norms', request: { path: '/teachers/norms' }, expect: signedIn(200) },
  {
    route: 'PUT /teachers/norms',
    request: {
      path: '/teachers/norms',
      body: { default: { max_ratio: 40, min_teachers: 2 }, overrides: [] },
    },
    expect: signedIn(403, cells(200, [...runsAll, 'analyst'])),
  },
  { route: 'GET /teachers/gaps', request: { path: '/teachers/gaps' }, expect: signedIn(200) },
  { route: 'GET /teachers/randomness', request: { path: '/teachers/randomness' }, expect: signedIn(200) },
  { route: 'GET /teachers/scatter', request: { path: '/teachers/scatter' }, expect: signedIn(200) },
  // Redeployment plans: made and decided by those who broker support (the director, area leads) for a
  // unit they lead; read by every role that sees the plan's unit.
  { route: 'GET /teachers/plans', request: { path: '/teachers/plans' }, expect: signedIn(200) },
  {
    route: 'POST /teachers/plans',
    request: { path: '/teachers/plans', body: { area: 'A' } },
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A']), cells(404, ['lead_B', 'trust_A', 'trust_B'])),
  },
  {
    route: 'GET /teachers/plans/{id}',
    request: () => Promise.resolve({ path: `/teachers/plans/${id('teacherPlan')}` }),
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'GET /teachers/plans/{id}/workbook',
    request: () => Promise.resolve({ path: `/teachers/plans/${id('teacherPlan')}/workbook` }),
    expect: signedIn(404, cells(200, [...whole, 'lead_A'])),
  },
  {
    route: 'PUT /teachers/plans/{id}/moves/{move}',
    request: async () => {
      const fresh = await freshTeacherPlan();
      return { path: `/teachers/plans/${fresh.plan}/moves/${fresh.move}`, body: { decision: 'accepted' } };
    },
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'POST /teachers/plans/{id}/raise',
    request: async () => ({
      path: `/teachers/plans/${(await freshTeacherPlan('accepted')).plan}/raise`,
      body: {},
    }),
    expect: signedIn(404, cells(200, [...runsAll, 'lead_A']), cells(403, ['analyst', 'viewer'])),
  },
  // Strengths: read by every role in its scope; declared by a school's head or its trust's lead, and
  // confirmed or declined by those who broker (the director, area leads), never a trust's lead.
  { route: 'GET /strengths', request: { path: '/strengths' }, expect: signedIn(200) },
  {
    route: 'GET /strengths/practice-areas',
    request: { path: '/strengths/practice-areas' },
    expect: signedIn(200),
  },
  { route: 'GET /strengths/declared', request: { path: '/strengths/declared' }, expect: signedIn(200) },
  {
    route: 'POST /strengths/declared',
    request: async () => {
      await database.db.deleteFrom('declared_strength').execute();
      return {
        path: '/strengths/declared',
        body: {
          school: 'S1',
          practice_area: 'attendance',
          evidence: 'Attendance rose from 92% to 96% in a year.',
        },
      };
    },
    expect: signedIn(403, cells(201, ['head_S1', 'trust_A']), cells(404, notS1)),
  },
  {
    route: 'POST /strengths/declared/{id}/decision',
    request: async () => ({
      path: `/strengths/declared/${await freshDeclaredStrength()}/decision`,
      body: { decision: 'confirm' },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  { route: 'GET /vacancies', request: { path: '/vacancies' }, expect: signedIn(200) },
  {
    // A dry run of a new vacancy at S1: whoever records vacancies there; a lead elsewhere has the row refused.
    route: 'POST /vacancies/import',
    request: async () => {
      const bytes = await writeWorkbook([
        {
          name: 'Vacancies',
          columns: ['school', 'post_role', 'opened_on', 'reason'],
          rows: [
            { school: 'S1', post_role: 'deputy_headteacher', opened_on: '2026-05-01', reason: 'promotion' },
          ],
        },
      ]);
      return {
        path: '/vacancies/import?dry_run=true',
        form: () => {
          const form = new FormData();
          form.append('file', new File([Uint8Array.from(bytes)], 'register.xlsx'));
          return form;
        },
      };
    },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(422, ['lead_B', 'trust_B'])),
  },
  {
    route: 'GET /vacancies/workbook',
    request: { path: '/vacancies/workbook' },
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A', 'lead_B', 'trust_B'])),
  },
  {
    route: 'POST /vacancies',
    request: { path: '/vacancies', body: vacancyAt('S1') },
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'GET /vacancies/{id}',
    request: () => Promise.resolve({ path: `/vacancies/${id('vacancy')}` }),
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'PUT /vacancies/{id}/cover',
    request: () =>
      Promise.resolve({ path: `/vacancies/${id('vacancy')}/cover`, body: { cover_person: 'P4' } }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'POST /vacancies/{id}/rounds',
    request: async () => ({
      path: `/vacancies/${(await freshVacancy(false)).id}/rounds`,
      body: vacancyRound,
    }),
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'PATCH /vacancies/{id}/rounds/{number}',
    request: async () => ({
      path: `/vacancies/${(await freshVacancy(true)).id}/rounds/1`,
      body: { applications: 4 },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'POST /vacancies/{id}/appointment',
    request: async (who) => ({
      path: `/vacancies/${(await freshVacancy(true)).id}/appointment`,
      // A person each, so no caller finds the post already held by the one before.
      body: { person: appointee(who), appointed_on: '2026-06-01', starts_on: '2026-09-01' },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'POST /vacancies/{id}/withdraw',
    request: async () => ({
      path: `/vacancies/${(await freshVacancy(true)).id}/withdraw`,
      body: { reason: 'The school federates and the executive head leads both', withdrawn_on: '2026-06-01' },
    }),
    expect: signedIn(403, cells(200, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  // Governing boards: by name to those who lead S1 (its head records members, training and panels but
  // sets up no board and no plan); analysts, viewers and system leaders read only the indicators.
  {
    route: 'GET /governance/boards',
    request: { path: '/governance/boards' },
    expect: signedIn(200, cells(403, noGovernance)),
  },
  {
    // S1 already has a board: those who may set one up there are told so (400).
    route: 'POST /governance/boards',
    request: (who) =>
      Promise.resolve({
        path: '/governance/boards',
        body: { code: `GB-${who}`, name: `Board ${who}`, schools: ['S1'], places: { parent: 1 } },
      }),
    expect: signedIn(403, cells(400, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'GET /governance/boards/{code}',
    request: { path: '/governance/boards/HOME-GB' },
    expect: signedIn(200, cells(404, outsideS1), cells(403, noGovernance)),
  },
  {
    route: 'PATCH /governance/boards/{code}',
    request: { path: '/governance/boards/HOME-GB', body: { clerk_name: 'Clerk to the board' } },
    expect: signedIn(200, cells(404, outsideS1), cells(403, [...noGovernance, 'head_S1'])),
  },
  {
    route: 'POST /governance/boards/{code}/members',
    request: (who) => Promise.resolve({ path: '/governance/boards/HOME-GB/members', body: governorAs(who) }),
    expect: signedIn(201, cells(404, outsideS1), cells(403, noGovernance)),
  },
  {
    route: 'PUT /governance/boards/{code}/succession',
    request: {
      path: '/governance/boards/HOME-GB/succession',
      body: { has_plan: true, reviewed_on: '2026-10-01' },
    },
    expect: signedIn(200, cells(404, outsideS1), cells(403, [...noGovernance, 'head_S1'])),
  },
  {
    route: 'PUT /governance/boards/{code}/panels/{round}',
    request: () =>
      Promise.resolve({
        path: `/governance/boards/HOME-GB/panels/${id('govRound')}`,
        body: { governors: [id('governor')] },
      }),
    expect: signedIn(200, cells(404, outsideS1), cells(403, noGovernance)),
  },
  {
    route: 'PATCH /governance/members/{id}',
    request: () =>
      Promise.resolve({ path: `/governance/members/${id('governor')}`, body: { phone: '01632 960000' } }),
    expect: signedIn(200, cells(404, outsideS1), cells(403, noGovernance)),
  },
  {
    // A day each, so no caller finds the course already recorded by the one before.
    route: 'POST /governance/members/{id}/training',
    request: (who) =>
      Promise.resolve({
        path: `/governance/members/${id('governor')}/training`,
        body: {
          course: 'induction',
          attended_on: `2026-10-${String(callers.indexOf(who) + 1).padStart(2, '0')}`,
        },
      }),
    expect: signedIn(201, cells(404, outsideS1), cells(403, noGovernance)),
  },
  {
    route: 'GET /governance/catalogue',
    request: { path: '/governance/catalogue' },
    expect: signedIn(200, cells(403, noGovernance)),
  },
  {
    route: 'PUT /governance/skills/{code}',
    request: { path: '/governance/skills/ict', body: { name: 'ICT and digital' } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    route: 'PUT /governance/courses/{code}',
    request: { path: '/governance/courses/prevent', body: { name: 'Prevent duty', mandatory: false } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  { route: 'GET /reforms', request: { path: '/reforms' }, expect: signedIn(200) },
  {
    route: 'POST /reforms',
    request: (who) => Promise.resolve({ path: '/reforms', body: reformAs(`R-${who}`) }),
    expect: signedIn(403, cells(200, runsAll)),
  },
  { route: 'GET /reforms/{code}', request: { path: '/reforms/HOME' }, expect: signedIn(200) },
  {
    route: 'GET /reforms/{code}/implementation',
    request: { path: '/reforms/HOME/implementation' },
    expect: signedIn(200),
  },
  {
    route: 'POST /reforms/{code}/checks',
    request: { path: '/reforms/HOME/checks', body: checkAt('S1') },
    expect: signedIn(403, cells(201, [...runsAll, 'lead_A', 'trust_A']), cells(404, ['lead_B', 'trust_B'])),
  },
  {
    route: 'GET /reforms/{code}/schools/{school}',
    request: { path: '/reforms/HOME/schools/S1' },
    expect: signedIn(200, cells(404, notS1)),
  },
  // The skills audit: the framework and the heat map are for every role; a leader is seen by name by
  // themselves and those who see their school (not the analyst or a viewer), rated by themselves, and
  // validated by the director, their area lead or a system leader at their school.
  { route: 'GET /skills/framework', request: { path: '/skills/framework' }, expect: signedIn(200) },
  {
    route: 'POST /skills/framework',
    request: (who) =>
      Promise.resolve({
        path: '/skills/framework',
        body: { code: `C-${who}`, name: `Competency ${who}`, levels: ['1', '2', '3', '4'] },
      }),
    expect: signedIn(403, cells(201, runsAll)),
  },
  {
    route: 'PATCH /skills/framework/{code}',
    request: { path: '/skills/framework/community_partnerships', body: { evidence: 'Parent surveys' } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  { route: 'GET /skills/audits', request: { path: '/skills/audits' }, expect: signedIn(200) },
  {
    route: 'POST /skills/audits',
    request: (who) =>
      Promise.resolve({ path: '/skills/audits', body: skillAudit(`SK-${who}`, '2025-09-01') }),
    expect: signedIn(403, cells(201, runsAll)),
  },
  {
    route: 'GET /skills/audits/{code}/leaders',
    request: { path: '/skills/audits/SK/leaders' },
    expect: signedIn(200, cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'GET /skills/ratings',
    request: { path: '/skills/ratings?audit=SK&person=P4' },
    expect: signedIn(200, cells(404, notS1), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'PUT /skills/ratings/self',
    request: { path: '/skills/ratings/self', body: skillRating },
    expect: signedIn(403, cells(200, ['head_S1']), cells(404, notS1)),
  },
  {
    route: 'PUT /skills/ratings/validated',
    request: { path: '/skills/ratings/validated', body: { ...skillRating, evidence: 'Data review minutes' } },
    expect: signedIn(200, cells(404, notS1), cells(403, ['head_S1', 'analyst', 'viewer'])),
  },
  { route: 'GET /skills/heatmap', request: { path: '/skills/heatmap' }, expect: signedIn(200) },
  {
    route: 'GET /skills/heatmap/workbook',
    request: { path: '/skills/heatmap/workbook' },
    expect: signedIn(200),
  },
  {
    route: 'GET /skills/recommendations',
    request: { path: '/skills/recommendations?person=P4' },
    expect: signedIn(200, cells(404, notS1), cells(403, ['analyst', 'viewer'])),
  },
  {
    route: 'POST /skills/import',
    request: {
      path: '/skills/import?dry_run=true',
      form: () => {
        const form = new FormData();
        form.append(
          'file',
          new File(['audit,person,competency,self\nSK,P4,data_literacy,3\n'], 'ratings.csv'),
        );
        return form;
      },
    },
    expect: signedIn(403, cells(200, runsAll)),
  },
  // Stages of the improvement journey: every role reads the stages of the schools it sees (and the rules,
  // and the movement over its own schools); the rules are changed and terms recorded or recomputed by a
  // whole-authority broker (the director, an admin).
  { route: 'GET /stages', request: { path: '/stages' }, expect: signedIn(200) },
  { route: 'GET /stages/movement', request: { path: '/stages/movement?terms=3' }, expect: signedIn(200) },
  {
    route: 'GET /stages/schools/{code}',
    request: { path: '/stages/schools/S1' },
    expect: signedIn(200, cells(404, notS1)),
  },
  { route: 'GET /stages/rules', request: { path: '/stages/rules' }, expect: signedIn(200) },
  {
    route: 'PUT /stages/rules',
    request: { path: '/stages/rules', body: { stages: defaultStages, rules: defaultStageRules } },
    expect: signedIn(403, cells(200, runsAll)),
  },
  {
    route: 'POST /stages/history',
    request: { path: '/stages/history', body: {} },
    expect: signedIn(403, cells(200, runsAll)),
  },
  // Give and receive: every role reads the roll-up of what it sees; a school's year where the school is
  // in scope; a trust's to the whole authority and the trust's own grantees.
  { route: 'GET /giving', request: { path: '/giving?year=2026-27' }, expect: signedIn(200) },
  {
    route: 'GET /giving/schools/{code}',
    request: { path: '/giving/schools/S1?year=2026-27' },
    expect: signedIn(200, cells(404, notS1)),
  },
  {
    route: 'GET /giving/trusts/{code}',
    request: { path: '/giving/trusts/TA?year=2026-27' },
    expect: signedIn(404, cells(200, [...whole, 'trust_A'])),
  },
  { route: 'GET /giving/support', request: { path: '/giving/support?year=2026-27' }, expect: signedIn(200) },
];

const methodOf = (route: string) => route.split(' ')[0] as string;

test('every route of the OpenAPI document has exactly one row', async () => {
  const doc = JSON.parse((await call('anonymous', 'GET', { path: '/openapi.json' })).text);
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .concat('GET /openapi.json')
    .sort();
  expect(rows.map((r) => r.route).sort()).toEqual(documented);
});

describe('the access matrix', () => {
  for (const row of rows)
    test(row.route, async () => {
      const seen: Cells = {};
      const leaks: string[] = [];
      for (const who of callers) {
        const request = typeof row.request === 'function' ? await row.request(who) : row.request;
        // Sign-out ends the session it is called with: give it one of its own.
        const { status, text } =
          row.route === 'POST /auth/sign-out'
            ? await signOutOnce(who)
            : await call(who, methodOf(row.route), request);
        seen[who] = status;
        if (status === 200 && methodOf(row.route) === 'GET' && !row.namesOthers)
          for (const code of allSchools)
            if (!scopeOf[who].includes(code) && text.includes(schoolNames[code] as string))
              leaks.push(`${who} sees ${schoolNames[code]}`);
      }
      expect({ statuses: seen, leaks }).toEqual({ statuses: row.expect, leaks: [] });
    });
});

async function signOutOnce(who: Caller) {
  if (who === 'anonymous' || who === 'token') return call(who, 'POST', { path: '/auth/sign-out' });
  const response = await app.request('/api/v1/auth/sign-out', { method: 'POST', headers: await signIn(who) });
  return { status: response.status, text: await response.text() };
}
