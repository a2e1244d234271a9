// Impact: each finished deployment's change beside similar unsupported schools' change, summarised by
// role and by leader (positive: the school moved more than schools like it).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Impact, ImpactRow, impactRoute } from '../../../src/brokering/deployment-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path } from '../api.ts';
import { signed } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { kindName } from './labels.ts';

/** A level before or after, to one decimal as the change beside it is. */
const rounded = (x: number | null) =>
  x === null ? '–' : x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function Summary({
  rows,
  label,
  nameOf,
}: {
  rows: ImpactRow[];
  label: string;
  nameOf: (r: ImpactRow) => string;
}) {
  return (
    <Scroll label={label}>
      <table className="grid" data-testid={label.toLowerCase().replaceAll(' ', '-')}>
        <thead>
          <tr>
            <th scope="col">{label.replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</th>
            <th scope="col" className="number">
              Finished
            </th>
            <th scope="col" className="number">
              Measured
            </th>
            <th scope="col" className="number">
              Moved more than similar schools
            </th>
            <th scope="col" className="number">
              Mean difference
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{nameOf(r)}</th>
              <td className="number">{r.deployments}</td>
              <td className="number">{r.measured}</td>
              <td className="number">{r.improved}</td>
              <td className="number">{signed(r.mean_relative, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function ImpactPage() {
  const impact = useQuery({
    queryKey: ['impact'],
    queryFn: () => getJson<Answer<typeof impactRoute>>('/api/v1/brokering/impact'),
  });
  if (impact.isError) return <Problem error={impact.error} />;
  if (!impact.data) return <p aria-busy="true">Measuring impact…</p>;
  const { deployments, by_role, by_leader } = impact.data;
  return (
    <>
      <p className="crumbs">
        <Link to="/brokering">Support needs</Link> ›
      </p>
      <h1>Impact of support</h1>
      <p>
        For each finished deployment: the change in the school's indicators from the term before it began to
        the term after it ended (value added: the year before to the year after), less the mean change of the
        five most similar schools not supported then (same phase and size, nearest starting level). Positive
        is better.
      </p>
      {deployments.length === 0 ? (
        <p data-testid="no-impact">No finished deployments to measure yet.</p>
      ) : (
        <ImpactTables deployments={deployments} by_role={by_role} by_leader={by_leader} />
      )}
    </>
  );
}

function ImpactTables({ deployments, by_role, by_leader }: Impact) {
  return (
    <>
      <h2>By role</h2>
      <Summary rows={by_role} label="By role" nameOf={(r) => kindName(r.key)} />
      <h2>By leader</h2>
      <Summary rows={by_leader} label="By leader" nameOf={(r) => r.name} />
      <h2>Deployments ({deployments.length})</h2>
      <Scroll label="Finished deployments">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">Leader</th>
              <th scope="col">Indicator</th>
              <th scope="col">Before → after</th>
              <th scope="col" className="number">
                Change
              </th>
              <th scope="col" className="number">
                Similar schools
              </th>
              <th scope="col" className="number">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {deployments.flatMap((d) =>
              d.indicators.map((i, n) => (
                <tr key={`${d.deployment}-${i.indicator}`}>
                  <th scope="row">
                    {n === 0 && (
                      <Link to={`/schools/${path(d.school)}`}>
                        {d.school_name} ({kindName(d.role)}, {d.starts_on} to {d.ends_on})
                      </Link>
                    )}
                  </th>
                  <td>{n === 0 && d.leader_name}</td>
                  <td>{i.name}</td>
                  <td>
                    {i.before_period} {rounded(i.before)} → {i.after_period} {rounded(i.after)}
                  </td>
                  <td className="number">{signed(i.change)}</td>
                  <td className="number">{signed(i.comparison_change)}</td>
                  <td className="number">{signed(i.difference)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </Scroll>
    </>
  );
}
