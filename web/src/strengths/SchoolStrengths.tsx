// On a school's page: its strengths per practice area today, with what shows each, so a lead looking
// for a school to learn from sees it here as well as on the strengths page.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { strengthsRoute } from '../../../src/strengths/contract.ts';
import { getJson } from '../api.ts';
import { sourceNames } from './labels.ts';

export function SchoolStrengths({ code }: { code: string }) {
  const strengths = useQuery({
    queryKey: ['strengths', 'school', code],
    queryFn: () =>
      getJson<Answer<typeof strengthsRoute>>(
        `/api/v1/strengths?school=${encodeURIComponent(code)}&page_size=500`,
      ),
  });
  // A caller who may not read brokering gets no section.
  if (!strengths.data) return strengths.isPending ? <p aria-busy="true">Loading strengths…</p> : null;
  const { rows } = strengths.data;
  return (
    <section data-testid="school-strengths">
      <h2>Strengths</h2>
      {rows.length === 0 ? (
        <p>No strengths found from the school’s data, and none declared and confirmed.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={`${r.practice_area}-${r.source}-${r.measure}`}>
              <strong>{r.practice_area_name}</strong> ({sourceNames[r.source]}): {r.evidence}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/strengths?school=${encodeURIComponent(code)}`}>Strengths of other schools</Link>
      </p>
    </section>
  );
}
