// KPI roll-up and report speed. Each figure sits beside a baseline measured in the same run: one plain
// GROUP BY over the same months of data (the least any roll-up must do), so the ratio survives noisy machines.
// Roll-ups are timed cold: each run opens a new connection, whose figures cache is empty, as the first
// page after an import finds it.
//  - demo authority (1,142 schools x 38 months): every catalogue indicator for every org unit at every
//    level and for every trust, for one month (with its 6-month trend window); the director's overview
//    and one area's pack; all 20 area packs, as HTML and as PDF;
//  - national size (25,000 schools in 250 areas x 36 months, 9M values): the overview's roll-ups
//    (authority, areas and every school, every indicator, one month) and one area's (the area and its
//    schools), and one month's values for every school imported through the importer.
// On DATABASE_URL's server, or else on an embedded PostgreSQL started in a temporary folder. National
// size runs on a server, or embedded with HEADWAY_BENCH_NATIONAL=1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { operator } from '../src/auth/actor.ts';
import { readConfig, settingsOf } from '../src/config.ts';
import { contextFor } from '../src/context.ts';
import { buildAreaPack } from '../src/dashboards/area-figures.ts';
import { buildAuthorityOverview } from '../src/dashboards/authority-figures.ts';
import { openPostgres } from '../src/db/connection.ts';
import { type EmbeddedCluster, startCluster } from '../src/db/embedded.ts';
import { createServerTemplate, dropServerTemplate, freshDatabase } from '../src/db/testing.ts';
import type { Db } from '../src/db/types.ts';
import { loadDemo } from '../src/demo/load.ts';
import { importTable } from '../src/exchange/exchange.ts';
import { defaultElements } from '../src/kpi/catalogue.ts';
import { listIndicators } from '../src/kpi/indicators.ts';
import { parsePeriod } from '../src/kpi/periods.ts';
import type { UnitSelector } from '../src/kpi/queries.ts';
import { rollupIndicator, rollupIndicators } from '../src/kpi/rollup.ts';
import { authorityReport } from '../src/reports/reports.ts';
import { median, plainAggregate, timeMs, writeResults } from './measure.ts';

const RUNS = 3;
const actor = operator('bench');
const settings = settingsOf(readConfig());
const period = parsePeriod('2026-10');

/** The median of RUNS cold runs of `work`, each on a new connection (an empty figures cache). */
async function cold(url: string, work: (db: Db) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const fresh = openPostgres(url);
    try {
      times.push(await timeMs(() => work(fresh.db).then(() => undefined)));
    } finally {
      await fresh.close();
    }
  }
  return median(times);
}

async function baseline(db: Db): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeMs(() => plainAggregate(db)));
  return median(times);
}

const ratio = (ms: number, base: number) => Math.round((ms / base) * 10) / 10;

async function rollupEverything(db: Db, selectors: UnitSelector[]): Promise<number> {
  let rows = 0;
  for (const indicator of await listIndicators(db)) {
    for (const selector of selectors)
      rows += (await rollupIndicator(db, indicator, selector, period, settings)).length;
  }
  return rows;
}

/** Every indicator for each selector's units, several indicators at once (as the overview asks). */
async function rollupTogether(db: Db, selectors: UnitSelector[]): Promise<void> {
  const indicators = await listIndicators(db);
  await Promise.all(
    selectors.map((selector) => rollupIndicators(db, indicators, selector, period, settings)),
  );
}

