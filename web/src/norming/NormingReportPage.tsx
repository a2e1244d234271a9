// A closed session's report: each rater against the master over every criterion (exact, within one
// level, bias, weighted kappa, and why a rater is flagged), then per criterion the raters together
// (ICC(1,1), (2,1), (3,1) with 95% intervals, Fleiss' kappa). A rater sees only their own agreement.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { sessionReportRoute } from '../../../src/norming/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { percent, signedLevels } from './figures.tsx';

type Report = Answer<typeof sessionReportRoute>;
type Interval = { value: number; lower: number; upper: number };

const interval = (i: Interval) => `${i.value.toFixed(2)} (${i.lower.toFixed(2)} to ${i.upper.toFixed(2)})`;

export function NormingReportPage() {
  const { id } = useParams();
  const report = useQuery({
    queryKey: ['norming-report', id],
    queryFn: () => getJson<Report>(`/api/v1/norming/sessions/${id}/report`),
  });
  if (report.isError) return <Problem error={report.error} />;
  if (!report.data) return <p aria-busy="true">Loading the report…</p>;
  const { session, statistics } = report.data;
  const nameOf = new Map(report.data.criteria.map((c) => [c.code, `${c.section}: ${c.name}`]));
  const order = new Map(report.data.criteria.map((c, i) => [c.code, i]));
  const byRubric = [...statistics.criteria].sort(
    (a, b) => (order.get(a.criterion) ?? 0) - (order.get(b.criterion) ?? 0),
  );
  const t = statistics.tolerance;
  return (
    <>
      <p>
        <Link to={`/norming/${session.id}`}>{session.title}</Link>
      </p>
      <h1>Report: {session.title}</h1>
      <p>
        {session.held_on} · {session.rubric.name} v{session.rubric.version} · levels{' '}
        {statistics.levels.join(', ')}. A rater is flagged under {percent(t.within_one)} within one level,
        biased by more than {t.bias} levels, or with a weighted kappa under {t.kappa}.
      </p>
      <section aria-labelledby="raters-heading">
        <h2 id="raters-heading">
          {session.role === 'runs' ? 'Each rater against the master' : 'Your agreement'}
        </h2>
        <Scroll label="Raters against the master">
          <table data-testid="raters">
            <thead>
              <tr>
                <th scope="col">Rater</th>
                <th scope="col" className="number">
                  Levels
                </th>
                <th scope="col" className="number">
                  Exact
                </th>
                <th scope="col" className="number">
                  Within one
                </th>
                <th scope="col" className="number">
                  Bias
                </th>
                <th scope="col" className="number">
                  Weighted kappa
                </th>
                <th scope="col">Outside tolerance</th>
              </tr>
            </thead>
            <tbody>
              {statistics.overall.map((r) => (
                <tr key={r.rater}>
                  <th scope="row">{r.rater}</th>
                  <td className="number">{r.cases}</td>
                  <td className="number">{percent(r.exact)}</td>
                  <td className="number">{percent(r.within_one)}</td>
                  <td className="number">{signedLevels(r.bias)}</td>
                  <td className="number">{r.kappa?.toFixed(2) ?? '—'}</td>
                  <td>{r.flags.length ? <strong>{r.flags.join('; ')}</strong> : 'within'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </section>
      <section aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">Per criterion: the raters together</h2>
        <Scroll label="Agreement per criterion">
          <table data-testid="criteria">
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">ICC(1,1)</th>
                <th scope="col">ICC(2,1)</th>
                <th scope="col">ICC(3,1)</th>
                <th scope="col" className="number">
                  Fleiss' kappa
                </th>
                <th scope="col">{session.role === 'runs' ? 'Raters flagged' : 'You'}</th>
              </tr>
            </thead>
            <tbody>
              {byRubric.map((c) => (
                <tr key={c.criterion}>
                  <th scope="row">{nameOf.get(c.criterion) ?? c.criterion}</th>
                  <td>{c.across ? interval(c.across.icc1) : '—'}</td>
                  <td>{c.across ? interval(c.across.icc2) : '—'}</td>
                  <td>{c.across ? interval(c.across.icc3) : '—'}</td>
                  <td className="number">{c.fleiss_kappa?.toFixed(2) ?? '—'}</td>
                  <td>
                    {session.role === 'runs'
                      ? c.raters.filter((r) => r.flags.length).length || 'none'
                      : c.raters
                          .map((r) => `exact ${percent(r.exact)}, bias ${signedLevels(r.bias)}`)
                          .join('')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
        <p>ICCs in brackets: their 95% confidence intervals, over the cases every rater scored.</p>
      </section>
    </>
  );
}
