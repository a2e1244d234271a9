// The vacancy register: headships and deputy headships in the caller's scope with the figures of the
// whole filter (open, under cover, filled first time, median time to fill, applications per headship),
// filtered, sorted and paged in the address; the director and area leads open a vacancy here.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { listVacanciesRoute, openVacancyRoute } from '../../../src/vacancies/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { useUrlState } from '../useUrlState.ts';
import { ImportRegister } from './ImportRegister.tsx';
import { coverText, options, postNames, reasonNames, statusNames } from './labels.ts';

type Page = Answer<typeof listVacanciesRoute>;
type OpenBody = Body<typeof openVacancyRoute>;

function Figures({ summary }: { summary: Page['summary'] }) {
  const figures: [string, string, string][] = [
    ['open', 'Open', String(summary.open)],
    ['under-cover', 'Open with cover arranged', String(summary.under_cover)],
    ['filled', 'Filled', String(summary.filled)],
    ['first-time', 'Filled first time', `${summary.filled_first_time} of ${summary.filled}`],
    [
      'median',
      'Median days to fill',
      summary.median_days_to_fill === null ? '—' : String(summary.median_days_to_fill),
    ],
    [
      'applications',
      'Applications per headship advert',
      summary.applications_per_headship === null ? '—' : summary.applications_per_headship.toFixed(1),
    ],
  ];
  return (
    <dl className="facts" data-testid="vacancy-figures">
      {figures.map(([id, label, value]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`figure-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function OpenVacancy() {
  const navigate = useNavigate();
  const { error, run } = useAction();
  const [form, setForm] = useState({
    school: '',
    post_role: 'headteacher',
    opened_on: '',
    reason: 'retirement',
  });
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <details>
      <summary>Open a vacancy</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const body = { ...form } as OpenBody;
            const { id } = await send<{ id: number }>('POST', '/api/v1/vacancies', body);
            navigate(`/vacancies/${id}`);
          });
        }}
      >
        <label>
          School code{' '}
          <input required value={form.school} onChange={(e) => set({ school: e.target.value.trim() })} />
        </label>
        <Choice
          label="Post"
          value={form.post_role}
          onChange={(post_role) => set({ post_role })}
          options={options(postNames)}
        />
        <label>
          Opened on{' '}
          <input
            type="date"
            required
            value={form.opened_on}
            onChange={(e) => set({ opened_on: e.target.value })}
          />
        </label>
        <Choice
          label="Reason"
          value={form.reason}
          onChange={(reason) => set({ reason })}
          options={options(reasonNames)}
        />
        {error && <Problem error={error} />}
        <button type="submit">Open the vacancy</button>
      </form>
    </details>
  );
}

export function VacanciesPage() {
  const [filter, setFilter] = useUrlState({
    school: '',
    area: '',
    post_role: '',
    status: '',
    reason: '',
    sort: '-opened_on',
    page: '1',
  });
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const page = useQuery({
    queryKey: ['vacancies', query],
    queryFn: () => getJson<Page>(`/api/v1/vacancies?${query}`),
  });
  const session = useSession();
  const refilter = (change: Partial<typeof filter>) => setFilter({ ...change, page: '1' });
  const sortBy = (key: string, descendingFirst = false) => {
    const ascending = filter.sort === key;
    const descending = filter.sort === `-${key}`;
    refilter({ sort: ascending ? `-${key}` : descending ? key : descendingFirst ? `-${key}` : key });
  };
  const sorted = (key: string) => ({
    active: filter.sort.replace(/^-/, '') === key,
    ascending: filter.sort === key,
  });
  return (
    <>
      <h1>Headship vacancies</h1>
      <p>
        Headships and deputy headships that fell vacant, the cover arranged, each recruitment round and the
        appointment. Time to fill runs from the day the post fell vacant to the day the appointment was made.{' '}
        <Link to="/projection">The headteacher-shortage projection</Link>
      </p>
      {can(session, 'brokering:write') && (
        <>
          <OpenVacancy />
          <ImportRegister />
        </>
      )}
      <div className="filters">
        <label>
          School code{' '}
          <input value={filter.school} onChange={(e) => refilter({ school: e.target.value.trim() })} />
        </label>
        <label>
          Area code <input value={filter.area} onChange={(e) => refilter({ area: e.target.value.trim() })} />
        </label>
        <Choice
          label="Post"
          value={filter.post_role}
          onChange={(post_role) => refilter({ post_role })}
          options={options(postNames)}
          empty="any"
        />
        <Choice
          label="Status"
          value={filter.status}
          onChange={(status) => refilter({ status })}
          options={options(statusNames)}
          empty="any"
        />
        <Choice
          label="Reason"
          value={filter.reason}
          onChange={(reason) => refilter({ reason })}
          options={options(reasonNames)}
          empty="any"
        />
      </div>
      {page.isError ? (
        <Problem error={page.error} />
      ) : !page.data ? (
        <p aria-busy="true">Loading vacancies…</p>
      ) : (
        <>
          <Figures summary={page.data.summary} />
          {page.data.vacancies.length === 0 ? (
            <p>No vacancies match.</p>
          ) : (
            <Scroll label="Vacancies">
              <table data-testid="vacancies">
                <thead>
                  <tr>
                    <SortHeader
                      label="Opened"
                      {...sorted('opened_on')}
                      onSort={() => sortBy('opened_on', true)}
                    />
                    <SortHeader label="School" {...sorted('school')} onSort={() => sortBy('school')} />
                    <th scope="col">Post</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Cover</th>
                    <th scope="col" className="number">
                      Rounds
                    </th>
                    <th scope="col" className="number">
                      Applications
                    </th>
                    <th scope="col">Status</th>
                    <SortHeader
                      label="Days to fill"
                      numeric
                      {...sorted('days_to_fill')}
                      onSort={() => sortBy('days_to_fill', true)}
                    />
                  </tr>
                </thead>
                <tbody>
                  {page.data.vacancies.map((v) => (
                    <tr key={v.id}>
                      <td>
                        <Link to={`/vacancies/${v.id}`}>{v.opened_on}</Link>
                      </td>
                      <td>
                        {v.school.name}
                        {v.area && <small> ({v.area.name})</small>}
                      </td>
                      <td>{postNames[v.post_role]}</td>
                      <td>{reasonNames[v.reason]}</td>
                      <td>{coverText(v.cover, true)}</td>
                      <td className="number">{v.rounds}</td>
                      <td className="number">{v.applications}</td>
                      <td>
                        {statusNames[v.status]}
                        {v.filled_first_time === false && ' after readvertising'}
                      </td>
                      <td className="number">{v.days_to_fill ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
          <Pager
            page={page.data.page}
            pageSize={page.data.page_size}
            total={page.data.total}
            noun={['vacancy', 'vacancies']}
            onPage={(p) => setFilter({ page: String(p) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
