// One deployment with its days logged, where the leader logs time (a date and an activity asked
// for, a second log on a date confirmed) and corrects or removes a log with a reason, and a broker
// records the outcome. One still active after its end date says so.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DayActivity } from '../../../src/brokering/contract.ts';
import type {
  correctDayRoute,
  DeploymentDay,
  DeploymentDetail,
  deploymentRoute,
  endDeploymentRoute,
  logDaysRoute,
} from '../../../src/brokering/deployment-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { ApiError, getJson, path, send } from '../api.ts';
import { Choice, type ChoiceOption } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { kindName } from './labels.ts';

const dayOptions: ChoiceOption[] = [
  { value: '1', label: '1' },
  { value: '0.5', label: '0.5' },
];

const activityNames: Record<DayActivity, string> = {
  visit: 'Visit to the school',
  coaching: 'Coaching',
  meeting: 'Meeting',
  remote: 'Remote support',
  training: 'Training',
  other: 'Other',
};
const activityOptions = (Object.keys(activityNames) as DayActivity[]).map((value) => ({
  value,
  label: activityNames[value],
}));

function LogDays({ deployment }: { deployment: DeploymentDetail }) {
  // No date is assumed: a day logged late is logged on the day it was worked.
  const [on, setOn] = useState('');
  const [days, setDays] = useState('1');
  const [activity, setActivity] = useState<DayActivity | ''>('');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const { error, run } = useAction();
  const over = deployment.days_logged + Number(days) > deployment.days_agreed;
  const log = (allowDuplicate: boolean) =>
    run(async () => {
      try {
        await send('POST', `/api/v1/brokering/deployments/${deployment.id}/days`, {
          on,
          days: Number(days),
          activity: activity as DayActivity,
          note,
          ...(override.trim() && { override_reason: override.trim() }),
          ...(allowDuplicate && { allow_duplicate: true }),
        } satisfies Body<typeof logDaysRoute>);
      } catch (e) {
        // A second log on the same date: asked about, not refused.
        if (e instanceof ApiError && e.status === 409 && !allowDuplicate) {
          const there = deployment.days
            .filter((d) => d.on_date === on)
            .map(
              (d) =>
                `${d.days} day${d.days === 1 ? '' : 's'}, ${activityNames[d.activity].toLowerCase()}${d.note ? ` (${d.note})` : ''}, by ${d.logged_by}`,
            );
          setDuplicate(
            `${on} already has a log here: ${there.join('; ')}. Correct that log below, or log this one as well.`,
          );
          return;
        }
        throw e;
      }
      setDuplicate(null);
      setNote('');
      setOverride('');
      setOn('');
      setActivity('');
    });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void log(false);
      }}
    >
      <fieldset>
        <legend>Log time</legend>
        <label>
          On{' '}
          <input
            type="date"
            value={on}
            max={new Date().toISOString().slice(0, 10)}
            onChange={(e) => {
              setOn(e.target.value);
              setDuplicate(null);
            }}
            required
          />
        </label>{' '}
        <Choice label="Days" value={days} onChange={setDays} options={dayOptions} />{' '}
        <Choice<DayActivity | ''>
          label="Activity"
          value={activity}
          onChange={setActivity}
          empty="choose…"
          required
          options={activityOptions}
        />{' '}
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
        {duplicate && (
          <p role="alert" className="problem" data-testid="duplicate">
            {duplicate}{' '}
            <button type="button" onClick={() => void log(true)}>
              Log it as well
            </button>
          </p>
        )}
        {error && <Problem error={error} />}
      </fieldset>
    </form>
  );
}

/** One logged day's row, with the leader's or broker's correction and removal (each with a reason). */
function DayRow({
  deployment,
  day,
  editable,
}: {
  deployment: DeploymentDetail;
  day: DeploymentDay;
  editable: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [on, setOn] = useState(day.on_date);
  const [days, setDays] = useState(String(day.days));
  const [activity, setActivity] = useState<DayActivity>(day.activity);
  const [note, setNote] = useState(day.note);
  const [reason, setReason] = useState('');
  const { error, run } = useAction();
  const url = `/api/v1/brokering/deployments/${deployment.id}/days/${day.id}`;
  if (editing)
    return (
      <tr>
        <td colSpan={6}>
          <form
            className="filters in-view"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await send('PATCH', url, {
                  on,
                  days: Number(days),
                  activity,
                  note,
                  reason,
                } satisfies Body<typeof correctDayRoute>);
                setEditing(false);
              });
            }}
          >
            <label>
              On <input type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
            </label>
            <Choice label="Days" value={days} onChange={setDays} options={dayOptions} />
            <Choice label="Activity" value={activity} onChange={setActivity} options={activityOptions} />
            <label>
              Note <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <label>
              Why the change <input value={reason} onChange={(e) => setReason(e.target.value)} required />
            </label>
            <button type="submit">Save the correction</button>{' '}
            <button
              type="button"
              disabled={!reason.trim()}
              onClick={() =>
                void run(async () => {
                  await send('DELETE', `${url}?reason=${encodeURIComponent(reason)}`);
                  setEditing(false);
                })
              }
            >
              Remove this log
            </button>{' '}
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {error && <Problem error={error} />}
          </form>
        </td>
      </tr>
    );
  return (
    <tr>
      <td>{day.on_date}</td>
      <td className="number">{day.days}</td>
      <td>{activityNames[day.activity]}</td>
      <td>
        {day.note}
        {day.override_reason && (
          <span className="tag warn"> beyond the days agreed: {day.override_reason}</span>
        )}
        {day.corrected_by && (
          <span className="tag">
            {' '}
            corrected by {day.corrected_by}: {day.correction_reason}
          </span>
        )}
      </td>
      <td>{day.logged_by}</td>
      <td>
        {editable && (
          <button type="button" onClick={() => setEditing(true)}>
            Correct
          </button>
        )}
      </td>
    </tr>
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
      {d.past_end && (
        <p className="problem" data-testid="past-end">
          Still active after its end date ({d.ends_on}):{' '}
          {isBroker ? 'end it below' : 'a broker should end it'}, finished or ended early, with its outcome.
        </p>
      )}
      {d.status === 'active' && (isLeader || isBroker) && <LogDays deployment={d} />}
      {d.status === 'active' && isBroker && <EndDeployment deployment={d} />}
      <h2>Days logged</h2>
      {d.days.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <Scroll label="Days logged">
          <table className="grid" data-testid="days">
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col" className="number">
                  Days
                </th>
                <th scope="col">Activity</th>
                <th scope="col">Note</th>
                <th scope="col">By</th>
                <th scope="col">
                  <span className="sr-only">Correct</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.days.map((day) => (
                <DayRow
                  key={day.id}
                  deployment={d}
                  day={day}
                  editable={d.status === 'active' && (isLeader || isBroker)}
                />
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}
