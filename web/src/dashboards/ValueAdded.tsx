// The school profile's value-added section: the school's contextual value added and progress score for
// a cohort, with every school's estimate and interval ranked in a caterpillar plot and against its
// pupils in a funnel plot; then the school's estimates and targets (FFT's way) at a chosen percentile.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type {
  CohortSummary,
  listCohortsRoute,
  ValueAddedBand,
  valueAddedRoute,
} from '../../../src/value-added/contract.ts';
import type { estimatesRoute } from '../../../src/value-added/estimates-contract.ts';
import { getJson, path } from '../api.ts';
import { Choice, plainOptions } from '../Choice.tsx';
import { Caterpillar, FUNNEL_Z, Funnel, funnelLimit } from '../charts.tsx';
import { percentOrUnknown } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';

const bandText: Record<ValueAddedBand, string> = {
  above: 'significantly above',
  in_line: 'in line with',
  below: 'significantly below',
};
/** "12.3% of the variance lies between schools (95% interval 10.1% to 14.8%)." */
function iccWords(icc: { estimate: number; lower: number | null; upper: number | null }): string {
  return `${percentOrUnknown(icc.estimate)} of the variance (after adjustment) lies between schools (95% interval ${percentOrUnknown(icc.lower)} to ${percentOrUnknown(icc.upper)}).`;
}
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

