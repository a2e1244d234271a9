// The data elements and indicators value added publishes for every school, one set per stage, so value
// added, progress, NEET and low attainment appear in dashboards, packs and concerns like any other KPI
// and roll up only within their stage: a KS2 scaled-score effect and a KS4 Attainment 8 effect are on
// different scales and are never averaged together. Each indicator is a summed numerator over a summed
// denominator, so areas roll up pupil-weighted within the stage.
import type { Db } from '../db/types.ts';
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

/** What a stage's indicators are banded by and named with: from the stage's specification (settings.ts). */
export interface StageBands {
  red: number;
  amber: number;
  /** What the outcome is ("Attainment 8"), named beside the stage. */
  outcome_label?: string | null;
}

export const defaultBands: StageBands = { red: -1, amber: -0.25 };

/** "KS4", or "KS4, Attainment 8" when the outcome is named. */
function stageWords(stage: string, bands: StageBands): string {
  return bands.outcome_label ? `${stage}, ${bands.outcome_label}` : stage;
}

const elementFamilies = [
  ['va_pupils', 'Pupils in the value-added model'],
  ['va_effect_total', 'Value added x pupils'],
  ['progress_pupils', 'Pupils with a progress score'],
  ['progress_total', 'Sum of pupils\u2019 progress scores'],
  ['results_pupils', 'Pupils with results'],
  ['low_attainers', 'Pupils achieving very little'],
  ['leavers_known', 'Leavers with a known destination'],
  ['leavers_neet', 'Leavers not in education, employment or training'],
  ['national_pupils', 'Pupils compared with the national reference'],
  ['national_total', 'Sum of pupils\u2019 outcome minus the national expectation'],
] as const;
export type ElementFamily = (typeof elementFamilies)[number][0];

const indicatorFamilies = [
  'value_added',
  'national_value_added',
  'progress_score',
  'low_attainment_rate',
  'neet_rate',
] as const;
export type IndicatorFamily = (typeof indicatorFamilies)[number];

/** A stage as it appears in codes: KS4 is ks4, "Y6-SATs" y6_sats. */
function stageSlug(stage: string): string {
  return stage.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

export function stageElement(family: ElementFamily, stage: string): string {
  return `${family}_${stageSlug(stage)}`;
}

export function stageIndicator(family: IndicatorFamily, stage: string): string {
  return `${family}_${stageSlug(stage)}`;
}

/** Every element a stage publishes. */
export function stageElementCodes(stage: string): string[] {
  return elementFamilies.map(([family]) => stageElement(family, stage));
}

/** Families that count pupils: never below 0 (element ranges, migration 0015). */
const pupilCounts = new Set<ElementFamily>([
  'va_pupils',
  'progress_pupils',
  'results_pupils',
  'low_attainers',
  'leavers_known',
  'leavers_neet',
  'national_pupils',
]);

function elementsOf(
  stage: string,
): { code: string; name: string; aggregation: Aggregation; min_value: number | null }[] {
  return elementFamilies.map(([family, name]) => ({
    code: stageElement(family, stage),
    name: `${name}, ${stage}`,
    aggregation: 'last',
    min_value: pupilCounts.has(family) ? 0 : null,
  }));
}

const common = { factor: 1, unit: 'points', stable_slope: 0.1 } as const;

function indicatorsOf(stage: string, bands: StageBands): IndicatorDefinition[] {
  const named = stageWords(stage, bands);
  const ratio = (numerator: ElementFamily, denominator: ElementFamily) => ({
    numerator: `#{${stageElement(numerator, stage)}}`,
    denominator: `#{${stageElement(denominator, stage)}}`,
  });
  return [
    {
      ...common,
      code: stageIndicator('value_added', stage),
      name: `Contextual value added, ${named}`,
      ...ratio('va_effect_total', 'va_pupils'),
      decimals: 2,
      direction: 'higher',
      red: bands.red,
      amber: bands.amber,
      concern_drop: Math.abs(bands.red),
    },
    {
      ...common,
      code: stageIndicator('national_value_added', stage),
      name: `Value added against the national reference, ${named}`,
      ...ratio('national_total', 'national_pupils'),
      decimals: 2,
      direction: 'higher',
      red: bands.red,
      amber: bands.amber,
      concern_drop: Math.abs(bands.red),
    },
    {
      ...common,
      code: stageIndicator('progress_score', stage),
      name: `Progress score, ${named}`,
      ...ratio('progress_total', 'progress_pupils'),
      decimals: 2,
      direction: 'higher',
      red: bands.red,
      amber: bands.amber,
      concern_drop: Math.abs(bands.red),
    },
    {
      code: stageIndicator('low_attainment_rate', stage),
      name: `Pupils achieving very little, ${named}`,
      ...ratio('low_attainers', 'results_pupils'),
      factor: 100,
      decimals: 1,
      direction: 'lower',
      red: 15,
      amber: 10,
      unit: '%',
      stable_slope: 0.5,
      concern_drop: 5,
    },
    {
      code: stageIndicator('neet_rate', stage),
      name: `Leavers not in education, employment or training, ${stage}`,
      ...ratio('leavers_neet', 'leavers_known'),
      factor: 100,
      decimals: 1,
      direction: 'lower',
      red: 8,
      amber: 5,
      unit: '%',
      stable_slope: 0.5,
      concern_drop: 3,
    },
  ];
}

/**
 * Makes sure the stage's elements exist, and its indicators of the families it publishes figures for
 * (a stage without leavers' destinations gets no NEET indicator, one without a national reference no
 * national one, until it has them), with the value-added bands and the names its specification sets:
 * a stage published again under new bands or a new outcome label is re-banded and renamed; other
 * edits to the indicators are kept.
 */
export async function ensureStageCatalogue(
  db: Db,
  stage: string,
  bands: StageBands,
  families: Set<IndicatorFamily>,
): Promise<void> {
  await db
    .insertInto('data_element')
    .values(elementsOf(stage))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const indicators = indicatorsOf(stage, bands);
  const published = indicators.filter((i) =>
    [...families].some((family) => i.code === stageIndicator(family, stage)),
  );
  if (published.length > 0)
    await db
      .insertInto('indicator')
      .values(published)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  for (const { code, name } of indicators)
    await db
      .updateTable('indicator')
      .set({ name })
      .where('code', '=', code)
      .where('name', '!=', name)
      .execute();
  const banded = indicators.filter((i) => i.unit === 'points').map((i) => i.code);
  await db
    .updateTable('indicator')
    .set({ red: bands.red, amber: bands.amber, concern_drop: Math.abs(bands.red) })
    .where('code', 'in', banded)
    .where((eb) =>
      eb.or([eb('red', 'is distinct from', bands.red), eb('amber', 'is distinct from', bands.amber)]),
    )
    .execute();
}

const elementPattern = new RegExp(`^(${elementFamilies.map(([f]) => f).join('|')})_[a-z0-9_]+$`);

/** Whether an element is one value added publishes (for any stage). */
export function isValueAddedElement(code: string): boolean {
  return elementPattern.test(code);
}

const indicatorPattern = new RegExp(`^(${indicatorFamilies.join('|')})_[a-z0-9_]+$`);

/** Whether an indicator is one value added publishes for a stage (published once a year, in July). */
export function isStageIndicator(code: string): boolean {
  return indicatorPattern.test(code);
}

/**
 * Whether an indicator is a stage's contextual value added. It is judged by its significance (the
 * model's interval), not by its KPI band, where schools needing attention or support are found.
 */
export function isContextualValueAdded(code: string): boolean {
  return /^value_added_[a-z0-9_]+$/.test(code);
}
