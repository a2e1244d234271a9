// One account: its roles (grant one at a place chosen by name, revoke one), its password (made up and
// shown once, or set), disabling and enabling it, and its API tokens.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { listUsersRoute, Role } from '../../../src/auth/contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useSession, useTerm } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { RoleAtPlace } from './AddAccount.tsx';
import { TokensPanel } from './TokensPanel.tsx';
import { unitCodeOf, useOrgUnits } from './UnitPicker.tsx';
import { NewPassword, OneTimeSecret } from './widgets.tsx';

type User = Answer<typeof listUsersRoute>['users'][number];

export function AccountPanel({ email, onClose }: { email: string; onClose: () => void }) {
  const account = useQuery({
    queryKey: ['users', 'one', email],
    queryFn: async () => {
      const found = await getJson<Answer<typeof listUsersRoute>>(
        `/api/v1/users?q=${encodeURIComponent(email)}&page_size=500`,
      );
      return found.users.find((u) => u.email.toLowerCase() === email.toLowerCase()) ?? null;
    },
  });
  return (
    <section className="panel" aria-labelledby="account-title">
      {account.isError && <Problem error={account.error} />}
      {account.data === null && <p>There is no account {email}.</p>}
      {account.data && <Account user={account.data} />}
      <p>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
    </section>
  );
}

function Account({ user }: { user: User }) {
  const session = useSession();
  const term = useTerm();
  const units = useOrgUnits();
  const { error, run } = useAction();
  const [role, setRole] = useState<Role>('viewer');
  const [place, setPlace] = useState('');
  const [password, setPassword] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const userPath = `/api/v1/users/${path(user.email)}`;
  const self = session.user.email.toLowerCase() === user.email.toLowerCase();
  return (
    <>
      <h3 id="account-title">
        {user.name} <span className="tag">{user.email}</span>
        {user.disabled && <span className="tag warn"> disabled</span>}
      </h3>
      <h4>Roles</h4>
      {user.roles.length === 0 ? (
        <p>No roles: the account can sign in but sees nothing.</p>
      ) : (
        <ul data-testid="roles">
          {user.roles.map((r) => (
            <li key={`${r.role}@${r.org_unit}`}>
              {term(r.role, true)} at {r.name} ({r.org_unit}){' '}
              <button
                type="button"
                onClick={() =>
                  run(async () => {
                    const query = new URLSearchParams({ role: r.role, org_unit: r.org_unit });
                    await send('DELETE', `${userPath}/roles?${query}`);
                    setDone(`${term(r.role, true)} at ${r.name} revoked.`);
                  })
                }
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="filters"
        aria-label="Grant a role"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const org_unit = unitCodeOf(place, units.data?.org_units ?? []);
            await send('POST', '/api/v1/users', { email: user.email, role, org_unit });
            setPlace('');
            setDone(`${term(role, true)} granted.`);
          });
        }}
      >
        <RoleAtPlace role={role} place={place} onRole={setRole} onPlace={setPlace} />
        <button type="submit">Grant the role</button>
      </form>

      <h4>Password and access</h4>
      {secret && (
        <OneTimeSecret
          label={`The new password for ${user.email}`}
          value={secret}
          onDone={() => setSecret(null)}
        />
      )}
      <p>
        <button
          type="button"
          onClick={() =>
            run(async () => {
              const made = await send<{ password: string | null }>('POST', `${userPath}/reset-password`, {});
              setSecret(made.password);
            })
          }
        >
          Make a new password
        </button>{' '}
        (ends the account’s sessions and lifts a lockout)
      </p>
      <form
        className="filters"
        aria-label="Set a password"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            await send('POST', `${userPath}/reset-password`, { password });
            setPassword('');
            setDone('The password is set; the account’s sessions have ended.');
          });
        }}
      >
        <NewPassword label="Or set one" value={password} onChange={setPassword} />
        <button type="submit">Set the password</button>
      </form>
      <p>
        {user.disabled ? (
          <button
            type="button"
            onClick={() =>
              run(async () => {
                await send('POST', `${userPath}/disabled`, { disabled: false });
                setDone(`${user.email} is enabled again.`);
              })
            }
          >
            Enable the account
          </button>
        ) : (
          <button
            type="button"
            disabled={self}
            title={self ? 'You cannot disable your own account' : undefined}
            onClick={() => {
              if (!window.confirm(`Disable ${user.email}? Their sessions end and their tokens stop at once.`))
                return;
              run(async () => {
                await send('POST', `${userPath}/disabled`, { disabled: true });
                setDone(`${user.email} is disabled: signed out everywhere, tokens stopped.`);
              });
            }}
          >
            Disable the account
          </button>
        )}
      </p>
      <p aria-live="polite">{done}</p>
      {error && <Problem error={error} />}
      <TokensPanel email={user.email} disabled={user.disabled} />
    </>
  );
}
