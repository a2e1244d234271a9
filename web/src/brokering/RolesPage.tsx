// The system-leader role catalogue: each role's needs, rules, funded days and limit, as the match reads
// them; a whole-authority broker changes a role's funded days and limit here (the API refuses others).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { changeRoleRoute, ListedRole, listRolesRoute } from '../../../src/brokering/role-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { getJson, path, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { kindName } from './labels.ts';

function RoleRow({ role, editable }: { role: ListedRole; editable: boolean }) {
  const [days, setDays] = useState(String(role.funded_days));
  const [places, setPlaces] = useState(String(role.max_schools));
  const { error, run } = useAction();
  const save = () =>
    run(() =>
      send('PATCH', `/api/v1/brokering/roles/${path(role.code)}`, {
        funded_days: Number(days),
        max_schools: Number(places),
      } satisfies Body<typeof changeRoleRoute>),
    );
  const qualification = role.meets.length === 0;
  return (
    <tr data-testid={`role-${role.code}`}>
      <th scope="row">
        {role.name}
        <br />
        <small>{role.description}</small>
      </th>
      <td>{qualification ? 'nothing: a qualification' : role.meets.map(kindName).join(', ')}</td>
      <td>{role.holder_rules}</td>
      {qualification ? (
        <td colSpan={editable ? 3 : 2} />
      ) : !editable ? (
        <>
          <td className="number">{role.funded_days}</td>
          <td className="number">{role.max_schools}</td>
        </>
      ) : (
        <>
          <td>
            <input
              type="number"
              min={0}
              max={366}
              step={0.5}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              aria-label={`Funded days a year, ${role.name}`}
            />
          </td>
          <td>
            <input
              type="number"
              min={1}
              max={20}
              value={places}
              onChange={(e) => setPlaces(e.target.value)}
              aria-label={`Schools at once, ${role.name}`}
            />
          </td>
          <td>
            <button type="button" onClick={save} aria-label={`Save ${role.name}`}>
              Save
            </button>
            {error && <Problem error={error} />}
          </td>
        </>
      )}
    </tr>
  );
}

export function RolesPage() {
  const session = useSession();
  // Only a broker for the whole authority may change a role (the API refuses others): the rest read.
  const editable = session.whole_authority && can(session, 'brokering:write');
  const roles = useQuery({
    queryKey: ['leader-roles'],
    queryFn: () => getJson<Answer<typeof listRolesRoute>>('/api/v1/brokering/roles'),
  });
  return (
    <>
      <h1>System-leader roles</h1>
      <p>
        <Link to="/brokering">Support needs</Link> · The match reads these: who may hold each role, the needs
        it meets, the days a year funded for a designation recorded without its own, and how many schools a
        holder supports at once in that role (an interim head covering a vacancy may still mentor). The
        authority's own limit on schools applies across all of a leader's roles.
      </p>
      {roles.isError && <Problem error={roles.error} />}
      {roles.data && (
        <Scroll label="System-leader roles">
          <table className="grid" data-testid="roles">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Meets</th>
                <th scope="col">Who may hold it</th>
                <th scope="col">Funded days</th>
                <th scope="col">At once</th>
                {editable && (
                  <th scope="col">
                    <span className="sr-only">Change</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {roles.data.roles.map((role) => (
                <RoleRow
                  key={`${role.code} ${role.funded_days} ${role.max_schools}`}
                  role={role}
                  editable={editable}
                />
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}
