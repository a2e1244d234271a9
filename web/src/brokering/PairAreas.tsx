// The proposal's pairs counted by area (pairs, weak pairs, mean fit), each area a filter of the list
// below, and "weak pairs only".
import { Scroll } from '../Scroll.tsx';
import { useAreaNames } from '../useAreas.ts';

export interface AreaCount {
  area: string;
  pairs: number;
  weak: number;
  /** Total fit, for the mean. */
  fit: number;
}

/** Area codes to names. */
export function PairAreas({
  areas,
  show,
  weak,
  onShow,
  onWeak,
}: {
  areas: AreaCount[];
  show: string;
  weak: boolean;
  onShow: (area: string) => void;
  onWeak: (weak: boolean) => void;
}) {
  const names = useAreaNames();
  return (
    <section aria-labelledby="pairs-heading">
      <h2 id="pairs-heading">Pairs by area</h2>
      <Scroll label="Pairs by area">
        <table className="grid" data-testid="pair-areas">
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col" className="number">
                Pairs
              </th>
              <th scope="col" className="number">
                Weak
              </th>
              <th scope="col" className="number">
                Mean fit
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.area} aria-current={show === a.area ? 'true' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="sort"
                    aria-pressed={show === a.area}
                    onClick={() => onShow(show === a.area ? '' : a.area)}
                  >
                    {names.get(a.area) ?? a.area}
                  </button>
                </th>
                <td className="number">{a.pairs}</td>
                <td className="number">{a.weak}</td>
                <td className="number">{(a.fit / a.pairs).toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <p>
        {show ? (
          <>
            Showing {names.get(show) ?? show}.{' '}
            <button type="button" onClick={() => onShow('')}>
              Show every area
            </button>
          </>
        ) : (
          'Showing every area; choose one above to see only its pairs.'
        )}{' '}
        <label>
          <input type="checkbox" checked={weak} onChange={(e) => onWeak(e.target.checked)} /> Weak pairs only
        </label>
      </p>
    </section>
  );
}
