// Choosing a lead by name: the person's name is typed, matching registry people are offered, and the
// chosen one's code is what the form sends. Empty means no lead.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { findPeopleRoute } from '../../../src/strategies/contract.ts';
import { getJson } from '../api.ts';

export function PersonPicker({
  label,
  onChange,
  initial = '',
}: {
  label: string;
  /** The chosen person's code, or "" for none (or a name that matches no one). */
  onChange: (code: string) => void;
  initial?: string;
}) {
  const listId = useId();
  const [text, setText] = useState(initial);
  const query = text.replace(/ \([^)]*\)$/, '').trim();
  const people = useQuery({
    queryKey: ['strategy-people', query],
    queryFn: () =>
      getJson<Answer<typeof findPeopleRoute>>(`/api/v1/strategies/people?q=${encodeURIComponent(query)}`),
    enabled: query.length >= 2,
  });
  const options = people.data?.people ?? [];
  const shown = (p: { code: string; name: string }) => `${p.name} (${p.code})`;
  // The matches arrive after the typing: the chosen code follows the text and the matches together.
  const chosen = options.find((p) => shown(p) === text || p.name === text)?.code ?? '';
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => report.current(chosen), [chosen]);
  return (
    <label>
      {label}{' '}
      <input
        list={listId}
        value={text}
        placeholder="Type a name"
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      <datalist id={listId}>
        {options.map((p) => (
          <option key={p.code} value={shown(p)} />
        ))}
      </datalist>
    </label>
  );
}
