// Governing boards in the caller's scope: the figures of the whole filter (boards not ready, places
// vacant, plans, training compliance) and each board with its vacancies, chair, plan and the reasons it
// is not ready for succession. Filters, sort and page live in the address, so the director's "not
// ready" list is a link (/governance?not_ready=true).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listBoardsRoute } from '../../../src/governance/contract.ts';
import { getJson } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { reasonNames } from './labels.ts';

type Page = Answer<typeof listBoardsRoute>;

const share = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');

function Figures({ page }: { page: Page }) {
  const f = page.figures;
  const figures: [string, string, string][] = [
    ['boards', 'Boards', String(f.boards)],
    ['not-ready', 'Not ready for succession', String(f.not_ready)],
    ['with-plan', 'With a succession plan', `${f.with_plan} (${share(f.with_plan, f.boards)})`],
    ['vacancies', 'Places vacant', `${f.vacancies} of ${f.places} (${share(f.vacancies, f.places)})`],
    [
      'trained',
      'Governors up to date with mandatory training',
      `${f.trained} of ${f.serving} (${share(f.trained, f.serving)})`,
    ],
  ];
  return (
    <dl className="facts" data-testid="board-figures">
      {figures.map(([id, label, value]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`figure-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function BoardsPage() {
  const [filter, setFilter] = useUrlState({
    area: '',
    not_ready: '',
    vacancies: '',
    q: '',
    sort: 'name',
    page: '1',
  });
  const areas = useAreas();
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const page = useQuery({
    queryKey: ['governance-boards', query],
    queryFn: () => getJson<Page>(`/api/v1/governance/boards?${query}`),
  });
  const refilter = (change: Partial<typeof filter>) => setFilter({ ...change, page: '1' });
  const sortBy = (key: string, descendingFirst = false) => {
    const ascending = filter.sort === key;
    const descending = filter.sort === `-${key}`;
    refilter({
      sort: ascending && key !== 'name' ? `-${key}` : descending ? key : descendingFirst ? `-${key}` : key,
    });
  };
  const sorted = (key: string) => ({
    active: filter.sort.replace(/^-/, '') === key,
    ascending: filter.sort === key,
  });
  const settings = page.data?.settings;
  return (
    <>
      <h1>Governing boards</h1>
      <p>
        Each school's governing board (a federation's board governs its schools together): places by the
        instrument of government and those vacant, the chair, training and the succession plan.
        {settings && (
          <>
            {' '}
            A board is <strong>not ready</strong> for succession with no plan or one not reviewed in{' '}
            {settings.plan_review_months} months, no chair or a chair whose term ends within{' '}
            {settings.term_ending_months} months, {settings.vacancy_percent}% or more of its places vacant, or
            nobody trained in headteacher recruitment.
          </>
        )}
      </p>
      <div className="filters">
        <Choice
          label="Area"
          value={filter.area}
          onChange={(area) => refilter({ area })}
          options={codeOptions(areas.data?.org_units)}
          empty="all"
        />
        <Choice
          label="Readiness"
          value={filter.not_ready}
          onChange={(not_ready) => refilter({ not_ready })}
          options={[
            { value: 'true', label: 'Not ready' },
            { value: 'false', label: 'Ready' },
          ]}
          empty="any"
        />
        <Choice
          label="Vacancies"
          value={filter.vacancies}
          onChange={(vacancies) => refilter({ vacancies })}
          options={[
            { value: 'true', label: 'With a vacancy' },
            { value: 'false', label: 'Full' },
          ]}
          empty="any"
        />
        <label>
          Board or school{' '}
          <input type="search" value={filter.q} onChange={(e) => refilter({ q: e.target.value })} />
        </label>
      </div>
      {page.isError ? (
        <Problem error={page.error} />
      ) : !page.data ? (
        <p aria-busy="true">Loading boards…</p>
      ) : (
        <>
          <Figures page={page.data} />
          {page.data.boards.length === 0 ? (
            <p>No boards match.</p>
          ) : (
            <Scroll label="Governing boards">
              <table data-testid="boards">
                <thead>
                  <tr>
                    <SortHeader label="Board" {...sorted('name')} onSort={() => sortBy('name')} />
                    <th scope="col">Area</th>
                    <SortHeader
                      label="Vacant places"
                      numeric
                      {...sorted('vacancies')}
                      onSort={() => sortBy('vacancies', true)}
                    />
                    <SortHeader
                      label="Chair's term ends"
                      {...sorted('chair_term')}
                      onSort={() => refilter({ sort: 'chair_term' })}
                    />
                    <th scope="col">Plan reviewed</th>
                    <th scope="col" className="number">
                      Trained
                    </th>
                    <SortHeader
                      label="Not ready because"
                      {...sorted('reasons')}
                      onSort={() => sortBy('reasons', true)}
                    />
                  </tr>
                </thead>
                <tbody>
                  {page.data.boards.map((b) => (
                    <tr key={b.code} data-board={b.code}>
                      <td>
                        <Link to={`/governance/${encodeURIComponent(b.code)}`}>{b.name}</Link>
                      </td>
                      <td>{b.areas.map((a) => a.name).join(', ')}</td>
                      <td className="number" data-testid="vacancies">
                        {b.vacancies} of {b.places}
                      </td>
                      <td>{b.chair ? `${b.chair.term_ends_on} (${b.chair.name})` : 'No chair'}</td>
                      <td>{b.has_plan ? b.plan_reviewed_on : 'No plan'}</td>
                      <td className="number">
                        {b.trained} of {b.serving}
                      </td>
                      <td data-testid="reasons">
                        {b.reasons.length === 0 ? 'Ready' : b.reasons.map((r) => reasonNames[r]).join('; ')}
                      </td>
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
            noun={['board', 'boards']}
            onPage={(p) => setFilter({ page: String(p) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
