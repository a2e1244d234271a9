// Sends every operation of the API's own OpenAPI document malformed parameters and bodies as an admin,
// and fails on any 5xx: a bad input is the caller's mistake (400, 404, 422), never the server's. The
// routes come from /api/v1/openapi.json, so a new route is fuzzed without touching this file. Inputs
// are built from each operation's schemas in a fixed order: no randomness, the same run every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator } from './auth/actor.ts';
import { apiAs, tokenFor } from './auth/testing.ts';
import { contextFor } from './context.ts';
import type { Database } from './db/connection.ts';
import { freshDatabase } from './db/testing.ts';
import { importFile } from './exchange/exchange.ts';
import { csv } from './kpi/test-fixtures.ts';
import { loadTinyAuthorityWithLeads } from './meetings/test-fixtures.ts';
import { buildApp } from './server.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  minLength?: number;
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
};
type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** One malformed request and what it was. */
interface Probe {
  input: string;
  query: Record<string, string>;
  path: Record<string, string>;
  body?: { type?: string; text?: string | FormData };
}

// A query or path parameter arrives as text: the wrong type, an unknown value, a NUL, 100 KB, a date
// that does not exist (or in year 0, which PostgreSQL lacks), and numbers a database integer cannot
// hold. (Half a surrogate pair cannot be put in a URL; bodies carry it.)
const BAD_TEXT = [
  'anything-else',
  'a\u0000b',
  'x'.repeat(100_000),
  '2026-13-45',
  '0000-01-01',
  '2026-13',
  '-1',
  '1.5',
  '1e308',
  String(2 ** 31),
  String(2 ** 53),
  '',
];

// A JSON body field: the same, half a surrogate pair, and every wrong JSON type.
const BAD_JSON: unknown[] = [
  'anything-else',
  'a\u0000b',
  'a\ud800b',
  'x'.repeat(100_000),
  '2026-13-45',
  '0000-01-01',
  '2026-13',
  -1,
  1.5,
  1e308,
  2 ** 31,
  2 ** 53,
  null,
  [],
  {},
];

// The body as a whole: not JSON, empty, the wrong JSON type, or sent without saying it is JSON.
const BAD_BODIES: { input: string; type?: string; text?: string }[] = [
  { input: 'no body' },
  { input: 'invalid JSON', type: 'application/json', text: '{"title": ' },
  { input: 'empty JSON body', type: 'application/json', text: '' },
  { input: 'array body', type: 'application/json', text: '[]' },
  { input: 'number body', type: 'application/json', text: '42' },
  { input: 'string body', type: 'application/json', text: '"a\\u0000b"' },
  { input: 'null body', type: 'application/json', text: 'null' },
  { input: 'empty object', type: 'application/json', text: '{}' },
  { input: 'JSON without a content type', text: '{}' },
  { input: 'text body', type: 'text/plain', text: 'hello' },
  { input: 'form body', type: 'application/x-www-form-urlencoded', text: 'file=abc&title=x' },
];

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const escaped = (text ?? String(value)).replaceAll('\u0000', '\\u0000');
  return escaped.length > 60 ? `${escaped.slice(0, 20)}…(${escaped.length} chars)` : escaped;
};

let database: Database;
let document: Document;
let call: (method: string, path: string, probe: Probe) => Promise<{ status: number; text: string }>;
/** Ids and codes of things the fixtures made, so that a path reaches its handler. */
const known: Record<string, string> = {};

function resolve(schema: Schema): Schema {
  const ref = schema.$ref?.replace('#/components/schemas/', '');
  return ref ? resolve(document.components.schemas[ref] as Schema) : schema;
}

/** A value the schema takes, the fixtures' own where the name says what it is: the base a probe varies. */
function goodValue(schemaIn: Schema, name: string): unknown {
  const schema = resolve(schemaIn);
  if (schema.anyOf) return goodValue(schema.anyOf.find((s) => resolve(s).type !== 'null') ?? {}, name);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const key of schema.required ?? []) value[key] = goodValue(schema.properties?.[key] ?? {}, key);
    return value;
  }
  if (type === 'array') return [goodValue(schema.items ?? {}, name)];
  if (type === 'integer' || type === 'number') return Math.max(schema.minimum ?? 1, 1);
  if (type === 'boolean') return true;
  if (schema.example !== undefined && typeof schema.example === 'string') return schema.example;
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2026-10-01';
  if (schema.pattern === '^\\d{4}-\\d{2}$') return '2026-10';
  const byName: Record<string, string> = {
    code: 'S1',
    school: 'S1',
    area: 'A',
    org_unit: 'T',
    owner: 'P1',
    person: 'P1',
    chair: 'P1',
    email: known.email ?? 'someone@test.example',
    period: '2026-10',
    indicator: 'attendance_rate',
    category: 'other',
  };
  return byName[name] ?? 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** The good value of a path parameter: an id or code the fixtures made for that collection. */
