// One action: what it is for, who leads it, the groups it serves, its milestones, status history and
// evidence, and its measures; its lead (and those above them) update it here, and the strand's editors
// change its lead and groups.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { actionRoute } from '../../../src/strategies/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useUrlState } from '../useUrlState.ts';
import { ActionEditForm, AddEvidence, AddMilestone, MarkMilestone, UpdateStatus } from './ActionForms.tsx';
import { EvidenceFiles } from './EvidenceFiles.tsx';
import { ActionMoves, PastActionBanner } from './HistoryView.tsx';
import { LeadName, StatusTag, statusNames } from './labels.tsx';
import { MeasuresTable } from './MeasuresTable.tsx';
import { MoveMilestone } from './PlanEdits.tsx';
import { useGroups } from './useGroups.ts';

export function ActionPage() {
  const { id = '' } = useParams();
  const groups = useGroups();
  const [view, setView] = useUrlState({ as_of: '' });
  const action = useQuery({
    queryKey: ['strategy-action', id, view.as_of],
    queryFn: () =>
      getJson<Answer<typeof actionRoute>>(
        `/api/v1/strategies/actions/${encodeURIComponent(id)}${view.as_of ? `?as_of=${view.as_of}` : ''}`,
      ),
  });
  if (action.isError) return <Problem error={action.error} />;
  if (!action.data) return <p aria-busy="true">Loading the action…</p>;
  const a = action.data;
  const groupName = (code: string) => groups.find((g) => g.code === code)?.name ?? code;
  return (
    <>
      <p className="crumbs">
        <Link to="/strategies">Strategies</Link> ›{' '}
        <Link to={`/strategies/${encodeURIComponent(a.strategy.code)}`}>{a.strategy.name}</Link> ›{' '}
        {a.strand.name}
        {a.parent && (
          <>
            {' '}
            › <Link to={`/strategies/actions/${a.parent.id}`}>{a.parent.title}</Link>
          </>
        )}
      </p>
      <h1>
        {a.code} {a.title}
      </h1>
      {a.purpose && <p>{a.purpose}</p>}
      {view.as_of && (
        <PastActionBanner asOf={view.as_of} onToday={() => setView({ as_of: '' }, { push: true })} />
      )}
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd data-testid="action-status">
            <StatusTag status={a.status} />
            {a.status_on && <span className="muted"> since {a.status_on}</span>}
          </dd>
        </div>
        <div>
          <dt>Action lead</dt>
          <dd data-testid="action-lead">
            <LeadName lead={a.lead} />
          </dd>
        </div>
        <div>
          <dt>Strand lead</dt>
          <dd>
            <LeadName lead={a.strand.lead} />
          </dd>
        </div>
        <div>
          <dt>Overarching lead</dt>
          <dd>
            <LeadName lead={a.strategy.lead} />
          </dd>
        </div>
        <div>
          <dt>Serves</dt>
          <dd>{a.groups.length ? a.groups.map(groupName).join(', ') : '–'}</dd>
        </div>
      </dl>
      {a.can_update && <UpdateStatus id={a.id} status={a.status} />}
      {a.can_edit && <ActionEditForm action={a} groups={groups} />}
      {a.sub_actions.length > 0 && (
        <>
          <h2>Sub-actions</h2>
          <ul>
            {a.sub_actions.map((s) => (
              <li key={s.id}>
                <Link to={`/strategies/actions/${s.id}`}>
                  {s.code} {s.title}
                </Link>{' '}
                <StatusTag status={s.status} /> <LeadName lead={s.lead} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Milestones</h2>
      {a.milestones.length === 0 ? (
        <p>No milestones yet.</p>
      ) : (
        <ul data-testid="milestones">
          {a.milestones.map((m) => (
            <li key={m.id}>
              {m.title}, due {m.due_on}{' '}
              {m.done_on ? (
                <span className="band green">done {m.done_on}</span>
              ) : (
                m.overdue && <span className="band red">overdue</span>
              )}{' '}
              {a.can_update && (
                <>
                  <MarkMilestone milestone={m} /> <MoveMilestone milestone={m} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {a.can_update && <AddMilestone id={a.id} />}
      <h2>Status history</h2>
      {a.updates.length === 0 ? (
        <p>No updates yet.</p>
      ) : (
        <ol data-testid="updates">
          {a.updates.map((u) => (
            <li key={u.id}>
              <span className="date">{u.on}</span> {u.from_status ? statusNames[u.from_status] : ''} →{' '}
              <strong>{statusNames[u.to_status]}</strong> by {u.author}
              {u.commentary && <>: {u.commentary}</>}
            </li>
          ))}
        </ol>
      )}
      <ActionMoves id={a.id} />
      <h2>Evidence</h2>
      {a.evidence.length === 0 ? (
        <p>No evidence yet.</p>
      ) : (
        <ul>
          {a.evidence.map((e) => (
            <li key={e.id}>
              <span className="date">{e.added_on}</span> {e.note}{' '}
              {e.url && (
                <a href={e.url} rel="noreferrer noopener" target="_blank">
                  {e.url}
                </a>
              )}{' '}
              <span className="muted">({e.author})</span>
            </li>
          ))}
        </ul>
      )}
      {a.can_update && <AddEvidence id={a.id} />}
      <EvidenceFiles id={a.id} canAdd={a.can_update} />
      <h2>Measures</h2>
      <MeasuresTable measures={a.measures} removable={a.can_edit} />
    </>
  );
}
