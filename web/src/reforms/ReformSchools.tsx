// A reform's schools: each one's latest fidelity check (date, practices in place, partly, not yet) and
// how many checks it has had, filtered by area and to those not yet checked; the filters are the page's
// address. A school's name opens its history.
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { reformRoute } from '../../../src/reforms/contract.ts';
import { path } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Scroll } from '../Scroll.tsx';
import { shareText } from './fidelity.ts';

type Filter = { by: string; area: string; show: string };

export function ReformSchools({
  reform,
  filter,
  setFilter,
}: {
  reform: Answer<typeof reformRoute>;
  filter: Filter;
  setFilter: (changes: Partial<Filter>) => void;
}) {
  const areas = new Map(reform.school_fidelity.flatMap((s) => (s.area ? [[s.area.code, s.area.name]] : [])));
  const schools = reform.school_fidelity.filter(
    (s) => (!filter.area || s.area?.code === filter.area) && (filter.show === 'all' || !s.latest),
  );
  return (
    <section aria-labelledby="schools-heading">
      <h2 id="schools-heading">Schools</h2>
      <div className="filters">
        <Choice
          label="Area"
          value={filter.area}
          onChange={(area) => setFilter({ area })}
          options={[...areas].map(([value, label]) => ({ value, label }))}
          empty="all areas"
        />
        <Choice
          label="Show"
          value={filter.show}
          onChange={(show) => setFilter({ show })}
          options={[
            { value: 'all', label: 'every school' },
            { value: 'unchecked', label: 'not yet checked' },
          ]}
        />
      </div>
      {schools.length === 0 ? (
        <p>No schools match.</p>
      ) : (
        <Scroll label="Schools’ fidelity">
          <table data-testid="schools">
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">Area</th>
                <th scope="col">Latest check</th>
                <th scope="col" className="number">
                  In place
                </th>
                <th scope="col" className="number">
                  Partly
                </th>
                <th scope="col" className="number">
                  Not yet
                </th>
                <th scope="col" className="number">
                  Fidelity
                </th>
                <th scope="col" className="number">
                  Checks
                </th>
              </tr>
            </thead>
            <tbody>
              {schools.map((s) => (
                <tr key={s.code} data-school={s.code}>
                  <th scope="row">
                    <Link to={`/reforms/${path(reform.code)}/schools/${path(s.code)}`}>{s.name}</Link>
                  </th>
                  <td>{s.area?.name ?? '—'}</td>
                  <td>{s.latest?.checked_on ?? 'not yet checked'}</td>
                  <td className="number">{s.latest?.in_place ?? '–'}</td>
                  <td className="number">{s.latest?.partly ?? '–'}</td>
                  <td className="number">{s.latest?.not_yet ?? '–'}</td>
                  <td className="number">{shareText(s.latest?.share ?? null)}</td>
                  <td className="number">{s.checks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <p>
        {schools.length} school{schools.length === 1 ? '' : 's'}
      </p>
    </section>
  );
}
