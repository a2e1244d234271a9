// One leader's ratings in an audit: self against validated per competency with the gap, the evidence
// and who validated; the leader rates themselves here while the audit is open, and their validator
// records the validated rating with its evidence. Below, the programmes recommended for their weakest.
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { ratingsRoute } from '../../../src/skills/contract.ts';
import type { recommendationsRoute } from '../../../src/skills/heatmap-contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { roleName } from '../programmes/labels.tsx';
import { Scroll } from '../Scroll.tsx';
import { useUrlState } from '../useUrlState.ts';
import { gapText, ratingText, SkillsNav } from './labels.tsx';
import { Offers } from './Offers.tsx';
import { RatingForm } from './RatingForm.tsx';

export function LeaderPage() {
  const { person = '' } = useParams();
  const [filter] = useUrlState({ audit: '' });
  const params = new URLSearchParams({ person });
  if (filter.audit) params.set('audit', filter.audit);
  const ratings = useQuery({
    queryKey: ['skill-ratings', params.toString()],
    queryFn: () => getJson<Answer<typeof ratingsRoute>>(`/api/v1/skills/ratings?${params}`),
    enabled: filter.audit !== '',
  });
  const advice = useQuery({
    queryKey: ['skill-recommendations', params.toString()],
    queryFn: () => getJson<Answer<typeof recommendationsRoute>>(`/api/v1/skills/recommendations?${params}`),
  });
  const data = ratings.data;
  return (
    <>
      <h1>{data ? data.name : 'A leader’s ratings'}</h1>
      <SkillsNav />
      {filter.audit === '' && <p>Choose the leader from an audit’s list of leaders.</p>}
      {ratings.isError && <Problem error={ratings.error} />}
      {data && (
        <>
          <p>
            {roleName(data.post_role)}
            {data.school_name ? `, ${data.school_name}` : ''}. {data.audit.name}, {data.audit.opens_on} to{' '}
            {data.audit.closes_on}
            {data.audit.open ? ' (open)' : ' (closed)'}.
          </p>
          <Scroll label="Ratings">
            <table className="grid" data-testid="ratings">
              <caption>Self against validated, by competency</caption>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col">Self</th>
                  <th scope="col">Validated</th>
                  <th scope="col">Gap</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {data.ratings.map((r) => (
                  <tr key={r.competency} data-testid={`rating-${r.competency}`}>
                    <th scope="row">{r.name}</th>
                    <td>
                      {ratingText(r.self)}
                      {r.self_note && (
                        <>
                          <br />
                          <small>{r.self_note}</small>
                        </>
                      )}
                    </td>
                    <td>{ratingText(r.validated)}</td>
                    <td>{gapText(r.gap)}</td>
                    <td>
                      {r.evidence || '—'}
                      {r.validator && (
                        <>
                          <br />
                          <small>
                            {r.validator}, {r.validated_on}
                          </small>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          {data.may_rate_self && <RatingForm side="self" leader={data} />}
          {data.may_validate && <RatingForm side="validated" leader={data} />}
        </>
      )}
      <section aria-labelledby="recommended">
        <h2 id="recommended">Recommended programmes</h2>
        {advice.isError && <Problem error={advice.error} />}
        {advice.data &&
          (advice.data.weaknesses.length === 0 ? (
            <p data-testid="weaknesses">No validated rating below {advice.data.weak_below} in this audit.</p>
          ) : (
            <ul data-testid="weaknesses">
              {advice.data.weaknesses.map((w) => (
                <li key={w.competency}>
                  <strong>{w.name}</strong>, validated {ratingText(w.rating)}
                  <Offers programmes={w.programmes} />
                </li>
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}
