// A strategy's (or an action's) measures: each linked indicator's baseline, target and trajectory, the
// value expected now against the latest, and whether it is on track within its tolerance.
import type { Measure } from '../../../src/strategies/contract.ts';
import { Scroll } from '../Scroll.tsx';
import { JudgementTag, measureValue } from './labels.tsx';
import { RemoveButton } from './PlanEdits.tsx';

export function MeasuresTable({
  measures,
  partOf,
  removable = false,
}: {
  measures: Measure[];
  partOf?: (m: Measure) => string;
  /** The caller may remove measures: each row gets a Remove button. */
  removable?: boolean;
}) {
  if (measures.length === 0) return <p>No measures linked yet.</p>;
  return (
    <Scroll label="Measures">
      <table data-testid="measures">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {partOf && <th scope="col">For</th>}
            <th scope="col">Baseline</th>
            <th scope="col">Target</th>
            <th scope="col" className="number">
              Expected
            </th>
            <th scope="col" className="number">
              Latest
            </th>
            <th scope="col">On track?</th>
            {removable && (
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr key={m.id} data-measure={m.id}>
              <th scope="row">
                {m.indicator.name}, {m.org_unit.name}
                <div className="muted">
                  {m.trajectory === 'straight' ? 'straight line' : 'stepped by term'}, tolerance {m.tolerance}
                </div>
              </th>
              {partOf && <td>{partOf(m)}</td>}
              <td>
                {measureValue(m, m.baseline_value)} in {m.baseline_period}
              </td>
              <td>
                {measureValue(m, m.target_value)} by {m.target_period}
              </td>
              <td className="number" data-cell="expected">
                {measureValue(m, m.expected)}
              </td>
              <td className="number" data-cell="latest">
                {m.latest ? (
                  <>
                    {measureValue(m, m.latest.value)} <span className="muted">({m.latest.period})</span>
                  </>
                ) : (
                  '–'
                )}
              </td>
              <td data-cell="judgement">
                <JudgementTag judgement={m.judgement} />
              </td>
              {removable && (
                <td>
                  <RemoveButton
                    what={`the measure ${m.indicator.name}, ${m.org_unit.name}`}
                    path={`/api/v1/strategies/measures/${m.id}`}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
