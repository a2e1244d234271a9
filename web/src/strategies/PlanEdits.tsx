// Small edits to a plan already written: rename a strategy or change its purpose, move a milestone's
// date, and remove a measure or a link (asked twice, since a removal cannot be undone from the page).
import { useState } from 'react';
import type { Body } from '../../../src/contract.ts';
import type { editMilestoneRoute, editStrategyRoute, Milestone } from '../../../src/strategies/contract.ts';
import { send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

export function RenameStrategy({ code, name, purpose }: { code: string; name: string; purpose: string }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ name, purpose });
  return (
    <details>
      <summary>Rename or change the purpose</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run(() =>
            send('PATCH', `/api/v1/strategies/${encodeURIComponent(code)}`, {
              name: form.name,
              purpose: form.purpose,
            } satisfies Body<typeof editStrategyRoute>),
          );
        }}
      >
        <label>
          Strategy name{' '}
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Strategy purpose{' '}
          <textarea
            rows={3}
            value={form.purpose}
            onChange={(e) => setForm({ ...form, purpose: e.target.value })}
          />
        </label>
        <button type="submit">Save name and purpose</button>
        {error && <Problem error={error} />}
      </form>
    </details>
  );
}

export function MoveMilestone({ milestone }: { milestone: Milestone }) {
  const { error, run } = useAction();
  const [dueOn, setDueOn] = useState(milestone.due_on);
  return (
    <details>
      <summary>
        Change date<span className="sr-only">: {milestone.title}</span>
      </summary>
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          run(() =>
            send('PATCH', `/api/v1/strategies/milestones/${milestone.id}`, {
              due_on: dueOn,
            } satisfies Body<typeof editMilestoneRoute>),
          );
        }}
      >
        <label>
          New due date <input required type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </label>{' '}
        <button type="submit" disabled={dueOn === milestone.due_on}>
          Save date
        </button>
        {error && <Problem error={error} />}
      </form>
    </details>
  );
}

/** A Remove button that asks once more in place before it sends DELETE to `path`. */
export function RemoveButton({ what, path }: { what: string; path: string }) {
  const { error, run } = useAction();
  const [asking, setAsking] = useState(false);
  return (
    <>
      {asking ? (
        <>
          <button type="button" onClick={() => run(() => send('DELETE', path))}>
            Yes, remove<span className="sr-only"> {what}</span>
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            Keep<span className="sr-only"> {what}</span>
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          Remove<span className="sr-only"> {what}</span>
        </button>
      )}
      {error && <Problem error={error} />}
    </>
  );
}
