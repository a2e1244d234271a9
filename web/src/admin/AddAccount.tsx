// Adding an account: a name, an email, a role at a place chosen by name, and either a password the
// admin sets or one Headway makes up and shows once.
import { useState } from 'react';
import type { addUserRoute, Role } from '../../../src/auth/contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useTerm } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { UnitPicker, unitCodeOf, useOrgUnits } from './UnitPicker.tsx';
import { NewPassword, OneTimeSecret } from './widgets.tsx';

// The web's own list of the roles, checked against the contract's: a new role fails to compile here.
const roleList = {
  admin: 0,
  director: 0,
  area_lead: 0,
  headteacher: 0,
  system_leader: 0,
  analyst: 0,
  viewer: 0,
} satisfies Record<Role, 0>;
export const allRoles = Object.keys(roleList) as Role[];

/** A role at a place: the role's choice and the place's picker, as adding and granting both ask. */
export function RoleAtPlace({
  role,
  place,
  onRole,
  onPlace,
}: {
  role: Role;
  place: string;
  onRole: (role: Role) => void;
  onPlace: (text: string) => void;
}) {
  const term = useTerm();
  return (
    <>
      <Choice
        label="Role"
        value={role}
        onChange={onRole}
        required
        options={allRoles.map((r) => ({ value: r, label: term(r, true) }))}
      />
      <UnitPicker label="At" value={place} onChange={onPlace} required />
    </>
  );
}

export function AddAccount({ onDone }: { onDone: (email: string | null) => void }) {
  const units = useOrgUnits();
  const { error, run } = useAction();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [place, setPlace] = useState('');
  const [choose, setChoose] = useState(false);
  const [password, setPassword] = useState('');
  const [made, setMade] = useState<Answer<typeof addUserRoute> | null>(null);
  if (made)
    return made.password ? (
      <OneTimeSecret
        label={`The password for ${made.email}`}
        value={made.password}
        onDone={() => onDone(made.email)}
      />
    ) : (
      <p role="status">
        {made.created ? `Added ${made.email}.` : `${made.email} already had an account: the role is added.`}{' '}
        <button type="button" onClick={() => onDone(made.email)}>
          Open the account
        </button>
      </p>
    );
  return (
    <form
      className="filters"
      aria-label="Add an account"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const body: Body<typeof addUserRoute> = {
            email,
            name: name || undefined,
            role,
            org_unit: unitCodeOf(place, units.data?.org_units ?? []),
            ...(choose ? { password } : {}),
          };
          setMade(await send<Answer<typeof addUserRoute>>('POST', '/api/v1/users', body));
        });
      }}
    >
      <h3 className="sr-only">Add an account</h3>
      <label>
        Name <input value={name} required autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Email{' '}
        <input
          type="email"
          value={email}
          required
          autoComplete="off"
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <RoleAtPlace role={role} place={place} onRole={setRole} onPlace={setPlace} />
      <label>
        <input type="checkbox" checked={choose} onChange={(e) => setChoose(e.target.checked)} /> Set the
        password myself (otherwise one is made and shown once)
      </label>
      {choose && <NewPassword label="Password" value={password} onChange={setPassword} />}
      <p>
        <button type="submit">Add the account</button>{' '}
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </p>
      {error && <Problem error={error} />}
    </form>
  );
}
