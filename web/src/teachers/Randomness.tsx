// The degree of randomness by month for the authority and each area: a table (the figures) with the
// change over the months shown, so improvement shows. Lower is better: 0 is every school staffed in
// proportion to its pupils.
import type { Answer } from '../../../src/contract.ts';
import type { randomnessRoute } from '../../../src/teachers/contract.ts';
import { Scroll } from '../Scroll.tsx';

type RandomnessAnswer = Answer<typeof randomnessRoute>;

const shown = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

export function RandomnessTable({ data }: { data: RandomnessAnswer }) {
  const months = data.months;
  return (
    <Scroll label="Degree of randomness by month">
      <table data-testid="randomness-by-month">
        <thead>
          <tr>
            <th scope="col">Where</th>
            {months.map((m) => (
              <th key={m} scope="col" className="number">
                {m}
              </th>
            ))}
            <th scope="col" className="number">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {data.series.map((s) => {
            const first = s.points.find((p) => p.randomness !== null)?.randomness;
            const last = s.points.at(-1)?.randomness;
            const change =
              first !== undefined && first !== null && last !== undefined && last !== null
                ? last - first
                : null;
            return (
              <tr key={s.code} data-code={s.code}>
                <th scope="row">{s.name}</th>
                {s.points.map((p) => (
                  <td key={p.month} className="number">
                    {shown(p.randomness)}
                  </td>
                ))}
                <td className="number">
                  {change === null
                    ? '—'
                    : `${change <= 0 ? '' : '+'}${change.toFixed(2)}${change < 0 ? ' (better)' : change > 0 ? ' (worse)' : ''}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}
