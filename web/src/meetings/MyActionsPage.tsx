// "My actions": first what is overdue (the actions and challenges the header's reminder counts, most
// overdue first), then everything the signed-in person has agreed to do, each action marked done here.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { editActionRoute, listActionsRoute } from '../../../src/meetings/meeting-contract.ts';
import type { Reminder } from '../../../src/meetings/reminder-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { useReminders } from './RemindersBadge.tsx';

function MarkDone({ id, title }: { id: number; title: string }) {
  const { error, run } = useAction();
  return (
    <>
      <button
        type="button"
        onClick={() =>
          run(() =>
            send('PATCH', `/api/v1/actions/${id}`, { status: 'done' } satisfies Body<typeof editActionRoute>),
          )
        }
      >
        Mark done<span className="sr-only">: {title}</span>
      </button>
      {error && <Problem error={error} />}
    </>
  );
}

function Overdue({ items }: { items: Reminder[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="overdue">
      <h2 id="overdue">Overdue and due ({items.length})</h2>
      <ul className="actions" data-testid="overdue">
        {items.map((r) => (
          <li key={`${r.kind}-${r.id}`}>
            {r.kind === 'strategy_request' && r.strategy ? (
              <>
                Update due for <Link to="/my-plan">{r.title}</Link> by {r.due_on}{' '}
                <span className="muted">
                  ({r.strategy.name}, {r.strategy.term})
                </span>{' '}
                <span className={r.days_overdue > 0 ? 'band red' : 'band'}>
                  {r.days_overdue > 0
                    ? `${r.days_overdue} day${r.days_overdue === 1 ? '' : 's'} overdue`
                    : r.days_overdue === 0
                      ? 'due today'
                      : `${-r.days_overdue} day${r.days_overdue === -1 ? '' : 's'} left`}
                </span>
              </>
            ) : r.kind === 'challenge' ? (
              <>
                Challenge <Link to={`/challenges/${r.id}`}>{r.title}</Link>
              </>
            ) : (
              <>
                Action <strong>{r.title}</strong>
                {r.meeting && (
                  <>
                    {' '}
                    from <Link to={`/meetings/${r.meeting.id}`}>{r.meeting.title}</Link>
                  </>
                )}
              </>
            )}{' '}
            {r.kind !== 'strategy_request' && (
              <>
                <span className="band red">
                  {r.days_overdue} day{r.days_overdue === 1 ? '' : 's'} overdue
                </span>{' '}
                <span className="muted">due {r.due_on}</span>{' '}
              </>
            )}
            {r.kind === 'action' && <MarkDone id={r.id} title={r.title} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MyActionsPage() {
  const reminders = useReminders();
  const actions = useQuery({
    queryKey: ['my-actions'],
    queryFn: () => getJson<Answer<typeof listActionsRoute>>('/api/v1/actions?mine=true'),
  });
  if (actions.isError) return <Problem error={actions.error} />;
  if (!actions.data) return <p aria-busy="true">Loading your actions…</p>;
  const open = actions.data.actions.filter((a) => a.status === 'open');
  return (
    <>
      <h1>My actions</h1>
      <p>
        {open.length} open action{open.length === 1 ? '' : 's'}, {open.filter((a) => a.overdue).length}{' '}
        overdue
        {reminders.data && `; ${reminders.data.challenges} of your challenges overdue`}.
      </p>
      {reminders.isError && <Problem error={reminders.error} />}
      <Overdue items={reminders.data?.overdue ?? []} />
      <h2>All my actions</h2>
      <ul className="actions" data-testid="my-actions">
        {actions.data.actions.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong> {a.overdue && <span className="band red">overdue</span>}{' '}
            {a.due_on && <>due {a.due_on} </>}
            {a.meeting && (
              <>
                from <Link to={`/meetings/${a.meeting.id}`}>{a.meeting.title}</Link>{' '}
              </>
            )}
            {a.challenge && (
              <>
                on <Link to={`/challenges/${a.challenge.id}`}>{a.challenge.title}</Link>{' '}
              </>
            )}
            {a.status === 'open' ? (
              <MarkDone id={a.id} title={a.title} />
            ) : (
              <span className="muted">
                {a.status}
                {a.done_on && ` ${a.done_on}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
