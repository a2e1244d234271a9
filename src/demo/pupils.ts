// The demo's pupil results, drawn from known multilevel models: a KS2-like stage for primaries (scaled
// scores, prior from a baseline) and a KS4-like stage for secondaries (an Attainment-8-like outcome,
// prior a KS2 score, leavers' destinations), for the last two academic years. Schools keep their
// effect from one year to the next, so value added has a believable trend.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import type { StageModel } from '../value-added/model-contract.ts';
import { type CohortModel, simulateCohort } from '../value-added/simulate.ts';
import type { Row } from './registry.ts';

interface Stage {
  stage: string;
  phase: string;
  model: CohortModel;
  /** Prior attainment as reported: mean + sd x the model's standard-normal prior. */
  prior: [number, number];
  /** Share of leavers whose destination is NEET, by school around this; null: not tracked. */
  neet: number | null;
  lowBelow: number;
  /** How much better pupils nationally do than the authority's at the same prior attainment. */
  nationalLead: number;
  outcomeLabel: string;
}

const context = [
  { name: 'disadvantaged', effect: -3, prevalence: 0.28 },
  { name: 'sen', effect: -6, prevalence: 0.13 },
  { name: 'eal', effect: 1.5, prevalence: 0.18 },
  { name: 'female', effect: 1, prevalence: 0.5 },
];

export const demoStages: Stage[] = [
  {
    stage: 'KS2',
    phase: 'primary',
    model: {
      schools: 0,
      pupils: [12, 45],
      flags: context.map((c) => ({ ...c, effect: c.effect / 2 })),
      continuous: [],
      intercept: 104,
      priorEffect: 4.5,
      schoolSd: 1.6,
      slopeSd: 0,
      correlation: 0,
      residualSd: 4.5,
    },
    prior: [15, 4],
    neet: null,
    lowBelow: 94,
    nationalLead: -0.5,
    outcomeLabel: 'scaled score',
  },
  {
    stage: 'KS4',
    phase: 'secondary',
    model: {
      schools: 0,
      pupils: [90, 240],
      flags: context,
      continuous: [],
      intercept: 48,
      priorEffect: 9,
      schoolSd: 3,
      slopeSd: 0.8,
      correlation: 0.3,
      residualSd: 11,
    },
    prior: [105, 6],
    neet: 0.05,
    lowBelow: 20,
    // The seed's "this authority's secondary value added is very low", against the nation.
    nationalLead: 1.5,
    outcomeLabel: 'Attainment 8',
  },
];

export function lastResultYears(referenceDate: string): string[] {
  const year = Number(referenceDate.slice(0, 4));
  const academic = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  return [academic(year - 2), academic(year - 1)];
}

/** Each stage's model as the demo publishes it: the defaults, with the outcome named. */
export function demoStageModels(): Record<string, StageModel> {
  return Object.fromEntries(
    demoStages.map(({ stage, outcomeLabel }) => [
      stage,
      {
        outcome: 'outcome',
        outcome_label: outcomeLabel,
        covariates: null,
        random_slope: null,
        red: -1,
        amber: -0.25,
        national_reference: null,
        changed_by: 'demo',
        changed_at: null,
      },
    ]),
  );
}

export interface DemoExpectation {
  reference: string;
  stage: string;
  academic_year: string;
  prior_from: number;
  prior_to: number | null;
  expected_outcome: number;
}

/**
 * A national reference for each stage and year: the generating model's mean outcome at each point of
 * prior attainment (bands one point wide, open at both ends), raised by the stage's national lead.
 */
