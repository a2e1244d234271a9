// One cohort: how its participants fared (counts by outcome, the share promoted within N years of
// completing) and the participants the caller may see by name, each with their school and post at entry,
// the post that made them promoted and their placement; filtered and sorted in the address. The director
// records completion or withdrawal and enrols people by name; an area lead enrols people from their schools.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  addParticipantRoute,
  changeParticipantRoute,
  cohortRoute,
  Participant,
} from '../../../src/programmes/contract.ts';
import type { enrolablePeopleRoute } from '../../../src/programmes/people-contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { NamePicker } from '../NamePicker.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { useUrlState } from '../useUrlState.ts';
import { outcomeNames, ProgrammesNav, promotedShare, roleName } from './labels.tsx';

const sorts = {
  name: (p: Participant) => p.name,
  school: (p: Participant) => p.school_name ?? '',
  outcome: (p: Participant) => outcomeNames[p.outcome],
};
type Sort = keyof typeof sorts;

function Decide({ participant }: { participant: Participant }) {
  const [on, setOn] = useState('');
  const { error, run } = useAction();
  const change = (body: Body<typeof changeParticipantRoute>) =>
    run(() => send('PATCH', `/api/v1/programmes/participants/${participant.id}`, body));
  if (participant.status !== 'enrolled') return null;
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        void change({ status: 'completed', completed_on: on || undefined });
      }}
    >
      <label>
        Completed on <input type="date" value={on} onChange={(e) => setOn(e.target.value)} />
      </label>
      <button type="submit" aria-label={`Record ${participant.name} completed`}>
        Completed
      </button>
      <button
        type="button"
        onClick={() => void change({ status: 'withdrawn' })}
        aria-label={`Record ${participant.name} withdrawn`}
      >
        Withdrawn
      </button>
      {error && <Problem error={error} />}
    </form>
  );
}

/** Enrol by name: the people matching what is typed, in the caller's schools, picked from a list. */
function Enrol({ cohort }: { cohort: number }) {
  const [person, setPerson] = useState('');
  const [typed, setTyped] = useState('');
  const { error, run } = useAction();
  const q =
    typed
      .replace(/\s*\([^()]*\)$/, '')
      .split(',')[0]
      ?.trim() ?? '';
  const people = useQuery({
    queryKey: ['enrolable-people', q],
    queryFn: () =>
      getJson<Answer<typeof enrolablePeopleRoute>>(`/api/v1/programmes/people?q=${encodeURIComponent(q)}`),
    enabled: q.length >= 2,
    placeholderData: (previous) => previous,
  });
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!person) return;
        void run(async () => {
          await send('POST', `/api/v1/programmes/cohorts/${cohort}/participants`, {
            person,
          } satisfies Body<typeof addParticipantRoute>);
          setPerson('');
        });
      }}
    >
      <NamePicker
        key={person === '' ? 'empty' : 'picked'}
        label="Person"
        rows={people.data?.people ?? []}
        value={person}
        onPick={setPerson}
        onType={setTyped}
        required
        hint="Type part of a name and pick them from the list (name, post, school)."
      />
      <button type="submit" disabled={!person}>
        Enrol
      </button>
      {people.isError && <Problem error={people.error} />}
      {error && <Problem error={error} />}
    </form>
  );
}

