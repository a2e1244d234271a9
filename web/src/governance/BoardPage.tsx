// One governing board: places and vacancies by category, the members (contacts only to those who
// record for the board), the skills matrix with its gaps, training with what is overdue, the succession
// plan and why the board is not ready, and the headship recruitment rounds with the governors on each
// panel; with the forms for those who may use them.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { boardRoute } from '../../../src/governance/contract.ts';
import { getJson, path } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { AddMember, PanelForm, RateSkill, RecordTraining, SuccessionForm } from './BoardForms.tsx';
import { categoryNames, ratingNames, reasonNames, roleNames, statusNames } from './labels.ts';

type Board = Answer<typeof boardRoute>;

function Members({ board }: { board: Board }) {
  const courseName = new Map(board.courses.map((c) => [c.code, c.name]));
  return (
    <Scroll label="Members">
      <table data-testid="members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Category</th>
            <th scope="col">Roles</th>
            <th scope="col">Appointed</th>
            <th scope="col">Term ends</th>
            <th scope="col">Status</th>
            <th scope="col">Training overdue</th>
            {board.can_record && <th scope="col">Contact</th>}
          </tr>
        </thead>
        <tbody>
          {board.members.map((m) => (
            <tr key={m.id} data-member={m.name}>
              <th scope="row">{m.name}</th>
              <td>{categoryNames[m.category]}</td>
              <td>{m.roles.map((r) => roleNames[r]).join(', ')}</td>
              <td>{m.appointed_on}</td>
              <td>
                {m.term_ends_on}
                {m.term_ending && <strong> (ends soon)</strong>}
              </td>
              <td>{m.resigned_on ? `Resigned ${m.resigned_on}` : statusNames[m.status]}</td>
              <td>{m.overdue.map((c) => courseName.get(c) ?? c).join(', ')}</td>
              {board.can_record && (
                <td>
                  {m.email && <a href={`mailto:${m.email}`}>{m.email}</a>} {m.phone}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function SkillsMatrix({ board }: { board: Board }) {
  const serving = board.members.filter((m) => m.status === 'serving');
  return (
    <Scroll label="Skills matrix">
      <table data-testid="skills-matrix">
        <caption>
          Ratings: Some, Good, Expert. A skill is covered by a serving member rated Good or Expert.
        </caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            {serving.map((m) => (
              <th scope="col" key={m.id}>
                {m.name}
              </th>
            ))}
            <th scope="col">Gap</th>
          </tr>
        </thead>
        <tbody>
          {board.skills.map((s) => (
            <tr key={s.code} data-skill={s.code}>
              <th scope="row">{s.name}</th>
              {serving.map((m) => (
                <td key={m.id}>{ratingNames[m.skills[s.code] ?? 0] ?? ''}</td>
              ))}
              <td data-testid="gap">{s.gap === 'none' ? 'Nobody' : s.gap === 'one' ? 'Only one' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

function Succession({ board }: { board: Board }) {
  const s = board.succession;
  if (!s?.has_plan) return <p>No succession plan is recorded.</p>;
  return (
    <dl className="facts">
      <div>
        <dt>Reviewed</dt>
        <dd>{s.reviewed_on}</dd>
      </div>
      <div>
        <dt>Chair's successor</dt>
        <dd>{s.chair_successor?.name ?? 'None named'}</dd>
      </div>
      <div>
        <dt>Headship successor</dt>
        <dd>
          {[s.headship_successor?.name, s.headship_successor_note].filter(Boolean).join(': ') || 'None named'}
        </dd>
      </div>
      {s.notes && (
        <div>
          <dt>Notes</dt>
          <dd>{s.notes}</dd>
        </div>
      )}
    </dl>
  );
}

function Recruitment({ board }: { board: Board }) {
  if (board.headship_vacancies.length === 0)
    return <p>No headship vacancy is recorded at the board's schools.</p>;
  return (
    <ul className="stack">
      {board.headship_vacancies.map((v) => (
        <li key={v.id}>
          <Link to={`/vacancies/${v.id}`}>
            {v.school.name}, opened {v.opened_on}
          </Link>{' '}
          ({v.status})
          <ul>
            {v.rounds.map((r) => (
              <li key={r.id}>
                Round {r.number}, advertised {r.advertised_on}: {r.governors_on_panel} governors on the panel
                {r.governors.length > 0 && ` (${r.governors.map((g) => g.name).join(', ')})`}
                {board.can_record && <PanelForm board={board} round={r} />}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export function BoardPage() {
  const { code = '' } = useParams();
  const board = useQuery({
    queryKey: ['governance-board', code],
    queryFn: () => getJson<Board>(`/api/v1/governance/boards/${path(code)}`),
  });
  if (board.isError) return <Problem error={board.error} />;
  if (!board.data) return <p aria-busy="true">Loading the board…</p>;
  const b = board.data;
  return (
    <>
      <p>
        <Link to="/governance">Governing boards</Link>
      </p>
      <h1>{b.name}</h1>
      <p>
        Governs {b.schools.map((s) => s.name).join(' and ')}
        {b.group && ` (${b.group.name})`}. Clerk: {b.clerk_name || 'none recorded'}
        {b.clerk_email && ` (${b.clerk_email})`}.
      </p>
      <p data-testid="readiness">
        {b.reasons.length === 0 ? (
          'Ready for succession.'
        ) : (
          <>
            <strong>Not ready for succession:</strong> {b.reasons.map((r) => reasonNames[r]).join('; ')}.
          </>
        )}
      </p>
      <h2>Places</h2>
      <Scroll label="Places by category">
        <table data-testid="places">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="number">
                Places
              </th>
              <th scope="col" className="number">
                Serving
              </th>
              <th scope="col" className="number">
                Vacant
              </th>
            </tr>
          </thead>
          <tbody>
            {b.by_category.map((c) => (
              <tr key={c.category}>
                <th scope="row">{categoryNames[c.category]}</th>
                <td className="number">{c.places}</td>
                <td className="number">{c.serving}</td>
                <td className="number">{c.vacancies}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td className="number">{b.places}</td>
              <td className="number">{b.serving}</td>
              <td className="number" data-testid="vacant-total">
                {b.vacancies}
              </td>
            </tr>
          </tfoot>
        </table>
      </Scroll>
      <h2>Members</h2>
      <Members board={b} />
      {b.can_record && <AddMember board={b} />}
      <h2>Skills matrix</h2>
      <SkillsMatrix board={b} />
      {b.can_record && <RateSkill board={b} />}
      <h2>Training</h2>
      <ul>
        {b.courses.map((c) => (
          <li key={c.code}>
            {c.name}
            {c.mandatory
              ? `: mandatory${c.renew_months ? `, renewed every ${c.renew_months} months` : ', once'}; ${c.overdue} serving members overdue`
              : ''}
          </li>
        ))}
      </ul>
      {b.can_record && <RecordTraining board={b} />}
      <h2>Succession</h2>
      <Succession board={b} />
      {b.can_manage && <SuccessionForm board={b} />}
      <h2>Headteacher recruitment</h2>
      <Recruitment board={b} />
    </>
  );
}
