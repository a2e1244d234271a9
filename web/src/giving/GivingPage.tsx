// Give and receive (issue 24): every school should both give and receive support. For the director and
// an area lead: the share of schools that did both in the year against its target, the table by area
// (or cluster, or trust), and the two lists to act on: schools that only received, and strong schools
// that gave nothing. Year, level and area are in the address.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { GivingSchool, GivingUnit, givingRoute } from '../../../src/giving/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession, useTerm } from '../session.tsx';
import { useAreas } from '../useAreas.ts';
import { useUrlState } from '../useUrlState.ts';
import { days, statusNames } from './labels.tsx';

type Rollup = Answer<typeof givingRoute>;

const share = (u: Pick<GivingUnit, 'share_both'>) =>
  u.share_both === null ? '–' : `${u.share_both.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

/** The academic years to choose from: this one and the two before. */
function yearsUpTo(year: string) {
  const first = Number(year.slice(0, 4));
  return [0, 1, 2].map((back) => {
    const y = first - back;
    const id = `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
    return { value: id, label: id };
  });
}

function Headline({ top }: { top: GivingUnit }) {
  const figures: [string, string, string][] = [
    ['share', 'Gave and received', `${share(top)} (${top.both} of ${top.schools})`],
    ['target', 'Target', top.target === null ? 'none set' : `${top.target}%`],
    ['only-received', 'Only received', String(top.only_received)],
    ['only-gave', 'Only gave', String(top.only_gave)],
    ['neither', 'Neither', String(top.neither)],
    ['strong-never-gave', 'Strong schools that gave nothing', `${top.strong_never_gave} of ${top.strong}`],
  ];
  return (
    <dl className="facts" data-testid="giving-figures">
      {figures.map(([id, label, value]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`figure-${id}`}>
            {id === 'share' ? <span className={`band ${top.band ?? 'none'}`}>{value}</span> : value}
            {id === 'share' && top.band && <span className="sr-only"> ({top.band})</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function UnitTable({ units, label }: { units: GivingUnit[]; label: string }) {
  return (
    <Scroll label={label}>
      <table aria-label={label} data-testid="giving-units">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="number">
              Schools
            </th>
            <th scope="col" className="number">
              Gave and received
            </th>
            <th scope="col" className="number">
              Target
            </th>
            <th scope="col" className="number">
              Only received
            </th>
            <th scope="col" className="number">
              Only gave
            </th>
            <th scope="col" className="number">
              Neither
            </th>
            <th scope="col" className="number">
              Strong, gave nothing
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.code} data-testid={`unit-${u.code}`}>
              <th scope="row">{u.name}</th>
              <td className="number">{u.schools}</td>
              <td className="number">
                <span className={`band ${u.band ?? 'none'}`}>{share(u)}</span>
                {u.band && <span className="sr-only"> ({u.band})</span>} <small>({u.both})</small>
              </td>
              <td className="number">{u.target === null ? '–' : `${u.target}%`}</td>
              <td className="number">{u.only_received}</td>
              <td className="number">{u.only_gave}</td>
              <td className="number">{u.neither}</td>
              <td className="number">
                {u.strong_never_gave} of {u.strong}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function SchoolList({ schools, label, why }: { schools: GivingSchool[]; label: string; why?: boolean }) {
  const term = useTerm();
  if (schools.length === 0) return <p className="muted">None.</p>;
  return (
    <Scroll label={label}>
      <table aria-label={label} data-testid={label}>
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col">{term('area', true)}</th>
            <th scope="col" className="number">
              Received
            </th>
            {why && <th scope="col">Why strong</th>}
          </tr>
        </thead>
        <tbody>
          {schools.map((s) => (
            <tr key={s.code}>
              <td>
                <Link to={`/schools/${path(s.code)}`}>{s.name}</Link>
              </td>
              <td>{s.area_name}</td>
              <td className="number">
                {s.deployments_received} ({days(s.days_received)})
              </td>
              {why && <td>{s.strong}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function GivingPage() {
  const term = useTerm();
  const session = useSession();
  const areas = useAreas();
  const [state, change] = useUrlState({ year: '', level: 'area', area: '' });
  const query = new URLSearchParams(
    Object.entries(state).filter(([, value]) => value !== '') as [string, string][],
  ).toString();
  const rollup = useQuery({
    queryKey: ['giving', query],
    queryFn: () => getJson<Rollup>(`/api/v1/giving${query ? `?${query}` : ''}`),
  });
  if (rollup.isError) return <Problem error={rollup.error} />;
  const r = rollup.data;
  const levelNames = {
    authority: term('authority', true),
    area: term('areas', true),
    cluster: term('clusters', true),
    trust: 'Trusts',
  };
  const onlyReceived = r?.schools.filter((s) => s.status === 'only_received') ?? [];
  const strongNeverGave =
    r?.schools.filter((s) => s.strong && (s.status === 'only_received' || s.status === 'neither')) ?? [];
  return (
    <section>
      <h1>Give and receive{r ? `, ${r.year}` : ''}</h1>
      <p>
        Every school should both give support to other schools and receive it. A school gave when a leader
        from it was deployed to another school or it hosted a placement in the year; it received when a leader
        from elsewhere was deployed to it.
      </p>
      <div className="filters">
        {r && (
          <Choice
            label="Year"
            value={state.year || r.year}
            onChange={(year) => change({ year })}
            options={yearsUpTo(r.year)}
          />
        )}
        <Choice
          id="giving-level"
          label="By"
          value={state.level}
          onChange={(level) => change({ level })}
          options={Object.entries(levelNames).map(([value, label]) => ({ value, label }))}
        />
        {session.whole_authority && (
          <Choice
            label={term('area', true)}
            value={state.area}
            onChange={(area) => change({ area })}
            options={codeOptions(areas.data?.org_units)}
            empty={`Every ${term('area')}`}
          />
        )}
      </div>
      {!r ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <>
          <h2>{r.top.name}</h2>
          <Headline top={r.top} />
          <p>
            <a href={`/api/v1/giving/support?year=${r.year}&format=xlsx`} download>
              Download the support between schools in {r.year} (XLSX)
            </a>
          </p>
          <h2>By {levelNames[state.level as keyof typeof levelNames] ?? state.level}</h2>
          {r.units.length ? (
            <UnitTable units={r.units} label="Give and receive by unit" />
          ) : (
            <p className="muted">None in your view.</p>
          )}
          <h2>Schools that only received ({onlyReceived.length})</h2>
          <SchoolList schools={onlyReceived} label="Schools that only received" />
          <h2>Strong schools that gave nothing ({strongNeverGave.length})</h2>
          <SchoolList schools={strongNeverGave} label="Strong schools that gave nothing" why />
          <p className="muted">
            {statusNames.both}: {r.top.both}; {statusNames.only_gave.toLowerCase()}: {r.top.only_gave};{' '}
            {statusNames.neither.toLowerCase()}: {r.top.neither}, from {r.starts_on} to {r.ends_on}.
          </p>
        </>
      )}
    </section>
  );
}