export function CohortPage() {
  const { id } = useParams();
  const session = useSession();
  const [view, setView] = useUrlState({ outcome: '', sort: 'name', order: 'asc' });
  const cohort = useQuery({
    queryKey: ['programme-cohort', id],
    queryFn: () =>
      getJson<Answer<typeof cohortRoute>>(`/api/v1/programmes/cohorts/${encodeURIComponent(id ?? '')}`),
  });
  const director = can(session, 'programmes:write') && session.whole_authority;
  if (cohort.isError) return <Problem error={cohort.error} />;
  if (!cohort.data) return <p aria-busy="true">Loading the cohort…</p>;
  const c = cohort.data;
  const key = sorts[(view.sort as Sort) in sorts ? (view.sort as Sort) : 'name'];
  const sign = view.order === 'desc' ? -1 : 1;
  const shown = c.participants
    .filter((p) => !view.outcome || p.outcome === view.outcome)
    .sort((a, b) => sign * key(a).localeCompare(key(b)) || a.name.localeCompare(b.name));
  const header = (label: string, sort: Sort) => (
    <SortHeader
      label={label}
      active={view.sort === sort}
      ascending={view.order !== 'desc'}
      onSort={() => setView({ sort, order: view.sort === sort && view.order !== 'desc' ? 'desc' : 'asc' })}
    />
  );
  const o = c.outcomes;
  return (
    <>
      <p className="crumbs">
        <Link to={`/programmes?programme=${encodeURIComponent(c.programme)}`}>{c.programme_name}</Link>
      </p>
      <h1>{c.name}</h1>
      <ProgrammesNav />
      <dl className="facts">
        <div>
          <dt>Dates</dt>
          <dd>
            {c.starts_on} to {c.ends_on}
          </dd>
        </div>
        <div>
          <dt>Provider</dt>
          <dd>{c.provider || '—'}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd data-testid="cohort-participants">{o.participants}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>{o.completed}</dd>
        </div>
        <div>
          <dt>Promoted within {o.years} years</dt>
          <dd data-testid="cohort-promoted">{promotedShare(o)}</dd>
        </div>
      </dl>
      <section aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">Outcomes</h2>
        <dl className="facts" data-testid="outcome-counts">
          {(Object.keys(outcomeNames) as Participant['outcome'][]).map((k) => (
            <div key={k}>
              <dt>{outcomeNames[k]}</dt>
              <dd data-testid={`count-${k}`}>{o.counts[k]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">Participants</h2>
        {c.hidden > 0 && (
          <p className="muted">
            {c.hidden} {c.hidden === 1 ? 'participant works' : 'participants work'} outside the schools you
            see by name: counted in the outcomes, not listed.
          </p>
        )}
        <div className="filters">
          <Choice
            label="Outcome"
            value={view.outcome}
            onChange={(outcome) => setView({ outcome })}
            options={(Object.keys(outcomeNames) as Participant['outcome'][]).map((k) => ({
              value: k,
              label: outcomeNames[k],
            }))}
            empty="any"
          />
        </div>
        {shown.length === 0 ? (
          <p>No participants to show.</p>
        ) : (
          <Scroll label="Participants">
            <table className="grid" data-testid="participants">
              <thead>
                <tr>
                  {header('Name', 'name')}
                  {header('School at entry', 'school')}
                  <th scope="col">Post at entry</th>
                  <th scope="col">Status</th>
                  {header('Outcome', 'outcome')}
                  <th scope="col">Placement</th>
                  {director && <th scope="col">Record</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.id} data-testid={`participant-${p.person}`}>
                    <th scope="row">{p.name}</th>
                    <td>
                      {p.school ? (
                        <Link to={`/schools/${encodeURIComponent(p.school)}`}>{p.school_name}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{roleName(p.post_role)}</td>
                    <td>{p.status === 'completed' ? `Completed ${p.completed_on}` : p.status}</td>
                    <td>
                      {outcomeNames[p.outcome]}
                      {p.outcome_post && (
                        <small>
                          <br />
                          {roleName(p.outcome_post.role)}, {p.outcome_post.school_name}, from{' '}
                          {p.outcome_post.starts_on}
                        </small>
                      )}
                    </td>
                    <td>{p.placement ? `${p.placement.host_school_name}, ${p.placement.days} days` : '—'}</td>
                    {director && (
                      <td>
                        <Decide participant={p} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
        {can(session, 'programmes:write') && (
          <details className="panel">
            <summary>{director ? 'Enrol someone' : 'Enrol someone from your schools'}</summary>
            <Enrol cohort={c.id} />
          </details>
        )}
      </section>
    </>
  );
}
