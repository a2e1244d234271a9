// Who sees what: every role, held at the top, at an area or at a school, against every route, in and out
// of scope. Expectations are written out by hand from the tiny authority (T > A {S1, S2}, B {S3, S4, S5}).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { buildApp } from '../server.ts';
import { defaultStageRules, defaultStages } from '../stages/rules.ts';
import { addAction, addStrand, createStrategy } from '../strategies/edit.ts';
import { operator } from './actor.ts';
import type { Role } from './contract.ts';
import { tokenFor } from './testing.ts';

type Who =
  | 'admin'
  | 'director'
  | 'analyst'
  | 'viewer'
  | 'lead_A'
  | 'viewer_A'
  | 'head_S1'
  | 'leader_S5'
  | 'nobody';

const grants: Record<Exclude<Who, 'nobody'>, [Role, string]> = {
  admin: ['admin', 'T'],
  director: ['director', 'T'],
  analyst: ['analyst', 'T'],
  viewer: ['viewer', 'T'],
  lead_A: ['area_lead', 'A'],
  viewer_A: ['viewer', 'A'],
  head_S1: ['headteacher', 'S1'],
  leader_S5: ['system_leader', 'S5'],
};
const everyone = Object.keys(grants) as Exclude<Who, 'nobody'>[];
const whole = ['admin', 'director', 'analyst', 'viewer'] as const;

let database: Database;
let app: ReturnType<typeof buildApp>;
const tokens = new Map<Who, string>();

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  app = buildApp({ database, log: () => {} });
  for (const who of everyone) {
    const [role, unit] = grants[who];
    tokens.set(who, await tokenFor(database.db, role, unit));
  }
});
afterAll(() => database?.close());

/** The documented operations ("GET /schools/{code}") the role-by-role expectations below call. */
const called = new Set<string>();

/** The operation a request path answers to: its method and the documented path template it matches. */
function operationOf(method: string, path: string, documented: string[]): string | undefined {
  const bare = path.replace(/^\/api\/v1/, '').split('?')[0] as string;
  // A literal path first: /imports/formats is its own route, not /imports/{kind}.
  const template =
    documented.find((t) => t === bare) ??
    documented.find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  return template && `${method.toUpperCase()} ${template}`;
}