function goodPathValue(path: string, parameter: Parameter): string {
  const before = path.slice(0, path.indexOf(`{${parameter.name}}`)).replace(/\/$/, '');
  return known[`${before}/{${parameter.name}}`] ?? String(goodValue(parameter.schema, parameter.name));
}

/** Every property path of a JSON schema, to depth 2 (array items as index 0). */
function propertyPaths(schemaIn: Schema, prefix: (string | number)[] = []): (string | number)[][] {
  const schema = resolve(schemaIn);
  if (prefix.length >= 2) return [];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'array' && schema.items) return propertyPaths(schema.items, [...prefix, 0]);
  const paths: (string | number)[][] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    paths.push([...prefix, key], ...propertyPaths(child, [...prefix, key]));
  }
  for (const option of schema.anyOf ?? []) paths.push(...propertyPaths(option, prefix));
  return paths;
}

function withValueAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(base ?? {}) as Record<string | number, unknown>;
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      const next = node[key];
      node[key] =
        next !== null && typeof next === 'object' ? next : typeof path[i + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
  });
  return root;
}

function filePart(name: string, content: BlobPart): FormData {
  const form = new FormData();
  form.append('file', new File([content], name));
  return form;
}

/** The malformed requests for one operation, in a fixed order. */
function probesFor(path: string, method: string, operation: Operation): Probe[] {
  const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
  const baseQuery: Record<string, string> = {};
  const basePath: Record<string, string> = {};
  for (const p of parameters) {
    if (p.in === 'path') basePath[p.name] = goodPathValue(path, p);
    else if (p.required) baseQuery[p.name] = String(goodValue(p.schema, p.name));
  }
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const baseBody = jsonSchema ? goodValue(jsonSchema, 'body') : undefined;
  const json = (value: unknown) => ({ type: 'application/json', text: JSON.stringify(value) });
  const bodyOf = (value: unknown) => (jsonSchema ? json(value) : undefined);

  const probes: Probe[] = [];
  for (const p of parameters) {
    for (const bad of BAD_TEXT) {
      const probe = { query: { ...baseQuery }, path: { ...basePath }, body: bodyOf(baseBody) };
      (p.in === 'path' ? probe.path : probe.query)[p.name] = bad;
      probes.push({ ...probe, input: `${p.in} ${p.name}=${show(bad)}` });
    }
  }
  if (jsonSchema) {
    for (const at of propertyPaths(jsonSchema)) {
      for (const bad of BAD_JSON) {
        probes.push({
          input: `body ${at.join('.')}=${show(bad)}`,
          query: baseQuery,
          path: basePath,
          body: json(withValueAt(baseBody, at, bad)),
        });
      }
    }
  }
  if (content['multipart/form-data']) {
    const forms: [string, FormData][] = [
      [
        'a form without a file',
        (() => {
          const form = new FormData();
          form.append('other', 'x');
          return form;
        })(),
      ],
      [
        'file as a text field',
        (() => {
          const form = new FormData();
          form.append('file', 'not a file');
          return form;
        })(),
      ],
      ['a CSV file with a NUL', filePart('x.csv', 'code,name,level,parent_code\nN\u0000,Nul\u0000,area,T\n')],
      ['a 100 KB CSV file of one cell', filePart('x.csv', 'x'.repeat(100_000))],
      ['an empty CSV file', filePart('x.csv', '')],
      ['an XLSX file that is not one', filePart('x.xlsx', 'not a zip')],
      ['a file of unknown type', filePart('x.bin', new Uint8Array([0, 1, 2, 255]))],
    ];
    for (const [input, form] of forms) {
      probes.push({ input, query: { ...baseQuery, dry_run: 'true' }, path: basePath, body: { text: form } });
    }
  }
  // Whole bodies: for an operation with no body only the malformed ones, so that a valid request to a
  // DELETE does not remove what later probes need.
  if (method !== 'get') {
    for (const bad of BAD_BODIES) {
      if (!operation.requestBody && !['invalid JSON', 'string body'].includes(bad.input)) continue;
      probes.push({ input: bad.input, query: baseQuery, path: basePath, body: bad });
    }
  }
  return probes;
}

