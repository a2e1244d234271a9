// Publishing a cohort: its value added, value added against the national reference, progress, low
// attainment and NEET counts written as data values of the stage's own elements for every school, in
// July of the year after the academic year starts, so they roll up within the stage and show as KPIs.

import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { upsertRows } from '../db/upsert.ts';
import { HeadwayError } from '../errors.ts';
import { elementIds } from '../kpi/imports.ts';
import { orgUnitsByCode } from '../registry/lookups.ts';
import { writeSetting } from '../settings/store.ts';
import {
  type ElementFamily,
  ensureStageCatalogue,
  type IndicatorFamily,
  stageElement,
  stageElementCodes,
} from './catalogue.ts';
import { nationalComparison } from './national.ts';
import { type Cohort, outcomeCounts } from './queries.ts';
import {
  LOW_ATTAINMENT_KEY,
  lowAttainmentThreshold,
  lowAttainmentThresholds,
  stageModel,
} from './settings.ts';
import { type CohortFit, fitCohort } from './value-added.ts';

/** The month a cohort's measures are published in: July, when the academic year's results are in. */
function publicationMonth(academicYear: string): string {
  return `${Number(academicYear.slice(0, 4)) + 1}-07-01`;
}

/**
 * Writes the cohort's figures as data values for every school, replacing what the cohort published
 * before (a school whose pupils moved keeps no stale figure). Runs inside the caller's transaction.
 */
export async function publishCohort(db: Db, cohort: Cohort): Promise<void> {
  const model = await stageModel(db, cohort.stage);
  // A cohort that cannot be modelled (too few schools, collinear context) still publishes its counts;
  // `headway va` on it gives the reason.
  let fitted: CohortFit | null = null;
  try {
    fitted = await fitCohort(db, cohort);
  } catch (error) {
    if (!(error instanceof HeadwayError) || !['unprocessable', 'not_found'].includes(error.code)) throw error;
  }
  const [counts, national] = await Promise.all([
    outcomeCounts(db, cohort, await lowAttainmentThreshold(db, cohort.stage)),
    nationalComparison(db, cohort),
  ]);
  const values = new Map<string, Map<ElementFamily, number>>();
  const set = (school: string, family: ElementFamily, value: number) => {
    const row = values.get(school) ?? new Map<ElementFamily, number>();
    row.set(family, value);
    values.set(school, row);
  };
  for (const s of fitted?.model.schools ?? []) {
    set(s.school, 'va_pupils', s.n);
    set(s.school, 'va_effect_total', s.effect * s.n);
  }
  for (const s of fitted?.progress ?? []) {
    set(s.school, 'progress_pupils', s.n);
    set(s.school, 'progress_total', s.score * s.n);
  }
  for (const s of national?.schools ?? []) {
    set(s.school, 'national_pupils', s.n);
    set(s.school, 'national_total', s.score * s.n);
  }
  for (const c of counts) {
    if (c.lowAttainers !== null) {
      set(c.school, 'results_pupils', c.results);
      set(c.school, 'low_attainers', c.lowAttainers);
    }
    if (c.leaversKnown > 0) {
      set(c.school, 'leavers_known', c.leaversKnown);
      set(c.school, 'leavers_neet', c.neet);
    }
  }
  const families = new Set<IndicatorFamily>(['value_added', 'progress_score']);
  if (national) families.add('national_value_added');
  if (counts.some((c) => c.lowAttainers !== null)) families.add('low_attainment_rate');
  if (counts.some((c) => c.leaversKnown > 0)) families.add('neet_rate');
  await ensureStageCatalogue(db, cohort.stage, model, families);
  const units = await orgUnitsByCode(db, values.keys());
  const elements = await elementIds(db);
  const month = publicationMonth(cohort.academicYear);
  const mine = new Set(stageElementCodes(cohort.stage));
  await db
    .deleteFrom('data_value')
    .where('month', '=', month)
    .where(
      'element_id',
      'in',
      [...elements].filter(([code]) => mine.has(code)).map(([, id]) => id),
    )
    .execute();
  const rows = [...values].flatMap(([school, byElement]) =>
    [...byElement].map(([family, value]) => ({
      org_unit_id: units.get(school)?.id as number,
      element_id: elements.get(stageElement(family, cohort.stage)) as number,
      month,
      value,
    })),
  );
  await upsertRows(db, 'data_value', rows, {
    key: ['element_id', 'org_unit_id', 'month'],
    update: ['value'],
  });
}

/** The academic years a stage has results in, oldest first. */
export async function stageYears(db: Db, stage: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pupil_result')
    .select('academic_year')
    .distinct()
    .where('stage', '=', stage)
    .orderBy('academic_year')
    .execute();
  return rows.map((r) => r.academic_year);
}

/** Republishes every cohort of a stage (after its model, bands or threshold change). */
export async function republishStage(db: Db, stage: string): Promise<string[]> {
  const years = await stageYears(db, stage);
  for (const academicYear of years) await publishCohort(db, { stage, academicYear });
  return years;
}

/** Every stage's cohorts, republished: after an upgrade, or to redo the KPIs from the pupils. */
export async function republishAll({ db, actor }: Context): Promise<{ stage: string; years: string[] }[]> {
  requireWholeSystem(actor, 'kpi:write');
  return db.transaction().execute(async (trx) => {
    const stages = await trx.selectFrom('pupil_result').select('stage').distinct().orderBy('stage').execute();
    const done: { stage: string; years: string[] }[] = [];
    for (const { stage } of stages) done.push({ stage, years: await republishStage(trx, stage) });
    await recordAudit(trx, actor, 'republish', 'value-added', { cohorts: done });
    return done;
  });
}

/** Sets a stage's low-attainment threshold and republishes the stage's cohorts with it. */
export async function setLowAttainment({ db, actor }: Context, stage: string, below: number): Promise<void> {
  requireWholeSystem(actor, 'kpi:write');
  const next = { ...(await lowAttainmentThresholds(db)), [stage]: below };
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, LOW_ATTAINMENT_KEY, next);
    await republishStage(trx, stage);
    await recordAudit(trx, actor, 'set_low_attainment_threshold', 'setting', { stage, below });
  });
}
