// How long the registry import takes beside a plain bulk insert of the same rows (the baseline), and
// how long the whole demo authority takes to load. Runs on PGlite, or on DATABASE_URL's server.
import { sql } from 'kysely';
import { operator } from '../src/auth/actor.ts';
import { contextFor } from '../src/context.ts';
import { createServerTemplate, dropServerTemplate, freshDatabase } from '../src/db/testing.ts';
import { loadDemo, rowsToTable } from '../src/demo/load.ts';
import { generateRegistry } from '../src/demo/registry.ts';
import { importTable } from '../src/exchange/exchange.ts';
import { seededRandom } from '../src/random.ts';
import { median, timeMs, writeResults } from './measure.ts';

const RUNS = 3;
const referenceDate = '2026-09-01';

export async function run(): Promise<void> {
  if (process.env.DATABASE_URL) await createServerTemplate();
  const actor = operator('bench');
  const demo = generateRegistry(seededRandom(1), { primarySchools: 1017, referenceDate });

  // Each run gets a database with the org units and nothing else.
  const withOrgUnits = async () => {
    const database = await freshDatabase();
    await importTable(contextFor(database.db, actor), 'org-units', rowsToTable(demo.orgUnits));
    return database;
  };

  const plainMs: number[] = [];
  const importMs: number[] = [];
  const reimportMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const baseline = await withOrgUnits();
    plainMs.push(
      await timeMs(async () => {
        // The baseline: the same schools written with two INSERT ... SELECTs, no checks, no upsert.
        await sql`
        insert into org_unit (code, name, level, parent_id)
        select s.code, s.name, 'school', a.id
        from jsonb_to_recordset(${JSON.stringify(demo.schools)}::jsonb) as s(code text, name text, area_code text)
        join org_unit a on a.code = s.area_code`.execute(baseline.db);
        await sql`
        insert into school (org_unit_id, phase, type, urn)
        select o.id, s.phase, s.type, s.urn
        from jsonb_to_recordset(${JSON.stringify(demo.schools)}::jsonb) as s(code text, phase text, type text, urn text)
        join org_unit o on o.code = s.code`.execute(baseline.db);
      }),
    );
    await baseline.close();

    const imported = await withOrgUnits();
    importMs.push(
      await timeMs(async () => {
        await importTable(contextFor(imported.db, actor), 'schools', rowsToTable(demo.schools));
      }),
    );
    reimportMs.push(
      await timeMs(async () => {
        await importTable(contextFor(imported.db, actor), 'schools', rowsToTable(demo.schools));
      }),
    );
    await imported.close();
  }

  const demoDatabase = await freshDatabase();
  const demoMs = await timeMs(async () => {
    await loadDemo(demoDatabase.db, actor, { seed: 1, primarySchools: 1017, referenceDate });
  });
  await demoDatabase.close();
  if (process.env.DATABASE_URL) await dropServerTemplate();

  writeResults(`registry-import-${process.env.DATABASE_URL ? 'postgres' : 'pglite'}`, {
    engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    schools: demo.schools.length,
    runs: RUNS,
    plain_insert_ms: median(plainMs),
    checked_import_ms: median(importMs),
    reimport_no_change_ms: median(reimportMs),
    import_over_plain_insert: Math.round((median(importMs) / median(plainMs)) * 100) / 100,
    demo_authority_load_ms: Math.round(demoMs),
  });
}
