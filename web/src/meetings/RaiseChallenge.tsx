// The form to raise a challenge: title, category, the area it affects and, if it is about some of the
// area's schools, those schools by name; priority, due date and owner. From a meeting page it is raised
// at that meeting.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  listCategoriesRoute,
  Priority,
  raiseChallengeRoute,
} from '../../../src/meetings/challenge-contract.ts';
import type { Person } from '../../../src/meetings/meeting-contract.ts';
import type { getOrgUnitRoute } from '../../../src/registry/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, type ChoiceOption, codeOptions, plainOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';
import { useAreas } from '../useAreas.ts';
import { SchoolPicker } from './SchoolPicker.tsx';

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
  const session = useSession();
  // Offered only the units the caller may raise for (the server refuses others): every area for the
  // whole authority, an area lead's own areas, a head's own school.
  const led = new Set(session.roles.filter((r) => !r.group).map((r) => r.org_unit));
  const ownAreas = (areas.data?.org_units ?? []).filter((a) => session.whole_authority || led.has(a.code));
  const areaCodes = new Set(ownAreas.map((a) => a.code));
  // A head's school (or a cluster) is named by asking for it: the session knows only its code.
  const otherCodes = session.whole_authority ? [] : [...led].filter((code) => !areaCodes.has(code));
  const otherUnits = useQueries({
    queries: otherCodes.map((code) => ({
      queryKey: ['org-unit', code],
      enabled: areas.isSuccess,
      queryFn: () => getJson<Answer<typeof getOrgUnitRoute>>(`/api/v1/org-units/${encodeURIComponent(code)}`),
    })),
  });
  const units: ChoiceOption[] = [
    ...codeOptions(ownAreas),
    ...otherCodes.map((code, i) => ({ value: code, label: otherUnits[i]?.data?.name ?? code })),
  ];
  // "Me" is the signed-in person: they are not offered a second time by name.
  const others = people.filter((p) => p.code !== session.person?.code);
  const [form, setForm] = useState<{
    title: string;
    category: string;
    unit: string;
    schools: string[];
    priority: Priority;
    due_on: string;
    owner: string;
  }>({
    title: '',
    category: '',
    unit: '',
    schools: [],
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
            units: form.schools.length ? form.schools : [form.unit],
            priority: form.priority,
            due_on: form.due_on || null,
            owner: form.owner || null,
            meeting_id: meetingId ?? null,
          } satisfies Body<typeof raiseChallengeRoute>);
          setMessage(`Challenge ${id} raised.`);
          setForm({ ...form, title: '', schools: [] });
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
        onChange={(unit) => setForm({ ...form, unit, schools: [] })}
        empty="Choose…"
        options={units}
      />
      {areaCodes.has(form.unit) && (
        <SchoolPicker area={form.unit} chosen={form.schools} onChange={set('schools')} />
      )}
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
        options={codeOptions(others)}
      />
      {error && <Problem error={error} />}
      <button type="submit">Raise it</button> <span aria-live="polite">{message}</span>
    </form>
  );
}