export function demoNationalReference(years: string[]): DemoExpectation[] {
  const rows: DemoExpectation[] = [];
  for (const { stage, model, prior, nationalLead } of demoStages) {
    const contextMean = model.flags.reduce((sum, f) => sum + f.effect * f.prevalence, 0);
    const expected = (reported: number) =>
      Math.round(
        (model.intercept +
          contextMean +
          nationalLead +
          (model.priorEffect * (reported - prior[0])) / prior[1]) *
          100,
      ) / 100;
    const low = Math.floor(prior[0] - 3 * prior[1]);
    const high = Math.ceil(prior[0] + 3 * prior[1]);
    for (const year of years) {
      const reference = `Demo national ${stage} ${year}`;
      rows.push({
        reference,
        stage,
        academic_year: year,
        prior_from: -1000,
        prior_to: low,
        expected_outcome: expected(low - 0.5),
      });
      for (let from = low; from < high; from++)
        rows.push({
          reference,
          stage,
          academic_year: year,
          prior_from: from,
          prior_to: from + 1,
          expected_outcome: expected(from + 0.5),
        });
      rows.push({
        reference,
        stage,
        academic_year: year,
        prior_from: high,
        prior_to: null,
        expected_outcome: expected(high + 0.5),
      });
    }
  }
  return rows;
}

export interface DemoPupil {
  school: string;
  pupil_id: string;
  academic_year: string;
  stage: string;
  outcome: number;
  prior_attainment: number;
  neet: number | null;
  context: string;
}

export function generatePupilResults(random: Random, schools: Row[], referenceDate: string): DemoPupil[] {
  const out: DemoPupil[] = [];
  for (const stage of demoStages) {
    const codes = schools.filter((s) => s.phase === stage.phase && !s.closed_on).map((s) => s.code as string);
    const schoolEffects = new Map<string, number>();
    const neetRates = new Map(
      codes.map((c) => [c, stage.neet === null ? 0 : Math.max(0, random.normal(stage.neet, 0.03))]),
    );
    lastResultYears(referenceDate).forEach((year, y) => {
      const model = { ...stage.model, schools: codes.length };
      const drawn = simulateCohort(
        random,
        model,
        (i) => codes[i] as string,
        (p) => {
          out.push({
            school: p.school,
            pupil_id: `${stage.stage}-${year.slice(0, 4)}-${p.pupil.slice(1)}`,
            academic_year: year,
            stage: stage.stage,
            // The school's lasting effect carries over from the first year, plus this year's draw.
            outcome: Math.round((p.outcome + (schoolEffects.get(p.school) ?? 0)) * 10) / 10,
            prior_attainment: Math.round((stage.prior[0] + stage.prior[1] * p.prior) * 10) / 10,
            neet:
              stage.neet === null || random.chance(0.04)
                ? null
                : random.chance(neetRates.get(p.school) ?? 0)
                  ? 1
                  : 0,
            context: JSON.stringify(p.context),
          });
        },
      );
      if (y === 0) for (const s of drawn) schoolEffects.set(s.school, 0.6 * s.effect);
    });
  }
  return out;
}

/** Writes generated pupils in bulk (the caller audits the load as one event); returns how many were new. */
export async function writePupilResults(db: Db, pupils: DemoPupil[]): Promise<number> {
  const ids = new Map(
    (await db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  let inserted = 0;
  for (let start = 0; start < pupils.length; start += 5000) {
    const chunk = pupils.slice(start, start + 5000);
    const { rows } = await sql<{ count: number }>`
      with added as (
        insert into pupil_result (school_id, pupil_id, academic_year, stage, outcome, prior_attainment, neet, context)
        select * from unnest(${chunk.map((p) => ids.get(p.school))}::int[], ${chunk.map((p) => p.pupil_id)}::text[],
          ${chunk.map((p) => p.academic_year)}::text[], ${chunk.map((p) => p.stage)}::text[], ${chunk.map((p) => p.outcome)}::float8[],
          ${chunk.map((p) => p.prior_attainment)}::float8[], ${chunk.map((p) => p.neet)}::smallint[], ${chunk.map((p) => p.context)}::jsonb[])
        on conflict do nothing returning 1
      ) select count(*)::int as count from added`.execute(db);
    inserted += Number(rows[0]?.count ?? 0);
  }
  return inserted;
}
