// Loads the deterministic demo authority through the same importers a data manager uses, so the demo
// is checked by the same rules as real data. Later capabilities add their own steps after the registry.
import type { Actor } from '../auth/actor.ts';
import { recordAudit, withoutRowAudit } from '../auth/audit.ts';
import { lastNeedsRefresh } from '../brokering/needs.ts';
import { refreshNeedsNow } from '../brokering/proposals.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { importTable } from '../exchange/exchange.ts';
import { academicYearOf } from '../kpi/periods.ts';
import { draftAgenda } from '../meetings/agenda.ts';
import { seededRandom } from '../random.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import type { ImportReport } from '../tabular/contract.ts';
import type { Table } from '../tabular/read.ts';
import { publishCohort } from '../value-added/publish.ts';
import { LOW_ATTAINMENT_KEY, STAGE_MODELS_KEY } from '../value-added/settings.ts';
import { demoAccounts, writeDemoAccounts } from './accounts.ts';
import { demoInspections, loadDemoDeployments } from './brokering.ts';
import { loadDemoCategories } from './categories.ts';
import { loadDemoDhis2Mapping } from './dhis2.ts';
import { loadDemoGiving } from './giving.ts';
import { loadDemoGovernance } from './governance.ts';
import { demoTargets, generateDataValues, writeDataValues } from './kpi.ts';
import { loadDemoLeaders } from './leaders.ts';
import { loadDemoMeetings } from './meetings.ts';
import { loadDemoNorming } from './norming.ts';
import { raiseDemoPracticeNeed } from './practice.ts';
import { loadDemoProgrammes } from './programmes.ts';
import {
  demoNationalReference,
  demoStageModels,
  demoStages,
  generatePupilResults,
  lastResultYears,
  writePupilResults,
} from './pupils.ts';
import { loadDemoReform } from './reforms.ts';
import { DEMO_AUTHORITY, generateRegistry, type Row } from './registry.ts';
import { loadDemoSkills } from './skills.ts';
import { loadDemoSpecialists } from './specialists.ts';
import { loadDemoStages } from './stages.ts';
import { loadDemoStrategies, removeDemoStrategies } from './strategies.ts';
import { maldistributeTeachers } from './teachers.ts';
import { loadDemoVacancies } from './vacancies.ts';
import { loadDemoVisits } from './visits.ts';

export interface DemoOptions {
  seed: number;
  primarySchools: number;
  referenceDate: string;
  onStep?: (step: string) => void;
}

/** The demo's "now": 1 September of the academic year containing the date, so the demo changes once a year. */
export function demoReferenceDate(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '09-01' ? `${year}-09-01` : `${year - 1}-09-01`;
}

export function rowsToTable(rows: Row[]): Table {
  const header = Object.keys(rows[0] ?? {});
  return { header, rows: rows.map((row, i) => ({ row: i + 2, cells: header.map((h) => row[h] ?? '') })) };
}

/** Kept while a load runs and marked finished at its end, so that a load cut short is noticed. */
const DEMO_LOAD_KEY = 'demo_load';

interface DemoLoadState {
  seed: number;
  primarySchools: number;
  referenceDate: string;
  finished: boolean;
}

/**
 * The options of a demo load that began and never finished (the process was killed part-way), if any:
 * loading again with them completes it, since every step is all or nothing and a step done is not redone.
 */
export async function unfinishedDemoLoad(db: Db): Promise<DemoOptions | undefined> {
  const state = await readSetting<DemoLoadState>(db, DEMO_LOAD_KEY);
  if (!state || state.finished) return undefined;
  return { seed: state.seed, primarySchools: state.primarySchools, referenceDate: state.referenceDate };
}

export async function loadDemo(db: Db, actor: Actor, options: DemoOptions): Promise<ImportReport[]> {
  const state = {
    seed: options.seed,
    primarySchools: options.primarySchools,
    referenceDate: options.referenceDate,
  };
  const resuming = (await unfinishedDemoLoad(db)) !== undefined;
  await writeSetting(db, DEMO_LOAD_KEY, { ...state, finished: false } satisfies DemoLoadState);
  const reports = await loadDemoSteps(db, actor, options, resuming);
  await writeSetting(db, DEMO_LOAD_KEY, { ...state, finished: true } satisfies DemoLoadState);
  return reports;
}

