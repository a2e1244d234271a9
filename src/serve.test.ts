// `headway serve` on the embedded default, as someone runs it beside the command line: an import in
// another terminal goes into the same database while the server runs, and stopping the server stops
// the PostgreSQL it started.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { freePort } from './db/embedded.ts';

const run = promisify(execFile);
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-serve-'));
fs.chmodSync(folder, 0o755);
const dataDir = path.join(folder, 'data');
// The embedded default: no DATABASE_URL, whatever the test run was given.
const env = { ...process.env, DATABASE_URL: '', HEADWAY_DATA: dataDir };
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(folder, { recursive: true, force: true });
});

const headway = (...args: string[]) => run('node', ['bin/headway.mjs', ...args], { env, timeout: 120_000 });

async function waitFor<T>(check: () => Promise<T | undefined>, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not ready after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('an import while headway serve runs goes into the same embedded database, seen at once', async () => {
  // Not empty, so the server does not load the demo.
  await headway('import', 'org-units', 'examples/org-units.csv');
  const add = spawnSync(
    'node',
    [
      'bin/headway.mjs',
      'user',
      'add',
      '--email',
      'd@example.org',
      '--role',
      'director',
      '--org-unit',
      'NM',
      '--password-stdin',
    ],
    { env, input: 'a long enough password\n', encoding: 'utf8' },
  );
  expect(add.status, add.stderr).toBe(0);

  const port = await freePort();
  server = spawn('node', ['bin/headway.mjs', 'serve', '--port', String(port)], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/api/v1`;
  const health = await waitFor(async () => {
    const response = await fetch(`${base}/health`);
    return response.ok ? response.json() : undefined;
  }, 60);
  expect(health).toEqual({ status: 'ok', database: 'embedded' });

  const imported = await headway('import', 'schools', 'examples/schools.csv');
  expect(imported.stdout).toMatch(/schools rows checked: 4 were added/);

  const signIn = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'd@example.org', password: 'a long enough password' }),
  });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const schools = await (await fetch(`${base}/schools?as_of=2026-11-01`, { headers: { cookie } })).json();
  expect(schools.schools.map((s: { code: string }) => s.code).sort()).toEqual([
    'S001',
    'S002',
    'S003',
    'S004',
  ]);

  // Stopped, the server stops the PostgreSQL it started (no other Headway process is using it).
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  server.kill('SIGINT');
  await exited;
  server = undefined;
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
});
