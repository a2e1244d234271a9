// The forms of a meeting its chair (or whoever leads its unit) runs: minutes, decisions and actions per
// agenda item, an item added to the agenda, and a decision of the meeting as a whole.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Body } from '../../../src/contract.ts';
import type {
  AgendaItem,
  addAgendaItemRoute,
  createActionRoute,
  Meeting,
  Person,
  recordDecisionRoute,
  recordMinutesRoute,
} from '../../../src/meetings/meeting-contract.ts';
import { send } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { fitWidth } from './fit.ts';

export function ItemMinutes({
  meeting,
  item,
  people,
}: {
  meeting: Meeting;
  item: AgendaItem;
  people: Person[];
}) {
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState(item.minutes);
  const [decision, setDecision] = useState('');
  const [action, setAction] = useState({ title: '', owner: '', due_on: '' });
  const [error, setError] = useState<Error | null>(null);
  const run = (work: () => Promise<unknown>) => async (e: { preventDefault(): void }) => {
    e.preventDefault();
    setError(null);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] });
    } catch (err) {
      setError(err as Error);
    }
  };
  const base = `/api/v1/meetings/${meeting.id}`;
  return (
    <>
      <form
        onSubmit={run(() =>
          send('PUT', `${base}/agenda/${item.id}/minutes`, {
            minutes,
          } satisfies Body<typeof recordMinutesRoute>),
        )}
      >
        <label>
          Minutes{' '}
          <textarea rows={2} style={fitWidth} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>{' '}
        <button type="submit">
          Save minutes<span className="sr-only"> of {item.title}</span>
        </button>
      </form>
      <form
        onSubmit={run(async () => {
          await send('POST', `${base}/decisions`, {
            agenda_item_id: item.id,
            text: decision,
          } satisfies Body<typeof recordDecisionRoute>);
          setDecision('');
        })}
      >
        <label>
          Decision <input value={decision} required onChange={(e) => setDecision(e.target.value)} />
        </label>{' '}
        <button type="submit">
          Record<span className="sr-only"> a decision on {item.title}</span>
        </button>
      </form>
      <form
        onSubmit={run(async () => {
          await send('POST', '/api/v1/actions', {
            title: action.title,
            owner: action.owner || null,
            due_on: action.due_on || null,
            meeting_id: meeting.id,
            agenda_item_id: item.id,
          } satisfies Body<typeof createActionRoute>);
          setAction({ title: '', owner: '', due_on: '' });
        })}
      >
        <label>
          Action{' '}
          <input
            value={action.title}
            required
            onChange={(e) => setAction({ ...action, title: e.target.value })}
          />
        </label>{' '}
        <Choice
          label="Owner"
          value={action.owner}
          onChange={(owner) => setAction({ ...action, owner })}
          empty="–"
          options={codeOptions(people)}
        />{' '}
        <label>
          Due{' '}
          <input
            type="date"
            value={action.due_on}
            onChange={(e) => setAction({ ...action, due_on: e.target.value })}
          />
        </label>{' '}
        <button type="submit">
          Add<span className="sr-only"> an action on {item.title}</span>
        </button>
      </form>
      {error && <Problem error={error} />}
    </>
  );
}

/** A new item at the end of the agenda: an area meeting's agenda is the chair's own, not drafted. */
export function AddAgendaItem({ meeting }: { meeting: Meeting }) {
  const [title, setTitle] = useState('');
  const { error, run } = useAction();
  return (
    <form
      aria-label="Add an agenda item"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/meetings/${meeting.id}/agenda`, { title } satisfies Body<
            typeof addAgendaItemRoute
          >);
          setTitle('');
        });
      }}
    >
      <label>
        Agenda item{' '}
        <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>{' '}
      <button type="submit">Add to the agenda</button>
      {error && <Problem error={error} />}
    </form>
  );
}

/** A decision of the meeting as a whole, not under any one item. */
export function MeetingDecision({ meeting }: { meeting: Meeting }) {
  const [text, setText] = useState('');
  const { error, run } = useAction();
  return (
    <form
      aria-label="Record a decision of the meeting"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/meetings/${meeting.id}/decisions`, {
            agenda_item_id: null,
            text,
          } satisfies Body<typeof recordDecisionRoute>);
          setText('');
        });
      }}
    >
      <label>
        Decision of the meeting{' '}
        <input value={text} required maxLength={5000} onChange={(e) => setText(e.target.value)} />
      </label>{' '}
      <button type="submit">Record the decision</button>
      {error && <Problem error={error} />}
    </form>
  );
}
