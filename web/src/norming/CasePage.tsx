// Scoring one reference case: a level for each criterion of the session's rubric, each level shown with
// its descriptor. A rater gives their own levels (the master stays hidden until the session closes); who
// runs the session gives the master's. Saved per case; the levels already given are filled in.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { scoreCaseRoute, sessionRoute } from '../../../src/norming/contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

type Detail = Answer<typeof sessionRoute>;

function ScoreForm({ detail, caseId }: { detail: Detail; caseId: number }) {
  const found = detail.cases.find((c) => c.id === caseId);
  const runs = detail.role === 'runs';
  const start = (runs ? found?.master : found?.mine) ?? {};
  const [levels, setLevels] = useState<Record<string, number>>(start);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  if (!found) return <p>This session has no such case.</p>;
  const open = detail.status === 'open';
  const index = detail.cases.indexOf(found);
  const next = detail.cases[index + 1];
  return (
    <>
      <h1>{found.title}</h1>
      <p>
        {found.description}{' '}
        {found.link && (
          <a href={found.link} rel="noreferrer">
            Open the {found.kind === 'lesson_video' ? 'lesson video' : 'evidence pack'}
          </a>
        )}
      </p>
      <p>
        {runs
          ? 'The master levels, as the lead assessors agreed them.'
          : open
            ? 'Your own levels: no one else sees them, and you see no one else’s, until the session closes.'
            : 'The session is closed: your levels beside the master’s.'}
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          const body: Body<typeof scoreCaseRoute> = {
            scores: Object.entries(levels).map(([criterion, level]) => ({ criterion, level })),
          };
          void save.run(async () => {
            await send(
              'PUT',
              `/api/v1/norming/sessions/${detail.id}/cases/${caseId}/${runs ? 'master' : 'scores'}`,
              body,
            );
            setSaved(true);
          });
        }}
      >
        {detail.criteria.map((c) => (
          <fieldset key={c.code} disabled={!open}>
            <legend>
              {c.section}: {c.name}
              {!runs && !open && found.master?.[c.code] !== undefined && (
                <> (master: level {found.master[c.code]})</>
              )}
            </legend>
            {c.levels.map((l) => (
              // One level a line: each descriptor is a sentence to read before choosing.
              <div key={l.level}>
                <label>
                  <input
                    type="radio"
                    name={c.code}
                    value={l.level}
                    checked={levels[c.code] === l.level}
                    onChange={() => setLevels({ ...levels, [c.code]: l.level })}
                  />{' '}
                  <strong>{l.level}</strong> {l.descriptor}
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        {open && (
          <p>
            <button type="submit" disabled={Object.keys(levels).length === 0}>
              {runs ? 'Save the master levels' : 'Save my levels'}
            </button>
          </p>
        )}
      </form>
      {saved && (
        <p role="status">
          Saved {Object.keys(levels).length} of {detail.criteria.length} levels.{' '}
          {next && <Link to={`/norming/${detail.id}/cases/${next.id}`}>Next case: {next.title}</Link>}
        </p>
      )}
      {save.error && <Problem error={save.error} />}
    </>
  );
}

export function CasePage() {
  const { id, caseId } = useParams();
  const detail = useQuery({
    queryKey: ['norming-session', id],
    queryFn: () => getJson<Detail>(`/api/v1/norming/sessions/${id}`),
  });
  if (detail.isError) return <Problem error={detail.error} />;
  if (!detail.data) return <p aria-busy="true">Loading the case…</p>;
  return (
    <>
      <p>
        <Link to={`/norming/${detail.data.id}`}>{detail.data.title}</Link>
      </p>
      <ScoreForm key={caseId} detail={detail.data} caseId={Number(caseId)} />
    </>
  );
}
