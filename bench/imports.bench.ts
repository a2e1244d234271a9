// How a big data-values file that Headway refuses is answered, through the HTTP route as a person's
// upload reaches it: the time to the 422, the size of the answer, the process's peak RSS and its RSS once
// the request is over (after a garbage collection), and the longest `/api/v1/health` took meanwhile
// (polled from a worker thread, whose event loop the import cannot block). Two files of 49 MB:
//  - every row bad (an unknown school, a value that is no number, an unknown element, a bad month, in turn);
//  - every row good but one in the middle (the whole file is checked, nothing is written);
// then the first again, to tell memory kept as a high-water mark from a leak. All are dry runs.
// The baseline, measured in the same run: csv-parse merely reading the same bytes into rows.
// HEADWAY_BENCH_IMPORT_MB sets the size (default 49: the route takes at most 50 MB with the form around the file).
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { parse } from 'csv-parse/sync';
import { operator } from '../src/auth/actor.ts';
import { tokenFor } from '../src/auth/testing.ts';
import { contextFor } from '../src/context.ts';
import { createServerTemplate, dropServerTemplate, freshDatabase } from '../src/db/testing.ts';
import { importTable } from '../src/exchange/exchange.ts';
import { isChallengeElement } from '../src/meetings/catalogue.ts';
import { buildApp } from '../src/server.ts';
import { recordsToTable } from '../src/tabular/read.ts';
import { median, timeMs, writeResults } from './measure.ts';

const MB = Number(process.env.HEADWAY_BENCH_IMPORT_MB ?? 49);
const SCHOOLS = 1200;
const actor = operator('bench');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process's memory once garbage is collected: RSS, and the JavaScript heap and buffers within it. */
async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external };
}

const schoolCode = (i: number) => `SCH${String(i).padStart(4, '0')}`;

function* months(): Generator<string> {
  for (let year = 2000; ; year++) {
    for (let month = 1; month <= 12; month++) yield `${year}-${String(month).padStart(2, '0')}`;
  }
}

/** Rows until the file reaches the size; `line(i)` gives row i (0-based, after the header). */
function csvOf(line: (i: number) => string): { bytes: Uint8Array<ArrayBuffer>; rows: number } {
  const target = MB * 1024 * 1024;
  const parts = ['school_code,period,element,value'];
  let size = parts[0]?.length ?? 0;
  let rows = 0;
  while (size < target) {
    const text = line(rows++);
    parts.push(text);
    size += text.length + 1;
  }
  return { bytes: new TextEncoder().encode(`${parts.join('\n')}\n`), rows };
}

/** Every row bad, four reasons in turn; the unknown schools' codes all differ, as a file from elsewhere's would. */
function allBad(elements: string[]) {
  return csvOf((i) => {
    const school = schoolCode(i % SCHOOLS);
    const element = elements[i % elements.length];
    switch (i % 4) {
      case 0:
        return `X${100000 + i},2026-10,${element},${i % 1000}`;
      case 1:
        return `${school},2026-10,${element},n/a`;
      case 2:
        return `${school},2026-10,pupils_happy,${i % 1000}`;
      default:
        return `${school},2026-13,${element},${i % 1000}`;
    }
  });
}

/** Every (school, element, month) once, all good but one row in the middle with an unknown school. */
function oneBad(elements: string[]) {
  const keys = (function* () {
    for (const month of months())
      for (const element of elements) for (let s = 0; s < SCHOOLS; s++) yield [schoolCode(s), month, element];
  })();
  const middle = Math.round((MB * 1024 * 1024) / 40 / 2);
  return csvOf((i) => {
    const [school, month, element] = keys.next().value as string[];
    return i === middle ? `NOPE,${month},${element},1` : `${school},${month},${element},${i % 1000}`;
  });
}

/** Polls health and samples RSS on its own thread until told to stop. */
const pollerSource = `
const { parentPort, workerData } = require('node:worker_threads');
let maxHealthMs = 0, requests = 0, peakRss = 0, running = true;
const sample = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 10);
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    try { await (await fetch(workerData.url)).text(); } catch {}
    maxHealthMs = Math.max(maxHealthMs, performance.now() - started);
    requests++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  clearInterval(sample);
  parentPort.postMessage({ maxHealthMs, requests, peakRss });
})();`;

