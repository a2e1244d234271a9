// What a person waits for on each page of the web app, on the demo authority served the way `headway
// serve` serves it, over real HTTP: every API call of every page (p50, p99, and the first request after an
// import), 20 connections on the overview for a while with /health watched beside them, and what the
// server does when a client gives up on a cold overview. Each group has a baseline measured in the same
// run (/health), so figures from a noisy machine can still be compared.
// HEADWAY_BENCH_SMOKE=1 runs a short version (5 requests per route, 5 s of load) to check the bench itself.
import { sql } from 'kysely';
import type { Db } from '../src/db/types.ts';
import { percentile, writeResults } from './measure.ts';
import { type Client, signIn, timedFetch } from './pages-client.ts';
import { byPage, type Caller, type PageCall, pageCalls } from './pages-routes.ts';
import {
  type ChildServer,
  prepareTarget,
  startChildServer,
  startInProcessServer,
  type Target,
} from './pages-server.ts';

const smoke = process.env.HEADWAY_BENCH_SMOKE === '1';
const plan = {
  requestsPerRoute: smoke ? 5 : 50,
  loadSeconds: smoke ? 5 : 30,
  connections: 20,
  healthEveryMs: 50,
  abortAfterMs: 20,
};

const targets = {
  route_p50_ms: 50,
  route_p99_ms: 150,
  first_after_import_ms: 500,
  load_errors: 0,
  load_overview_p99_ms: 500,
  load_health_p99_ms: 50,
  load_rss_change_pct: 20,
};

const DIRECTOR = 'director@northmoor.example';
const AREA_LEAD = 'lead.a01@northmoor.example';
const OVERVIEW = '/api/v1/dashboards/overview';
const HEALTH = '/api/v1/health';

const round = (ms: number) => Math.round(ms * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- latencies ----------------------------------------------------------------------------------------

interface Latencies {
  requests: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

function latencies(times: number[]): Latencies {
  return {
    requests: times.length,
    p50_ms: percentile(times, 50),
    p99_ms: percentile(times, 99),
    max_ms: round(Math.max(...times)),
  };
}

/** `count` requests one after another, after one that is not counted (it may fill a cache). */
async function sequentialTimes(get: () => Promise<{ ms: number; status: number }>, count: number) {
  const first = await get();
  if (first.status !== 200) throw new Error(`answered ${first.status}`);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await get()).ms);
  return times;
}

// ---- a small change to import -------------------------------------------------------------------------

interface DataChange {
  /** Imports the next change (a school's sessions attended in its latest month, down 1 then back). */
  importNext(director: Client): Promise<number>;
}

async function dataChange(db: Db): Promise<DataChange> {
  const { rows } = await sql<{ school: string; month: string; value: number }>`
    select o.code as school, dv.month, dv.value
    from data_value dv
    join org_unit o on o.id = dv.org_unit_id
    join data_element e on e.id = dv.element_id
    where e.code = 'sessions_attended'
    order by dv.month desc, o.code
    limit 1`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the demo has no sessions_attended values');
  let imports = 0;
  return {
    async importNext(director) {
      const value = row.value - (imports++ % 2 === 0 ? 1 : 0);
      const csv = `school_code,period,element,value\n${row.school},${row.month.slice(0, 7)},sessions_attended,${value}\n`;
      return round((await director.importDataValues(csv)).ms);
    },
  };
}

// ---- 1. every page's calls, in process ---------------------------------------------------------------

interface RouteFigures extends Latencies {
  page: string;
  route: string;
  as: Caller;
  url: string;
  bytes: number;
  p50_over_health_p50: number;
  first_after_import_ms: number;
  met: { p50: boolean; p99: boolean; first_after_import: boolean };
}

async function timeRoute(client: Client, call: PageCall) {
  let bytes = 0;
  const times = await sequentialTimes(async () => {
    const timed = await client.get(call.url);
    if (timed.status !== 200) throw new Error(`GET ${call.url} as ${call.as}: ${timed.status}`);
    bytes = timed.bytes;
    return timed;
  }, plan.requestsPerRoute);
  return { ...call, ...latencies(times), bytes };
}

/** For each page: import a change, then its calls' first requests, one after another. */
async function firstAfterImport(calls: PageCall[], clients: Record<Caller, Client>, change: DataChange) {
  const firsts = new Map<PageCall, number>();
  const imports: Record<string, number> = {};
  for (const [page, pageCalls] of byPage(calls)) {
    imports[page] = await change.importNext(clients.director);
    for (const call of pageCalls) {
      const timed = await clients[call.as].get(call.url);
      if (timed.status !== 200) throw new Error(`GET ${call.url} after an import: ${timed.status}`);
      firsts.set(call, round(timed.ms));
    }
  }
  return { firsts, imports };
}