function CohortFigures({ code, cohort }: { code: string; cohort: CohortSummary }) {
  const result = useQuery({
    queryKey: ['value-added', cohort.stage, cohort.academicYear],
    queryFn: () =>
      getJson<Answer<typeof valueAddedRoute>>(
        `/api/v1/value-added?stage=${path(cohort.stage)}&year=${path(cohort.academicYear)}`,
      ),
  });
  if (result.isPending) return <p aria-busy="true">Fitting the model…</p>;
  if (result.isError) return <Problem error={result.error} />;
  const { model, progress, covariates, national } = result.data;
  const va = model.schools.find((s) => s.school === code);
  const score = progress.find((s) => s.school === code);
  const nationalScore = national?.schools.find((s) => s.school === code);
  if (!va) return <p>This school has no pupils with every figure the model needs in this cohort.</p>;
  const rank = [...model.schools].sort((a, b) => b.effect - a.effect).findIndex((s) => s.school === code) + 1;
  const label = `Value added of ${model.schools.length} schools, lowest to highest, with 95% intervals. This school: ${signed(va.effect)} (${signed(va.lower)} to ${signed(va.upper)}), ${rank} of ${model.schools.length}.`;
  return (
    <>
      <Scroll label="Value-added table">
        <table className="grid" data-testid="value-added">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="number">
                Score
              </th>
              <th scope="col">95% interval</th>
              <th scope="col">Compared with zero</th>
              <th scope="col" className="number">
                Pupils
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Contextual value added ({cohort.stage})</th>
              <td className="number">{signed(va.effect)}</td>
              <td>
                {signed(va.lower)} to {signed(va.upper)}
              </td>
              <td>{bandText[va.band]}</td>
              <td className="number">{va.n}</td>
            </tr>
            {score && (
              <tr>
                <th scope="row">Progress score</th>
                <td className="number">{signed(score.score)}</td>
                <td>
                  {signed(score.lower)} to {signed(score.upper)}
                </td>
                <td>{bandText[score.band]}</td>
                <td className="number">{score.n}</td>
              </tr>
            )}
            {national && nationalScore && (
              <tr>
                <th scope="row">Against the national reference</th>
                <td className="number">{signed(nationalScore.score)}</td>
                <td>
                  {signed(nationalScore.lower)} to {signed(nationalScore.upper)}
                </td>
                <td>{bandText[nationalScore.band]}</td>
                <td className="number">{nationalScore.n}</td>
              </tr>
            )}
            {national && (
              <tr>
                <th scope="row">The authority against the national reference</th>
                <td className="number">{signed(national.authority.score)}</td>
                <td>
                  {signed(national.authority.lower)} to {signed(national.authority.upper)}
                </td>
                <td>{bandText[national.authority.band]}</td>
                <td className="number">{national.authority.n.toLocaleString('en-GB')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </Scroll>
      <div className="va-charts">
        <div>
          <h3>Ranked</h3>
          <Caterpillar schools={model.schools} highlight={code} label={label} />
        </div>
        <div>
          <h3>Against pupils</h3>
          {/* The limits follow from a random intercept's shrinkage; a random slope's effects vary otherwise. */}
          {model.variance.slope === undefined ? (
            <Funnel
              schools={model.schools}
              variance={model.variance}
              highlight={code}
              label={funnelLabel(model.schools, model.variance, va)}
            />
          ) : (
            <p className="muted">
              The funnel plot is drawn for a model with a random intercept only; this stage’s model has a
              random slope.
            </p>
          )}
        </div>
      </div>
      <p className="muted">
        {label} Outcome adjusted for {covariates.join(', ').replaceAll('_', ' ')}; a{' '}
        {model.reml ? 'REML' : 'ML'} mixed model with a random{' '}
        {model.variance.slope === undefined ? 'intercept' : 'intercept and slope'} for each school. Estimates
        are shrunk towards zero, the more so for small cohorts. {iccWords(model.icc)} The model compares
        schools within the authority, so its effects average zero across the authority;{' '}
        {national
          ? `against the national reference (${national.reference}) each pupil's outcome is compared with the national average of pupils with the same prior attainment, so the authority's own figure can be above or below zero.`
          : 'no national reference covers this cohort, so how the authority compares with pupils nationally is not shown.'}
        {model.variance.slope === undefined &&
          ' In the funnel plot the lines are the limits within which a school whose true value added is zero falls 95% (dashed) and 99.8% of the time: ±z·k(n)·σ/√n for a school of n pupils, where k(n) = nσ_b²/(nσ_b² + σ²) is how much the model shrinks such a school’s estimate (σ² the variance of pupils within schools, σ_b² of schools).'}
      </p>
      <Estimates code={code} cohort={cohort} />
    </>
  );
}

type Variance = { school: number; residual: number };
type Point = { n: number; effect: number };

/** The funnel's text alternative: the school against the limits, and how many schools lie beyond them. */
function funnelLabel(schools: Point[], variance: Variance, mine: Point): string {
  const beyond = (s: Point, z: number) => Math.abs(s.effect) > funnelLimit(variance, s.n, z);
  const where = beyond(mine, FUNNEL_Z.p998)
    ? 'outside the 99.8% limits'
    : beyond(mine, FUNNEL_Z.p95)
      ? 'outside the 95% limits, inside the 99.8% ones'
      : 'inside the 95% limits';
  const count = (z: number) => schools.filter((s) => beyond(s, z)).length;
  return `Funnel plot of ${schools.length} schools' value added against their pupils, with 95% and 99.8% limits for a school whose true value added is zero. This school: ${signed(mine.effect)} with ${mine.n} pupils, ${where}. ${count(FUNNEL_Z.p95)} schools lie outside the 95% limits, ${count(FUNNEL_Z.p998)} outside the 99.8% limits.`;
}

const percentiles = [
  { value: '50', label: '50th: the median school' },
  { value: '20', label: '20th: better than 80% of schools' },
  { value: '5', label: '5th: better than 95% of schools' },
] as const;
type Percentile = (typeof percentiles)[number]['value'];

const figure = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/**
 * The school's actual results beside its estimate (what its pupils reach on average in an average
 * school) and its target (in a school at the chosen percentile of value added): one small request.
 */
function Estimates({ code, cohort }: { code: string; cohort: CohortSummary }) {
  const session = useSession();
  const [view, setView] = useUrlState({ percentile: '20' });
  const percentile = view.percentile as Percentile;
  const setPercentile = (next: Percentile) => setView({ percentile: next });
  const query = `stage=${path(cohort.stage)}&year=${path(cohort.academicYear)}&percentile=${percentile}`;
  const result = useQuery({
    queryKey: ['estimates', code, cohort.stage, cohort.academicYear, percentile],
    queryFn: () =>
      getJson<Answer<typeof estimatesRoute>>(`/api/v1/value-added/estimates?${query}&org_unit=${path(code)}`),
  });
  const mine = result.data?.units.find((u) => u.code === code);
  return (
    <section data-testid="estimates" aria-labelledby={`estimates-${cohort.stage}`}>
      <h3 id={`estimates-${cohort.stage}`}>Estimates and targets</h3>
      <Choice
        label="Target at the percentile"
        value={percentile}
        onChange={setPercentile}
        options={percentiles}
      />
      {result.isPending && <p aria-busy="true">Estimating…</p>}
      {result.isError && <Problem error={result.error} />}
      {result.data && !mine && <p>This school has no pupils in this cohort.</p>}
      {result.data && mine && (
        <>
          <Scroll label="Estimates table">
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col" className="number">
                    Mean {result.data.outcome_label ?? result.data.outcome.replaceAll('_', ' ')}
                  </th>
                  <th scope="col" className="number">
                    Actual minus this
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Actual</th>
                  <td className="number">{figure(mine.actual)}</td>
                  <td />
                </tr>
                <tr>
                  <th scope="row">Estimate (an average school)</th>
                  <td className="number">{figure(mine.estimate)}</td>
                  <td className="number">
                    {mine.actual !== null && mine.estimate !== null
                      ? signed(mine.actual - mine.estimate)
                      : '–'}
                  </td>
                </tr>
                <tr>
                  <th scope="row">Target ({percentile}th percentile)</th>
                  <td className="number">{figure(mine.target)}</td>
                  <td className="number">
                    {mine.actual !== null && mine.target !== null ? signed(mine.actual - mine.target) : '–'}
                  </td>
                </tr>
              </tbody>
            </table>
          </Scroll>
          <p className="muted">
            Of {mine.pupils} pupils with every figure the model uses
            {mine.withoutEstimate > 0
              ? ` (${mine.withoutEstimate} more have one missing and no estimate)`
              : ''}
            . A pupil’s estimate is what pupils with the same prior attainment and context reach on average in
            an average school; the target adds the value added of a school at the {percentile}th percentile (
            {signed(result.data.shift)}, better than {100 - Number(percentile)}% of the {result.data.schools}{' '}
            schools).
          </p>
          {can(session, 'pupils:read') && (
            <p>
              <a href={`/api/v1/schools/${path(code)}/pupil-estimates?${query}&format=xlsx`}>
                Download pupil estimates (xlsx)
              </a>{' '}
              <span className="muted">— each pupil’s estimate and target; the download is recorded.</span>
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function ValueAddedSection({ code }: { code: string }) {
  const cohorts = useQuery({
    queryKey: ['cohorts', code],
    queryFn: () =>
      getJson<Answer<typeof listCohortsRoute>>(`/api/v1/value-added/cohorts?school=${path(code)}`),
  });
  const [view, setView] = useUrlState({ cohort: '' });
  const chosen = view.cohort;
  const setChosen = (cohort: string) => setView({ cohort });
  if (cohorts.isPending) return null;
  if (cohorts.isError) return <Problem error={cohorts.error} />;
  const list = cohorts.data.cohorts;
  if (list.length === 0) return null;
  const key = (c: CohortSummary) => `${c.stage} ${c.academicYear}`;
  const cohort = list.find((c) => key(c) === chosen) ?? (list[0] as CohortSummary);
  return (
    <>
      <h2>Value added</h2>
      <Choice label="Cohort" value={key(cohort)} onChange={setChosen} options={plainOptions(list.map(key))} />
      <CohortFigures code={code} cohort={cohort} />
    </>
  );
}
