// Administration: the authority's words for its structure, who holds which role where, and the
// latest entries of the audit log.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { listAuditEventsRoute, listUsersRoute } from '../../../src/auth/contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, send, words } from '../api.ts';
import { NoAccess } from '../NoAccess.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';

function Terminology() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<string, string>>(session.terms);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  return (
    <form
      className="terms"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await send('PUT', '/api/v1/terminology', draft);
          await queryClient.invalidateQueries({ queryKey: ['session'] });
          setMessage('Saved.');
        } catch (err) {
          setError(err as Error);
        }
      }}
    >
      <h2>Words for the structure</h2>
      <p>For example “LGEA” for area and “Education Secretary” for area lead.</p>
      {Object.keys(session.terms).map((key) => (
        <p key={key}>
          <label htmlFor={`term-${key}`}>{words(key)}</label>{' '}
          <input
            id={`term-${key}`}
            value={draft[key] ?? ''}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          />
        </p>
      ))}
      {error && <Problem error={error} />}
      <button type="submit">Save the words</button> <span aria-live="polite">{message}</span>
    </form>
  );
}

function RecentChanges() {
  const events = useQuery({
    queryKey: ['audit'],
    queryFn: () => getJson<Answer<typeof listAuditEventsRoute>>('/api/v1/audit?page_size=25'),
  });
  if (events.isError) return <Problem error={events.error} />;
  if (!events.data) return <p aria-busy="true">Loading the audit log…</p>;
  return (
    <>
      <p>
        The latest 25 of {events.data.total} events; each event's rows, before and after, are at{' '}
        <code>GET /api/v1/audit/&#123;id&#125;</code>.
      </p>
      <Scroll label="Audit log">
        <table className="grid" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col" className="number">
                Rows changed
              </th>
            </tr>
          </thead>
          <tbody>
            {events.data.events.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toISOString().slice(0, 16).replace('T', ' ')}</td>
                <td>{e.actor}</td>
                <td>
                  {words(e.action)} {e.entity}
                </td>
                <td className="number">{e.changes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </>
  );
}

export function AdminPage() {
  const session = useSession();
  // Opened by its address without the role: a clear page, not forms whose save would be refused.
  if (!can(session, 'users:admin'))
    return (
      <NoAccess title="Administration" needs="manage accounts, the authority’s words or the audit log" />
    );
  return <Administration />;
}

function Administration() {
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => getJson<Answer<typeof listUsersRoute>>('/api/v1/users'),
  });
  return (
    <section>
      <h1>Administration</h1>
      <Terminology />
      <h2>Accounts</h2>
      <p>
        Add accounts and roles with <code>headway user add</code> or <code>POST /api/v1/users</code>; the
        audit log is at <code>GET /api/v1/audit</code>.
      </p>
      {users.isError && <Problem error={users.error} />}
      {users.data && (
        <Scroll label="Accounts">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.email}>
                  <td>
                    {u.email}
                    {u.disabled && <span className="tag warn"> disabled</span>}
                  </td>
                  <td>{u.name}</td>
                  <td>{u.roles.map((r) => `${words(r.role)} at ${r.org_unit}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <h2>Audit log</h2>
      <RecentChanges />
    </section>
  );
}
