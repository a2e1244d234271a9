// Several schools of one area, chosen by name: a search box narrows the area's schools and each is a
// checkbox, so a challenge can name the two schools it is about rather than the whole area.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { findSchoolsRoute } from '../../../src/registry/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';

export function SchoolPicker({
  area,
  chosen,
  onChange,
}: {
  area: string;
  chosen: string[];
  onChange: (codes: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  // An area holds at most a few hundred schools: one page of 500 is all of them.
  const schools = useQuery({
    queryKey: ['area-schools', area],
    enabled: area !== '',
    queryFn: () =>
      getJson<Answer<typeof findSchoolsRoute>>(
        `/api/v1/schools?area=${encodeURIComponent(area)}&page_size=500`,
      ),
  });
  if (!area) return null;
  if (schools.isError) return <Problem error={schools.error} />;
  const all = [...(schools.data?.schools ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const needle = search.trim().toLowerCase();
  // Chosen schools stay listed whatever the search, so one can always be unticked; the list keeps its
  // order (a ticked school jumping away would move the next one under the pointer).
  const shown = all.filter(
    (s) => chosen.includes(s.code) || !needle || `${s.name} ${s.code}`.toLowerCase().includes(needle),
  );
  const chosenNames = all.filter((s) => chosen.includes(s.code)).map((s) => s.name);
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  return (
    <fieldset data-testid="school-picker">
      <legend>
        Schools it is about <span className="muted">(none ticked: the whole area)</span>
      </legend>
      <label>
        Find a school{' '}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} />
      </label>{' '}
      {schools.data && (
        <span className="muted">
          {shown.length} of {all.length} shown
        </span>
      )}
      <p aria-live="polite" data-testid="chosen">
        {chosen.length === 0 ? 'None chosen' : `${chosen.length} chosen: ${chosenNames.join('; ')}`}
      </p>
      {schools.isPending ? (
        <p aria-busy="true">Loading the area's schools…</p>
      ) : (
        <ul
          className="checklist"
          style={{ maxHeight: '12rem', overflowY: 'auto', listStyle: 'none', padding: 0 }}
        >
          {shown.map((s) => (
            <li key={s.code}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(s.code)}
                  onChange={(e) => toggle(s.code, e.target.checked)}
                />{' '}
                {s.name} <span className="muted">{s.code}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
