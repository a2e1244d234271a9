// Norming: the sessions the caller runs or rates in, and each rater's agreement across sessions. The
// director sees the team's calibration at a glance (every rater, worst first); a rater their own line.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { driftRoute, listSessionsRoute } from '../../../src/norming/contract.ts';
import { getJson, path } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { percent, signedLevels, Trend } from './figures.tsx';

type Rater = Answer<typeof driftRoute>['raters'][number];

/** A rater's own line, as a short list that reads on a phone. */
function OwnAgreement({ rater }: { rater: Rater }) {
  const last = rater.sessions.at(-1);
  return (
    <dl data-testid="team">
      <dt>Last session</dt>
      <dd>{last ? `${last.title} (${last.held_on})` : '—'}</dd>
      <dt>Against the master</dt>
      <dd>
        exact {percent(last?.exact ?? null)}, bias {signedLevels(last?.bias ?? null)}, weighted kappa{' '}
        {last?.kappa?.toFixed(2) ?? '—'}
      </dd>
      <dt>Kappa by session</dt>
      <dd>
        <Trend sessions={rater.sessions} name={rater.rater.name} />
      </dd>
      <dt>Drift</dt>
      <dd>{rater.drifting ? <strong>Drifting: {rater.drift_reason}</strong> : 'steady'}</dd>
      <dt>Calibrated</dt>
      <dd>
        {rater.calibrated ? (
          `yes, until ${rater.calibrated_until}`
        ) : (
          <strong>no{last?.flags.length ? `: ${last.flags.join('; ')}` : ''}</strong>
        )}
      </dd>
    </dl>
  );
}

function TeamTable({ raters, team }: { raters: Rater[]; team: boolean }) {
  if (raters.length === 0)
    return (
      <p>{team ? 'No session has closed yet.' : 'You have no agreement on record from a closed session.'}</p>
    );
  if (!team && raters[0]) return <OwnAgreement rater={raters[0]} />;
  return (
    <Scroll label={team ? 'Team calibration' : 'Your agreement'}>
      <table data-testid="team">
        <thead>
          <tr>
            <th scope="col">Rater</th>
            <th scope="col">Last session</th>
            <th scope="col" className="number">
              Exact
            </th>
            <th scope="col" className="number">
              Bias
            </th>
            <th scope="col" className="number">
              Kappa
            </th>
            <th scope="col">Kappa by session</th>
            <th scope="col">Drift</th>
            <th scope="col">Calibrated</th>
          </tr>
        </thead>
        <tbody>
          {raters.map((r) => {
            const last = r.sessions.at(-1);
            return (
              <tr key={r.rater.code}>
                <th scope="row">
                  <Link to={`/norming/log/${path(r.rater.code)}`}>{r.rater.name}</Link>
                </th>
                <td>{last?.held_on ?? '—'}</td>
                <td className="number">{percent(last?.exact ?? null)}</td>
                <td className="number">{signedLevels(last?.bias ?? null)}</td>
                <td className="number">{last?.kappa?.toFixed(2) ?? '—'}</td>
                <td>
                  <Trend sessions={r.sessions} name={r.rater.name} />
                </td>
                <td>{r.drifting ? <strong>Drifting: {r.drift_reason}</strong> : 'steady'}</td>
                <td>
                  {r.calibrated ? (
                    `yes, until ${r.calibrated_until}`
                  ) : (
                    <strong>no{last?.flags.length ? `: ${last.flags.join('; ')}` : ''}</strong>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

export function NormingPage() {
  const session = useSession();
  const team = session.whole_authority && can(session, 'visits:write');
  const sessions = useQuery({
    queryKey: ['norming-sessions'],
    queryFn: () => getJson<Answer<typeof listSessionsRoute>>('/api/v1/norming/sessions'),
  });
  const drift = useQuery({
    queryKey: ['norming-drift'],
    queryFn: () => getJson<Answer<typeof driftRoute>>('/api/v1/norming/drift'),
  });
  return (
    <>
      <h1>Norming</h1>
      <p>
        Raters score the same reference cases on one rubric on their own; their levels are compared with the
        master's the lead assessors agreed.{' '}
        {session.person && <Link to={`/norming/log/${path(session.person.code)}`}>Your development log</Link>}
      </p>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        {sessions.isError ? (
          <Problem error={sessions.error} />
        ) : !sessions.data ? (
          <p aria-busy="true">Loading sessions…</p>
        ) : sessions.data.sessions.length === 0 ? (
          <p>You run or rate in no norming session.</p>
        ) : (
          <Scroll label="Norming sessions">
            <table data-testid="sessions">
              <thead>
                <tr>
                  <th scope="col">Held</th>
                  <th scope="col">Session</th>
                  <th scope="col">Rubric</th>
                  <th scope="col">Led by</th>
                  <th scope="col" className="number">
                    Cases
                  </th>
                  <th scope="col" className="number">
                    Raters
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{s.held_on}</td>
                    <td>
                      <Link to={`/norming/${s.id}`}>{s.title}</Link>
                    </td>
                    <td>
                      {s.rubric.name} v{s.rubric.version}
                    </td>
                    <td>{s.led_by.name}</td>
                    <td className="number">{s.cases}</td>
                    <td className="number">{s.raters}</td>
                    <td>
                      {s.status === 'closed' ? (
                        <Link to={`/norming/${s.id}/report`}>closed: report</Link>
                      ) : (
                        'open'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </section>
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">{team ? 'Team calibration at a glance' : 'Your agreement over time'}</h2>
        <p>
          Against the master at each closed session; calibrated means within tolerance at the last session, in
          the months the installation allows. {team && 'Worst first.'}
        </p>
        {drift.isError ? (
          <Problem error={drift.error} />
        ) : !drift.data ? (
          <p aria-busy="true">Loading agreement…</p>
        ) : (
          <TeamTable raters={drift.data.raters} team={team} />
        )}
      </section>
    </>
  );
}
