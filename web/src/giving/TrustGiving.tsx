// On a trust's page: its schools' gives and receives this year, the needs met within the trust against
// those brokered from outside, each school's stage of the improvement journey and latest inspection
// outcome, the trust's own system leaders with the support they gave, and its own specialists.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { trustGivingRoute } from '../../../src/giving/contract.ts';
import { getJson, path, words } from '../api.ts';
import { Scroll } from '../Scroll.tsx';
import { useTerm } from '../session.tsx';
import { days, FlowTable, statusNames } from './labels.tsx';

export function TrustGiving({ code }: { code: string }) {
  const term = useTerm();
  const giving = useQuery({
    queryKey: ['giving', 'trust', code],
    queryFn: () => getJson<Answer<typeof trustGivingRoute>>(`/api/v1/giving/trusts/${path(code)}`),
  });
  if (!giving.data) return giving.isPending ? <p aria-busy="true">Loading give and receive…</p> : null;
  const t = giving.data;
  const kind = term(t.trust.kind);
  return (
    <section data-testid="trust-giving">
      <h2>Give and receive in {t.year}</h2>
      <dl className="facts">
        <div>
          <dt>Gave and received</dt>
          <dd data-testid="trust-both">
            {t.summary.both} of {t.summary.schools}
          </dd>
        </div>
        <div>
          <dt>Only received</dt>
          <dd>{t.summary.only_received}</dd>
        </div>
        <div>
          <dt>Neither</dt>
          <dd>{t.summary.neither}</dd>
        </div>
        <div>
          <dt>Needs met within the {kind}</dt>
          <dd data-testid="trust-within">
            {t.needs_met_within} ({days(t.days_within)})
          </dd>
        </div>
        <div>
          <dt>Brokered from outside</dt>
          <dd data-testid="trust-outside">
            {t.needs_met_outside} ({days(t.days_outside)})
          </dd>
        </div>
      </dl>
      <p data-testid="trust-stages">
        Its schools by stage:{' '}
        {t.stages
          .filter((s) => s.schools > 0)
          .map((s) => `${s.stage} ${s.schools}`)
          .join(', ') || 'none placed'}
        .
      </p>
      <Scroll label={`The ${kind}'s schools: give and receive`}>
        <table aria-label={`The ${kind}'s schools: give and receive`} data-testid="trust-giving-schools">
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">Stage</th>
              <th scope="col">Latest inspection</th>
              <th scope="col">This year</th>
              <th scope="col" className="number">
                Gave
              </th>
              <th scope="col" className="number">
                Received
              </th>
            </tr>
          </thead>
          <tbody>
            {t.schools.map((s) => (
              <tr key={s.code}>
                <td>
                  <Link to={`/schools/${path(s.code)}`}>{s.name}</Link>
                </td>
                <td title={s.stage_reasons.join('; ')}>{s.stage ?? 'not placed'}</td>
                <td>{s.judgement ? `${s.judgement} (${s.inspected_on})` : 'not inspected'}</td>
                <td>{statusNames[s.status]}</td>
                <td className="number">
                  {s.deployments_given + s.placements_hosted} ({days(s.days_given)})
                </td>
                <td className="number">
                  {s.deployments_received} ({days(s.days_received)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <h3>Support its schools received</h3>
      <FlowTable flows={t.received} label={`Support the ${kind}'s schools received`} side="given_by" />
      <h3>
        The {kind}'s own system leaders ({t.leaders.length})
      </h3>
      {t.leaders.length === 0 ? (
        <p className="muted">No one at its schools holds a designation.</p>
      ) : (
        <ul data-testid="trust-leaders">
          {t.leaders.map((l) => (
            <li key={`${l.person}-${l.school}`}>
              {l.name}, {l.school_name}: {l.designations.map(words).join(', ')}; {l.deployments} deployment
              {l.deployments === 1 ? '' : 's'} this year ({days(l.days)})
            </li>
          ))}
        </ul>
      )}
      <h3>
        The {kind}'s own specialists ({t.specialists.length})
      </h3>
      {t.specialists.length === 0 ? (
        <p className="muted">
          No specialist leader, outstanding teacher or support-staff leader works at its schools.
        </p>
      ) : (
        <ul data-testid="trust-specialists">
          {t.specialists.map((s) => (
            <li key={s.id}>
              {s.person_name}, {s.school_name ?? 'no school'}: {s.kind_name}
              {s.specialism_names.length > 0 ? ` in ${s.specialism_names.join(', ')}` : ''}; {days(s.free)}{' '}
              free of {days(s.funded)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