async function loadDemoSteps(
  db: Db,
  actor: Actor,
  options: DemoOptions,
  resuming: boolean,
): Promise<ImportReport[]> {
  // The demo's imports are made on its reference date by the operator loading it.
  const context = contextFor(db, actor, { today: options.referenceDate });
  const registry = generateRegistry(seededRandom(options.seed), options);
  const steps: [string, Row[]][] = [
    ['org-units', registry.orgUnits],
    ['schools', registry.schools],
    ['people', registry.people],
    ['posts', registry.posts],
    ['designations', registry.designations],
  ];
  const reports: ImportReport[] = [];
  for (const [kind, rows] of steps) {
    options.onStep?.(kind);
    reports.push(
      await importTable(context, kind, rowsToTable(rows), {
        fileName: `demo seed ${options.seed}`,
      }),
    );
  }
  // Data values and pupil results do not depend on each other: both load at once, each in one transaction.
  options.onStep?.('data-values and pupil-results');
  const [valuesReport, pupilsReport] = await Promise.all([
    loadDemoValues(db, actor, registry.schools, options),
    loadDemoPupils(db, actor, registry.schools, options),
  ]);
  reports.push(valuesReport);
  options.onStep?.('values by sex');
  await loadDemoCategories(db, actor, seededRandom(options.seed + 2_500_025), options.referenceDate);
  const targets = demoTargets(DEMO_AUTHORITY, academicYearOf(options.referenceDate.slice(0, 7)));
  reports.push(
    await importTable(context, 'targets', rowsToTable(targets), {
      fileName: `demo seed ${options.seed}`,
    }),
  );
  reports.push(pupilsReport);
  options.onStep?.('accounts');
  await writeDemoAccounts(db, actor, await demoAccounts(db, options.referenceDate));
  options.onStep?.('meetings');
  // The demo's own "now": what it writes does not depend on the day it is loaded.
  const meetingsContext = contextFor(db, actor, { today: options.referenceDate });
  // Meetings are generated once: a second load of the same seed leaves them (and their edits) alone.
  if (!(await db.selectFrom('meeting').select('id').limit(1).executeTakeFirst())) {
    const nextMeeting = await loadDemoMeetings(
      db,
      actor,
      seededRandom(options.seed + 3_000_003),
      options.referenceDate,
    );
    // The meeting ahead gets the agenda Headway drafts from the data, as its chair would see it.
    await draftAgenda(meetingsContext, nextMeeting);
  } else if (resuming) {
    // Cut short between the meetings and their agenda: the last meeting the demo made still needs one.
    const last = await db
      .selectFrom('meeting')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const drafted = await db
      .selectFrom('agenda_item')
      .select('id')
      .where('meeting_id', '=', last.id)
      .limit(1)
      .executeTakeFirst();
    if (!drafted) await draftAgenda(meetingsContext, last.id);
  }
  options.onStep?.('inspections');
  const inspections = demoInspections(
    seededRandom(options.seed + 4_000_003),
    seededRandom(options.seed + 4_000_007),
    registry.schools,
    options.referenceDate,
  );
  reports.push(
    await importTable(context, 'inspections', rowsToTable(inspections), {
      fileName: `demo seed ${options.seed}`,
    }),
  );
  options.onStep?.('deployments');
  if (!(await db.selectFrom('deployment').select('id').limit(1).executeTakeFirst()))
    await loadDemoDeployments(db, actor, seededRandom(options.seed + 5_000_003), options.referenceDate);
  options.onStep?.('strategies');
  // Like the meetings, generated once: a second load leaves the strategies (and their edits) alone. The
  // step is many small audited changes, so a load cut short within it starts the step again.
  if (resuming) await removeDemoStrategies(db);
  if (!(await db.selectFrom('strategy').select('id').limit(1).executeTakeFirst()))
    await loadDemoStrategies(db, actor, seededRandom(options.seed + 6_000_003), options.referenceDate);
  options.onStep?.('norming');
  await loadDemoNorming(db, actor, seededRandom(options.seed + 7_100_003), options.referenceDate);
  options.onStep?.('programmes');
  await loadDemoProgrammes(db, actor, seededRandom(options.seed + 7_000_033), options.referenceDate);
  // After the strategies and the accounts, which name the first NLE: the roles' new holders change neither.
  options.onStep?.('system leaders');
  await loadDemoLeaders(db, actor, seededRandom(options.seed + 8_000_003), options.referenceDate);
  await loadDemoSpecialists(db, actor, seededRandom(options.seed + 8_400_003), options.referenceDate);
  options.onStep?.('visits');
  // Like the meetings, generated once: a second load leaves the visits (and those recorded since) alone.
  if (!(await db.selectFrom('visit').select('id').limit(1).executeTakeFirst()))
    await loadDemoVisits(db, actor, seededRandom(options.seed + 8_000_009), options.referenceDate);
  options.onStep?.('vacancies');
  await loadDemoVacancies(db, actor, seededRandom(options.seed + 8_200_003), options.referenceDate);
  options.onStep?.('reform');
  await loadDemoReform(db, actor, seededRandom(options.seed + 8_100_003), options.referenceDate);
  options.onStep?.('skills audits');
  await loadDemoSkills(db, actor, seededRandom(options.seed + 8_200_003), options.referenceDate);
  options.onStep?.('governing boards');
  await loadDemoGovernance(db, actor, seededRandom(options.seed + 8_200_003), options.referenceDate);
  options.onStep?.('stages');
  await loadDemoStages(db, actor, options.referenceDate);
  options.onStep?.('give and receive');
  await loadDemoGiving(
    db,
    actor,
    seededRandom(options.seed + 8_300_003),
    DEMO_AUTHORITY,
    options.referenceDate,
  );
  options.onStep?.('DHIS2 mapping');
  await loadDemoDhis2Mapping(db, actor, seededRandom(options.seed + 8_300_003));
  options.onStep?.('needs');
  // The needs board opens with what the rules find on the day.
  // Loaded into a database whose needs were refreshed later (by `headway needs`, say), the demo's own
  // refresh reads that day's data rather than going back.
  const lastRefresh = await lastNeedsRefresh(db);
  const refreshOn = lastRefresh && lastRefresh > options.referenceDate ? lastRefresh : options.referenceDate;
  await refreshNeedsNow(contextFor(db, actor, { today: refreshOn }), {});
  // And one practice need the area lead raises, which a school in difficulty is the best match for.
  await raiseDemoPracticeNeed(db, refreshOn);
  return reports;
}

