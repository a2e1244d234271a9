// The plan's past on the strategy and action pages: a banner and picker for the plan as it stood on a
// day (the day is in the address as ?as_of=, so a link to last term's plan can be shared), the list
// of reorganisations with who, when and why, and an action's moves between strands.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type {
  actionHistoryRoute,
  PlanChange,
  strategyHistoryRoute,
} from '../../../src/strategies/reorganise-contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';

/** 2026-03-31 as "31 March 2026". */
function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The last days of the three most recent terms before today (autumn ends in December, spring in March, summer in August). */
function recentTermEnds(today: string): string[] {
  const ends: string[] = [];
  for (let year = Number(today.slice(0, 4)); ends.length < 3 && year > 1000; year--)
    for (const end of [`${year}-12-31`, `${year}-08-31`, `${year}-03-31`])
      if (end < today && ends.length < 3) ends.push(end);
  return ends;
}

/** Picks the day to see the plan as it stood; with one chosen, says so plainly and offers the way back. */
export function PastView({ asOf, onChange }: { asOf: string; onChange: (asOf: string) => void }) {
  const today = new Date().toISOString().slice(0, 10);
  const [day, setDay] = useState(asOf);
  return (
    <section className="panel" aria-label="The plan on another day">
      {asOf ? (
        <p role="status" data-testid="as-of-banner">
          <strong>The plan as it stood on {longDate(asOf)}.</strong> It cannot be changed here.{' '}
          <button type="button" onClick={() => onChange('')}>
            Back to today’s plan
          </button>
        </p>
      ) : (
        <p className="muted">Today’s plan. See it as it stood at the end of an earlier day or term:</p>
      )}
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          if (day) onChange(day);
        }}
      >
        <label>
          Plan as it stood on{' '}
          <input type="date" max={today} value={day} onChange={(e) => setDay(e.target.value)} />
        </label>{' '}
        <button type="submit" disabled={!day}>
          Show
        </button>{' '}
        {recentTermEnds(today).map((end) => (
          <button
            key={end}
            type="button"
            onClick={() => {
              setDay(end);
              onChange(end);
            }}
          >
            Term ending {longDate(end)}
          </button>
        ))}
      </form>
    </section>
  );
}

/** On an action's page opened from a past view of the plan: says so, and offers today's action. */
export function PastActionBanner({ asOf, onToday }: { asOf: string; onToday: () => void }) {
  return (
    <p role="status" className="panel" data-testid="as-of-banner">
      <strong>The action as it stood on {longDate(asOf)}.</strong>{' '}
      <button type="button" onClick={onToday}>
        See it today
      </button>
    </p>
  );
}

function ChangeItem({ change }: { change: PlanChange }) {
  return (
    <li>
      <span className="date">{longDate(change.on_date)}</span> <strong>{change.summary}</strong>, by{' '}
      {change.author}. Why: {change.reason}
      {change.notes.length > 0 && (
        <ul>
          {change.notes.map((note) => (
            <li key={note} className="muted">
              {note}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The plan's changes, newest first; in the past view only those up to its day. */
export function HistoryList({ code, asOf }: { code: string; asOf: string }) {
  const history = useQuery({
    queryKey: ['strategy-history', code, asOf],
    queryFn: () =>
      getJson<Answer<typeof strategyHistoryRoute>>(
        `/api/v1/strategies/${encodeURIComponent(code)}/history${asOf ? `?to=${asOf}` : ''}`,
      ),
  });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History of the plan</h2>
      {history.isError && <Problem error={history.error} />}
      {history.data &&
        (history.data.changes.length === 0 ? (
          <p>
            {asOf
              ? 'No reorganisations by then: the strands were as they were set up.'
              : 'No reorganisations yet: the strands are as they were set up.'}
          </p>
        ) : (
          <ol data-testid="plan-history" reversed>
            {[...history.data.changes].reverse().map((c) => (
              <ChangeItem key={c.id} change={c} />
            ))}
          </ol>
        ))}
    </section>
  );
}

/** Where an action has been: its moves between strands, oldest first, with who, when and why. */
export function ActionMoves({ id }: { id: number }) {
  const history = useQuery({
    queryKey: ['strategy-action-history', id],
    queryFn: () => getJson<Answer<typeof actionHistoryRoute>>(`/api/v1/strategies/actions/${id}/history`),
  });
  if (history.isError) return <Problem error={history.error} />;
  const changes = history.data?.changes ?? [];
  if (changes.length === 0) return null;
  return (
    <>
      <h2>Moves between strands</h2>
      <ol data-testid="action-moves">
        {changes.map((c) => {
          const move = c.moves.find((m) => m.action_id === id);
          return (
            <li key={c.id}>
              <span className="date">{longDate(c.on_date)}</span>{' '}
              {move ? (
                <>
                  Moved from <strong>{move.from_strand.name}</strong> to{' '}
                  <strong>{move.to_strand.name}</strong>
                  {move.to_code !== move.from_code && ` (code ${move.from_code} became ${move.to_code})`}
                </>
              ) : (
                c.summary
              )}{' '}
              by {c.author}. Why: {c.reason}
              {move && c.kind !== 'move_action' && <span className="muted"> ({c.summary})</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
