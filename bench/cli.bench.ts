// How long the headway command takes as a whole process, as an operator or a script runs it, beside a
// baseline measured in the same run: `node -e 0`, the least any Node command costs on this machine.
//  - `headway --help`: loading the compiled CLI and defining every command (no capability's modules);
//  - `headway kpi ...` with DATABASE_URL at a closed port: every module the command loads, then it fails
//    at the first connection, so this is the command less its database;
//  - `headway kpi ...` on a real database holding the examples: DATABASE_URL's server, or else the embedded
//    server on a data folder, running as it is while `headway serve` runs (each command joins it).
// The runs take turns, so a busy machine slows each figure alike.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connection.ts';
import { createServerTemplate, dropServerTemplate, freshCliEnvironment } from '../src/db/testing.ts';
import { median, percentile, writeResults } from './measure.ts';

const RUNS = 10;
const kpi = ['kpi', 'attendance_rate', '--period', '2026-10', '--json'];
const noDatabase = { DATABASE_URL: 'postgres://headway@127.0.0.1:1/headway' };

/** Runs node with these arguments to the end; its wall-clock time in ms. */
function timeProcess(args: string[], env: Record<string, string> = {}, expect = 0): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== expect)
    throw new Error(`node ${args.join(' ')} exited ${result.status}, not ${expect}: ${result.stderr}`);
  if (expect === 2 && !result.stderr.includes('ECONNREFUSED'))
    throw new Error(`expected a refused connection, got: ${result.stderr}`);
  return ms;
}

const figures = (ms: number[]) => ({ median_ms: median(ms), p90_ms: percentile(ms, 90) });
const ratio = (ms: number[], baseline: number[]) => Math.round((median(ms) / median(baseline)) * 10) / 10;

/** A data folder whose embedded server is running, as it is beside `headway serve`. */
async function runningEmbeddedFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-bench-cli-'));
  fs.chmodSync(folder, 0o755);
  const dataDir = path.join(folder, 'data');
  // Held open as `headway serve` holds it, so the commands join the server and leave it running.
  const server = await openDatabase({ dataDir });
  return {
    env: { DATABASE_URL: '', HEADWAY_DATA: dataDir },
    cleanup: async () => {
      await server.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<void> {
  const onServer = Boolean(process.env.DATABASE_URL);
  if (onServer) await createServerTemplate();
  const { env, cleanup } = onServer ? await freshCliEnvironment() : await runningEmbeddedFolder();
  try {
    const headway = (args: string[], extra: Record<string, string> = {}, expect = 0) =>
      timeProcess(['bin/headway.mjs', ...args], { ...env, ...extra }, expect);
    for (const kind of ['org-units', 'schools', 'people', 'posts', 'designations'])
      headway(['import', kind, `examples/${kind}.csv`]);
    for (const file of ['data-values.csv', 'targets.csv', 'indicators.yaml'])
      headway(['import', file.replace(/\..*$/, ''), `examples/${file}`]);

    const times = {
      baseline: [] as number[],
      help: [] as number[],
      kpiNoDb: [] as number[],
      kpi: [] as number[],
    };
    for (let i = 0; i <= RUNS; i++) {
      const run = {
        baseline: timeProcess(['-e', '0']),
        help: headway(['--help']),
        kpiNoDb: headway(kpi, noDatabase, 2),
        kpi: headway(kpi),
      };
      // The first round warms the disk cache (and compiles dist/ if a source changed): not counted.
      if (i > 0) for (const [name, ms] of Object.entries(run)) times[name as keyof typeof times].push(ms);
    }
    writeResults('cli', {
      runs: RUNS,
      database: onServer ? 'server (DATABASE_URL)' : 'embedded, its server running (as beside headway serve)',
      node_e_0: figures(times.baseline),
      help: { command: 'headway --help', ...figures(times.help) },
      kpi_without_database: {
        command: `DATABASE_URL=${noDatabase.DATABASE_URL} headway ${kpi.join(' ')}`,
        ...figures(times.kpiNoDb),
      },
      kpi: { command: `headway ${kpi.join(' ')}`, ...figures(times.kpi) },
      help_over_node_e_0: ratio(times.help, times.baseline),
      kpi_without_database_over_node_e_0: ratio(times.kpiNoDb, times.baseline),
      kpi_over_node_e_0: ratio(times.kpi, times.baseline),
    });
  } finally {
    await cleanup();
    if (onServer) await dropServerTemplate();
  }
}
