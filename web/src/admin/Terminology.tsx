// The authority's words for its structure, e.g. "LGEA" for area and "Education Secretary" for area lead.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { send, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';

export function Terminology() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<string, string>>(session.terms);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  return (
    <form
      className="terms"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await send('PUT', '/api/v1/terminology', draft);
          await queryClient.invalidateQueries({ queryKey: ['session'] });
          setMessage('Saved.');
        } catch (err) {
          setError(err as Error);
        }
      }}
    >
      <h2>Words for the structure</h2>
      <p>For example “LGEA” for area and “Education Secretary” for area lead.</p>
      {Object.keys(session.terms).map((key) => (
        <p key={key}>
          <label htmlFor={`term-${key}`}>{words(key)}</label>{' '}
          <input
            id={`term-${key}`}
            value={draft[key] ?? ''}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          />
        </p>
      ))}
      {error && <Problem error={error} />}
      <button type="submit">Save the words</button> <span aria-live="polite">{message}</span>
    </form>
  );
}