async function measureUpload(base: string, token: string, name: string, bytes: Uint8Array<ArrayBuffer>) {
  const before = await settledMemory();
  const poller = new Worker(pollerSource, { eval: true, workerData: { url: `${base}/api/v1/health` } });
  await sleep(300);
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(`${base}/api/v1/imports/data-values?dry_run=true`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' },
  });
  const text = await response.text();
  const answerMs = performance.now() - started;
  await sleep(300);
  const done = new Promise<{ maxHealthMs: number; requests: number; peakRss: number }>((resolve) =>
    poller.once('message', resolve),
  );
  poller.postMessage('stop');
  const polled = await done;
  await poller.terminate();
  const body = JSON.parse(text) as {
    error?: {
      message: string;
      details?: unknown[];
      problems?: { total: number; listed: number; more: { column: string; reason: string; count: number }[] };
    };
  };
  const after = await settledMemory();
  // The allocator gives freed pages back to the system a little later: RSS again after 5 s without work.
  await sleep(5000);
  const idle = await settledMemory();
  return {
    status: response.status,
    answer_ms: Math.round(answerMs),
    answer_bytes: text.length,
    message: body.error?.message ?? null,
    problems_listed: body.error?.details?.length ?? 0,
    problems_total: body.error?.problems?.total ?? null,
    problems_more: body.error?.problems?.more.map((c) => `${c.column}: ${c.reason} (${c.count})`) ?? [],
    health_max_ms: Math.round(polled.maxHealthMs),
    health_requests: polled.requests,
    rss_before_mib: mib(before.rss),
    rss_peak_mib: mib(polled.peakRss),
    rss_after_mib: mib(after.rss),
    rss_after_5s_idle_mib: mib(idle.rss),
    js_heap_before_mib: mib(before.heapUsed),
    js_heap_after_mib: mib(after.heapUsed),
    js_heap_total_before_mib: mib(before.heapTotal),
    js_heap_total_after_mib: mib(after.heapTotal),
    external_before_mib: mib(before.external),
    external_after_mib: mib(after.external),
  };
}

export async function run(): Promise<void> {
  if (process.env.DATABASE_URL) await createServerTemplate();
  const database = await freshDatabase();
  const db = database.db;
  await importTable(
    contextFor(db, actor),
    'org-units',
    recordsToTable([
      { code: 'T', name: 'Bench', level: 'authority', parent_code: '' },
      { code: 'A', name: 'Area A', level: 'area', parent_code: 'T' },
    ]),
  );
  await importTable(
    contextFor(db, actor),
    'schools',
    recordsToTable(
      Array.from({ length: SCHOOLS }, (_, i) => ({
        code: schoolCode(i),
        name: `School ${i}`,
        phase: 'primary',
        area_code: 'A',
      })),
    ),
  );
  const elements = (await db.selectFrom('data_element').select('code').orderBy('code').execute())
    .map((e) => e.code)
    .filter((code) => !isChallengeElement(code));
  const token = await tokenFor(db, 'analyst', 'T');
  const app = buildApp({ database, log: (message, error) => console.error(message, error) });
  const server = serve({ fetch: app.fetch, port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const figures: Record<string, unknown> = {};
  const bad = allBad(elements);
  for (const [scenario, file] of [
    ['every_row_bad', bad],
    ['one_row_bad', oneBad(elements)],
    // The same bad file again: memory that stays after the first is a high-water mark, not a leak, if
    // it does not grow again.
    ['every_row_bad_again', bad],
  ] as const) {
    const parseMs: number[] = [];
    for (let i = 0; i < 3; i++)
      parseMs.push(await timeMs(async () => void parse(Buffer.from(file.bytes), { bom: true })));
    const measured = await measureUpload(base, token, `${scenario}.csv`, file.bytes);
    figures[scenario] = {
      file_mib: Math.round((file.bytes.length / 1024 / 1024) * 10) / 10,
      rows: file.rows,
      csv_parse_only_ms: median(parseMs),
      ...measured,
      answer_over_csv_parse: Math.round((measured.answer_ms / median(parseMs)) * 10) / 10,
    };
    console.error(scenario, figures[scenario]);
  }
  const stillThere = await db
    .selectFrom('data_value')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  server.close();
  await database.close();
  if (process.env.DATABASE_URL) await dropServerTemplate();
  writeResults('imports', {
    engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    ...figures,
    data_values_written: Number(stillThere.n),
  });
}
