// Where the pages bench runs Headway: on a fresh embedded data folder under the system's temporary folder
// (or, with DATABASE_URL, a fresh database on that server), served by the real `headway serve` in a child
// process or by the app in this process, each on 127.0.0.1 and a free port.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { type Database, type Engine, openDatabase, openPostgres } from '../src/db/connection.ts';
import { freePort } from '../src/db/embedded.ts';
import { buildApp } from '../src/server.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Target {
  engine: Engine;
  /** What a `headway` process needs in its environment to use this database. */
  env: Record<string, string>;
  /** The bench's own connection: for reading a value to change and for watching pg_stat_activity. */
  database: Database;
  dispose(): Promise<void>;
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function embeddedTarget(): Promise<Target> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-bench-pages-'));
  // Run as root, PostgreSQL runs as the postgres user, who must be able to enter the folder.
  fs.chmodSync(folder, 0o755);
  const dataDir = path.join(folder, 'data');
  // Opened first and closed last, so the embedded server stays up between the bench's Headway processes.
  const database = await openDatabase({ dataDir });
  return {
    engine: 'embedded',
    env: { HEADWAY_DATA: dataDir },
    database,
    dispose: async () => {
      await database.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function serverTarget(serverUrl: string): Promise<Target> {
  const name = `headway_bench_pages_${process.pid}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString());
  return {
    engine: 'postgres',
    env: { DATABASE_URL: url.toString() },
    database,
    dispose: async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** A fresh, empty database: `headway serve` loads the demo into it. */
export function prepareTarget(): Promise<Target> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? serverTarget(serverUrl) : embeddedTarget();
}

export interface ChildServer {
  pid: number;
  origin: string;
  /** Resident memory of the server process in kB (VmRSS), or null where /proc is missing. */
  rssKb(): number | null;
  /** What the server wrote to stderr since it started. */
  stderr(): string[];
  stop(): Promise<void>;
}

function linesOf(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

function residentKb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * `node bin/headway.mjs serve` on the target, as a person starts it; resolves once it says it is running
 * (after loading the demo, when the database is empty).
 */
export async function startChildServer(target: Target, timeoutMs = 15 * 60_000): Promise<ChildServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...target.env, PORT: String(port) };
  if (target.engine === 'embedded') delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/headway.mjs'), 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  linesOf(child.stderr as NodeJS.ReadableStream, (line) => stderr.push(line));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`headway serve did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    linesOf(child.stdout as NodeJS.ReadableStream, (line) => {
      if (line.includes('Headway is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`headway serve exited (${code}) before it ran:\n${stderr.slice(-20).join('\n')}`));
    });
  });
  const pid = child.pid as number;
  return {
    pid,
    origin: `http://127.0.0.1:${port}`,
    rssKb: () => residentKb(pid),
    stderr: () => [...stderr],
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited(child);
      clearTimeout(killer);
    },
  };
}

export interface InProcessServer {
  origin: string;
  /** Unexpected errors the app logged (it logs each with the request's reference). */
  errors: string[];
  stop(): Promise<void>;
}

/** The app as `headway serve` builds it, in this process, on a free port of 127.0.0.1. */
export async function startInProcessServer(database: Database): Promise<InProcessServer> {
  const errors: string[] = [];
  const app = buildApp({ database, log: (message, error) => errors.push(`${message} ${String(error)}`) });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        errors,
        stop: () =>
          new Promise((closed) => {
            server.close(() => closed());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}
