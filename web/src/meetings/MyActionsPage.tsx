// "My actions": what the signed-in person has agreed to do, overdue first, each marked done from here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { editActionRoute, listActionsRoute } from '../../../src/meetings/meeting-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';

export function MyActionsPage() {
  const queryClient = useQueryClient();
  const actions = useQuery({
    queryKey: ['my-actions'],
    queryFn: () => getJson<Answer<typeof listActionsRoute>>('/api/v1/actions?mine=true'),
  });
  if (actions.isError) return <Problem error={actions.error} />;
  if (!actions.data) return <p aria-busy="true">Loading your actions…</p>;
  const open = actions.data.actions.filter((a) => a.status === 'open');
  return (
    <>
      <h1>My actions</h1>
      <p>
        {open.length} open, {open.filter((a) => a.overdue).length} overdue.
      </p>
      <ul className="actions" data-testid="my-actions">
        {actions.data.actions.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong> {a.overdue && <span className="band red">overdue</span>}{' '}
            {a.due_on && <>due {a.due_on} </>}
            {a.meeting && (
              <>
                from <Link to={`/meetings/${a.meeting.id}`}>{a.meeting.title}</Link>{' '}
              </>
            )}
            {a.challenge && (
              <>
                on <Link to={`/challenges/${a.challenge.id}`}>{a.challenge.title}</Link>{' '}
              </>
            )}
            {a.status === 'open' ? (
              <button
                type="button"
                onClick={async () => {
                  await send('PATCH', `/api/v1/actions/${a.id}`, {
                    status: 'done',
                  } satisfies Body<typeof editActionRoute>);
                  await queryClient.invalidateQueries();
                }}
              >
                Mark done<span className="sr-only">: {a.title}</span>
              </button>
            ) : (
              <span className="muted">
                {a.status}
                {a.done_on && ` ${a.done_on}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
