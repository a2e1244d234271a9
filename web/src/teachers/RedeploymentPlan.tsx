// One redeployment plan: what it moves and what that changes (the gap, schools above the maximum ratio,
// the degree of randomness, before and after), each move with its reason and an accept or reject, the
// recruits, raising the accepted moves as actions of a teacher deployment challenge, the workbook, and,
// once later data is in, whether each receiving school's gap closed.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { planRoute, raisePlanRoute } from '../../../src/teachers/plan-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';

type Plan = Answer<typeof planRoute>;
type Move = Plan['moves'][number];

const figureRows: [string, keyof Plan['before']][] = [
  ['Teachers lacking against the norm', 'gap'],
  ['Teachers over the norm', 'surplus'],
  ['Schools above the maximum pupil-teacher ratio', 'schoolsAboveMaxRatio'],
  ['Pupils in those schools', 'pupilsInSchoolsAboveMaxRatio'],
  ['Degree of randomness (1 − R²)', 'degreeOfRandomness'],
];

const decisionWords = { proposed: 'proposed', accepted: 'accepted', rejected: 'rejected' } as const;

function Figures({ plan }: { plan: Plan }) {
  return (
    <Scroll label="Before and after the plan">
      <table data-testid="plan-figures">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="number">
              Before
            </th>
            <th scope="col" className="number">
              After the plan
            </th>
          </tr>
        </thead>
        <tbody>
          {figureRows.map(([label, key]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="number">{plan.before[key] ?? '—'}</td>
              <td className="number">{plan.after[key] ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** "closed", "2 left" or "3 more": the receiving school's gap now against the plan's month. */
function sinceText(m: Move, latest: string | null, month: string) {
  if (latest === null || latest === month || m.to_gap_now === null) return '—';
  if (m.to_gap_now <= 0) return `closed (${latest})`;
  return `${m.to_gap_now} under in ${latest} (was ${m.to_gap_then ?? '?'})`;
}

function Moves({ plan, editable }: { plan: Plan; editable: boolean }) {
  const { error, run } = useAction();
  const decide = (m: Move, decision: Move['decision']) =>
    run(() => send('PUT', `/api/v1/teachers/plans/${plan.id}/moves/${m.id}`, { decision }));
  return (
    <>
      <Scroll label="Moves">
        <table data-testid="plan-moves">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="number">
                Teachers
              </th>
              <th scope="col" className="number">
                km
              </th>
              <th scope="col">Why</th>
              <th scope="col">Decision</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {plan.moves.map((m) => (
              <tr key={m.id} data-move={m.id}>
                <th scope="row">{m.from.name}</th>
                <td>{m.to.name}</td>
                <td className="number">{m.teachers}</td>
                <td className="number">{m.km}</td>
                <td>{m.reason}</td>
                <td>
                  {decisionWords[m.decision]}
                  {m.action_id !== null && ' (an action of the challenge)'}
                  {editable && m.action_id === null && (
                    <span className="actions">
                      {' '}
                      {m.decision !== 'accepted' && (
                        <button type="button" onClick={() => void decide(m, 'accepted')}>
                          Accept<span className="sr-only"> the move to {m.to.name}</span>
                        </button>
                      )}{' '}
                      {m.decision !== 'rejected' && (
                        <button type="button" onClick={() => void decide(m, 'rejected')}>
                          Reject<span className="sr-only"> the move to {m.to.name}</span>
                        </button>
                      )}
                    </span>
                  )}
                </td>
                <td>{sinceText(m, plan.latest_month, plan.month)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {error && <Problem error={error} />}
    </>
  );
}

function Raise({ plan }: { plan: Plan }) {
  const { error, run } = useAction();
  const waiting = plan.moves.filter((m) => m.decision === 'accepted' && m.action_id === null).length;
  if (waiting === 0 && plan.challenge_id === null)
    return <p>Accept the moves to make, then raise them for the monthly meeting to track.</p>;
  return (
    <>
      {waiting > 0 && (
        <p>
          <button
            type="button"
            onClick={() =>
              void run(() =>
                send<Answer<typeof raisePlanRoute>>('POST', `/api/v1/teachers/plans/${plan.id}/raise`, {}),
              )
            }
          >
            Raise {waiting} accepted move{waiting === 1 ? '' : 's'} as actions
          </button>{' '}
          {plan.challenge_id === null ? 'of a new “teacher deployment” challenge' : 'of the plan’s challenge'}
        </p>
      )}
      {plan.challenge_id !== null && (
        <p data-testid="plan-challenge">
          Tracked as <Link to={`/challenges/${plan.challenge_id}`}>challenge {plan.challenge_id}</Link>.
        </p>
      )}
      {error && <Problem error={error} />}
    </>
  );
}

export function RedeploymentPlan() {
  const { id = '' } = useParams();
  const session = useSession();
  const plan = useQuery({
    queryKey: ['teacher-plan', id],
    queryFn: () => getJson<Plan>(`/api/v1/teachers/plans/${encodeURIComponent(id)}`),
  });
  if (plan.isError) return <Problem error={plan.error} />;
  if (!plan.data) return <p aria-busy="true">Loading the plan…</p>;
  const p = plan.data;
  const editable = can(session, 'brokering:write');
  return (
    <>
      <p>
        <Link to="/teachers/plans">Redeployment plans</Link>
      </p>
      <h1>
        Plan {p.id}: {p.unit.name}, {p.month}
      </h1>
      <p data-testid="plan-summary">
        {p.objective} teacher{p.objective === 1 ? '' : 's'} moved, {p.km} km in all; no plan under these
        limits moves more than {p.bound}
        {p.optimal ? ' (proved optimal)' : ''}. Within {p.limits.max_km} km by road (taken as{' '}
        {p.limits.detour} × the straight line, as roads are unknown), at most {p.limits.max_moves_out} out of
        a school
        {p.limits.within_clusters ? ', within clusters' : ''}. Made {p.made_on} by {p.made_by}.{' '}
        <a href={`/api/v1/teachers/plans/${p.id}/workbook`}>Download the workbook</a>
      </p>
      {p.unlocated.length > 0 && (
        <p className="notice">
          No coordinates, so in no move: {p.unlocated.join(', ')}. Record their latitude and longitude in the
          registry.
        </p>
      )}
      <h2>What the plan changes</h2>
      <Figures plan={p} />
      <h2>Moves</h2>
      {p.moves.length === 0 ? (
        <p>
          No move is possible under these limits: no school under its norm is within reach of one over it.
        </p>
      ) : (
        <Moves plan={p} editable={editable} />
      )}
      {editable && p.moves.length > 0 && <Raise plan={p} />}
      {p.recruits.length > 0 && (
        <>
          <h2>Recruits</h2>
          <ul data-testid="plan-recruits">
            {p.recruits.map((r) => (
              <li key={r.school.code}>
                {r.teachers} to {r.school.name} ({r.school.code})
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
