// The challenges board: the log filtered by area, category, status and owner (with its export), how
// long open challenges have been open by area, the problems that recur across areas, and the measures
// (raised, open, overdue, days to resolution, share on time) by area, owner or category per month.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ChallengeSummary } from '../../../src/meetings/challenge-contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { RaiseChallenge, useAreas, useCategories } from './RaiseChallenge.tsx';
import { statusLabel } from './status-labels.ts';

const openStatuses = 'open,in_progress';

function ChallengeTable({ challenges }: { challenges: ChallengeSummary[] }) {
  if (challenges.length === 0) return <p>No challenges match.</p>;
  return (
    <Scroll label="Challenges">
      <table className="grid" data-testid="challenges">
        <thead>
          <tr>
            <th scope="col">Challenge</th>
            <th scope="col">Category</th>
            <th scope="col">Status</th>
            <th scope="col">Areas</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col" className="number">
              Age (days)
            </th>
          </tr>
        </thead>
        <tbody>
          {challenges.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/challenges/${c.id}`}>
                  {c.id}. {c.title}
                </Link>
                {c.recurring && <span className="tag"> recurs: {c.recurring.title}</span>}
              </th>
              <td>{c.category_name}</td>
              <td>{statusLabel[c.status]}</td>
              <td>{c.areas.join(', ')}</td>
              <td>{c.owner?.name ?? '–'}</td>
              <td>
                {c.due_on ?? '–'} {c.overdue && <span className="band red">overdue</span>}
              </td>
              <td className="number">{c.age_days}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

interface Ageing {
  bands: string[];
  groups: { key: string; name: string; bands: Record<string, number>; open: number; overdue: number }[];
}

function AgeingView() {
  const ageing = useQuery({
    queryKey: ['ageing'],
    queryFn: () => getJson<Ageing>('/api/v1/challenges/ageing?by=area'),
  });
  if (ageing.isError) return <Problem error={ageing.error} />;
  if (!ageing.data) return <p aria-busy="true">Loading…</p>;
  return (
    <Scroll label="Ageing of open challenges">
      <table className="grid" data-testid="ageing">
        <thead>
          <tr>
            <th scope="col">Area</th>
            {ageing.data.bands.map((b) => (
              <th key={b} scope="col" className="number">
                {b} days
              </th>
            ))}
            <th scope="col" className="number">
              Open
            </th>
            <th scope="col" className="number">
              Overdue
            </th>
          </tr>
        </thead>
        <tbody>
          {ageing.data.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.name}</th>
              {ageing.data.bands.map((b) => (
                <td key={b} className="number">
                  {g.bands[b] || ''}
                </td>
              ))}
              <td className="number">{g.open}</td>
              <td className="number">{g.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function RecurringProblems() {
  const recurring = useQuery({
    queryKey: ['recurring'],
    queryFn: () =>
      getJson<{
        problems: { id: number; title: string; challenges: number; open: number; areas: string[] }[];
      }>('/api/v1/challenges/recurring'),
  });
  if (!recurring.data?.problems.length) return null;
  return (
    <section>
      <h2>System-wide problems</h2>
      <ul data-testid="recurring">
        {recurring.data.problems.map((p) => (
          <li key={p.id}>
            <strong>{p.title}</strong> in {p.areas.length} areas: {p.challenges} challenges, {p.open} still
            open
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Measures {
  periods: string[];
  groups: {
    key: string;
    name: string;
    periods: {
      period: string;
      raised: number;
      open: number;
      overdue: number;
      resolved: number;
      median_days: number | null;
      p90_days: number | null;
      due: number;
      due_met: number;
    }[];
  }[];
}

function MeasuresTable() {
  const [by, setBy] = useState('area');
  const measures = useQuery({
    queryKey: ['challenge-measures', by],
    queryFn: () => getJson<Measures>(`/api/v1/challenges/measures?by=${by}&periods=6`),
  });
  const days = (d: number | null) => (d === null ? '–' : d.toFixed(0));
  return (
    <section>
      <h2>Measures over the last six months</h2>
      <label>
        By{' '}
        <select value={by} onChange={(e) => setBy(e.target.value)}>
          <option value="area">area</option>
          <option value="owner">owner</option>
          <option value="category">category</option>
        </select>
      </label>
      {measures.isError && <Problem error={measures.error} />}
      {measures.data && (
        <Scroll label="Challenge measures">
          <table className="grid" data-testid="measures">
            <thead>
              <tr>
                <th scope="col">{by}</th>
                <th scope="col">Month</th>
                <th scope="col" className="number">
                  Raised
                </th>
                <th scope="col" className="number">
                  Open
                </th>
                <th scope="col" className="number">
                  Overdue
                </th>
                <th scope="col" className="number">
                  Resolved
                </th>
                <th scope="col" className="number">
                  Median days
                </th>
                <th scope="col" className="number">
                  90th pct days
                </th>
                <th scope="col" className="number">
                  On time
                </th>
              </tr>
            </thead>
            <tbody>
              {measures.data.groups.flatMap((g) =>
                g.periods.map((p, i) => (
                  <tr key={`${g.key}-${p.period}`} data-group={g.key} data-period={p.period}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={g.periods.length}>
                        {g.name}
                      </th>
                    ) : null}
                    <td>{p.period}</td>
                    <td className="number raised">{p.raised}</td>
                    <td className="number open">{p.open}</td>
                    <td className="number overdue">{p.overdue}</td>
                    <td className="number resolved">{p.resolved}</td>
                    <td className="number median">{days(p.median_days)}</td>
                    <td className="number">{days(p.p90_days)}</td>
                    <td className="number">{p.due ? `${Math.round((100 * p.due_met) / p.due)}%` : '–'}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

export function ChallengesPage() {
  const session = useSession();
  const areas = useAreas();
  const categories = useCategories();
  const [filter, setFilter] = useState({ area: '', category: '', status: openStatuses, owner: '' });
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const challenges = useQuery({
    queryKey: ['challenges', query],
    queryFn: () => getJson<{ challenges: ChallengeSummary[] }>(`/api/v1/challenges?${query}`),
  });
  const owners = [
    ...new Map(
      (challenges.data?.challenges ?? []).flatMap((c) => (c.owner ? [[c.owner.code, c.owner]] : [])),
    ).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const set = (key: keyof typeof filter) => (e: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: e.target.value });
  return (
    <>
      <h1>Challenges</h1>
      <p>
        <Link to="/meetings">Meetings</Link> · <Link to="/my-actions">My actions</Link>
      </p>
      <fieldset className="filters">
        <legend className="sr-only">Filter the challenges</legend>
        <label>
          Area{' '}
          <select value={filter.area} onChange={set('area')}>
            <option value="">All</option>
            {areas.data?.org_units.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category{' '}
          <select value={filter.category} onChange={set('category')}>
            <option value="">All</option>
            {categories.data?.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select value={filter.status} onChange={set('status')}>
            <option value={openStatuses}>Open or in progress</option>
            <option value="">Any</option>
            {Object.entries(statusLabel).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner{' '}
          <select value={filter.owner} onChange={set('owner')}>
            <option value="">Anyone</option>
            {owners.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <a href={`/api/v1/challenges?${query}&format=csv`}>CSV</a>{' '}
        <a href={`/api/v1/challenges?${query}&format=xlsx`}>XLSX</a>
      </fieldset>
      {challenges.isError && <Problem error={challenges.error} />}
      {challenges.data ? (
        <ChallengeTable challenges={challenges.data.challenges} />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
      <h2>How long open challenges have been open</h2>
      <AgeingView />
      <RecurringProblems />
      <MeasuresTable />
      {can(session, 'meetings:write') && <RaiseChallenge people={owners} />}
    </>
  );
}
