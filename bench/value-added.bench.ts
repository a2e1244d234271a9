// Value added at national size: 600,000 pupils in 3,500 schools with 10 covariates. Headway is timed as
// a user runs it, `headway va --input FILE ... --json` as a whole process from the file (start-up,
// reading and fitting), for the random intercept and the random slope; the reading and the fit are also
// timed in-process to show where the time goes. When R with lme4 is installed, lmer fits the same file
// in the same run: the goal is Headway's whole process at least 10x faster than lme4's fit alone. The
// SQL pass is timed on the configured engine beside a plain COUNT.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type EmbeddedCluster, startCluster } from '../src/db/embedded.ts';
import { createServerTemplate, dropServerTemplate, freshDatabase } from '../src/db/testing.ts';
import { demoStages } from '../src/demo/pupils.ts';
import { seededRandom } from '../src/random.ts';
import { fitMixedModel, type ModelFit } from '../src/value-added/mixed-model.ts';
import { schoolStatistics } from '../src/value-added/queries.ts';
import { statisticsOfCsv } from '../src/value-added/read-file.ts';
import { type CohortModel, simulateCohort } from '../src/value-added/simulate.ts';
import { INTERCEPT } from '../src/value-added/sufficient-stats.ts';
import { median, timeMs, writeResults } from './measure.ts';

// The demo's KS4 model at national size, with a looked-after flag and four continuous covariates more.
const ks4 = (demoStages.find((s) => s.stage === 'KS4') as (typeof demoStages)[number]).model;
export const model: CohortModel = {
  ...ks4,
  schools: 3500,
  pupils: [100, 243],
  flags: [...ks4.flags, { name: 'looked_after', effect: -4, prevalence: 0.02 }],
  continuous: [
    { name: 'attendance', effect: 2 },
    { name: 'mobility', effect: -0.5 },
    { name: 'deprivation', effect: -1 },
    { name: 'age_in_year', effect: 0.3 },
  ],
};
export const covariates = [
  'prior_attainment',
  ...model.flags.map((f) => f.name),
  ...model.continuous.map((c) => c.name),
];

export function writeCohort(file: string): number {
  const out = fs.openSync(file, 'w');
  let buffer = `school_code,outcome,${covariates.join(',')}\n`;
  let pupils = 0;
  simulateCohort(
    seededRandom(2026),
    model,
    (i) => `S${String(i + 1).padStart(4, '0')}`,
    (p) => {
      buffer += `${p.school},${p.outcome},${p.prior},${covariates
        .slice(1)
        .map((c) => p.context[c])
        .join(',')}\n`;
      pupils++;
      if (buffer.length > 1 << 20) {
        fs.writeSync(out, buffer);
        buffer = '';
      }
    },
  );
  fs.writeSync(out, buffer);
  fs.closeSync(out);
  return pupils;
}

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `headway va --input` as its own process, as a user runs it: the median wall time of three runs. */
function wholeProcess(file: string, kind: 'intercept' | 'slope'): { ms: number; fit: ModelFit } {
  const args = [
    path.join(root, 'bin/headway.mjs'),
    'va',
    '--input',
    file,
    '--covariates',
    covariates.join(','),
    ...(kind === 'slope' ? ['--random-slope', 'prior_attainment'] : []),
    '--json',
  ];
  const once = () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(`headway va failed: ${run.stderr}`);
    return { ms, fit: JSON.parse(run.stdout) as ModelFit };
  };
  // The first run may compile src/ into dist/ (bin/headway.mjs does when a source is newer): untimed.
  let { fit } = once();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const run = once();
    times.push(run.ms);
    fit = run.fit;
  }
  return { ms: median(times), fit };
}

