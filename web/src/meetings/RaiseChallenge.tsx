// The form to raise a challenge: title, category, the area or school it affects, priority, due date
// and owner; from a meeting page it is raised at that meeting.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  listCategoriesRoute,
  Priority,
  raiseChallengeRoute,
} from '../../../src/meetings/challenge-contract.ts';
import type { Person } from '../../../src/meetings/meeting-contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, codeOptions, plainOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAreas } from '../useAreas.ts';

const priorities = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly Priority[];

export function useCategories() {
  return useQuery({
    queryKey: ['challenge-categories'],
    queryFn: () => getJson<Answer<typeof listCategoriesRoute>>('/api/v1/challenge-categories'),
  });
}

export function RaiseChallenge({ meetingId, people }: { meetingId?: number; people: Person[] }) {
  const queryClient = useQueryClient();
  const categories = useCategories();
  const areas = useAreas();
  const [form, setForm] = useState<{
    title: string;
    category: string;
    unit: string;
    priority: Priority;
    due_on: string;
    owner: string;
  }>({
    title: '',
    category: '',
    unit: '',
    priority: 'medium',
    due_on: '',
    owner: '',
  });
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');
  const set =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) =>
      setForm({ ...form, [key]: value });
  return (
    <form
      className="stack"
      aria-label="Raise a challenge"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const { id } = await send<Answer<typeof raiseChallengeRoute>>('POST', '/api/v1/challenges', {
            title: form.title,
            category: form.category,
            units: [form.unit],
            priority: form.priority,
            due_on: form.due_on || null,
            owner: form.owner || null,
            meeting_id: meetingId ?? null,
          } satisfies Body<typeof raiseChallengeRoute>);
          setMessage(`Challenge ${id} raised.`);
          setForm({ ...form, title: '' });
          await queryClient.invalidateQueries();
        } catch (err) {
          setError(err as Error);
        }
      }}
    >
      <h2>Raise a challenge</h2>
      <label>
        Title{' '}
        <input required value={form.title} onChange={(e) => set('title')(e.target.value)} maxLength={200} />
      </label>
      <Choice
        label="Category"
        required
        value={form.category}
        onChange={set('category')}
        empty="Choose…"
        options={codeOptions(categories.data?.categories.filter((c) => !c.retired))}
      />
      <Choice
        label="Affects"
        required
        value={form.unit}
        onChange={set('unit')}
        empty="Choose…"
        options={codeOptions(areas.data?.org_units)}
      />
      <Choice
        label="Priority"
        value={form.priority}
        onChange={set('priority')}
        options={plainOptions(priorities)}
      />
      <label>
        Due <input type="date" value={form.due_on} onChange={(e) => set('due_on')(e.target.value)} />
      </label>
      <Choice
        label="Owner"
        value={form.owner}
        onChange={set('owner')}
        empty="Me"
        options={codeOptions(people)}
      />
      {error && <Problem error={error} />}
      <button type="submit">Raise it</button> <span aria-live="polite">{message}</span>
    </form>
  );
}
