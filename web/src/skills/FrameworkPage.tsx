// The competency framework: each competency with what it means, its four levels in its own words, the
// evidence a validator looks for and the programmes that develop it. A whole-authority director adds,
// rewords and retires competencies (a rated one is retired, never deleted, so past audits keep it).
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { listProgrammesRoute } from '../../../src/programmes/contract.ts';
import type { frameworkRoute } from '../../../src/skills/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';
import { CompetencyForm } from './CompetencyForm.tsx';
import { levelNames, SkillsNav } from './labels.tsx';

export function FrameworkPage() {
  const session = useSession();
  const director = can(session, 'programmes:write') && session.whole_authority;
  const framework = useQuery({
    queryKey: ['skill-framework'],
    queryFn: () => getJson<Answer<typeof frameworkRoute>>('/api/v1/skills/framework'),
  });
  const programmes = useQuery({
    queryKey: ['programmes'],
    queryFn: () => getJson<Answer<typeof listProgrammesRoute>>('/api/v1/programmes'),
  });
  const names = new Map((programmes.data?.programmes ?? []).map((p) => [p.code, p.name]));
  return (
    <>
      <h1>Competency framework</h1>
      <SkillsNav />
      <p>
        Every competency is rated from 1 to 4 ({levelNames.join(', ').toLowerCase()}), each level described in
        the competency’s own words below.
      </p>
      {framework.isError && <Problem error={framework.error} />}
      {framework.data?.competencies.map((c) => (
        <section
          key={c.code}
          className="panel"
          aria-labelledby={`competency-${c.code}`}
          data-testid={`competency-${c.code}`}
        >
          <h2 id={`competency-${c.code}`}>
            {c.name} {c.retired && <span className="tag">retired</span>}
          </h2>
          <p>{c.description}</p>
          <ol>
            {c.levels.map((level, i) => (
              <li key={levelNames[i]}>
                <strong>{levelNames[i]}</strong>: {level}
              </li>
            ))}
          </ol>
          <p>
            <strong>Evidence a validator looks for:</strong> {c.evidence || '—'}
          </p>
          <p>
            <strong>Developed by:</strong>{' '}
            {c.programmes.map((p) => names.get(p) ?? p).join(', ') || 'no programme yet'}.{' '}
            <small>{c.ratings} ratings recorded.</small>
          </p>
          {director && programmes.data && (
            <CompetencyForm competency={c} programmes={programmes.data.programmes} />
          )}
        </section>
      ))}
      {director && programmes.data && (
        <section aria-labelledby="add-competency">
          <h2 id="add-competency">Add a competency</h2>
          <CompetencyForm programmes={programmes.data.programmes} />
        </section>
      )}
    </>
  );
}
