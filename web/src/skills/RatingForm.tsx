// Recording a rating: the leader's own (with an optional note) or the validated one (with the evidence it
// rests on). The levels are described in the competency's own words, so a rating means the same to all.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  frameworkRoute,
  LeaderRatings,
  rateSelfRoute,
  validateRoute,
} from '../../../src/skills/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { levelNames } from './labels.tsx';

export function RatingForm({ side, leader }: { side: 'self' | 'validated'; leader: LeaderRatings }) {
  const framework = useQuery({
    queryKey: ['skill-framework'],
    queryFn: () => getJson<Answer<typeof frameworkRoute>>('/api/v1/skills/framework'),
  });
  const live = (framework.data?.competencies ?? []).filter((c) => !c.retired);
  // Start at the first competency not yet rated on this side.
  const unrated = leader.ratings.find((r) => (side === 'self' ? r.self : r.validated) === null);
  const [competency, setCompetency] = useState('');
  const [rating, setRating] = useState('');
  const [text, setText] = useState('');
  const { error, run } = useAction();
  const chosen = competency || unrated?.competency || live[0]?.code || '';
  const detail = live.find((c) => c.code === chosen);
  const own = side === 'self';
  return (
    <section aria-labelledby={`rate-${side}`} className="panel">
      <h2 id={`rate-${side}`}>{own ? 'Rate yourself' : `Validate ${leader.name}’s ratings`}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const key = {
              audit: leader.audit.code,
              person: leader.person,
              competency: chosen,
              rating: Number(rating),
            };
            if (own)
              await send('PUT', '/api/v1/skills/ratings/self', { ...key, note: text } satisfies Body<
                typeof rateSelfRoute
              >);
            else
              await send('PUT', '/api/v1/skills/ratings/validated', {
                ...key,
                evidence: text,
              } satisfies Body<typeof validateRoute>);
            setRating('');
            setText('');
            setCompetency('');
          });
        }}
      >
        <Choice
          label="Competency"
          value={chosen}
          onChange={setCompetency}
          options={live.map((c) => ({ value: c.code, label: c.name }))}
        />
        {detail && (
          <p>
            <small>
              {detail.description}
              {!own && detail.evidence && ` Look for: ${detail.evidence}`}
            </small>
          </p>
        )}
        <Choice
          label="Rating"
          value={rating}
          onChange={setRating}
          required
          empty="choose…"
          options={levelNames.map((name, i) => ({
            value: String(i + 1),
            label: `${i + 1} ${name.toLowerCase()}${detail ? `: ${detail.levels[i]}` : ''}`,
          }))}
        />
        <label>
          {own ? 'Note (optional)' : 'Evidence'}{' '}
          <textarea value={text} required={!own} rows={2} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit">{own ? 'Save my rating' : 'Save the validated rating'}</button>
        {error && <Problem error={error} />}
      </form>
    </section>
  );
}
