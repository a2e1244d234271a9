// The form to raise a challenge: title, category, the area or school it affects, priority, due date
// and owner; from a meeting page it is raised at that meeting.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Category } from '../../../src/meetings/challenge-contract.ts';
import type { Person } from '../../../src/meetings/meeting-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';

export function useCategories() {
  return useQuery({
    queryKey: ['challenge-categories'],
    queryFn: () => getJson<{ categories: Category[] }>('/api/v1/challenge-categories'),
  });
}

export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => getJson<{ org_units: { code: string; name: string }[] }>('/api/v1/org-units?level=area'),
  });
}

export function RaiseChallenge({ meetingId, people }: { meetingId?: number; people: Person[] }) {
  const queryClient = useQueryClient();
  const categories = useCategories();
  const areas = useAreas();
  const [form, setForm] = useState({
    title: '',
    category: '',
    unit: '',
    priority: 'medium',
    due_on: '',
    owner: '',
  });
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <form
      className="stack"
      aria-label="Raise a challenge"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const { id } = await send<{ id: number }>('POST', '/api/v1/challenges', {
            title: form.title,
            category: form.category,
            units: [form.unit],
            priority: form.priority,
            due_on: form.due_on || null,
            owner: form.owner || null,
            meeting_id: meetingId ?? null,
          });
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
        Title <input required value={form.title} onChange={set('title')} maxLength={200} />
      </label>
      <label>
        Category{' '}
        <select required value={form.category} onChange={set('category')}>
          <option value="">Choose…</option>
          {categories.data?.categories
            .filter((c) => !c.retired)
            .map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        Affects{' '}
        <select required value={form.unit} onChange={set('unit')}>
          <option value="">Choose…</option>
          {areas.data?.org_units.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority{' '}
        <select value={form.priority} onChange={set('priority')}>
          {['low', 'medium', 'high', 'urgent'].map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        Due <input type="date" value={form.due_on} onChange={set('due_on')} />
      </label>
      <label>
        Owner{' '}
        <select value={form.owner} onChange={set('owner')}>
          <option value="">Me</option>
          {people.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {error && <Problem error={error} />}
      <button type="submit">Raise it</button> <span aria-live="polite">{message}</span>
    </form>
  );
}