function haveR(): boolean {
  try {
    execFileSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(lme4))'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function lme4(file: string, kind: 'intercept' | 'slope') {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lme4-fit.R');
  const output = execFileSync('Rscript', [script, file, kind], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const figures = new Map<string, number>();
  for (const line of output.trim().split('\n')) {
    const [quantity, name, value] = line.split(',');
    figures.set(`${quantity}:${name}`, Number(value));
  }
  return figures;
}

/** The largest relative difference between Headway's and lme4's estimates and variance components. */
function agreement(fit: ModelFit, reference: Map<string, number>): Record<string, number> {
  const worst = { fixed: 0, se: 0, variance: 0, logLik: 0 };
  const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  for (const [key, value] of reference) {
    const [quantity, name] = key.split(':') as [string, string];
    const ours =
      quantity === 'fixed'
        ? fit.fixed[name]?.estimate
        : quantity === 'se'
          ? fit.fixed[name]?.se
          : quantity === 'logLik'
            ? fit.logLik
            : quantity === 'variance'
              ? name === 'Residual'
                ? fit.variance.residual
                : name === 'covariance'
                  ? fit.variance.covariance
                  : name === INTERCEPT
                    ? fit.variance.school
                    : fit.variance.slope
              : undefined;
    if (ours === undefined || !(quantity in worst)) continue;
    const key2 = quantity as keyof typeof worst;
    worst[key2] = Math.max(worst[key2], relative(ours, value));
  }
  return Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, Number(v.toExponential(2))]));
}

