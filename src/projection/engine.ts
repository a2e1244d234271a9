// The projection's arithmetic, with no database: heads are followed year by year as expected numbers by
// years in the headship. Each year every head leaves at their band's rate; those who stay are a year
// longer in post; each head who leaves is replaced by a new head at 0 years, so the number of headships
// stays what it is. The pipeline gives its size times each group's conversion rate a year, the pipeline
// renewing itself at its present size. The gap is leavers less supply.
import {
  type Pipeline,
  type ProjectionRates,
  type ProjectionYear,
  pipelineKinds,
  type Scenario,
} from './contract.ts';

/** The rate of the band a head `years` into the headship is in. */
function leavingRate(rates: ProjectionRates['leaving'], years: number): number {
  let rate = rates[0]?.rate ?? 0;
  for (const band of rates) if (years >= band.from_years) rate = band.rate;
  return rate;
}

const round = (n: number) => Math.round(n * 10) / 10;

function addYears(iso: string, years: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** The factor a scenario applies: leaving rates times it, conversion rates divided by it. */
function scenarioFactor(rates: ProjectionRates, scenario: Scenario): number {
  return scenario === 'low' ? rates.low : scenario === 'high' ? rates.high : 1;
}

/**
 * Years ahead of `asOf` for heads with these whole years in the headship and this pipeline. Figures are
 * expected numbers, rounded to one decimal only here, at the end.
 */
export function projectYears(
  tenures: readonly number[],
  pipeline: Pipeline,
  rates: ProjectionRates,
  scenario: Scenario,
  years: number,
  asOf: string,
): ProjectionYear[] {
  const factor = scenarioFactor(rates, scenario);
  const leave = (t: number) => Math.min(1, leavingRate(rates.leaving, t) * factor);
  const supply = pipelineKinds.reduce(
    (sum, kind) => sum + pipeline[kind] * Math.min(1, rates.conversion[kind] / factor),
    0,
  );
  let heads = new Map<number, number>();
  for (const t of tenures) heads.set(t, (heads.get(t) ?? 0) + 1);
  const out: ProjectionYear[] = [];
  let cumulative = 0;
  for (let year = 1; year <= years; year++) {
    let leavers = 0;
    const next = new Map<number, number>();
    for (const [t, n] of heads) {
      const gone = n * leave(t);
      leavers += gone;
      next.set(t + 1, (next.get(t + 1) ?? 0) + n - gone);
    }
    if (leavers > 0) next.set(0, (next.get(0) ?? 0) + leavers);
    heads = next;
    const gap = leavers - supply;
    cumulative += gap;
    out.push({
      year,
      ends_on: addYears(asOf, year),
      leavers: round(leavers),
      supply: round(supply),
      gap: round(gap),
      cumulative_gap: round(cumulative),
    });
  }
  return out;
}
