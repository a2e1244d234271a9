// Deployments as a list: of the caller's schools, or a system leader's own ("My schools"), filtered by
// status, role and a name, sorted by any column and paged, all kept in the address; the totals are of
// what the filters keep.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Deployment, listDeploymentsRoute } from '../../../src/brokering/deployment-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { useSession } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';
import { kindName } from './labels.ts';

const PAGE = 50;

type SortKey = 'school' | 'leader' | 'role' | 'starts_on' | 'ends_on' | 'logged' | 'status';

const sortValue = (d: Deployment, key: SortKey): string | number => {
  if (key === 'school') return d.school_name;
  if (key === 'leader') return d.leader_name;
  if (key === 'logged') return d.days_agreed ? d.days_logged / d.days_agreed : 0;
  return d[key];
};

const statusName = (d: Deployment) => d.status.replace('_', ' ');

export function DeploymentTable({
  deployments,
  label,
  sort,
}: {
  deployments: Deployment[];
  label: string;
  /** Sortable column headers, when the list is sorted by the page. */
  sort?: { key: SortKey; ascending: boolean; set: (key: SortKey) => void };
}) {
  if (deployments.length === 0) return <p>None.</p>;
  const header = (key: SortKey, text: string, numeric = false) =>
    sort ? (
      <SortHeader
        label={text}
        numeric={numeric}
        active={sort.key === key}
        ascending={sort.ascending}
        onSort={() => sort.set(key)}
      />
    ) : (
      <th scope="col" className={numeric ? 'number' : undefined}>
        {text}
      </th>
    );
  return (
    <Scroll label={label}>
      <table className="grid" data-testid="deployments">
        <thead>
          <tr>
            {header('school', 'School')}
            {header('leader', 'Leader')}
            {header('role', 'Role')}
            {header('starts_on', 'From')}
            {header('ends_on', 'To')}
            {header('logged', 'Days logged / agreed', true)}
            {header('status', 'Status')}
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/deployments/${d.id}`}>{d.school_name}</Link>
              </th>
              <td>{d.leader_name}</td>
              <td>{kindName(d.role)}</td>
              <td>{d.starts_on}</td>
              <td>{d.ends_on}</td>
              <td className="number">
                {d.days_logged} / {d.days_agreed}
              </td>
              <td>
                {statusName(d)}
                {d.past_end && <span className="tag warn"> past its end date</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function DeploymentsPage({ mine = false }: { mine?: boolean }) {
  const session = useSession();
  const deployments = useQuery({
    queryKey: ['deployments', mine],
    queryFn: () =>
      getJson<Answer<typeof listDeploymentsRoute>>(
        `/api/v1/brokering/deployments${mine ? '?mine=true' : ''}`,
      ),
  });
  // A broker starts from the active deployments; a system leader's own few are all shown.
  const [view, setView] = useUrlState({
    status: mine ? '' : 'active',
    role: '',
    q: '',
    sort: 'ends_on',
    order: 'asc',
    page: '1',
  });
  const list = deployments.data?.deployments ?? [];
  const kept = useMemo(() => {
    const needle = view.q.trim().toLowerCase();
    const direction = view.order === 'asc' ? 1 : -1;
    const key = view.sort as SortKey;
    return list
      .filter(
        (d) =>
          (view.status === '' || (view.status === 'past_end' ? d.past_end : d.status === view.status)) &&
          (view.role === '' || d.role === view.role) &&
          (needle === '' ||
            d.school_name.toLowerCase().includes(needle) ||
            d.leader_name.toLowerCase().includes(needle) ||
            d.school.toLowerCase() === needle),
      )
      .sort((a, b) => {
        const x = sortValue(a, key);
        const y = sortValue(b, key);
        const order = typeof x === 'number' ? x - (y as number) : String(x).localeCompare(String(y));
        return direction * order || a.school_name.localeCompare(b.school_name) || a.id - b.id;
      });
  }, [list, view.q, view.status, view.role, view.sort, view.order]);
  if (deployments.isError) return <Problem error={deployments.error} />;
  if (!deployments.data) return <p aria-busy="true">Loading deployments…</p>;
  const pages = Math.max(1, Math.ceil(kept.length / PAGE));
  const page = Math.min(Math.max(1, Number(view.page) || 1), pages);
  const shown = kept.slice((page - 1) * PAGE, page * PAGE);
  const roles = [...new Set(list.map((d) => d.role))].sort();
  const count = (status: string) =>
    list.filter((d) => (status === 'past_end' ? d.past_end : d.status === status)).length;
  const filter = (changes: Partial<typeof view>) => setView({ ...changes, page: '1' });
  return (
    <>
      <h1>{mine ? 'My schools' : 'Deployments'}</h1>
      {!mine && (
        <p>
          <Link to="/brokering">Support needs</Link> · <Link to="/brokering/impact">Impact</Link>
          {session.person && (
            <>
              {' '}
              · <Link to="/my-schools">My schools</Link>
            </>
          )}
        </p>
      )}
      <fieldset className="filters">
        <legend className="sr-only">Filter the deployments</legend>
        <Choice
          label="Status"
          value={view.status}
          onChange={(status) => filter({ status })}
          empty={`any (${list.length})`}
          options={[
            { value: 'active', label: `active (${count('active')})` },
            { value: 'past_end', label: `past their end date (${count('past_end')})` },
            { value: 'finished', label: `finished (${count('finished')})` },
            { value: 'ended_early', label: `ended early (${count('ended_early')})` },
          ]}
        />
        <Choice
          label="Role"
          value={view.role}
          onChange={(role) => filter({ role })}
          empty="any"
          options={roles.map((r) => ({ value: r, label: kindName(r) }))}
        />
        <label>
          School or leader{' '}
          <input type="search" value={view.q} onChange={(e) => filter({ q: e.target.value })} />
        </label>
      </fieldset>
      <p aria-live="polite" data-testid="deployment-totals">
        {kept.length} of {list.length} deployments: {kept.reduce((s, d) => s + d.days_logged, 0)} of{' '}
        {kept.reduce((s, d) => s + d.days_agreed, 0)} agreed days logged.
      </p>
      <DeploymentTable
        deployments={shown}
        label={mine ? 'My schools' : 'Deployments'}
        sort={{
          key: view.sort as SortKey,
          ascending: view.order === 'asc',
          set: (key) =>
            setView({
              sort: key,
              order: view.sort === key && view.order === 'asc' ? 'desc' : 'asc',
              page: '1',
            }),
        }}
      />
      <Pager
        page={page}
        pageSize={PAGE}
        total={kept.length}
        noun={['deployment', 'deployments']}
        onPage={(next) => setView({ page: String(next) }, { push: true })}
      />
    </>
  );
}