async function loadFixtures() {
  await loadTinyAuthorityWithLeads(database);
  const as = await apiAs(database, 'admin', 'T');
  const load = (kind: string, lines: string[]) =>
    importFile(contextFor(database.db, operator('test')), kind, csv(`${kind}.csv`, lines));
  await load('people', ['code,given_name,family_name,email', 'P5,Nia,New,']);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2015-09-01,,1',
    'P5,S2,headteacher,2026-09-01,,1',
  ]);
  await load('designations', ['person_code,kind,starts_on,ends_on,days_per_year', 'P4,mentor,2020-01-01,,6']);
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await as.send(method, `/api/v1${path}`, body);
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const challenge = { title: 'Fuzz', category: 'other', units: ['S1'] };
  const first = await admin('POST', '/challenges', challenge);
  const second = await admin('POST', '/challenges', challenge);
  await admin('POST', `/challenges/${first.id}/links`, { challenge: second.id, title: 'Recurring' });
  const recurring = await admin('GET', '/challenges/recurring');
  const meeting = await admin('POST', '/meetings', { kind: 'area_leads', held_on: '2026-10-01' });
  const meetingDetail = await admin('GET', `/meetings/${meeting.id}`);
  const action = await admin('POST', '/actions', { title: 'Fuzz', challenge_id: first.id });
  const need = await admin('POST', '/brokering/needs', { school: 'S2', kind: 'mentor', evidence: 'Fuzz' });
  const proposal = await admin('POST', '/brokering/proposals', { as_of: '2026-11-01' });
  const pair = proposal.pairs.find((p: { need: number }) => p.need === need.id) ?? proposal.pairs[0];
  await admin('POST', `/brokering/proposals/${proposal.id}/decisions`, {
    as_of: '2026-11-01',
    decisions: [{ need: pair.need, decision: 'accept' }],
  });
  const deployments = await admin('GET', '/brokering/deployments');
  await tokenFor(database.db, 'viewer', 'A');
  const users = await admin('GET', '/users');
  const tokens = await admin('GET', '/tokens');
  const viewer = users.users.find((u: { email: string }) => u.email.startsWith('viewer.'));
  Object.assign(known, {
    '/challenges/{id}': String(first.id),
    '/challenges/recurring/{id}': String(recurring.problems[0].id),
    '/meetings/{id}': String(meeting.id),
    '/meetings/{id}/agenda/{item}': String(meetingDetail.agenda?.[0]?.id ?? 1),
    '/actions/{id}': String(action.id),
    '/brokering/needs/{id}': String(need.id),
    '/brokering/proposals/{id}': String(proposal.id),
    '/brokering/deployments/{id}': String(deployments.deployments[0].id),
    '/users/{email}': viewer.email,
    '/tokens/{id}': String(tokens.tokens.find((t: { email: string }) => t.email === viewer.email).id),
    '/org-units/{code}': 'A',
    '/dashboards/areas/{code}': 'A',
    '/reports/area/{code}': 'A',
    '/challenge-categories/{code}': 'other',
    email: viewer.email,
  });
}

beforeAll(async () => {
  database = await freshDatabase();
  await loadFixtures();
  let lastError: unknown;
  const app = buildApp({ database, log: (_message, error) => (lastError = error) });
  const token = await tokenFor(database.db, 'admin', 'T');
  document = (await (await app.request('/api/v1/openapi.json')).json()) as Document;
  call = async (method, pathTemplate, probe) => {
    const path = pathTemplate.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(probe.path[name] ?? ''));
    const query = new URLSearchParams(probe.query).toString();
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (probe.body?.type) headers['content-type'] = probe.body.type;
    lastError = undefined;
    const response = await app.request(`/api/v1${path}${query ? `?${query}` : ''}`, {
      method: method.toUpperCase(),
      headers,
      body: probe.body?.text,
    });
    const text = await response.text();
    const cause = lastError instanceof Error ? ` (${lastError.message.slice(0, 200)})` : '';
    return { status: response.status, text: `${text.slice(0, 300)}${cause}` };
  };
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('the API under malformed input', () => {
  it('answers no malformed parameter or body of any operation with a 5xx', { timeout: 180_000 }, async () => {
    // DELETEs last, so that what they remove is there for every other operation.
    const operations = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    const failures: string[] = [];
    let sent = 0;
    for (const { path, method, op } of operations) {
      for (const probe of probesFor(path, method, op)) {
        const answer = await call(method, path, probe);
        sent++;
        if (answer.status >= 500)
          failures.push(
            `${method.toUpperCase()} ${path} with ${probe.input} → ${answer.status} ${answer.text}`,
          );
      }
    }
    expect(operations.length).toBeGreaterThan(70);
    expect(sent).toBeGreaterThan(1000);
    expect(failures, `${failures.length} answers with a 5xx:\n${failures.join('\n')}`).toEqual([]);
  });
});

describe('the two 500s of issue 14 (finding 6)', () => {
  it('refuses an unknown challenge status in the log’s filter with a 400 naming status', async () => {
    const answer = await call('get', '/challenges', {
      input: '',
      query: { status: 'open,anything-else' },
      path: {},
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error.message).toMatch(/^status\b/);
  });

  it('refuses a NUL character in a JSON body with a 400 naming the field', async () => {
    const body = { title: 'Broken\u0000title', category: 'other', units: ['S1'] };
    const answer = await call('post', '/challenges', {
      input: '',
      query: {},
      path: {},
      body: { type: 'application/json', text: JSON.stringify(body) },
    });
    expect(answer.status).toBe(400);
    const { error } = JSON.parse(answer.text);
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^title: contains a NUL character/);
    expect(error.details).toEqual([
      { parameter: 'title', message: expect.stringMatching(/^contains a NUL character/) },
    ]);
  });
});