async function sqlPass(file: string, pupils: number) {
  // Load the same pupils into the configured engine, then time the one GROUP BY against a plain count:
  // DATABASE_URL's server, or else an embedded PostgreSQL cluster started here, as the tests do.
  const onServer = Boolean(process.env.DATABASE_URL);
  let cluster: EmbeddedCluster | undefined;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-bench-pg-'));
  if (!onServer) {
    fs.chmodSync(folder, 0o755);
    cluster = await startCluster(path.join(folder, 'data'));
    process.env.DATABASE_URL = cluster.url;
  }
  await createServerTemplate();
  const database = await freshDatabase();
  const { db } = database;
  try {
    await sql`
      with authority as (
        insert into org_unit (code, name, level) values ('BENCH', 'Bench authority', 'authority') returning id
      ), area as (
        insert into org_unit (parent_id, code, name, level) select id, 'BENCH-A', 'Bench area', 'area' from authority returning id
      )
      insert into org_unit (parent_id, code, name, level)
      select area.id, 'BENCH' || g, 'Bench school ' || g, 'school' from area, generate_series(1, ${model.schools}::int) g`.execute(
      db,
    );
    const ids = new Map(
      (await db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
    );
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
    await sql`set session headway.audit_rows = 'off'`.execute(db);
    for (let start = 0; start < lines.length; start += 20000) {
      const chunk = lines.slice(start, start + 20000).map((l) => l.split(','));
      const contexts = chunk.map((c) =>
        JSON.stringify(Object.fromEntries(covariates.slice(1).map((n, j) => [n, Number(c[j + 3])]))),
      );
      await sql`insert into pupil_result (school_id, pupil_id, academic_year, stage, outcome, prior_attainment, context)
        select * from unnest(${chunk.map((c) => ids.get(`BENCH${Number((c[0] as string).slice(1))}`))}::int[],
          ${chunk.map((_, i) => `B${start + i}`)}::text[], ${chunk.map(() => '2025-26')}::text[], ${chunk.map(() => 'BENCH')}::text[],
          ${chunk.map((c) => Number(c[1]))}::float8[], ${chunk.map((c) => Number(c[2]))}::float8[], ${contexts}::jsonb[])`.execute(
        db,
      );
    }
    await sql`vacuum analyze pupil_result`.execute(db);
    const cohort = { stage: 'BENCH', academicYear: '2025-26' };
    const passes: number[] = [];
    const nullPasses: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      counts.push(
        await timeMs(async () => {
          await sql`select school_id, count(*) from pupil_result where stage = 'BENCH' group by school_id`.execute(
            db,
          );
        }),
      );
      passes.push(
        await timeMs(async () => {
          await schoolStatistics(db, cohort, 'outcome', covariates);
        }),
      );
      nullPasses.push(
        await timeMs(async () => {
          await schoolStatistics(db, cohort, 'outcome', []);
        }),
      );
    }
    return {
      engine: onServer ? 'postgresql (DATABASE_URL)' : 'embedded postgresql',
      pupils,
      sqlPassMs: median(passes),
      // The null model reads no context, so no jsonb: what the pass costs without parsing it.
      nullModelPassMs: median(nullPasses),
      plainCountMs: median(counts),
      ratioToCount: Math.round((median(passes) / median(counts)) * 10) / 10,
    };
  } finally {
    await database.close();
    await dropServerTemplate();
    if (cluster) {
      await cluster.stop();
      delete process.env.DATABASE_URL;
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const file = path.join(os.tmpdir(), 'headway-va-bench.csv');
  const pupils = writeCohort(file);
  const results: Record<string, unknown> = { pupils, schools: model.schools, covariates: covariates.length };
  let stats = (await statisticsOfCsv(file, { group: 'school_code', outcome: 'outcome', covariates })).stats;
  const readTimes: number[] = [];
  for (let i = 0; i < 3; i++)
    readTimes.push(
      await timeMs(async () => {
        stats = (await statisticsOfCsv(file, { group: 'school_code', outcome: 'outcome', covariates })).stats;
      }),
    );
  const readMs = median(readTimes);
  const r = haveR();
  for (const kind of ['intercept', 'slope'] as const) {
    const spec = { random: kind === 'slope' ? [INTERCEPT, 'prior_attainment'] : [INTERCEPT], reml: true };
    let fit = fitMixedModel(stats, spec);
    const fitTimes: number[] = [];
    for (let i = 0; i < 3; i++)
      fitTimes.push(
        await timeMs(async () => {
          fit = fitMixedModel(stats, spec);
        }),
      );
    const process = wholeProcess(file, kind);
    const headway = {
      wholeProcessMs: process.ms,
      inProcess: { readAndSummariseMs: readMs, fitMs: median(fitTimes) },
      evaluations: fit.evaluations,
      icc: fit.icc,
    };
    const entry: Record<string, unknown> = { headway };
    if (r) {
      const reference = lme4(file, kind);
      const lme4Figures = {
        readMs: Math.round((reference.get('time:read') ?? 0) * 1000),
        fitMs: Math.round((reference.get('time:fit') ?? 0) * 1000),
      };
      entry.lme4 = lme4Figures;
      entry.speedup = {
        // The goal: lme4's lmer call alone against Headway's whole process from the file.
        lme4FitAgainstHeadwayWholeProcess: Math.round((lme4Figures.fitMs / headway.wholeProcessMs) * 10) / 10,
        fitOnly: Math.round((lme4Figures.fitMs / headway.inProcess.fitMs) * 10) / 10,
        fromFile: Math.round(((lme4Figures.readMs + lme4Figures.fitMs) / headway.wholeProcessMs) * 10) / 10,
      };
      entry.largestRelativeDifference = agreement(process.fit, reference);
      // Where the two differ, the higher log-likelihood is the better optimum (lme4 warns when it stops short).
      entry.logLikOursMinusLme4 = Number(
        (process.fit.logLik - (reference.get('logLik:') ?? Number.NaN)).toPrecision(3),
      );
    } else {
      entry.lme4 = 'R with lme4 is not installed (apt-get install -y r-base-core r-cran-lme4)';
    }
    results[kind] = entry;
  }
  results.sqlPass = await sqlPass(file, pupils);
  fs.rmSync(file, { force: true });
  // Two other engineers share this machine's two cores: the load says how far to trust the times.
  results.loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
  writeResults(`value-added-${process.env.DATABASE_URL ? 'postgres' : 'embedded'}`, results);
}
