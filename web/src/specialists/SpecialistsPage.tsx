// Specialist system leaders: who holds which specialism, where they work, and how many of their days
// are free, filtered (specialism, area, kind, days free, name) and sorted with the view in the address;
// the director and area leads record new ones here.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listSpecialistsRoute } from '../../../src/specialists/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession } from '../session.tsx';
import { useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { specialistKindNames } from './labels.ts';
import { RecordSpecialist } from './RecordSpecialist.tsx';
import { useSpecialisms } from './useSpecialisms.ts';

const PAGE_SIZE = 50;
const defaults = { specialism: '', area: '', kind: '', min_free: '', q: '', sort: 'name', page: '1' };
const days = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export function SpecialistsPage() {
  const [filter, setFilter] = useUrlState(defaults);
  const session = useSession();
  const [recorded, setRecorded] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const specialisms = useSpecialisms().data?.specialisms ?? [];
  const areas = (useAreas().data?.org_units ?? []).filter(
    (a) => session.whole_authority || session.roles.some((r) => !r.group && r.org_unit === a.code),
  );
  const query = new URLSearchParams({
    ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)),
    page_size: String(PAGE_SIZE),
  });
  const list = useQuery({
    queryKey: ['specialists', query.toString()],
    queryFn: () => getJson<Answer<typeof listSpecialistsRoute>>(`/api/v1/specialists?${query}`),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof typeof defaults) => (value: string) => setFilter({ [key]: value, page: '1' });
  return (
    <>
      <h1>Specialists</h1>
      <p>
        <Link to="/brokering">Support needs</Link> · <Link to="/brokering/roles">Roles</Link>
      </p>
      <p className="tag">
        Middle leaders, outstanding teachers and support-staff leaders who support other schools in their
        specialism, and heads whose designation lists one. A need that asks for a specialism is matched only
        to those who hold it. {list.data?.who_may_record}
      </p>
      {list.data?.may_record &&
        (recording ? (
          <RecordSpecialist
            onDone={(name) => {
              setRecorded(name);
              setRecording(false);
            }}
          />
        ) : (
          <p>
            <button type="button" onClick={() => setRecording(true)}>
              Record a specialist
            </button>
          </p>
        ))}
      {recorded && (
        <p role="status" data-testid="recorded">
          {recorded} is recorded.
        </p>
      )}
      <fieldset className="filters">
        <legend className="sr-only">Filter and sort the specialists</legend>
        <Choice
          label="Specialism"
          value={filter.specialism}
          onChange={set('specialism')}
          empty="Any"
          options={codeOptions(specialisms)}
        />
        {areas.length > 0 && (
          <Choice
            label="Area"
            value={filter.area}
            onChange={set('area')}
            empty="All in my scope"
            options={codeOptions(areas)}
          />
        )}
        <Choice
          label="Kind"
          value={filter.kind}
          onChange={set('kind')}
          empty="Any"
          options={Object.entries(specialistKindNames).map(([value, label]) => ({ value, label }))}
        />
        <Choice
          label="Days free"
          value={filter.min_free}
          onChange={set('min_free')}
          empty="Any"
          options={['1', '5', '10', '20'].map((n) => ({ value: n, label: `At least ${n}` }))}
        />
        <label>
          Name <input type="search" value={filter.q} onChange={(e) => set('q')(e.target.value)} />
        </label>
        <Choice
          label="Sort"
          value={filter.sort}
          onChange={set('sort')}
          options={[
            { value: 'name', label: 'Name' },
            { value: 'school', label: 'School' },
            { value: 'free', label: 'Most days free' },
            { value: 'kind', label: 'Kind' },
          ]}
        />
      </fieldset>
      {list.isError && <Problem error={list.error} />}
      {list.isPending && <p aria-busy="true">Loading specialists…</p>}
      {list.data && (
        <>
          <p data-testid="specialists-summary">
            {list.data.total.toLocaleString('en-GB')} {list.data.total === 1 ? 'specialist' : 'specialists'}
          </p>
          <Scroll label="Specialists">
            <table className="grid" data-testid="specialists">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Specialisms</th>
                  <th scope="col">School</th>
                  <th scope="col" className="number">
                    Days a year
                  </th>
                  <th scope="col" className="number">
                    Committed
                  </th>
                  <th scope="col" className="number">
                    Free
                  </th>
                  <th scope="col">Accredited</th>
                </tr>
              </thead>
              <tbody>
                {list.data.specialists.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.person_name}</th>
                    <td>{s.kind_name}</td>
                    <td>{s.specialism_names.join(', ')}</td>
                    <td>
                      {s.school ? <Link to={`/schools/${path(s.school)}`}>{s.school_name}</Link> : '—'}
                      {s.area && <span className="muted"> ({s.area})</span>}
                    </td>
                    <td className="number">{days(s.days_per_year)}</td>
                    <td className="number">{days(s.committed)}</td>
                    <td className="number">
                      {days(s.free)} of {days(s.funded)}
                    </td>
                    <td>{s.accredited_on ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <Pager
            page={list.data.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            noun={['specialist', 'specialists']}
            onPage={(next) => setFilter({ page: String(next) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
