// An audit's leaders the caller may see by name (a leader sees themselves; an area lead their area; a
// head their school; the director all), with how far each has rated themselves and been validated, and
// the mean gap between the two: above 0 the leader rates themselves higher than their validator does.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { auditLeadersRoute } from '../../../src/skills/contract.ts';
import { getJson, path } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { roleName } from '../programmes/labels.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';
import { ImportRatings } from './ImportRatings.tsx';
import { AuditChoice, gapText, SkillsNav, useAudits } from './labels.tsx';
import { OpenAudit } from './OpenAudit.tsx';

export function LeadersPage() {
  const session = useSession();
  const [filter, setFilter] = useUrlState({ audit: '', gap: '' });
  const audits = useAudits();
  const audit =
    filter.audit ||
    audits.data?.audits.find((a) => a.opens_on <= new Date().toISOString().slice(0, 10))?.code ||
    '';
  const leaders = useQuery({
    queryKey: ['skill-leaders', audit],
    queryFn: () => getJson<Answer<typeof auditLeadersRoute>>(`/api/v1/skills/audits/${path(audit)}/leaders`),
    enabled: audit !== '',
  });
  const rows = (leaders.data?.leaders ?? []).filter((l) => filter.gap !== 'over' || (l.gap ?? 0) > 0);
  const mine = session.person && leaders.data?.leaders.find((l) => l.person === session.person?.code);
  return (
    <>
      <h1>Leaders and their ratings</h1>
      <SkillsNav />
      <div className="filters">
        <AuditChoice value={filter.audit} onChange={(a) => setFilter({ audit: a })} />
        <label>
          <input
            type="checkbox"
            checked={filter.gap === 'over'}
            onChange={(e) => setFilter({ gap: e.target.checked ? 'over' : '' })}
          />{' '}
          Only those who rate themselves higher than validated
        </label>
      </div>
      {audits.data && audit === '' && <p>No skills audit has opened yet.</p>}
      {mine && (
        <p>
          <Link to={`/skills/leaders/${path(mine.person)}?audit=${path(audit)}`} data-testid="my-ratings">
            Your own ratings
          </Link>{' '}
          ({mine.self_rated} of {leaders.data?.competencies} rated by you)
        </p>
      )}
      {can(session, 'programmes:write') && session.whole_authority && (
        <>
          <OpenAudit onOpened={(code) => setFilter({ audit: code })} />
          <ImportRatings />
        </>
      )}
      {leaders.isError && <Problem error={leaders.error} />}
      {leaders.data && (
        <Scroll label="Leaders">
          <table className="grid" data-testid="skill-leaders">
            <caption>
              {leaders.data.audit.name}: {rows.length} leader{rows.length === 1 ? '' : 's'} shown
            </caption>
            <thead>
              <tr>
                <th scope="col">Leader</th>
                <th scope="col">Post</th>
                <th scope="col">School</th>
                <th scope="col" className="number">
                  Self-rated
                </th>
                <th scope="col" className="number">
                  Validated
                </th>
                <th scope="col">Self against validated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <tr key={l.person}>
                  <th scope="row">
                    <Link to={`/skills/leaders/${path(l.person)}?audit=${path(audit)}`}>{l.name}</Link>
                  </th>
                  <td>{roleName(l.post_role)}</td>
                  <td>{l.school_name ?? '—'}</td>
                  <td className="number">
                    {l.self_rated} of {leaders.data.competencies}
                  </td>
                  <td className="number">
                    {l.validated} of {leaders.data.competencies}
                  </td>
                  <td>{gapText(l.gap)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}
