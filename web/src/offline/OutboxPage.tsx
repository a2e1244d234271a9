// What waits on this device: each visit queued offline with its state (waiting, with the last try's
// answer; a conflict to resolve; refused), the latest outcomes, "Sync now", and clearing the device.
import { Link } from 'react-router';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { clearDevice } from './device.ts';
import { triedText } from './outbox.ts';
import { refreshOutbox, syncNow, useOutbox } from './sync.ts';

const stateWords = {
  waiting: 'Waiting to sync',
  conflict: 'Changed by someone else: choose what to keep',
  refused: 'Refused',
};

export function OutboxPage() {
  const { items, outcomes } = useOutbox();
  const { error, run } = useAction();
  return (
    <>
      <p>
        <Link to="/visits">Visits</Link>
      </p>
      <h1>Waiting to sync</h1>
      <p>
        Visits recorded or changed with no connection are kept on this device and sent when the connection
        returns. {navigator.onLine ? 'You are online.' : 'You are offline.'}
      </p>
      {items.length === 0 ? (
        <p>Nothing is waiting on this device.</p>
      ) : (
        <ul data-testid="outbox">
          {items.map((item) => (
            <li key={item.key}>
              <Link to={`/visits/sync/${encodeURIComponent(item.key)}`}>
                {item.kind === 'record' ? 'New visit' : 'Change to the visit'} to {item.label}
              </Link>{' '}
              — {stateWords[item.state]}
              {item.state === 'waiting' && item.attempts > 0 && ` (${triedText(item)})`}
              {item.state === 'refused' && `: ${item.message}`}
            </li>
          ))}
        </ul>
      )}
      <p>
        <button type="button" onClick={() => run(() => syncNow(true))} disabled={items.length === 0}>
          Sync now
        </button>
      </p>
      {error && <Problem error={error} />}
      {outcomes.length > 0 && (
        <section aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading">Just now</h2>
          <ul data-testid="outcomes">
            {outcomes.map((o) => (
              <li key={o.key}>
                {o.label}: {o.message}
                {o.outcome === 'synced' && o.visit_id && (
                  <>
                    {' '}
                    (<Link to={`/visits/${o.visit_id}`}>open the visit</Link>)
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>This device</h2>
      <p>
        Drafts, visits waiting to sync, and the schools, people and rubrics the form needs are kept on this
        device. Clearing removes them all: a visit still waiting is lost.
      </p>
      <button
        type="button"
        onClick={() =>
          run(async () => {
            if (
              items.length &&
              !window.confirm(`Clear this device? ${items.length} waiting to sync will be lost.`)
            )
              return;
            await clearDevice();
            await refreshOutbox();
          })
        }
      >
        Clear this device’s offline data
      </button>
    </>
  );
}
