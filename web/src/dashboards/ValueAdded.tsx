// The school profile's value-added section: the school's contextual value added and progress score for
// a cohort, with every school's estimate and interval ranked in a caterpillar plot around it.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type {
  CohortSummary,
  listCohortsRoute,
  ValueAddedBand,
  valueAddedRoute,
} from '../../../src/value-added/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice, plainOptions } from '../Choice.tsx';
import { Caterpillar } from '../charts.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

const bandText: Record<ValueAddedBand, string> = {
  above: 'significantly above',
  in_line: 'in line with',
  below: 'significantly below',
};
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
      <Caterpillar schools={model.schools} highlight={code} label={label} />
      <p className="muted">
        {label} Outcome adjusted for {covariates.join(', ').replaceAll('_', ' ')}; a{' '}
        {model.reml ? 'REML' : 'ML'} mixed model with a random intercept for each school. Estimates are shrunk
        towards zero, the more so for small cohorts. The model compares schools within the authority, so its
        effects average zero across the authority;{' '}
        {national
          ? `against the national reference (${national.reference}) each pupil's outcome is compared with the national average of pupils with the same prior attainment, so the authority's own figure can be above or below zero.`
          : 'no national reference covers this cohort, so how the authority compares with pupils nationally is not shown.'}
      </p>
    </>
  );
}

export function ValueAddedSection({ code }: { code: string }) {
  const cohorts = useQuery({
    queryKey: ['cohorts', code],
    queryFn: () =>
      getJson<Answer<typeof listCohortsRoute>>(`/api/v1/value-added/cohorts?school=${path(code)}`),
  });
  const [chosen, setChosen] = useState<string | null>(null);
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
