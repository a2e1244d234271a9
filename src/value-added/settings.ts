// What an authority sets per stage: the threshold below which an outcome counts as "achieving very
// little" (low attainment), and the stage's value-added model (outcome, covariates, random slope, bands,
// national reference).
import type { Db } from '../db/types.ts';
import { readSetting } from '../settings/store.ts';
import { defaultBands } from './catalogue.ts';
import type { StageModel } from './model-contract.ts';

export const LOW_ATTAINMENT_KEY = 'low_attainment_below';
export const STAGE_MODELS_KEY = 'value_added_models';

export async function lowAttainmentThresholds(db: Db): Promise<Record<string, number>> {
  return (await readSetting<Record<string, number>>(db, LOW_ATTAINMENT_KEY)) ?? {};
}

export async function lowAttainmentThreshold(db: Db, stage: string): Promise<number | null> {
  return (await lowAttainmentThresholds(db))[stage] ?? null;
}

/** A stage with nothing set: the default covariates, a random intercept, the default bands. */
function defaultStageModel(): StageModel {
  return {
    outcome: 'outcome',
    outcome_label: null,
    covariates: null,
    random_slope: null,
    red: defaultBands.red,
    amber: defaultBands.amber,
    national_reference: null,
    changed_by: null,
    changed_at: null,
  };
}

export async function stageModels(db: Db): Promise<Record<string, StageModel>> {
  return (await readSetting<Record<string, StageModel>>(db, STAGE_MODELS_KEY)) ?? {};
}

export async function stageModel(db: Db, stage: string): Promise<StageModel> {
  return { ...defaultStageModel(), ...(await stageModels(db))[stage] };
}