async function call(who: Who, path: string, init: RequestInit = {}) {
  called.add(`${init.method ?? 'GET'} ${path}`);
  const token = tokens.get(who);
  const headers = {
    ...(init.headers as Record<string, string>),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const response = await app.request(path, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body: body as Record<string, unknown> };
}

/** Status of a route for each caller: those listed get their status, everyone else the fallback. */
function expectStatuses(
  path: string,
  statuses: Partial<Record<Who, number>>,
  fallback: number,
  init?: RequestInit,
) {
  test(`${init?.method ?? 'GET'} ${path}`, async () => {
    const seen: Partial<Record<Who, number>> = {};
    const wanted: Partial<Record<Who, number>> = {};
    for (const who of [...everyone, 'nobody' as const]) {
      seen[who] = (await call(who, path, init)).status;
      wanted[who] = statuses[who] ?? (who === 'nobody' ? 401 : fallback);
    }
    expect(seen).toEqual(wanted);
  });
}

const all = (status: number) => Object.fromEntries(everyone.map((w) => [w, status])) as Record<Who, number>;
const wholeOnly = (status: number) => Object.fromEntries(whole.map((w) => [w, status]));

describe('give and receive: the roll-up of what each sees; a school where it is in scope', () => {
  expectStatuses('/api/v1/giving?year=2026-27', {}, 200);
  expectStatuses('/api/v1/giving/support?year=2026-27', {}, 200);
  expectStatuses(
    '/api/v1/giving/schools/S1?year=2026-27',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses('/api/v1/giving/schools/S5?year=2026-27', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses('/api/v1/giving?area=B', wholeOnly(200), 404);
});

describe('single items outside the scope are 404; unauthenticated calls are 401', () => {
  expectStatuses('/api/v1/health', { nobody: 200 }, 200);
  expectStatuses('/api/v1/schools/S1', { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 }, 404);
  expectStatuses('/api/v1/schools/S5', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses('/api/v1/schools/NOPE', {}, 404);
  // A headteacher's area is there to compare with; a system leader's school lies in area B.
  expectStatuses('/api/v1/org-units/A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 }, 404);
  expectStatuses('/api/v1/org-units/B', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses(
    '/api/v1/schools/S1/indicators?from=2026-10&to=2026-10',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses('/api/v1/dashboards/schools/S3?period=2026-10', wholeOnly(200), 404);
  expectStatuses(
    '/api/v1/schools/S1/inspections',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses('/api/v1/schools/S3/inspections', wholeOnly(200), 404);
  expectStatuses(
    '/api/v1/dashboards/areas/A?period=2026-10',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200 },
    404,
  );
  expectStatuses('/api/v1/reports/area/B?period=2026-10', wholeOnly(200), 404);
  expectStatuses(
    '/api/v1/concerns?period=2026-10&area=A',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200 },
    404,
  );
  expectStatuses(
    '/api/v1/attention?period=2026-10&area=A',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200 },
    404,
  );
  // Stages: an area, or a school's stage, outside the caller's scope is not found.
  expectStatuses('/api/v1/stages?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses('/api/v1/stages/movement?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses(
    '/api/v1/stages/schools/S1',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
});

describe('stages: the rules are read by all and changed, with the history recorded, by the whole authority only', () => {
  const send = (method: string, body: unknown) => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expectStatuses('/api/v1/stages/rules', {}, 200);
  expectStatuses(
    '/api/v1/stages/rules',
    { admin: 200, director: 200 },
    403,
    send('PUT', { stages: defaultStages, rules: defaultStageRules }),
  );
  expectStatuses('/api/v1/stages/history', { admin: 200, director: 200 }, 403, send('POST', {}));
});

describe('support brokering: read in scope; the match is for those who broker, the settings for the whole authority', () => {
  const json = (method: string, body: unknown) => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expectStatuses('/api/v1/brokering/needs', {}, 200);
  expectStatuses('/api/v1/brokering/needs?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses('/api/v1/brokering/settings', {}, 200);
  expectStatuses('/api/v1/brokering/deployments/999', {}, 404);
  // The analyst and viewers read but do not broker; area A's lead brokers area A only.
  expectStatuses(
    '/api/v1/brokering/proposals',
    { admin: 201, director: 201, lead_A: 201 },
    403,
    json('POST', { area: 'A', as_of: '2026-11-01' }),
  );
  expectStatuses(
    '/api/v1/brokering/proposals',
    { admin: 201, director: 201, lead_A: 404 },
    403,
    json('POST', { area: 'B', as_of: '2026-11-01' }),
  );
  // A match in the background is refused as a proposal is, before it starts.
  expectStatuses(
    '/api/v1/brokering/proposal-jobs',
    { admin: 202, director: 202, lead_A: 202 },
    403,
    json('POST', { area: 'A', as_of: '2026-11-01' }),
  );
  expectStatuses(
    '/api/v1/brokering/proposal-jobs',
    { admin: 202, director: 202, lead_A: 404 },
    403,
    json('POST', { area: 'B', as_of: '2026-11-01' }),
  );
  expectStatuses(
    '/api/v1/brokering/settings',
    { admin: 200, director: 200 },
    403,
    json('PUT', { max_schools: 3 }),
  );
  // The role catalogue: read by all who read brokering, changed by the whole authority only.
  expectStatuses('/api/v1/brokering/roles', {}, 200);
  expectStatuses(
    '/api/v1/brokering/roles/lle',
    { admin: 200, director: 200 },
    403,
    json('PATCH', { funded_days: 15 }),
  );
});

describe('whole-authority data and administration are for the roles that hold them', () => {
  expectStatuses('/api/v1/exports/schools', wholeOnly(200), 403);
  // Uploads: the formats are for everyone; a template for whoever may import the kind (a head: their
  // own school's data values); an element's range for those who change figures for the whole authority.
  expectStatuses('/api/v1/imports/formats', {}, 200);
  expectStatuses(
    '/api/v1/imports/data-values/template',
    { admin: 200, director: 200, analyst: 200, head_S1: 200 },
    403,
  );
  expectStatuses('/api/v1/imports/schools/template', { admin: 200, analyst: 200 }, 403);
  expectStatuses('/api/v1/data-elements', {}, 200);
  expectStatuses('/api/v1/categories', {}, 200);
  expectStatuses('/api/v1/categories/language', { admin: 200, director: 200, analyst: 200 }, 403, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Language', options: [{ code: 'ENGLISH', name: 'English' }] }),
  });
  expectStatuses('/api/v1/category-combos/sex_again', { admin: 200, director: 200, analyst: 200 }, 403, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Sex', categories: ['sex'] }),
  });
  expectStatuses(
    '/api/v1/data-elements/lessons_planned/categories',
    { admin: 200, director: 200, analyst: 200 },
    403,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ combo: 'default' }),
    },
  );
  expectStatuses(
    '/api/v1/analytics/breakdown?indicator=attendance_rate&period=2026-10&org_unit=S1',
    { leader_S5: 404 },
    200,
  );
  expectStatuses(
    '/api/v1/data-elements/sessions_possible/range',
    { admin: 200, director: 200, analyst: 200 },
    403,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ min_value: 0, max_value: null }),
    },
  );
  expectStatuses('/api/v1/users', { admin: 200 }, 403);
  expectStatuses('/api/v1/audit', { admin: 200 }, 403);
  expectStatuses('/api/v1/audit/vocabulary', { admin: 200 }, 403);
  expectStatuses('/api/v1/audit/export?format=csv', { admin: 200 }, 403);
  expectStatuses('/api/v1/tokens', { admin: 200 }, 403);
  expectStatuses('/api/v1/terminology', {}, 200);
  expectStatuses('/api/v1/terminology', { admin: 200 }, 403, {
    method: 'PUT',
    body: JSON.stringify({ area: 'LGEA' }),
    headers: { 'content-type': 'application/json' },
  });
  const schoolsFile = () => {
    const form = new FormData();
    form.append('file', new File(['code,name,phase,area_code\nS1,Big School,primary,A\n'], 'schools.csv'));
    return form;
  };
  test('POST /api/v1/imports/schools?dry_run=true', async () => {
    const seen = Object.fromEntries(
      await Promise.all(
        everyone.map(async (who) => [
          who,
          (await call(who, '/api/v1/imports/schools?dry_run=true', { method: 'POST', body: schoolsFile() }))
            .status,
        ]),
      ),
    );
    expect(seen).toEqual({ ...all(403), admin: 200, analyst: 200 });
  });
  expectStatuses('/api/v1/indicators?dry_run=true', { admin: 200, analyst: 200, director: 200 }, 403, {
    method: 'POST',
    body: JSON.stringify([
      {
        code: 'attendance_rate',
        name: 'Pupil attendance rate',
        numerator: '#{sessions_attended}',
        direction: 'higher',
        red: 89,
      },
    ]),
    headers: { 'content-type': 'application/json' },
  });
});

