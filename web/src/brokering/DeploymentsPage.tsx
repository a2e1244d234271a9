// Deployments: the list (of the caller's schools, or "my schools" for a system leader with days left),
// and one deployment with its days logged, where the leader logs time and a broker records the outcome.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type {
  Deployment,
  DeploymentDetail,
  deploymentRoute,
  endDeploymentRoute,
  listDeploymentsRoute,
  logDaysRoute,
} from '../../../src/brokering/deployment-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { getJson, path, send } from '../api.ts';
import { Choice, type ChoiceOption } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { kindName } from './labels.ts';

export function DeploymentTable({ deployments, label }: { deployments: Deployment[]; label: string }) {
  if (deployments.length === 0) return <p>None.</p>;
  return (
    <Scroll label={label}>
      <table className="grid" data-testid="deployments">
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col">Leader</th>
            <th scope="col">Role</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col" className="number">
              Days logged / agreed
            </th>
            <th scope="col">Status</th>
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
              <td>{d.status.replace('_', ' ')}</td>
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
  if (deployments.isError) return <Problem error={deployments.error} />;
  if (!deployments.data) return <p aria-busy="true">Loading deployments…</p>;
  const list = deployments.data.deployments;
  const active = list.filter((d) => d.status === 'active');
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
      <p>
        {active.length} active: {active.reduce((s, d) => s + d.days_logged, 0)} of{' '}
        {active.reduce((s, d) => s + d.days_agreed, 0)} agreed days logged.
      </p>
      <DeploymentTable deployments={list} label={mine ? 'My schools' : 'Deployments'} />
    </>
  );
}

const dayOptions: ChoiceOption[] = [
  { value: '1', label: '1' },
  { value: '0.5', label: '0.5' },
];

function LogDays({ deployment }: { deployment: DeploymentDetail }) {
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [days, setDays] = useState('1');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const { error, run } = useAction();
  const over = deployment.days_logged + Number(days) > deployment.days_agreed;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/brokering/deployments/${deployment.id}/days`, {
            on,
            days: Number(days),
            note,
            ...(override.trim() && { override_reason: override.trim() }),
          } satisfies Body<typeof logDaysRoute>);
          setNote('');
          setOverride('');
        });
      }}
    >
      <fieldset>
        <legend>Log time</legend>
        <label>
          On <input type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
        </label>{' '}
        <Choice label="Days" value={days} onChange={setDays} options={dayOptions} />{' '}
        <label>
          Note <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {over && (
          <p>
            <label>
              This goes beyond the {deployment.days_agreed} days agreed. Why?{' '}
              <input value={override} onChange={(e) => setOverride(e.target.value)} />
            </label>
          </p>
        )}{' '}
        <button type="submit">Log</button>
        {error && <Problem error={error} />}
      </fieldset>
    </form>
  );
}

type Ending = Body<typeof endDeploymentRoute>['status'];
const endings: ChoiceOption<Ending>[] = [
  { value: 'finished', label: 'Finished' },
  { value: 'ended_early', label: 'Ended early' },
];

function EndDeployment({ deployment }: { deployment: DeploymentDetail }) {
  const [status, setStatus] = useState<Ending>('finished');
  const [note, setNote] = useState('');
  const { error, run } = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send('POST', `/api/v1/brokering/deployments/${deployment.id}/end`, {
            status,
            outcome_note: note,
          } satisfies Body<typeof endDeploymentRoute>),
        );
      }}
    >
      <fieldset>
        <legend>End the deployment</legend>
        <Choice label="How" value={status} onChange={setStatus} options={endings} />{' '}
        <label>
          Outcome <input value={note} onChange={(e) => setNote(e.target.value)} required size={40} />
        </label>{' '}
        <button type="submit">End</button>
        {error && <Problem error={error} />}
      </fieldset>
    </form>
  );
}

export function DeploymentPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const deployment = useQuery({
    queryKey: ['deployment', id],
    queryFn: () => getJson<Answer<typeof deploymentRoute>>(`/api/v1/brokering/deployments/${path(id)}`),
  });
  if (deployment.isError) return <Problem error={deployment.error} />;
  if (!deployment.data) return <p aria-busy="true">Loading the deployment…</p>;
  const d = deployment.data;
  const isLeader = session.person?.code === d.leader;
  const isBroker = can(session, 'brokering:write');
  return (
    <>
      <p className="crumbs">
        <Link to="/deployments">Deployments</Link> ›
      </p>
      <h1>
        {d.leader_name} at {d.school_name}
      </h1>
      <dl className="facts">
        {(
          [
            ['Role', kindName(d.role)],
            ['Need', d.evidence],
            ['From', d.starts_on],
            ['To', d.ends_on],
            ['Days logged', `${d.days_logged} of ${d.days_agreed} agreed`],
            ['Status', d.status.replace('_', ' ')],
            ['Outcome', d.outcome_note ?? '–'],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={`deployment-${label.toLowerCase().replace(' ', '-')}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {d.status === 'active' && (isLeader || isBroker) && <LogDays deployment={d} />}
      {d.status === 'active' && isBroker && <EndDeployment deployment={d} />}
      <h2>Days logged</h2>
      {d.days.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <table className="grid" data-testid="days">
          <thead>
            <tr>
              <th scope="col">On</th>
              <th scope="col" className="number">
                Days
              </th>
              <th scope="col">Note</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {d.days.map((day) => (
              <tr key={day.id}>
                <td>{day.on_date}</td>
                <td className="number">{day.days}</td>
                <td>
                  {day.note}
                  {day.override_reason && (
                    <span className="tag warn"> beyond the days agreed: {day.override_reason}</span>
                  )}
                </td>
                <td>{day.logged_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
