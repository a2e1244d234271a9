// Each stage's value-added model as the authority owns it: listed, previewed against the published
// specification on the stage's latest cohort, and published (every cohort of the stage republished,
// and who changed what recorded).
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { writeSetting } from '../settings/store.ts';
import type { FitSummary, StageModel, StageModelInput, StageModelPreview } from './model-contract.ts';
import { republishStage, stageYears } from './publish.ts';
import { STAGE_MODELS_KEY, stageModel, stageModels } from './settings.ts';
import { type CohortFit, fitCohort, type ModelRequest } from './value-added.ts';

export async function listStageModels({ db, actor }: Context) {
  requirePermission(actor, 'kpi:read');
  const [stages, references] = await Promise.all([
    db.selectFrom('pupil_result').select('stage').distinct().orderBy('stage').execute(),
    db
      .selectFrom('national_expectation')
      .select(['stage', 'reference'])
      .distinct()
      .orderBy('reference')
      .execute(),
  ]);
  return Promise.all(
    stages.map(async ({ stage }) => ({
      stage,
      model: await stageModel(db, stage),
      years: await stageYears(db, stage),
      references: references.filter((r) => r.stage === stage).map((r) => r.reference),
    })),
  );
}

function summaryOf(fit: CohortFit, randomSlope: string | null): FitSummary {
  const bands = { above: 0, in_line: 0, below: 0 };
  for (const s of fit.model.schools) bands[s.band]++;
  return {
    outcome: fit.outcome,
    covariates: fit.covariates,
    random_slope: randomSlope,
    fixed: fit.model.fixed,
    variance: Object.fromEntries(
      Object.entries(fit.model.variance).filter((entry): entry is [string, number] => entry[1] !== undefined),
    ),
    icc: fit.model.icc,
    logLik: fit.model.logLik,
    pupils: fit.model.pupils,
    schools: fit.model.schools.length,
    bands,
  };
}

function requestOf(stage: string, academicYear: string, model: StageModelInput | StageModel): ModelRequest {
  return {
    stage,
    academicYear,
    outcome: model.outcome,
    covariates: model.covariates ?? undefined,
    randomSlope: model.random_slope,
    reml: true,
  };
}

async function latestYear(db: Db, stage: string): Promise<string> {
  const years = await stageYears(db, stage);
  const latest = years[years.length - 1];
  if (!latest) throw notFound(`Results for ${stage}`);
  return latest;
}

export async function previewStageModel(
  { db, actor }: Context,
  stage: string,
  proposed: StageModelInput,
): Promise<StageModelPreview> {
  requireWholeSystem(actor, 'kpi:write');
  const academicYear = await latestYear(db, stage);
  const published = await stageModel(db, stage);
  const [before, after] = await Promise.all([
    // Under the published specification: the kept fit, not a second one.
    fitCohort(db, { stage, academicYear }).catch(() => null),
    fitCohort(db, requestOf(stage, academicYear, proposed)),
  ]);
  const bandBefore = new Map(before?.model.schools.map((s) => [s.school, s.band]) ?? []);
  const changed = after.model.schools.filter(
    (s) => bandBefore.has(s.school) && bandBefore.get(s.school) !== s.band,
  );
  return {
    stage,
    academicYear,
    published: before && summaryOf(before, published.random_slope),
    proposed: summaryOf(after, proposed.random_slope),
    changes: {
      schools: changed.length,
      examples: changed.slice(0, 20).map((s) => ({
        school: s.school,
        from: bandBefore.get(s.school) as string,
        to: s.band,
        effect: s.effect,
      })),
    },
  };
}

export async function publishStageModel(
  { db, actor }: Context,
  stage: string,
  proposed: StageModelInput,
): Promise<{ stage: string; model: StageModel; republished: string[] }> {
  requireWholeSystem(actor, 'kpi:write');
  const academicYear = await latestYear(db, stage);
  // Refuse a specification the latest cohort cannot be fitted under before anything is written.
  await fitCohort(db, requestOf(stage, academicYear, proposed));
  const before = await stageModel(db, stage);
  const model: StageModel = { ...proposed, changed_by: actor.name, changed_at: new Date().toISOString() };
  return db.transaction().execute(async (trx) => {
    await writeSetting(trx, STAGE_MODELS_KEY, { ...(await stageModels(trx)), [stage]: model });
    const republished = await republishStage(trx, stage);
    await recordAudit(trx, actor, 'publish_value_added_model', 'setting', { stage, before, after: model });
    return { stage, model, republished };
  });
}