describe('lists are filtered to the scope', () => {
  const listed = async (who: Who, path: string, key: string, field = 'code') =>
    ((await call(who, path)).body[key] as Record<string, string>[]).map((r) => r[field]);

  test('schools', async () => {
    const seen: Record<string, string[]> = {};
    for (const who of everyone)
      seen[who] = (await listed(who, '/api/v1/schools?page_size=100', 'schools')) as string[];
    const allFive = ['S1', 'S5', 'S4', 'S2', 'S3']; // by name: Big, Fifth, Fourth, Small, Third
    expect(seen).toEqual({
      admin: allFive,
      director: allFive,
      analyst: allFive,
      viewer: allFive,
      lead_A: ['S1', 'S2'],
      viewer_A: ['S1', 'S2'],
      head_S1: ['S1'],
      leader_S5: ['S5'],
    });
  });

  test('areas: your own, or the one above your school', async () => {
    const seen: Record<string, string[]> = {};
    for (const who of everyone)
      seen[who] = (await listed(who, '/api/v1/org-units?level=area', 'org_units')) as string[];
    expect(seen).toEqual({
      ...Object.fromEntries(whole.map((w) => [w, ['A', 'B']])),
      lead_A: ['A'],
      viewer_A: ['A'],
      head_S1: ['A'],
      leader_S5: ['B'],
    });
  });

  test('school figures: your schools by name, every other school anonymised and ranked by value', async () => {
    const rows = async (who: Who) =>
      (
        (await call(who, '/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=school')).body
          .results as { org_unit: string; name: string; value: number | null }[]
      ).map((r) => [r.org_unit, r.value === null ? null : Math.round(r.value * 10) / 10]);
    // Attendance: S1 95.0, S2 50.0, S3 95.0, S4 95.0, S5 no data.
    expect(await rows('director')).toEqual([
      ['S1', 95],
      ['S5', null],
      ['S4', 95],
      ['S2', 50],
      ['S3', 95],
    ]);
    expect(await rows('head_S1')).toEqual([
      ['S1', 95],
      ['', 95],
      ['', 95],
      ['', 50],
      ['', null],
    ]);
    // An anonymised school's counts are not given: with the rate, its size could name it.
    const anonymised = (
      (await call('head_S1', '/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=school')).body
        .results as {
        org_unit: string;
        numerator: number | null;
        denominator: number | null;
        series: unknown[];
      }[]
    ).filter((r) => r.org_unit === '');
    expect(anonymised.map((r) => [r.numerator, r.denominator])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(JSON.stringify(anonymised.map((r) => r.series))).not.toMatch(/"(numerator|denominator)":\d/);
    expect(await rows('lead_A')).toEqual([
      ['S1', 95],
      ['S2', 50],
      ['', 95],
      ['', 95],
      ['', null],
    ]);
  });

  test('area figures: only your own areas, beside the authority to compare with', async () => {
    const codes = async (who: Who, level: string) =>
      (
        (await call(who, `/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=${level}`)).body
          .results as { org_unit: string }[]
      ).map((r) => r.org_unit);
    expect(await codes('lead_A', 'area')).toEqual(['A']);
    expect(await codes('leader_S5', 'area')).toEqual(['B']);
    expect(await codes('head_S1', 'authority')).toEqual(['T']);
    expect(await codes('director', 'area')).toEqual(['A', 'B']);
  });

  test('concerns and the overview', async () => {
    const concerned = async (who: Who) =>
      ((await call(who, '/api/v1/concerns?period=2026-10')).body.concerns as { school: string }[]).map(
        (c) => c.school,
      );
    // S5 reported nothing in September or October; nobody else is a concern in one month.
    expect(await concerned('director')).toEqual(['S5']);
    expect(await concerned('leader_S5')).toEqual(['S5']);
    expect(await concerned('lead_A')).toEqual([]);
    const areas = async (who: Who) =>
      ((await call(who, '/api/v1/dashboards/overview?period=2026-10')).body.areas as { code: string }[]).map(
        (a) => a.code,
      );
    expect(await areas('director')).toEqual(['A', 'B']);
    expect(await areas('lead_A')).toEqual(['A']);
    expect(await areas('head_S1')).toEqual([]);
  });

  test('the watchlist: each caller sees the schools of their own scope', async () => {
    const watched = async (who: Who) =>
      ((await call(who, '/api/v1/attention?period=2026-10')).body.schools as { code: string }[]).map(
        (s) => s.code,
      );
    // No school of the fixtures has a head in post, so every one needs attention; S5, which also sent
    // nothing in September or October, comes first.
    expect(await watched('director')).toEqual(['S5', 'S2', 'S1', 'S4', 'S3']);
    expect(await watched('leader_S5')).toEqual(['S5']);
    expect((await watched('lead_A')).sort()).toEqual(['S1', 'S2']);
    expect(await watched('head_S1')).toEqual(['S1']);
  });
});

describe('estimates and targets: units in scope; pupils only for roles that may see them, in scope', () => {
  // Eight KS4 pupils in each school, prior attainment and outcome from a formula (enough to fit).
  beforeAll(async () => {
    const lines = ['pupil_id,school_code,academic_year,stage,outcome,prior_attainment'];
    for (let i = 1; i <= 5; i++)
      for (let j = 1; j <= 8; j++) {
        const prior = 90 + ((j * 7 + i * 3) % 20);
        lines.push(
          `P${i}${j},S${i},2025-26,KS4,${0.8 * prior + i * 1.5 + (((j * 13 + i * 7) % 11) - 5)},${prior}`,
        );
      }
    await importFile(contextFor(database.db, operator('test')), 'pupil-results', csv('ks4.csv', lines));
  });
  const estimates = '/api/v1/value-added/estimates?stage=KS4&year=2025-26&percentile=20';

  test('GET /value-added/estimates lists the units each caller may see', async () => {
    const seen: Record<string, string[]> = {};
    for (const who of everyone)
      seen[who] = ((await call(who, estimates)).body.units as { code: string }[]).map((u) => u.code);
    expect(seen).toEqual({
      ...Object.fromEntries(whole.map((w) => [w, ['T', 'A', 'B', 'S1', 'S2', 'S3', 'S4', 'S5']])),
      lead_A: ['A', 'S1', 'S2'],
      viewer_A: ['A', 'S1', 'S2'],
      head_S1: ['S1'],
      leader_S5: ['S5'],
    });
  });
  expectStatuses(`${estimates}&org_unit=B`, wholeOnly(200), 404);
  expectStatuses(
    `${estimates}&org_unit=S1`,
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses(
    '/api/v1/schools/S1/pupil-estimates?stage=KS4&year=2025-26',
    { admin: 200, analyst: 200, head_S1: 200 },
    403,
  );
  expectStatuses(
    '/api/v1/schools/S5/pupil-estimates?stage=KS4&year=2025-26',
    { admin: 200, analyst: 200, head_S1: 404 },
    403,
  );
});

/** Every operation the OpenAPI document lists, as "METHOD /path". */
async function documentedOperations(): Promise<{ paths: string[]; operations: string[] }> {
  const document = (await (await app.request('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const paths = Object.keys(document.paths);
  const operations = paths.flatMap((path) =>
    Object.keys(document.paths[path] ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
  );
  return { paths, operations };
}

describe('strategies: seen where their scope includes the caller; writes by the three levels of lead', () => {
  beforeAll(async () => {
    const context = contextFor(database.db, operator('test'));
    for (const [code, scope] of [
      ['WIDE', 'T'],
      ['PLAN-A', 'A'],
      ['PLAN-B', 'B'],
    ] as const)
      await createStrategy(context, { code, name: `Plan ${code}`, purpose: '', scope, lead: null });
    const strand = await addStrand(context, 'PLAN-A', {
      code: 'A1',
      name: 'Reading',
      purpose: '',
      lead: null,
    });
    await addAction(context, strand, {
      code: 'A1.1',
      title: 'Phonics',
      purpose: '',
      lead: null,
      parent: null,
      groups: [],
    });
  });

  test('the list: the authority’s for everyone, an area’s for those in or beneath it', async () => {
    const seen: Record<string, string[]> = {};
    for (const who of everyone)
      seen[who] = ((await call(who, '/api/v1/strategies')).body.strategies as { code: string }[]).map(
        (s) => s.code,
      );
    expect(seen).toEqual({
      ...Object.fromEntries(whole.map((w) => [w, ['PLAN-A', 'PLAN-B', 'WIDE']])),
      lead_A: ['PLAN-A', 'WIDE'],
      viewer_A: ['PLAN-A', 'WIDE'],
      head_S1: ['PLAN-A', 'WIDE'],
      leader_S5: ['PLAN-B', 'WIDE'],
    });
  });
  expectStatuses('/api/v1/strategies/PLAN-B', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses('/api/v1/strategies/WIDE', {}, 200);
  // The termly impact report: for everyone who may read the strategy.
  expectStatuses(
    '/api/v1/strategies/PLAN-B/report?term=2026-27T1',
    { ...wholeOnly(200), leader_S5: 200 },
    404,
  );
  expectStatuses('/api/v1/strategies/PLAN-B/workbook', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses('/api/v1/strategies/workbook-template', {}, 200);
  expectStatuses('/api/v1/strategies/groups', {}, 200);
  expectStatuses('/api/v1/strategies/mine', {}, 200);
  expectStatuses('/api/v1/strategies/people?q=ab', {}, 200);
  expectStatuses(
    '/api/v1/strategies/actions/1',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses(
    '/api/v1/strategies/actions/1/files',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  // A plan's history and an action's moves are seen by whoever sees the plan.
  expectStatuses('/api/v1/strategies/PLAN-B/history', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses(
    '/api/v1/strategies/actions/1/history',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  // Setting one up is for the director (and an admin) over its scope.
  expectStatuses('/api/v1/strategies', { admin: 400, director: 400 }, 403, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'X', name: 'X', scope: 'S1' }),
  });
});

describe('visits: read where the school is in scope; coverage per area the caller sees', () => {
  expectStatuses('/api/v1/rubrics', {}, 200);
  expectStatuses('/api/v1/rubrics/LEADERSHIP', {}, 200);
  expectStatuses('/api/v1/rubrics/NOPE', {}, 404);
  expectStatuses('/api/v1/visits', {}, 200);
  expectStatuses(
    '/api/v1/visits?school=S1',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses('/api/v1/visits/coverage', {}, 200);
  expectStatuses('/api/v1/visits/1', {}, 404);
});

describe('norming: the lists answer everyone with what is theirs; a session no one here rates is hidden', () => {
  expectStatuses('/api/v1/norming/sessions', {}, 200);
  expectStatuses('/api/v1/norming/drift', {}, 200);
  expectStatuses('/api/v1/norming/sessions/1', {}, 404);
  expectStatuses('/api/v1/norming/sessions/1/report', {}, 404);
});

describe('programmes: aggregates for every role; participants and placements by name where their school is in scope', () => {
  expectStatuses('/api/v1/programmes', {}, 200);
  expectStatuses('/api/v1/programmes/cohorts', {}, 200);
  expectStatuses('/api/v1/programmes/cohorts?programme=NOPE', {}, 404);
  expectStatuses('/api/v1/programmes/cohorts/1', {}, 404);
  expectStatuses('/api/v1/programmes/growing-own', {}, 200);
  // An area is there to compare with for those beneath or in it; area B is not above S1 or in A.
  expectStatuses('/api/v1/programmes/growing-own?area=B', { ...wholeOnly(200), leader_S5: 200 }, 404);
  expectStatuses(
    '/api/v1/programmes/placements',
    { admin: 200, director: 200, lead_A: 200, head_S1: 200 },
    403,
  );
  // People to enrol: those who enrol (the whole authority's director, an area lead in their schools).
  expectStatuses('/api/v1/programmes/people?q=person', { admin: 200, director: 200, lead_A: 200 }, 403);
});

describe('vacancies and the projection: read where the school or area is in scope', () => {
  expectStatuses('/api/v1/vacancies', {}, 200);
  expectStatuses(
    '/api/v1/vacancies?school=S1',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200, head_S1: 200 },
    404,
  );
  expectStatuses('/api/v1/vacancies/1', {}, 404);
  expectStatuses('/api/v1/projection', {}, 200);
  expectStatuses('/api/v1/projection?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses('/api/v1/projection/rates', {}, 200);
  expectStatuses('/api/v1/projection/rates/changes', {}, 200);
});

describe('teachers where the pupils are: read over the schools in scope; an area outside it is 404', () => {
  expectStatuses('/api/v1/teachers/norms', {}, 200);
  expectStatuses('/api/v1/teachers/gaps', {}, 200);
  expectStatuses('/api/v1/teachers/gaps?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses('/api/v1/teachers/gaps?level=area', {}, 200);
  expectStatuses('/api/v1/teachers/randomness', {}, 200);
  expectStatuses(
    '/api/v1/teachers/randomness?area=A',
    { ...wholeOnly(200), lead_A: 200, viewer_A: 200 },
    404,
  );
  expectStatuses('/api/v1/teachers/scatter', {}, 200);
  expectStatuses('/api/v1/teachers/scatter?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses('/api/v1/teachers/plans', {}, 200);
  expectStatuses('/api/v1/teachers/plans/999', {}, 404);
});

describe('strengths: every reader sees the schools in scope; a school or area outside it is 404', () => {
  expectStatuses('/api/v1/strengths', {}, 200);
  expectStatuses('/api/v1/strengths?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
  expectStatuses('/api/v1/strengths/practice-areas', {}, 200);
  expectStatuses('/api/v1/strengths/declared', {}, 200);
  expectStatuses('/api/v1/strengths/declared?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
});

describe("governing boards: by name to those who lead (the head: their own school's board); none to analysts or viewers", () => {
  const readers = { admin: 200, director: 200, lead_A: 200, head_S1: 200 };
  expectStatuses('/api/v1/governance/boards', readers, 403);
  // A head sees their school's board, not the area's list.
  expectStatuses('/api/v1/governance/boards?area=A', { ...readers, head_S1: 404 }, 403);
  expectStatuses(
    '/api/v1/governance/boards/NOPE',
    { admin: 404, director: 404, lead_A: 404, head_S1: 404 },
    403,
  );
  expectStatuses('/api/v1/governance/catalogue', readers, 403);
});

describe('reforms: every reader lists them; an unknown reform is 404 to all', () => {
  expectStatuses('/api/v1/reforms', {}, 200);
  expectStatuses('/api/v1/reforms/NOPE', {}, 404);
  expectStatuses('/api/v1/reforms/NOPE/implementation', {}, 404);
  expectStatuses('/api/v1/reforms/NOPE/schools/S1', {}, 404);
});

describe('skills: the framework and heat map for every role; leaders by name only to those who may name them', () => {
  expectStatuses('/api/v1/skills/framework', {}, 200);
  expectStatuses('/api/v1/skills/audits', {}, 200);
  expectStatuses('/api/v1/skills/heatmap', {}, 200);
  expectStatuses('/api/v1/skills/heatmap/workbook', {}, 200);
  expectStatuses('/api/v1/skills/heatmap?audit=NOPE', {}, 404);
  // An area's recommendations are aggregates: for those who may compare with it.
  expectStatuses('/api/v1/skills/recommendations?area=B', { ...wholeOnly(200), leader_S5: 200 }, 404);
  // The analyst and viewers read no leader by name; the others are not told of an audit that is not there.
  const noNames = { analyst: 403, viewer: 403, viewer_A: 403 };
  expectStatuses('/api/v1/skills/audits/NOPE/leaders', noNames, 404);
  expectStatuses('/api/v1/skills/ratings?audit=NOPE&person=P1', noNames, 404);
});

describe('specialists: the catalogue and the list for every reader; an area outside the scope is 404', () => {
  expectStatuses('/api/v1/specialists/specialisms', {}, 200);
  expectStatuses('/api/v1/specialists', {}, 200);
  expectStatuses('/api/v1/specialists?area=A', { ...wholeOnly(200), lead_A: 200, viewer_A: 200 }, 404);
});

/**
 * Operations the role-by-role expectations above do not call yet. Each is still checked for the caller
 * with no credentials below; a new route must be added to the matrix, or here, or this file fails.
 */
const notYetInTheMatrix = [
  // Declaring and deciding strengths: access-matrix.test.ts has each caller's status.
  'POST /strengths/declared',
  'POST /strengths/declared/{id}/decision',
  // Norming writes and logs: access-matrix.test.ts has each caller's status, with raters among them.
  'POST /norming/sessions',
  'PUT /norming/sessions/{id}/cases/{case}/scores',
  'PUT /norming/sessions/{id}/cases/{case}/master',
  'POST /norming/sessions/{id}/import',
  'POST /norming/sessions/{id}/close',
  'GET /norming/log/{person}',
  'POST /norming/log',
  // Programme and placement writes are the director's: access-matrix.test.ts has each caller's status.
  'POST /programmes',
  'PATCH /programmes/{code}',
  'POST /programmes/cohorts',
  'POST /programmes/cohorts/{id}/participants',
  'PATCH /programmes/participants/{id}',
  'POST /programmes/import',
  'GET /programmes/workbook',
  'POST /programmes/placements/proposal',
  'POST /programmes/placements',
  'PATCH /programmes/placements/{id}',
  // Skills audit writes (by the leader, their validators, the director): access-matrix.test.ts has each caller.
  'POST /skills/framework',
  'PATCH /skills/framework/{code}',
  'POST /skills/audits',
  'PUT /skills/ratings/self',
  'PUT /skills/ratings/validated',
  'POST /skills/import',
  // Setting the projection's rates (a whole-authority broker): access-matrix.test.ts has each caller.
  'PUT /projection/rates',
  // Visit and rubric writes: access-matrix.test.ts has each caller's status for them.
  'POST /rubrics',
  'POST /visits',
  'PUT /visits/{id}',
  // Vacancy and projection-rate writes: access-matrix.test.ts has each caller's status for them.
  'POST /vacancies',
  'POST /vacancies/import',
  'GET /vacancies/workbook',
  'PUT /vacancies/{id}/cover',
  'POST /vacancies/{id}/rounds',
  'PATCH /vacancies/{id}/rounds/{number}',
  'POST /vacancies/{id}/appointment',
  'PUT /projection/rates',
  'POST /vacancies/{id}/withdraw',
  // Setting the staffing norms (the whole authority's): access-matrix.test.ts has each caller.
  'PUT /teachers/norms',
  // Redeployment plans and their moves (made by brokers for a unit they lead): access-matrix.test.ts.
  'POST /teachers/plans',
  'GET /teachers/plans/{id}/workbook',
  'PUT /teachers/plans/{id}/moves/{move}',
  'POST /teachers/plans/{id}/raise',
  // Specialists and the specialisms catalogue, written by brokers: access-matrix.test.ts has each caller.
  'POST /specialists/specialisms',
  'PATCH /specialists/specialisms/{code}',
  'GET /specialists/people',
  'POST /specialists',
  'PATCH /specialists/{id}',
  // Governing board writes: access-matrix.test.ts has each caller's status for them.
  'POST /governance/boards',
  'PATCH /governance/boards/{code}',
  'POST /governance/boards/{code}/members',
  'PUT /governance/boards/{code}/succession',
  'PUT /governance/boards/{code}/panels/{round}',
  'PATCH /governance/members/{id}',
  'POST /governance/members/{id}/training',
  'PUT /governance/skills/{code}',
  'PUT /governance/courses/{code}',
  // Reform writes and reads of a seeded reform by caller are in access-matrix.test.ts.
  'POST /reforms',
  'POST /reforms/{code}/checks',
  // The offline form's data: only those who record visits (access-matrix.test.ts has each caller).
  'GET /visits/form',
  // Strategy writes by item lead are in access-matrix.test.ts, which has people who lead items.
  'POST /strategies/groups',
  'POST /strategies/import',
  // Evidence files: uploads and downloads by caller are in access-matrix.test.ts.
  'POST /strategies/actions/{id}/files',
  'GET /strategies/files/{id}',
  'PATCH /strategies/{code}',
  'POST /strategies/{code}/strands',
  'POST /strategies/{code}/measures',
  'DELETE /strategies/measures/{id}',
  'POST /strategies/links',
  'DELETE /strategies/links/{id}',
  'PATCH /strategies/strands/{id}',
  'POST /strategies/strands/{id}/actions',
  'PATCH /strategies/actions/{id}',
  'POST /strategies/actions/{id}/updates',
  'POST /strategies/actions/{id}/milestones',
  'PATCH /strategies/milestones/{id}',
  'POST /strategies/actions/{id}/evidence',
  'POST /strategies/{code}/reorganise',
  'POST /auth/sign-in',
  'POST /auth/sign-out',
  'GET /auth/session',
  'POST /users',
  'DELETE /users/{email}/roles',
  'POST /users/{email}/reset-password',
  'POST /users/{email}/disabled',
  'POST /tokens',
  'DELETE /tokens/{id}',
  'GET /audit/{id}',
  'GET /indicators',
  'POST /data-values',
  'GET /dashboards/map',
  'GET /dashboards/trusts/{code}',
  // The tiny authority here has no trusts: the access matrix calls these for a trust's grantees.
  'GET /giving/trusts/{code}',
  'GET /reports/trust/{code}',
  'GET /value-added',
  'GET /value-added/cohorts',
  'GET /value-added/models',
  'POST /value-added/models/{stage}/preview',
  'PUT /value-added/models/{stage}',
  'GET /schools/{code}/pupil-results',
  'GET /challenges',
  'POST /challenges',
  'GET /challenges/recurring',
  'PATCH /challenges/recurring/{id}',
  'GET /challenges/measures',
  'GET /challenges/ageing',
  'GET /challenges/{id}',
  'PATCH /challenges/{id}',
  'DELETE /challenges/{id}',
  'POST /challenges/{id}/status',
  'POST /challenges/{id}/updates',
  'POST /challenges/{id}/links',
  'DELETE /challenges/{id}/links',
  'GET /challenge-categories',
  'PUT /challenge-categories/{code}',
  'GET /meetings',
  'POST /meetings',
  'GET /meetings/{id}',
  'PATCH /meetings/{id}',
  'DELETE /meetings/{id}',
  'PUT /meetings/{id}/attendees',
  'POST /meetings/{id}/agenda/draft',
  'PUT /meetings/{id}/agenda',
  'POST /meetings/{id}/agenda',
  'PUT /meetings/{id}/agenda/{item}/minutes',
  'POST /meetings/{id}/decisions',
  'GET /actions',
  'POST /actions',
  'PATCH /actions/{id}',
  'GET /reminders',
  'POST /brokering/needs',
  'POST /brokering/needs/{id}/withdraw',
  'POST /brokering/needs/{id}/reopen',
  'POST /brokering/needs/refresh',
  'GET /brokering/leaders',
  'GET /brokering/proposals/{id}',
  'POST /brokering/proposals/{id}/decisions',
  'GET /brokering/shortfall',
  // Issue 19's; the access matrix has each caller's status for them.
  'POST /brokering/proposals/{id}/bulk-decisions',
  'GET /brokering/proposals/{id}/needs/{need}/alternatives',
  'GET /brokering/proposal-jobs/{job}',
  'GET /brokering/deployments',
  'POST /brokering/deployments/{id}/days',
  'PATCH /brokering/deployments/{id}/days/{day}',
  'DELETE /brokering/deployments/{id}/days/{day}',
  'POST /brokering/deployments/{id}/end',
  'GET /brokering/impact',
  // Issue 20's termly cycle (by the three levels of lead) and the outbox (admins): in access-matrix.test.ts.
  'GET /strategies/{code}/cycles',
  'POST /strategies/{code}/cycles',
  'GET /strategies/{code}/cycles/{term}',
  'POST /strategies/{code}/cycles/{term}/close',
  'POST /strategies/{code}/cycles/{term}/remind',
  'POST /strategies/{code}/cycles/{term}/summaries',
  'GET /outbox',
  // DHIS2: whole-authority roles only (a head's own-school push is the data-values import's scope);
  // access-matrix.test.ts has each caller's status.
  'POST /dhis2/dataValueSets',
  'GET /dhis2/dataValueSets',
  'GET /dhis2/mappings',
  'PUT /dhis2/mappings',
  'DELETE /dhis2/mappings/{id}',
  'POST /dhis2/mappings/import',
  'GET /dhis2/pulls',
  'POST /dhis2/pulls',
];

/** The routes anyone may call: the rest need a session or a token. */
const publicOperations = ['GET /health', 'POST /auth/sign-in'];

describe('every documented route is in the matrix', () => {
  // Runs after the expectations above (a file's tests run in order), so `called` holds what they asked.
  test('each operation of the OpenAPI document is called above, or listed as not yet in the matrix', async (context) => {
    // Run on its own (vitest -t), nothing above has called anything to check.
    if (called.size === 0) context.skip();
    const { paths, operations } = await documentedOperations();
    const inMatrix = new Set(
      [...called].flatMap((request) => {
        const [method, path] = request.split(' ') as [string, string];
        return operationOf(method, path, paths) ?? [];
      }),
    );
    expect(operations.filter((o) => !inMatrix.has(o) && !notYetInTheMatrix.includes(o))).toEqual([]);
    // An entry that is covered or no longer documented goes from the list.
    expect(notYetInTheMatrix.filter((o) => inMatrix.has(o) || !operations.includes(o))).toEqual([]);
  });

  test('without credentials every documented route but health and sign-in answers 401', async () => {
    const { operations } = await documentedOperations();
    const example = { id: '1', item: '1', code: 'S1', email: 'nobody@test.example', kind: 'schools' };
    const seen: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const operation of operations) {
      if (publicOperations.includes(operation)) continue;
      const [method, template] = operation.split(' ') as [string, string];
      const path = template.replace(
        /\{([^}]+)\}/g,
        (_, name: string) => example[name as keyof typeof example],
      );
      seen[operation] = (await app.request(`/api/v1${path}`, { method })).status;
      wanted[operation] = 401;
    }
    expect(seen).toEqual(wanted);
  });
});