async function measurePages(target: Target, change: DataChange) {
  const server = await startInProcessServer(target.database);
  try {
    const clients = {
      director: await signIn(server.origin, DIRECTOR),
      'area lead': await signIn(server.origin, AREA_LEAD),
    };
    const calls = await pageCalls(clients.director, clients['area lead']);
    const health = () => timedFetch(`${server.origin}${HEALTH}`);
    // The baseline is measured before and after the routes, so a machine that got busier shows.
    const healthBefore = await sequentialTimes(health, plan.requestsPerRoute);
    const timed = [];
    for (const call of calls) timed.push(await timeRoute(clients[call.as], call));
    const healthAfter = await sequentialTimes(health, plan.requestsPerRoute);
    const healthBoth = latencies([...healthBefore, ...healthAfter]);
    const { firsts, imports } = await firstAfterImport(calls, clients, change);
    const routes: RouteFigures[] = timed.map((figures, i) => {
      const first = firsts.get(calls[i] as PageCall) ?? Number.NaN;
      return {
        ...figures,
        p50_over_health_p50: round(figures.p50_ms / healthBoth.p50_ms),
        first_after_import_ms: first,
        met: {
          p50: figures.p50_ms < targets.route_p50_ms,
          p99: figures.p99_ms < targets.route_p99_ms,
          first_after_import: first < targets.first_after_import_ms,
        },
      };
    });
    return {
      server: 'in this process: buildApp + @hono/node-server on 127.0.0.1, requests over HTTP with fetch',
      baseline_health_sequential: {
        ...healthBoth,
        before: latencies(healthBefore),
        after: latencies(healthAfter),
      },
      import_ms_before_each_page: imports,
      routes,
      server_errors: server.errors.length,
      ...(server.errors.length ? { first_server_error: server.errors[0] } : {}),
    };
  } finally {
    await server.stop();
  }
}

// ---- 2. load on the overview, in a child process -----------------------------------------------------

interface LoopFigures extends Latencies {
  per_second: number;
  errors: number;
  non_200: number;
  first_error?: string;
}

/** `connections` workers, each sending the next request as soon as the last body has arrived. */
async function concurrentLoop(url: string, headers: Record<string, string>, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  let non200 = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (performance.now() < until) {
      try {
        const timed = await timedFetch(url, { headers });
        times.push(timed.ms);
        if (timed.status !== 200) non200++;
      } catch (error) {
        errors++;
        firstError ??= String(error);
        await sleep(10); // a server that refuses connections must not turn this loop into a busy one
      }
    }
  };
  await Promise.all(Array.from({ length: plan.connections }, worker));
  return loopFigures(times, seconds, errors, non200, firstError);
}

/** One request every `everyMs` (or right after the last, when it took longer), for `seconds`. */
async function pacedLoop(url: string, everyMs: number, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const times: number[] = [];
  let errors = 0;
  let non200 = 0;
  let firstError: string | undefined;
  while (performance.now() < until) {
    const started = performance.now();
    try {
      const timed = await timedFetch(url);
      times.push(timed.ms);
      if (timed.status !== 200) non200++;
    } catch (error) {
      errors++;
      firstError ??= String(error);
    }
    await sleep(Math.max(0, everyMs - (performance.now() - started)));
  }
  return loopFigures(times, seconds, errors, non200, firstError);
}

function loopFigures(
  times: number[],
  seconds: number,
  errors: number,
  non200: number,
  firstError: string | undefined,
): LoopFigures {
  return {
    ...latencies(times),
    per_second: round(times.length / seconds),
    errors,
    non_200: non200,
    ...(firstError ? { first_error: firstError } : {}),
  };
}

/** The server's resident memory once a second, to tell growth that levels off from growth that goes on. */
async function rssSamples(server: ChildServer, seconds: number): Promise<Record<string, number | null>> {
  const samples: Record<string, number | null> = {};
  for (let second = 1; second <= seconds; second++) {
    await sleep(1000);
    samples[`${second} s`] = server.rssKb();
  }
  return samples;
}

