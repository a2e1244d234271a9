// One challenge: what it is, where and whose; the moves the workflow allows next (with the resolution
// or reason each needs); reassigning it; a dated update; and its timeline, actions and recurrences.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  addChallengeNoteRoute,
  Challenge,
  ChallengeStatus,
  challengeRoute,
  editChallengeRoute,
  moveChallengeRoute,
} from '../../../src/meetings/challenge-contract.ts';
import type { meetingRoute, Person } from '../../../src/meetings/meeting-contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { fitWidth } from './fit.ts';
import { statusLabel } from './status-labels.ts';

/** "Reopen" only where something finished is opened again; an in-progress one just goes back to open. */
function moveLabel(from: ChallengeStatus, to: ChallengeStatus): string {
  if ((from === 'closed' && to === 'open') || (from === 'resolved' && to === 'in_progress')) return 'Reopen';
  if (from === 'in_progress' && to === 'open') return 'Back to open (not started)';
  if (to === 'closed') return "Close: won't fix";
  return `Mark ${statusLabel[to].toLowerCase()}`;
}

function Moves({ challenge }: { challenge: Challenge }) {
  const [text, setText] = useState('');
  const { error, run } = useAction();
  if (challenge.status === 'verified') return <p>This challenge is verified: its record is complete.</p>;
  // The server lists only the moves this caller may make, so nothing here offers what it would refuse.
  if (challenge.next.length === 0) return null;
  const move = (to: ChallengeStatus) =>
    run(async () => {
      await send('POST', `/api/v1/challenges/${challenge.id}/status`, {
        to,
        ...(to === 'resolved' && { resolution: text }),
        ...(to === 'closed' && { reason: text }),
        ...(to !== 'resolved' && to !== 'closed' && text && { note: text }),
      } satisfies Body<typeof moveChallengeRoute>);
      setText('');
    });
  return (
    <section aria-label="Move it on">
      <label>
        Resolution, reason or note{' '}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} style={fitWidth} />
      </label>
      <p>
        {challenge.next.map((to) => (
          <Fragment key={to}>
            <button type="button" onClick={() => move(to)}>
              {moveLabel(challenge.status, to)}
            </button>{' '}
          </Fragment>
        ))}
      </p>
      {error && <Problem error={error} />}
    </section>
  );
}

function Assign({ challenge, people }: { challenge: Challenge; people: Person[] }) {
  const [owner, setOwner] = useState(challenge.owner?.code ?? '');
  const { error, run } = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send('PATCH', `/api/v1/challenges/${challenge.id}`, {
            owner: owner || null,
          } satisfies Body<typeof editChallengeRoute>),
        );
      }}
    >
      <Choice
        label="Owner"
        value={owner}
        onChange={setOwner}
        empty="No owner"
        options={codeOptions(people)}
      />{' '}
      <button type="submit">Assign</button>
      {error && <Problem error={error} />}
    </form>
  );
}

function AddUpdate({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<Error | null>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const update: Body<typeof addChallengeNoteRoute> = { note };
          await send('POST', `/api/v1/challenges/${id}/updates`, update);
          setNote('');
          await queryClient.invalidateQueries();
        } catch (err) {
          setError(err as Error);
        }
      }}
    >
      <label>
        Update <input value={note} onChange={(e) => setNote(e.target.value)} required maxLength={5000} />
      </label>{' '}
      <button type="submit">Add to the timeline</button>
      {error && <Problem error={error} />}
    </form>
  );
}

/** Who it can be given to: the people at the meeting it was raised at, or else its current owner. */
function usePeople(challenge: Challenge | undefined, needed: boolean): Person[] {
  const meeting = useQuery({
    queryKey: ['meeting', challenge?.meeting?.id],
    enabled: needed && Boolean(challenge?.meeting),
    queryFn: () => getJson<Answer<typeof meetingRoute>>(`/api/v1/meetings/${challenge?.meeting?.id}`),
  });
  const people = new Map<string, Person>();
  for (const p of meeting.data?.attendees ?? []) people.set(p.code, { code: p.code, name: p.name });
  if (challenge?.owner) people.set(challenge.owner.code, challenge.owner);
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function ChallengePage() {
  const { id = '' } = useParams();
  const challenge = useQuery({
    queryKey: ['challenge', id],
    queryFn: () => getJson<Answer<typeof challengeRoute>>(`/api/v1/challenges/${encodeURIComponent(id)}`),
  });
  // Only those who run challenges, and its owner, get the forms (the API refuses the rest), and only
  // they need the people.
  const session = useSession();
  const owner = challenge.data?.owner?.code;
  const writer = can(session, 'meetings:write') || (owner !== undefined && owner === session?.person?.code);
  const people = usePeople(challenge.data, writer);
  if (challenge.isError) return <Problem error={challenge.error} />;
  const c = challenge.data;
  if (!c) return <p aria-busy="true">Loading the challenge…</p>;
  const facts: [string, ReactNode, string?][] = [
    [
      'Status',
      <>
        {statusLabel[c.status]} {c.overdue && <span className="band red">overdue</span>}
      </>,
      'status',
    ],
    ['Category', c.category_name],
    ['Affects', c.units.map((u) => u.name).join(', ')],
    ['Priority', c.priority],
    ['Owner', c.owner?.name ?? 'No owner', 'owner'],
    [
      'Raised',
      <>
        {c.raised_on} by {c.raised_by?.name ?? 'unknown'}
        {c.meeting && (
          <>
            {' '}
            at <Link to={`/meetings/${c.meeting.id}`}>{c.meeting.title}</Link>
          </>
        )}
      </>,
    ],
    ['Due', c.due_on ?? '–'],
    ['Age', `${c.age_days} days`],
    ...(c.resolution ? [['Resolution', `${c.resolution} (${c.resolved_on})`] as [string, ReactNode]] : []),
    ...(c.closed_reason ? [["Won't fix because", c.closed_reason] as [string, ReactNode]] : []),
  ];
  return (
    <>
      <p className="crumbs">
        <Link to="/challenges">Challenges</Link>
      </p>
      <h1>
        {c.id}. {c.title}
      </h1>
      <dl className="facts">
        {facts.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      {c.description && <p>{c.description}</p>}
      {writer && (
        <>
          <Moves challenge={c} />
          <Assign key={c.owner?.code ?? ''} challenge={c} people={people} />
          <AddUpdate id={c.id} />
        </>
      )}
      <h2>Timeline</h2>
      <ol className="timeline" data-testid="timeline">
        {c.timeline.map((t) => (
          <li key={t.id}>
            <time dateTime={t.on}>{t.on}</time>{' '}
            {t.kind === 'status' || t.kind === 'raised' ? (
              <strong>{t.to_status && statusLabel[t.to_status]}</strong>
            ) : (
              t.kind
            )}
            {t.note && `: ${t.note}`} <span className="muted">({t.author})</span>
          </li>
        ))}
      </ol>
      {c.actions.length > 0 && (
        <>
          <h2>Actions</h2>
          <ul>
            {c.actions.map((a) => (
              <li key={a.id}>
                {a.title} ({a.owner_name ?? 'no owner'}, {a.status}
                {a.due_on && `, due ${a.due_on}`})
              </li>
            ))}
          </ul>
        </>
      )}
      {c.recurring && (
        <>
          <h2>The same problem elsewhere: {c.recurring.title}</h2>
          <ul>
            {c.recurs_with.map((r) => (
              <li key={r.id}>
                <Link to={`/challenges/${r.id}`}>{r.title}</Link> ({r.areas.join(', ')},{' '}
                {statusLabel[r.status]})
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
