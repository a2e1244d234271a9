// The action page's forms: the status update (a reason required when at risk or off track, said before
// sending), milestones, evidence, and for the strand's editors the action's lead and groups.
import { useState } from 'react';
import type { Body } from '../../../src/contract.ts';
import type {
  ActionDetail,
  ActionStatus,
  addEvidenceRoute,
  addMilestoneRoute,
  editActionRoute,
  editMilestoneRoute,
  Milestone,
  StrategyGroup,
  updateActionRoute,
} from '../../../src/strategies/contract.ts';
import { send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { statusNames } from './labels.tsx';
import { PersonPicker } from './PersonPicker.tsx';

const needsReason: ActionStatus[] = ['at_risk', 'off_track'];

export function UpdateStatus({ id, status }: { id: number; status: ActionStatus }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ status, commentary: '' });
  const reasonRequired = needsReason.includes(form.status);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/strategies/actions/${id}/updates`, {
            status: form.status,
            commentary: form.commentary,
          } satisfies Body<typeof updateActionRoute>);
          setForm({ ...form, commentary: '' });
        });
      }}
    >
      <h2>Update the status</h2>
      <Choice
        label="Status"
        value={form.status}
        onChange={(value) => setForm({ ...form, status: value })}
        options={(Object.keys(statusNames) as ActionStatus[]).map((value) => ({
          value,
          label: statusNames[value],
        }))}
      />
      <label>
        {reasonRequired ? 'Why (required when at risk or off track)' : 'Commentary'}{' '}
        <textarea
          value={form.commentary}
          onChange={(e) => setForm({ ...form, commentary: e.target.value })}
        />
      </label>
      <button type="submit">Record update</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function AddMilestone({ id }: { id: number }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ title: '', due_on: '' });
  return (
    <form
      className="controls"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send(
            'POST',
            `/api/v1/strategies/actions/${id}/milestones`,
            form satisfies Body<typeof addMilestoneRoute>,
          );
          setForm({ title: '', due_on: '' });
        });
      }}
    >
      <label>
        Milestone{' '}
        <input required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </label>{' '}
      <label>
        Due{' '}
        <input
          required
          type="date"
          value={form.due_on}
          onChange={(e) => setForm({ ...form, due_on: e.target.value })}
        />
      </label>{' '}
      <button type="submit">Add milestone</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function MarkMilestone({ milestone }: { milestone: Milestone }) {
  const { error, run } = useAction();
  const today = localToday();
  const done = milestone.done_on !== null;
  return (
    <>
      <button
        type="button"
        onClick={() =>
          run(() =>
            send('PATCH', `/api/v1/strategies/milestones/${milestone.id}`, {
              done_on: done ? null : today,
            } satisfies Body<typeof editMilestoneRoute>),
          )
        }
      >
        {done ? 'Not done' : 'Mark done'}
        <span className="sr-only">: {milestone.title}</span>
      </button>
      {error && <Problem error={error} />}
    </>
  );
}

/** Today in the browser's own calendar: the day a milestone is marked done on. */
function localToday() {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function AddEvidence({ id }: { id: number }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ note: '', url: '' });
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/strategies/actions/${id}/evidence`, {
            note: form.note,
            url: form.url || null,
          } satisfies Body<typeof addEvidenceRoute>);
          setForm({ note: '', url: '' });
        });
      }}
    >
      <h3>Add evidence</h3>
      <label>
        Note <textarea value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </label>
      <label>
        Link <input type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
      </label>
      <button type="submit">Add evidence</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function ActionEditForm({ action, groups }: { action: ActionDetail; groups: StrategyGroup[] }) {
  const { error, run } = useAction();
  const [lead, setLead] = useState('');
  const [chosen, setChosen] = useState(action.groups);
  const [text, setText] = useState({ title: action.title, purpose: action.purpose });
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send('PATCH', `/api/v1/strategies/actions/${action.id}`, {
            ...(lead ? { lead } : {}),
            title: text.title,
            purpose: text.purpose,
            groups: chosen,
          } satisfies Body<typeof editActionRoute>),
        );
      }}
    >
      <h2>Change the title, lead or groups</h2>
      <label>
        Action title{' '}
        <input required value={text.title} onChange={(e) => setText({ ...text, title: e.target.value })} />
      </label>
      <label>
        Action purpose{' '}
        <textarea
          rows={3}
          value={text.purpose}
          onChange={(e) => setText({ ...text, purpose: e.target.value })}
        />
      </label>
      <PersonPicker label="Action lead" onChange={setLead} />
      <fieldset>
        <legend>Serves</legend>
        {groups.map((g) => (
          <label key={g.code} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(g.code)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, g.code] : chosen.filter((x) => x !== g.code))
              }
            />{' '}
            {g.name}
          </label>
        ))}
      </fieldset>
      <button type="submit">Save</button>
      {error && <Problem error={error} />}
    </form>
  );
}