async function measureLoad(server: ChildServer, director: Client) {
  const overview = `${server.origin}${OVERVIEW}`;
  const health = `${server.origin}${HEALTH}`;
  await director.get(OVERVIEW); // the first overview of a new process computes its figures
  const healthIdle = await pacedLoop(health, plan.healthEveryMs, Math.min(5, plan.loadSeconds));
  const healthLoopAlone = await concurrentLoop(health, {}, plan.loadSeconds);
  const rssStart = server.rssKb();
  const [overviewLoad, healthDuring, rssEachSecond] = await Promise.all([
    concurrentLoop(overview, director.headers, plan.loadSeconds),
    pacedLoop(health, plan.healthEveryMs, plan.loadSeconds),
    rssSamples(server, plan.loadSeconds),
  ]);
  const rssEnd = server.rssKb();
  const rssChange = rssStart && rssEnd ? round(((rssEnd - rssStart) / rssStart) * 100) : null;
  return {
    server: 'child process: node bin/headway.mjs serve',
    connections: plan.connections,
    seconds: plan.loadSeconds,
    baseline_health_every_50ms_idle: healthIdle,
    baseline_health_loop_alone: healthLoopAlone,
    overview: overviewLoad,
    health_every_50ms_during: healthDuring,
    rss_kb: { start: rssStart, end: rssEnd, change_pct: rssChange, each_second: rssEachSecond },
    met: {
      errors:
        overviewLoad.errors + overviewLoad.non_200 + healthDuring.errors + healthDuring.non_200 ===
        targets.load_errors,
      overview_p99: overviewLoad.p99_ms < targets.load_overview_p99_ms,
      health_p99: healthDuring.p99_ms < targets.load_health_p99_ms,
      rss: rssChange !== null && Math.abs(rssChange) <= targets.load_rss_change_pct,
    },
  };
}

// ---- 5. a client that gives up on a cold overview -----------------------------------------------------

interface SeenQuery {
  pid: number;
  query: string;
  first_seen_ms: number;
  last_seen_ms: number;
}

/**
 * The server's queries that are not idle, polled every 10 ms from `since` until none has been seen for a
 * second (or two minutes have passed); times are from `since`.
 */
async function watchServerQueries(db: Db, serverPid: number, since: number): Promise<SeenQuery[]> {
  const seen = new Map<string, SeenQuery>();
  let lastBusy = performance.now();
  while (performance.now() - lastBusy < 1000 && performance.now() - since < 120_000) {
    const { rows } = await sql<{ pid: number; started: string; query: string }>`
      select pid, query_start::text as started, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
      from pg_stat_activity
      where application_name = ${`headway ${serverPid}`} and state <> 'idle'`.execute(db);
    const at = round(performance.now() - since);
    for (const row of rows) {
      const key = `${row.pid} ${row.started}`;
      const known = seen.get(key);
      if (known) known.last_seen_ms = at;
      else seen.set(key, { pid: row.pid, query: row.query, first_seen_ms: at, last_seen_ms: at });
    }
    if (rows.length > 0) lastBusy = performance.now();
    await sleep(10);
  }
  return [...seen.values()];
}

/** Sends a request and aborts it after `afterMs`; says whether the answer came first. */
async function abandonedRequest(url: string, headers: Record<string, string>, afterMs: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), afterMs);
  try {
    const response = await fetch(url, { headers, signal: controller.signal });
    await response.arrayBuffer();
    return 'answered before the abort';
  } catch {
    return 'aborted';
  } finally {
    clearTimeout(timer);
  }
}

async function checkDisconnect(server: ChildServer, director: Client, change: DataChange, db: Db) {
  await change.importNext(director);
  const coldOverview = round((await director.get(OVERVIEW)).ms);
  await change.importNext(director);
  const stderrBefore = server.stderr().length;
  const sent = performance.now();
  const [outcome, queries] = await Promise.all([
    abandonedRequest(`${server.origin}${OVERVIEW}`, director.headers, plan.abortAfterMs),
    watchServerQueries(db, server.pid, sent),
  ]);
  const nextOverview = round((await director.get(OVERVIEW)).ms);
  const healthAfter = await timedFetch(`${server.origin}${HEALTH}`);
  const lastSeen = Math.max(0, ...queries.map((q) => q.last_seen_ms));
  const abortAt = plan.abortAfterMs;
  const observed: Observed = {
    outcome,
    seen: queries.length,
    runningAtAbort: queries.filter((q) => q.first_seen_ms <= abortAt && q.last_seen_ms > abortAt).length,
    startedAfterAbort: queries.filter((q) => q.first_seen_ms > abortAt).length,
    lastSeenMs: lastSeen,
    coldMs: coldOverview,
    nextMs: nextOverview,
  };
  return {
    cold_overview_ms: coldOverview,
    aborted_after_ms: abortAt,
    request: outcome,
    server_queries_seen: queries.length,
    queries_running_at_abort_that_went_on: observed.runningAtAbort,
    queries_started_after_abort: observed.startedAfterAbort,
    last_query_seen_ms_after_sending: lastSeen,
    next_overview_ms: nextOverview,
    server_health_after: healthAfter.status,
    server_stderr_during: server
      .stderr()
      .slice(stderrBefore, stderrBefore + 20)
      .join('\n'),
    queries,
    note: disconnectNote(observed),
  };
}

