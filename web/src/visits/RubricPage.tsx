// One version of a rubric whole: its sections, criteria, evidence prompts and each level's descriptor.
// The director (or an admin) changes the wording of the current version here: saved in place while no
// visit has used it, as the next version once one has (said before saving).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { Rubric, RubricInput, rubricRoute, SavedRubric } from '../../../src/visits/contract.ts';
import { getJson, send, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { useUrlState } from '../useUrlState.ts';

export function RubricPage() {
  const { code = '' } = useParams();
  const [view, setView] = useUrlState({ version: '' });
  const session = useSession();
  const rubric = useQuery({
    queryKey: ['rubric', code, view.version],
    queryFn: () =>
      getJson<Answer<typeof rubricRoute>>(
        `/api/v1/rubrics/${encodeURIComponent(code)}${view.version ? `?version=${view.version}` : ''}`,
      ),
  });
  if (rubric.isError) return <Problem error={rubric.error} />;
  if (!rubric.data) return <p aria-busy="true">Loading the rubric…</p>;
  const r = rubric.data;
  const mayEdit = !r.superseded && session.whole_authority && can(session, 'visits:write');
  return (
    <>
      <p className="crumbs">
        <Link to="/visits">Visits</Link> › <Link to="/rubrics">Rubrics</Link> ›
      </p>
      <h1>
        {r.name}, version {r.version}
      </h1>
      <p>
        Levels 1 to {r.scale_max}; used for {r.visit_types.map(words).join(', ') || 'any visit'}; {r.visits}{' '}
        visit{r.visits === 1 ? '' : 's'} scored on this version.{' '}
        {r.superseded && 'Replaced by a later version: kept for the visits scored on it.'}
      </p>
      <RubricLevels rubric={r} />
      {mayEdit && (
        <details>
          <summary>Change the wording</summary>
          <RubricEditor
            key={r.id}
            rubric={r}
            onSaved={(version) => setView({ version: String(version) }, { push: true })}
          />
        </details>
      )}
    </>
  );
}

function RubricLevels({ rubric }: { rubric: Rubric }) {
  return (
    <>
      {rubric.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h2 id={`section-${section.id}`}>{section.name}</h2>
          <Scroll label={section.name}>
            <table data-section={section.code}>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  {rubric.sections[0]?.criteria[0]?.levels.map((l) => (
                    <th scope="col" key={l.level}>
                      Level {l.level}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {section.criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.name} <span className="muted">({c.code})</span>
                      {c.evidence_prompt && <p className="hint">Look for: {c.evidence_prompt}</p>}
                    </th>
                    {c.levels.map((l) => (
                      <td key={l.level}>{l.descriptor}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </section>
      ))}
    </>
  );
}

/** The rubric as the save route takes it, from the version shown. */
function inputOf(rubric: Rubric): RubricInput {
  return {
    code: rubric.code,
    name: rubric.name,
    scale_max: rubric.scale_max === 5 ? 5 : 4,
    visit_types: rubric.visit_types,
    sections: rubric.sections.map((s) => ({
      code: s.code,
      name: s.name,
      criteria: s.criteria.map((c) => ({
        code: c.code,
        name: c.name,
        evidence_prompt: c.evidence_prompt,
        levels: c.levels.map((l) => l.descriptor),
      })),
    })),
  };
}

function RubricEditor({ rubric, onSaved }: { rubric: Rubric; onSaved: (version: number) => void }) {
  const { error, run } = useAction();
  const [draft, setDraft] = useState(() => inputOf(rubric));
  const change = (
    s: number,
    c: number,
    edit: (criterion: RubricInput['sections'][number]['criteria'][number]) => void,
  ) => {
    const next = structuredClone(draft);
    const criterion = next.sections[s]?.criteria[c];
    if (criterion) edit(criterion);
    setDraft(next);
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const answer = await send<SavedRubric>('POST', '/api/v1/rubrics', draft);
          onSaved(answer.version);
        });
      }}
    >
      <label>
        Rubric name{' '}
        <input required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </label>
      {draft.sections.map((section, s) => (
        <fieldset key={section.code}>
          <legend>{section.name}</legend>
          {section.criteria.map((criterion, c) => (
            <fieldset key={criterion.code} data-criterion={criterion.code}>
              <legend>{criterion.code}</legend>
              <label htmlFor={`name-${criterion.code}`}>Criterion {criterion.code}</label>
              <input
                id={`name-${criterion.code}`}
                required
                value={criterion.name}
                onChange={(e) => change(s, c, (x) => (x.name = e.target.value))}
              />
              <label htmlFor={`look-${criterion.code}`}>Look for ({criterion.code})</label>
              <input
                id={`look-${criterion.code}`}
                value={criterion.evidence_prompt}
                onChange={(e) => change(s, c, (x) => (x.evidence_prompt = e.target.value))}
              />
              {criterion.levels.map((descriptor, l) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a level is its position on the scale
                <div key={`${criterion.code}-${l + 1}`} className="stack">
                  <label htmlFor={`level-${criterion.code}-${l + 1}`}>
                    {criterion.code} level {l + 1}
                  </label>
                  <textarea
                    id={`level-${criterion.code}-${l + 1}`}
                    required
                    rows={2}
                    value={descriptor}
                    onChange={(e) => change(s, c, (x) => (x.levels[l] = e.target.value))}
                  />
                </div>
              ))}
            </fieldset>
          ))}
        </fieldset>
      ))}
      <p className="notice" data-testid="version-warning">
        {rubric.visits > 0
          ? `${rubric.visits} visit${rubric.visits === 1 ? ' was' : 's were'} scored on version ${rubric.version}: saving makes version ${rubric.version + 1}, and those visits keep version ${rubric.version}.`
          : `No visit has been scored on version ${rubric.version}: saving changes it in place.`}
      </p>
      <button type="submit">Save the rubric</button>
      {error && <Problem error={error} />}
    </form>
  );
}