async function loadDemoValues(
  db: Db,
  actor: Actor,
  schools: Row[],
  options: DemoOptions,
): Promise<ImportReport> {
  // A random stream of its own, so the registry stays the same whatever this step draws.
  // Teachers placed as such systems place them (surplus in town, short in remote schools: teachers.ts).
  const values = maldistributeTeachers(
    seededRandom(options.seed + 1_100_003),
    schools,
    generateDataValues(seededRandom(options.seed + 1_000_003), schools, options),
  );
  const written = await db.transaction().execute(async (trx) => {
    // Hundreds of thousands of generated values are audited as this one event, not row by row.
    await withoutRowAudit(trx);
    const counts = await writeDataValues(trx, values);
    await recordAudit(trx, actor, 'import', 'data-values', {
      file: `demo seed ${options.seed}`,
      rows: values.value.length,
      ...counts,
    });
    return counts;
  });
  const rows = values.value.length;
  return {
    kind: 'data-values',
    rows,
    ...written,
    unchanged: rows - written.inserted - written.updated,
    dryRun: false,
  };
}

async function loadDemoPupils(
  db: Db,
  actor: Actor,
  schools: Row[],
  options: DemoOptions,
): Promise<ImportReport> {
  const pupils = generatePupilResults(seededRandom(options.seed + 2_000_003), schools, options.referenceDate);
  const inserted = await db.transaction().execute(async (trx) => {
    await withoutRowAudit(trx);
    const added = await writePupilResults(trx, pupils);
    const thresholds = Object.fromEntries(demoStages.map((s) => [s.stage, s.lowBelow]));
    await writeSetting(trx, LOW_ATTAINMENT_KEY, thresholds);
    await writeSetting(trx, STAGE_MODELS_KEY, demoStageModels());
    const reference = demoNationalReference(lastResultYears(options.referenceDate));
    await trx
      .insertInto('national_expectation')
      .values(reference)
      .onConflict((oc) => oc.doNothing())
      .execute();
    for (const { stage } of demoStages)
      for (const academicYear of lastResultYears(options.referenceDate))
        await publishCohort(trx, { stage, academicYear });
    await recordAudit(trx, actor, 'import', 'pupil-results', {
      file: `demo seed ${options.seed}`,
      rows: pupils.length,
      inserted: added,
      national_reference_bands: reference.length,
    });
    return added;
  });
  const rows = pupils.length;
  return { kind: 'pupil-results', rows, inserted, updated: 0, unchanged: rows - inserted, dryRun: false };
}
