// What a person waits for and downloads on each page of the web app, on the demo authority (1,142
// schools x 38 months), through the HTTP app as the director: time (median of 3) beside the plain
// GROUP BY baseline measured in the same run, and bytes as sent (gzipped) and unzipped. Also sign-in,
// which is an argon2id check by design.
import { sql } from 'kysely';
import { operator } from '../src/auth/actor.ts';
import { tokenFor } from '../src/auth/testing.ts';
import { createServerTemplate, dropServerTemplate, freshDatabase } from '../src/db/testing.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { loadDemo } from '../src/demo/load.ts';
import { buildApp } from '../src/server.ts';
import { median, plainAggregate, timeMs, writeResults } from './measure.ts';

const RUNS = 3;
const pages: [string, string][] = [
  ['overview', '/api/v1/dashboards/overview?period=2026-10'],
  ['map', '/api/v1/dashboards/map?indicator=attendance_rate&period=2026-10'],
  ['area', '/api/v1/dashboards/areas/A01?period=2026-10'],
  ['school', '/api/v1/dashboards/schools/S0002?period=2026-10'],
  [
    'explorer_schools',
    '/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=school&series=false',
  ],
];

export async function run(): Promise<void> {
  const onServer = Boolean(process.env.DATABASE_URL);
  if (onServer) await createServerTemplate();
  const database = await freshDatabase();
  try {
    await loadDemo(database.db, operator('bench'), {
      seed: 1,
      primarySchools: 1017,
      referenceDate: '2026-09-01',
    });
    await sql`analyze`.execute(database.db);
    const app = buildApp({ database, log: () => {} });
    const token = await tokenFor(database.db, 'director', 'NM');
    const results: Record<string, unknown> = { engine: onServer ? 'postgres' : 'pglite' };
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) baseline.push(await timeMs(() => plainAggregate(database.db)));
    results.plain_group_by_ms = median(baseline);
    for (const [name, url] of pages) {
      const times: number[] = [];
      let sent = 0;
      let unzipped = 0;
      for (let i = 0; i < RUNS; i++) {
        times.push(
          await timeMs(async () => {
            const response = await app.request(url, {
              headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
            });
            if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
            const bytes = new Uint8Array(await response.arrayBuffer());
            sent = bytes.length;
            unzipped = (
              await new Response(
                new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
              ).arrayBuffer()
            ).byteLength;
          }),
        );
      }
      results[name] = {
        ms: median(times),
        over_plain_group_by: Math.round((median(times) / median(baseline)) * 10) / 10,
        bytes_sent: sent,
        bytes_unzipped: unzipped,
      };
    }
    const signIns: number[] = [];
    for (let i = 0; i < RUNS; i++)
      signIns.push(
        await timeMs(async () => {
          const response = await app.request('/api/v1/auth/sign-in', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'director@northmoor.example', password: DEMO_PASSWORD }),
          });
          if (response.status !== 200) throw new Error(`sign-in: ${response.status}`);
        }),
      );
    results.sign_in_ms = median(signIns);
    writeResults(`dashboards-${results.engine}`, results);
  } finally {
    await database.close();
    if (onServer) await dropServerTemplate();
  }
}