async function demoFigures(url: string, db: Db) {
  const loadMs = await timeMs(async () => {
    await loadDemo(db, actor, { seed: 1, primarySchools: 1017, referenceDate: '2026-09-01' });
  });
  await sql`analyze`.execute(db);
  const plain = await baseline(db);
  const every: UnitSelector[] = [
    { level: 'authority' },
    { level: 'area' },
    { level: 'cluster' },
    { level: 'school' },
    { level: 'trust' },
  ];
  let rows = 0;
  const rollupMs = await cold(url, async (fresh) => {
    rows = await rollupEverything(fresh, every);
  });
  const overviewMs = await cold(url, (fresh) =>
    buildAuthorityOverview(contextFor(fresh, actor, { settings, today: '2026-11-23' }), '2026-10'),
  );
  const areaMs = await cold(url, (fresh) =>
    buildAreaPack(contextFor(fresh, actor, { settings, today: '2026-11-23' }), 'A01', '2026-10'),
  );
  const figures: Record<string, unknown> = {
    load_ms: Math.round(loadMs),
    plain_group_by_ms: plain,
    every_org_unit: { result_rows: rows, rollup_ms: rollupMs, over_plain_group_by: ratio(rollupMs, plain) },
    overview_cold_ms: overviewMs,
    overview_over_plain_group_by: ratio(overviewMs, plain),
    area_pack_cold_ms: areaMs,
    area_pack_over_plain_group_by: ratio(areaMs, plain),
  };
  const htmlMs = await timeMs(() =>
    authorityReport(contextFor(db, actor, { settings, today: '2026-11-23' }), '2026-10', 'html').then(
      () => undefined,
    ),
  );
  figures.reports_html_all_areas_ms = Math.round(htmlMs);
  if (fs.existsSync(settings.chromiumPath)) {
    const pdfMs = await timeMs(() =>
      authorityReport(contextFor(db, actor, { settings, today: '2026-11-23' }), '2026-10', 'pdf').then(
        () => undefined,
      ),
    );
    figures.reports_pdf_all_areas_ms = Math.round(pdfMs);
    figures.pdf_over_html = Math.round((pdfMs / htmlMs) * 10) / 10;
  }
  return figures;
}

/** 250 areas of 100 schools, 36 months of the catalogue's 10 monthly elements, generated by the server a month at a time. */
async function loadNational(db: Db): Promise<void> {
  await sql`
    insert into org_unit (code, name, level) values ('NAT', 'Nation', 'authority');
    insert into org_unit (code, name, level, parent_id)
      select 'AR' || g, 'Area ' || g, 'area', (select id from org_unit where code = 'NAT') from generate_series(1, 250) g;
    insert into org_unit (code, name, level, parent_id)
      select 'SC' || g, 'School ' || g, 'school', a.id from generate_series(1, 25000) g join org_unit a on a.code = 'AR' || (1 + g % 250);
    insert into school (org_unit_id, phase) select id, 'primary' from org_unit where level = 'school';
    select setseed(0.42);`.execute(db);
  for (let i = 0; i < 36; i++) {
    const month = new Date(Date.UTC(2023, 10 + i, 1)).toISOString().slice(0, 10);
    await sql`
      insert into data_value (org_unit_id, element_id, month, value)
        select s.id, e.id, ${month}::date,
          case e.code
            when 'sessions_possible' then 8000 when 'sessions_attended' then round(8000 * (0.88 + random() * 0.1))
            when 'pupils_enrolled' then 200 when 'teachers_in_post' then 8
            when 'teacher_days_possible' then 160 when 'teacher_days_present' then round(160 * (0.9 + random() * 0.09))
            when 'lessons_planned' then 800 when 'lessons_delivered' then round(800 * (0.85 + random() * 0.14))
            when 'pupils_assessed' then 30 else round(30 * (0.5 + random() * 0.4)) end
        from org_unit s cross join data_element e
        where s.level = 'school' and e.code = any(${defaultElements.map((e) => e.code)}::text[])`.execute(db);
  }
  await sql`analyze`.execute(db);
}

/** One month's values for every school, as a file of rows (school_code, period, element, value). */
async function nextMonthFile(db: Db) {
  const { rows } = await sql<{ school: string; element: string; value: number }>`
    select s.code as school, e.code as element, dv.value
    from data_value dv join org_unit s on s.id = dv.org_unit_id join data_element e on e.id = dv.element_id
    where dv.month = '2026-10-01'`.execute(db);
  return {
    header: ['school_code', 'period', 'element', 'value'],
    rows: rows.map((r, i) => ({ row: i + 2, cells: [r.school, '2026-11', r.element, String(r.value)] })),
  };
}