interface Observed {
  outcome: string;
  seen: number;
  runningAtAbort: number;
  startedAfterAbort: number;
  lastSeenMs: number;
  coldMs: number;
  nextMs: number;
}

function disconnectNote(o: Observed): string {
  const observed =
    `The client ${o.outcome === 'aborted' ? 'gave up' : 'was answered'} ${plan.abortAfterMs} ms into a cold ` +
    `overview (a whole cold overview took ${o.coldMs} ms). pg_stat_activity, polled every 10 ms, showed ` +
    `${o.seen} queries from the server: ${o.runningAtAbort} running at the abort went on, and ` +
    `${o.startedAfterAbort} started after it; the last was seen ${o.lastSeenMs} ms after the request was ` +
    `sent. The next overview took ${o.nextMs} ms.`;
  if (o.outcome !== 'aborted') return `${observed} The abort came too late to tell anything.`;
  return o.runningAtAbort + o.startedAfterAbort > 0
    ? `${observed} So the server goes on computing to the end after the client has gone: the abort reaches neither the running queries nor the work that issues the next ones.`
    : `${observed} No query of the server's ran after the abort.`;
}

async function measureChildServer(target: Target, change: DataChange) {
  const server = await startChildServer(target);
  try {
    const director = await signIn(server.origin, DIRECTOR);
    const load = await measureLoad(server, director);
    const disconnect = await checkDisconnect(server, director, change, target.database.db);
    return { load, disconnect };
  } finally {
    await server.stop();
  }
}

type PagesFigures = Awaited<ReturnType<typeof measurePages>>;
type LoadFigures = Awaited<ReturnType<typeof measureLoad>>;

// ---- the run ------------------------------------------------------------------------------------------

/** Loads the demo as a person's first `headway serve` does; returns the seconds it took to be running. */
async function loadDemoAsServeDoes(target: Target): Promise<number> {
  const started = performance.now();
  const server = await startChildServer(target);
  await server.stop();
  return round((performance.now() - started) / 1000);
}

/**
 * VACUUM ANALYZE after the load, as autovacuum would do on its own within a minute or two: a server that
 * has run a while has its statistics, and autovacuum does not wake in the middle of a measurement.
 */
async function settleAfterLoad(db: Db): Promise<number> {
  const started = performance.now();
  await sql`vacuum (analyze)`.execute(db);
  return round((performance.now() - started) / 1000);
}

/** Each figure that missed its target, with what was measured and what was wanted. */
function missedTargets(pages: PagesFigures, load: LoadFigures): Record<string, string> {
  const missed: Record<string, string> = {};
  const wanted = (ms: number, below: number) => `${ms} ms (target < ${below} ms)`;
  for (const r of pages.routes) {
    const name = `${r.page} (${r.as}) ${r.route}`;
    if (!r.met.p50) missed[`${name} p50`] = wanted(r.p50_ms, targets.route_p50_ms);
    if (!r.met.p99) missed[`${name} p99`] = wanted(r.p99_ms, targets.route_p99_ms);
    if (!r.met.first_after_import)
      missed[`${name} first after an import`] = wanted(
        r.first_after_import_ms,
        targets.first_after_import_ms,
      );
  }
  const o = load.overview;
  const h = load.health_every_50ms_during;
  if (!load.met.errors)
    missed['load errors and non-200s'] =
      `${o.errors + o.non_200} on the overview, ${h.errors + h.non_200} on /health (target ${targets.load_errors})`;
  if (!load.met.overview_p99) missed['load overview p99'] = wanted(o.p99_ms, targets.load_overview_p99_ms);
  if (!load.met.health_p99) missed['load /health p99'] = wanted(h.p99_ms, targets.load_health_p99_ms);
  if (!load.met.rss)
    missed['load server RSS change'] =
      `${load.rss_kb.change_pct}% (target within ${targets.load_rss_change_pct}%)`;
  return missed;
}

function cell(value: unknown, width: number, right = true): string {
  const text = String(value);
  return right ? text.padStart(width) : text.padEnd(width);
}

const mark = (met: boolean) => (met ? 'ok' : 'MISS');

