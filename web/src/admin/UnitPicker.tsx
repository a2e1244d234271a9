// Where a role is held, chosen by name: the authority, an area, a cluster or a school, typed and picked
// from the list (a code works too, as does a trust's or federation's code, which the list does not hold).
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { listOrgUnitsRoute } from '../../../src/registry/contract.ts';
import { getJson } from '../api.ts';
import { useTerm } from '../session.tsx';

type Unit = Answer<typeof listOrgUnitsRoute>['org_units'][number];

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units-all'],
    queryFn: () => getJson<Answer<typeof listOrgUnitsRoute>>('/api/v1/org-units'),
    staleTime: 5 * 60_000,
  });
}

/** "Area A (A)", the text an option fills the box with. */
const optionText = (u: Unit) => `${u.name} (${u.code})`;

/** The code a typed text names: an option's text, a unit's exact name (if only one has it), or a code. */
export function unitCodeOf(text: string, units: readonly Unit[]): string {
  const typed = text.trim();
  const byOption = units.find((u) => optionText(u) === typed);
  if (byOption) return byOption.code;
  const named = units.filter((u) => u.name.toLowerCase() === typed.toLowerCase());
  if (named.length === 1) return (named[0] as Unit).code;
  return typed;
}

export function UnitPicker({
  label,
  value,
  onChange,
  required,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  required?: boolean;
}) {
  const units = useOrgUnits();
  const term = useTerm();
  const listId = useId();
  const list = units.data?.org_units ?? [];
  const code = unitCodeOf(value, list);
  const chosen = list.find((u) => u.code === code);
  return (
    <label>
      {label}{' '}
      <input
        list={listId}
        value={value}
        required={required}
        placeholder="Start typing a name"
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {list.map((u) => (
          <option key={u.code} value={optionText(u)}>
            {term(u.level)}
          </option>
        ))}
      </datalist>
      {value.trim() && (
        <span className="tag">
          {' '}
          {chosen
            ? `${term(chosen.level)}: ${chosen.name}`
            : `not in the list: sent as the code "${code}" (a trust or federation)`}
        </span>
      )}
    </label>
  );
}