async function nationalFigures(url: string, db: Db) {
  const loadMs = await timeMs(() => loadNational(db));
  const { rows } = await sql<{ n: number }>`select count(*) as n from data_value`.execute(db);
  const plain = await baseline(db);
  const overviewMs = await cold(url, (fresh) =>
    rollupTogether(fresh, [{ codes: ['NAT'] }, { level: 'area' }, { schoolsUnder: 'NAT' }]),
  );
  const areasMs = await cold(url, (fresh) => rollupTogether(fresh, [{ codes: ['NAT'] }, { level: 'area' }]));
  const areaMs = await cold(url, (fresh) =>
    rollupTogether(fresh, [{ codes: ['AR1'] }, { schoolsUnder: 'AR1' }]),
  );
  const areaOnlyMs = await cold(url, (fresh) => rollupTogether(fresh, [{ codes: ['AR1'] }]));
  // The importer end to end (checks, upserts in chunks, the audit trail, the totals), for a new month.
  const file = await nextMonthFile(db);
  const importMs = await timeMs(async () => {
    await importTable(contextFor(db, actor), 'data-values', file, { fileName: 'bench' });
  });
  // The same rows again by one plain statement, with and without the totals' triggers: their share.
  const replace = async (withTotals: boolean) => {
    await sql`delete from data_value where month = '2026-11-01'`.execute(db);
    return timeMs(() =>
      db.transaction().execute(async (trx) => {
        await sql`select set_config('headway.audit_rows', 'off', true)`.execute(trx);
        if (!withTotals)
          await sql`alter table data_value disable trigger data_value_totals_insert`.execute(trx);
        await sql`insert into data_value (org_unit_id, element_id, month, value)
          select org_unit_id, element_id, '2026-11-01', value from data_value where month = '2026-10-01'`.execute(
          trx,
        );
        if (!withTotals) {
          // Taken away again with the triggers still off, so the totals stay true.
          await sql`alter table data_value disable trigger data_value_totals_delete`.execute(trx);
          await sql`delete from data_value where month = '2026-11-01'`.execute(trx);
          await sql`alter table data_value enable trigger data_value_totals_delete`.execute(trx);
          await sql`alter table data_value enable trigger data_value_totals_insert`.execute(trx);
        }
      }),
    );
  };
  const withTotalsMs = await replace(true);
  const withoutTotalsMs = await replace(false);
  return {
    schools: 25_000,
    areas: 250,
    months: 36,
    data_values: rows[0]?.n,
    load_ms: Math.round(loadMs),
    plain_group_by_ms: plain,
    overview_rollups_cold_ms: overviewMs,
    overview_over_plain_group_by: ratio(overviewMs, plain),
    authority_and_areas_cold_ms: areasMs,
    one_area_with_its_schools_cold_ms: areaMs,
    one_area_cold_ms: areaOnlyMs,
    import_one_month_rows: file.rows.length,
    import_one_month_ms: Math.round(importMs),
    insert_one_month_one_statement_ms: Math.round(withTotalsMs),
    insert_one_month_without_totals_ms: Math.round(withoutTotalsMs),
  };
}

export async function run(): Promise<void> {
  let cluster: EmbeddedCluster | undefined;
  let folder: string | undefined;
  if (!process.env.DATABASE_URL) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-bench-pg-'));
    fs.chmodSync(folder, 0o755);
    cluster = await startCluster(path.join(folder, 'data'));
    process.env.DATABASE_URL = cluster.url;
  }
  const engine = cluster ? 'embedded' : 'postgres';
  const results: Record<string, unknown> = { engine };
  try {
    await createServerTemplate();
    const demo = await freshDatabase();
    try {
      results.demo_authority = await demoFigures(demo.url, demo.db);
    } finally {
      await demo.close();
    }
    if (!cluster || process.env.HEADWAY_BENCH_NATIONAL) {
      const national = await freshDatabase();
      try {
        results.national = await nationalFigures(national.url, national.db);
      } finally {
        await national.close();
      }
    }
    await dropServerTemplate();
  } finally {
    if (cluster) {
      await cluster.stop();
      delete process.env.DATABASE_URL;
    }
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  }
  writeResults(`kpi-rollup-${engine}`, results);
}
