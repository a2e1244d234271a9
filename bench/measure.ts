// Timing helpers for benchmarks: the median of several runs, and writing figures to bench/results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type EmbeddedCluster, startCluster } from '../src/db/embedded.ts';
import { createServerTemplate, dropServerTemplate } from '../src/db/testing.ts';
import type { Db } from '../src/db/types.ts';

export async function timeMs(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] as number) * 10) / 10;
}

/** The nearest-rank percentile (p in 0-100): with 50 samples, p99 is the slowest. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round((sorted[rank - 1] ?? Number.NaN) * 10) / 10;
}

export function writeResults(
  name: string,
  figures: Record<string, unknown>,
  options: { print?: boolean } = {},
): string {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', `${name}.json`);
  const record = {
    benchmark: name,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    ...figures,
  };
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  if (options.print ?? true) console.log(JSON.stringify(record, null, 2));
  return file;
}

/** A baseline for KPI work: sum every element over six months of data, one GROUP BY. */
export async function plainAggregate(db: Db): Promise<void> {
  await sql`select element_id, sum(value) from data_value where month between '2026-05-01' and '2026-10-01' group by element_id`.execute(
    db,
  );
}

/**
 * Runs `work` with fresh databases available (`freshDatabase`): on DATABASE_URL's server, or else on an
 * embedded PostgreSQL started in a temporary folder and stopped afterwards. Says which engine ran.
 */
export async function withBenchServer<T>(work: (engine: 'embedded' | 'postgres') => Promise<T>): Promise<T> {
  let cluster: EmbeddedCluster | undefined;
  let folder: string | undefined;
  if (!process.env.DATABASE_URL) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-bench-pg-'));
    fs.chmodSync(folder, 0o755);
    cluster = await startCluster(path.join(folder, 'data'));
    process.env.DATABASE_URL = cluster.url;
  }
  try {
    await createServerTemplate();
    const result = await work(cluster ? 'embedded' : 'postgres');
    await dropServerTemplate();
    return result;
  } finally {
    if (cluster) {
      await cluster.stop();
      delete process.env.DATABASE_URL;
    }
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
}
