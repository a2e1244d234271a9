// An area's weakest competencies (mean validated rating below the threshold, too few leaders not shown)
// with every programme that develops each and its next cohort, or none: one to commission.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { recommendationsRoute } from '../../../src/skills/heatmap-contract.ts';
import { getJson } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Offers } from './Offers.tsx';

export function AreaRecommendations({
  audit,
  areas,
  area,
  onArea,
}: {
  audit: string;
  areas: { code: string; name: string }[];
  area: string;
  onArea: (area: string) => void;
}) {
  const chosen = area || areas[0]?.code || '';
  const params = new URLSearchParams({ area: chosen });
  if (audit) params.set('audit', audit);
  const answer = useQuery({
    queryKey: ['skill-recommendations', params.toString()],
    queryFn: () => getJson<Answer<typeof recommendationsRoute>>(`/api/v1/skills/recommendations?${params}`),
    enabled: chosen !== '',
  });
  if (areas.length === 0) return null;
  const data = answer.data;
  return (
    <section aria-labelledby="area-recommendations">
      <h2 id="area-recommendations">Programmes to commission for an area</h2>
      <div className="filters">
        <Choice
          label="Area"
          value={chosen}
          onChange={onArea}
          options={areas.map((a) => ({ value: a.code, label: a.name }))}
        />
      </div>
      {answer.isError && <Problem error={answer.error} />}
      {data && (
        <>
          <p>
            Competencies where the validated ratings of {data.area?.name}’s leaders average below{' '}
            {data.weak_below}, weakest first.
          </p>
          {data.weaknesses.length === 0 ? (
            <p data-testid="area-weaknesses">
              None: no competency averages below {data.weak_below} (or too few leaders are validated yet).
            </p>
          ) : (
            <ul data-testid="area-weaknesses">
              {data.weaknesses.map((w) => (
                <li key={w.competency}>
                  <strong>{w.name}</strong>: mean {w.rating.toFixed(2)}, {w.weak_leaders} leader
                  {w.weak_leaders === 1 ? '' : 's'} below {data.weak_below}
                  <Offers programmes={w.programmes} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
