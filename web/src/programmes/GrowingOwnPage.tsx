// Growing your own: per school, the staff who moved from teaching there into an assistant, deputy or
// headship post (there or elsewhere) over the last years, read from posts; how schools vary (how many
// grew none, the median, the spread, a histogram, each area) and the schools in the caller's scope,
// filtered, sorted and paged in the address.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { grownRoute } from '../../../src/programmes/grown-contract.ts';
import { getJson, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { useUrlState } from '../useUrlState.ts';
import { ProgrammesNav } from './labels.tsx';

const phases = ['nursery', 'primary', 'secondary', 'all_through', 'special', 'alternative_provision'];
const PAGE = 50;

export function GrowingOwnPage() {
  const [view, setView] = useUrlState({
    years: '3',
    area: '',
    phase: '',
    sort: 'grown',
    order: 'desc',
    page: '1',
  });
  const query = new URLSearchParams(
    Object.entries({ ...view, page_size: String(PAGE) }).filter(([, v]) => v) as [string, string][],
  ).toString();
  const grown = useQuery({
    queryKey: ['growing-own', query],
    queryFn: () => getJson<Answer<typeof grownRoute>>(`/api/v1/programmes/growing-own?${query}`),
  });
  const sortBy = (sort: string, numeric: boolean) => (
    <SortHeader
      label={{ school: 'School', area: 'Area', grown: 'Grown', rate: 'Per 100 teachers' }[sort] as string}
      numeric={numeric}
      active={view.sort === sort}
      ascending={view.order === 'asc'}
      onSort={() =>
        setView({
          sort,
          order: view.sort === sort ? (view.order === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc',
          page: '1',
        })
      }
    />
  );
  const d = grown.data?.distribution;
  const most = d ? Math.max(1, ...d.histogram.map((h) => h.schools)) : 1;
  return (
    <>
      <h1>Growing your own</h1>
      <ProgrammesNav />
      <p>
        Staff who held a teacher post at a school and then took up an assistant head, deputy head or headship
        post (at the same school or another), the new post starting in the window; read from the registry’s
        posts. Also a KPI indicator (“Leaders grown from own staff, per 100 teachers”).
      </p>
      <div className="filters">
        <Choice
          label="Window"
          value={view.years}
          onChange={(years) => setView({ years, page: '1' })}
          options={['1', '2', '3', '5'].map((y) => ({
            value: y,
            label: `last ${y} ${y === '1' ? 'year' : 'years'}`,
          }))}
        />
        <Choice
          label="Area"
          value={view.area}
          onChange={(area) => setView({ area, page: '1' })}
          options={(grown.data?.by_area ?? []).flatMap((a) =>
            a.area ? [{ value: a.area, label: a.area_name ?? a.area }] : [],
          )}
          empty="every area"
        />
        <Choice
          label="Phase"
          value={view.phase}
          onChange={(phase) => setView({ phase, page: '1' })}
          options={phases.map((p) => ({ value: p, label: words(p) }))}
          empty="every phase"
        />
      </div>
      {grown.isError && <Problem error={grown.error} />}
      {grown.data && d && (
        <>
          <section aria-labelledby="variation-heading">
            <h2 id="variation-heading">
              How schools vary, {grown.data.from} to {grown.data.to}
            </h2>
            <dl className="facts" data-testid="distribution">
              <div>
                <dt>Schools</dt>
                <dd>{d.schools}</dd>
              </div>
              <div>
                <dt>Leaders grown</dt>
                <dd data-testid="grown-total">{d.grown}</dd>
              </div>
              <div>
                <dt>Schools that grew none</dt>
                <dd data-testid="grew-none">
                  {d.grew_none} ({d.schools ? Math.round((100 * d.grew_none) / d.schools) : 0}%)
                </dd>
              </div>
              <div>
                <dt>Median a school</dt>
                <dd>{d.median ?? '—'}</dd>
              </div>
              <div>
                <dt>10th to 90th percentile</dt>
                <dd>{d.p10 === null ? '—' : `${d.p10} to ${d.p90}`}</dd>
              </div>
            </dl>
            <ol className="bars" aria-label="Schools by how many leaders they grew">
              {d.histogram.map((h) => (
                <li key={h.grown}>
                  <span className="bar-label">{h.grown === '1' ? '1 leader' : `${h.grown} leaders`}</span>
                  <span className="bar-track">
                    <span
                      className="bar"
                      style={{ width: `${(100 * h.schools) / most}%`, background: '#1a4f8b' }}
                    />
                  </span>
                  <span className="number">{h.schools} schools</span>
                </li>
              ))}
            </ol>
            <Scroll label="By area">
              <table className="grid" data-testid="by-area">
                <thead>
                  <tr>
                    <th scope="col">Area</th>
                    <th scope="col" className="number">
                      Schools
                    </th>
                    <th scope="col" className="number">
                      Grown
                    </th>
                    <th scope="col" className="number">
                      Grew none
                    </th>
                    <th scope="col" className="number">
                      Teachers
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {grown.data.by_area.map((a) => (
                    <tr key={a.area ?? 'none'}>
                      <th scope="row">{a.area_name ?? a.area ?? 'No area'}</th>
                      <td className="number">{a.schools}</td>
                      <td className="number">{a.grown}</td>
                      <td className="number">{a.grew_none}</td>
                      <td className="number">{a.teachers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </section>
          <section aria-labelledby="schools-heading">
            <h2 id="schools-heading">Schools</h2>
            <Scroll label="Schools">
              <table className="grid" data-testid="grown-schools">
                <thead>
                  <tr>
                    {sortBy('school', false)}
                    {sortBy('area', false)}
                    <th scope="col" className="number">
                      Teachers
                    </th>
                    {sortBy('grown', true)}
                    <th scope="col" className="number">
                      Of them, there
                    </th>
                    {sortBy('rate', true)}
                  </tr>
                </thead>
                <tbody>
                  {grown.data.schools.map((s) => (
                    <tr key={s.school}>
                      <th scope="row">
                        <Link to={`/schools/${encodeURIComponent(s.school)}`}>{s.school_name}</Link>
                      </th>
                      <td>{s.area_name ?? s.area ?? '—'}</td>
                      <td className="number">{s.teachers}</td>
                      <td className="number">{s.grown}</td>
                      <td className="number">{s.grown_here}</td>
                      <td className="number">{s.rate === null ? '—' : s.rate.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
            <Pager
              page={Number(view.page)}
              pageSize={PAGE}
              total={grown.data.total}
              noun={['school', 'schools']}
              onPage={(page) => setView({ page: String(page) }, { push: true })}
            />
          </section>
        </>
      )}
    </>
  );
}
