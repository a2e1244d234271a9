// Accounts: find one by name or email, role, where a role is held, or status, a page at a time (all
// in the address); add one; open one to change its roles, password, status and API tokens.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { listUsersRoute } from '../../../src/auth/contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useTerm } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';
import { AccountPanel } from './AccountPanel.tsx';
import { AddAccount, allRoles } from './AddAccount.tsx';
import { UnitPicker, unitCodeOf, useOrgUnits } from './UnitPicker.tsx';
import { TextFilter, utcMinute } from './widgets.tsx';

const PAGE_SIZE = 25;

export function AccountsPage() {
  const term = useTerm();
  const [view, setView] = useUrlState({ q: '', role: '', unit: '', status: '', page: '1', account: '' });
  const units = useOrgUnits();
  const [unitText, setUnitText] = useState(view.unit);
  const [adding, setAdding] = useState(false);
  const filter = (changes: Partial<typeof view>) => setView({ ...changes, page: '1' });
  const query = new URLSearchParams({
    ...(view.q && { q: view.q }),
    ...(view.role && { role: view.role }),
    ...(view.unit && { org_unit: view.unit }),
    ...(view.status && { status: view.status }),
    page: view.page,
    page_size: String(PAGE_SIZE),
  }).toString();
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => getJson<Answer<typeof listUsersRoute>>(`/api/v1/users?${query}`),
    placeholderData: (previous) => previous,
  });
  return (
    <>
      <h2>Accounts</h2>
      {view.account ? (
        <AccountPanel email={view.account} onClose={() => setView({ account: '' }, { push: true })} />
      ) : adding ? (
        <AddAccount
          onDone={(email) => {
            setAdding(false);
            if (email) setView({ account: email }, { push: true });
          }}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setAdding(true)}>
            Add an account
          </button>
        </p>
      )}
      <fieldset className="filters">
        <legend className="sr-only">Find accounts</legend>
        <TextFilter label="Name or email" value={view.q} onChange={(q) => filter({ q })} />
        <Choice
          label="Role"
          value={view.role}
          onChange={(role) => filter({ role })}
          empty="Any"
          options={allRoles.map((r) => ({ value: r, label: term(r) }))}
        />
        <UnitPicker
          label="Held at"
          value={unitText}
          onChange={(text) => {
            setUnitText(text);
            const code = unitCodeOf(text, units.data?.org_units ?? []);
            if (!text.trim() || units.data?.org_units.some((u) => u.code === code)) filter({ unit: code });
          }}
        />
        <Choice
          label="Status"
          value={view.status}
          onChange={(status) => filter({ status })}
          empty="Any"
          options={[
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
      </fieldset>
      {users.isError && <Problem error={users.error} />}
      {!users.data && !users.isError && <p aria-busy="true">Loading the accounts…</p>}
      {users.data && (
        <>
          {users.data.users.length === 0 ? (
            <p>No account matches.</p>
          ) : (
            <Scroll label="Accounts">
              <table className="grid" data-testid="accounts" aria-busy={users.isFetching}>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Last sign-in (UTC)</th>
                    <th scope="col" className="number">
                      Tokens
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.users.map((u) => (
                    <tr key={u.email}>
                      <td>
                        <button
                          type="button"
                          className="textlink"
                          onClick={() => setView({ account: u.email }, { push: true })}
                        >
                          {u.name}
                        </button>
                        {u.disabled && <span className="tag warn"> disabled</span>}
                      </td>
                      <td>{u.email}</td>
                      <td>
                        {u.roles.length === 0
                          ? 'none'
                          : u.roles.map((r) => `${term(r.role, true)} at ${r.name}`).join('; ')}
                      </td>
                      <td>{utcMinute(u.last_sign_in)}</td>
                      <td className="number">{u.active_tokens}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
          <Pager
            page={users.data.page}
            pageSize={PAGE_SIZE}
            total={users.data.total}
            noun={['account', 'accounts']}
            onPage={(page) => setView({ page: String(page) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