function printRoutes(pages: PagesFigures): void {
  const health = pages.baseline_health_sequential;
  console.log(
    `\nEvery page's calls, ${plan.requestsPerRoute} sequential requests each, in process (targets: p50 < ` +
      `${targets.route_p50_ms} ms, p99 < ${targets.route_p99_ms} ms, first after an import < ` +
      `${targets.first_after_import_ms} ms); baseline /health p50 ${health.p50_ms} ms, p99 ${health.p99_ms} ms`,
  );
  console.log(
    `${cell('page (as)', 26, false)}${cell('route', 37, false)}${cell('p50', 8)}${cell('p99', 8)}` +
      `${cell('/health', 9)}${cell('first', 9)}${cell('kB', 7)}  met p50/p99/first`,
  );
  for (const r of pages.routes)
    console.log(
      `${cell(`${r.page} (${r.as})`, 26, false)}${cell(r.route, 37, false)}${cell(r.p50_ms, 8)}` +
        `${cell(r.p99_ms, 8)}${cell(`x${r.p50_over_health_p50}`, 9)}${cell(r.first_after_import_ms, 9)}` +
        `${cell(Math.round(r.bytes / 1024), 7)}  ${Object.values(r.met).map(mark).join('/')}`,
    );
  const imports = Object.values(pages.import_ms_before_each_page);
  console.log(
    `The imports before each page's first requests took ${Math.min(...imports)}-${Math.max(...imports)} ms`,
  );
}

function printLoad(load: LoadFigures): void {
  const o = load.overview;
  const h = load.health_every_50ms_during;
  const idle = load.baseline_health_every_50ms_idle;
  const alone = load.baseline_health_loop_alone;
  const rss = load.rss_kb;
  console.log(
    [
      `\nLoad: ${load.connections} connections for ${load.seconds} s on the overview, server in a child process`,
      `  overview: ${o.requests} requests (${o.per_second}/s), ${o.errors} errors, ${o.non_200} non-200, ` +
        `p50 ${o.p50_ms} ms, p99 ${o.p99_ms} ms, max ${o.max_ms} ms  [errors ${mark(load.met.errors)}, ` +
        `p99 ${mark(load.met.overview_p99)}]`,
      `  /health every 50 ms meanwhile: p50 ${h.p50_ms} ms, p99 ${h.p99_ms} ms, max ${h.max_ms} ms  ` +
        `[p99 ${mark(load.met.health_p99)}]`,
      `  baselines: /health every 50 ms, idle: p50 ${idle.p50_ms} ms, p99 ${idle.p99_ms} ms; the same ` +
        `${load.connections}-connection loop on /health: ${alone.per_second}/s, p50 ${alone.p50_ms} ms, p99 ${alone.p99_ms} ms`,
      `  server RSS: ${rss.start} kB -> ${rss.end} kB (${rss.change_pct}%), highest ` +
        `${Math.max(...Object.values(rss.each_second).map(Number))} kB  [${mark(load.met.rss)}]`,
    ].join('\n'),
  );
}

export async function run(): Promise<void> {
  const started = performance.now();
  const target = await prepareTarget();
  try {
    console.log(`Loading the demo with headway serve (${target.engine})...`);
    const demoLoadSeconds = await loadDemoAsServeDoes(target);
    const vacuumSeconds = await settleAfterLoad(target.database.db);
    const change = await dataChange(target.database.db);
    console.log('Timing every page’s calls...');
    const pages = await measurePages(target, change);
    console.log(`Load for ${plan.loadSeconds} s, twice, then a client that gives up...`);
    const { load, disconnect } = await measureChildServer(target, change);
    const missed = missedTargets(pages, load);
    const file = writeResults(
      `pages-${target.engine}${smoke ? '-smoke' : ''}`,
      {
        engine: target.engine,
        smoke,
        plan,
        targets,
        demo_load_s: demoLoadSeconds,
        vacuum_analyze_after_load_s: vacuumSeconds,
        pages,
        load,
        disconnect,
        all_met: Object.keys(missed).length === 0,
        missed,
        duration_s: round((performance.now() - started) / 1000),
      },
      { print: false },
    );
    printRoutes(pages);
    printLoad(load);
    console.log(`\nA client that gives up: ${disconnect.note}`);
    const misses = Object.entries(missed).map(([figure, measured]) => `  ${figure}: ${measured}`);
    console.log(misses.length ? `\nMissed:\n${misses.join('\n')}` : '\nEvery target met.');
    console.log(`\nFigures in ${file}`);
  } finally {
    await target.dispose();
  }
}
