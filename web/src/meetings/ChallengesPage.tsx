// The challenges board: the log filtered by area, category, status and owner (with its export), how
// long open challenges have been open by area, the problems that recur across areas, and the measures
// (raised, open, overdue, days to resolution, share on time) by area, owner or category per month.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type {
  ChallengeSummary,
  challengeAgeingRoute,
  challengeMeasuresRoute,
  listChallengesRoute,
  MeasureDimension,
  recurringProblemsRoute,
} from '../../../src/meetings/challenge-contract.ts';
import { getJson } from '../api.ts';
import { Choice, codeOptions, plainOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAreaNames, useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { schoolsNamed } from './affects.ts';
import { RaiseChallenge, useCategories } from './RaiseChallenge.tsx';
import { statusLabel } from './status-labels.ts';

const openStatuses = 'open,in_progress';
const measureDimensions = ['area', 'owner', 'category'] as const satisfies readonly MeasureDimension[];

function ChallengeTable({ challenges }: { challenges: ChallengeSummary[] }) {
  const areaNames = useAreaNames();
  if (challenges.length === 0) return <p>No challenges match.</p>;
  return (
    <Scroll label="Challenges">
      <table className="grid" data-testid="challenges">
        <thead>
          <tr>
            <th scope="col">Challenge</th>
            <th scope="col">Category</th>
            <th scope="col">Status</th>
            <th scope="col">Affects</th>
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
              <td>
                {c.areas.map((a) => areaNames.get(a) ?? a).join(', ')}
                {/* A challenge about named schools lists them under its area. */}
                {schoolsNamed(c).length > 0 && <div className="muted">{schoolsNamed(c).join(', ')}</div>}
              </td>
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

function AgeingView() {
  const ageing = useQuery({
    queryKey: ['ageing'],
    queryFn: () => getJson<Answer<typeof challengeAgeingRoute>>('/api/v1/challenges/ageing?by=area'),
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
              Open now
            </th>
            <th scope="col" className="number">
              Overdue now
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
    queryFn: () => getJson<Answer<typeof recurringProblemsRoute>>('/api/v1/challenges/recurring'),
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

function MeasuresTable() {
  const [view, setView] = useUrlState({ by: 'area' });
  const by = view.by as MeasureDimension;
  const setBy = (next: MeasureDimension) => setView({ by: next });
  const measures = useQuery({
    queryKey: ['challenge-measures', by],
    queryFn: () =>
      getJson<Answer<typeof challengeMeasuresRoute>>(`/api/v1/challenges/measures?by=${by}&periods=6`),
  });
  const days = (d: number | null) => (d === null ? '–' : d.toFixed(0));
  return (
    <section>
      <h2>Measures over the last six months</h2>
      <p className="muted">
        Open and overdue are counted at the end of each month by the challenges' timelines (this month:
        today), the same figures as the overview, the packs and the agendas show.
      </p>
      <Choice label="By" value={by} onChange={setBy} options={plainOptions(measureDimensions)} />
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
                  Open at month end
                </th>
                <th scope="col" className="number">
                  Overdue at month end
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
  const [filter, setFilter] = useUrlState({ area: '', category: '', status: openStatuses, owner: '' });
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const challenges = useQuery({
    queryKey: ['challenges', query],
    queryFn: () => getJson<Answer<typeof listChallengesRoute>>(`/api/v1/challenges?${query}`),
  });
  const owners = [
    ...new Map(
      (challenges.data?.challenges ?? []).flatMap((c) => (c.owner ? [[c.owner.code, c.owner]] : [])),
    ).values(),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const set = (key: keyof typeof filter) => (value: string) => setFilter({ [key]: value });
  return (
    <>
      <h1>Challenges</h1>
      <p>
        <Link to="/meetings">Meetings</Link> · <Link to="/my-actions">My actions</Link>
      </p>
      <fieldset className="filters">
        <legend className="sr-only">Filter the challenges</legend>
        <Choice
          label="Area"
          value={filter.area}
          onChange={set('area')}
          empty="All"
          options={codeOptions(areas.data?.org_units)}
        />
        <Choice
          label="Category"
          value={filter.category}
          onChange={set('category')}
          empty="All"
          options={codeOptions(categories.data?.categories)}
        />
        <Choice
          label="Status"
          value={filter.status}
          onChange={set('status')}
          options={[
            { value: openStatuses, label: 'Open or in progress' },
            { value: '', label: 'Any' },
            ...Object.entries(statusLabel).map(([value, label]) => ({ value, label })),
          ]}
        />
        <Choice
          label="Owner"
          value={filter.owner}
          onChange={set('owner')}
          empty="Anyone"
          options={codeOptions(owners)}
        />
        <a href={`/api/v1/challenges?${query}&format=csv`}>CSV</a>{' '}
        <a href={`/api/v1/challenges?${query}&format=xlsx`}>XLSX</a>
      </fieldset>
      {challenges.isError && <Problem error={challenges.error} />}
      {challenges.data ? (
        <ChallengeTable challenges={challenges.data.challenges} />
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
      <h2>How long open challenges have been open, today</h2>
      <AgeingView />
      <RecurringProblems />
      <MeasuresTable />
      {can(session, 'meetings:write') && <RaiseChallenge people={owners} />}
    </>
  );
}
