// One norming session: its reference cases with what the caller has scored. A rater scores each case on
// its own page and sees no master until the session closes; who runs it sets the masters, sees every
// rater's progress, imports a file of scores and closes the session.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { sessionRoute } from '../../../src/norming/contract.ts';
import { getJson, send, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

type Detail = Answer<typeof sessionRoute>;

function Running({ detail }: { detail: Detail }) {
  const close = useAction();
  const upload = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  return (
    <section aria-labelledby="running-heading">
      <h2 id="running-heading">Raters</h2>
      <Scroll label="Raters' progress">
        <table data-testid="progress">
          <thead>
            <tr>
              <th scope="col">Rater</th>
              <th scope="col" className="number">
                Levels given
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.rater_progress.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.name}</th>
                <td className="number">
                  {r.scored} of {detail.levels_per_rater}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {detail.status === 'open' && (
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!file) return;
              const form = new FormData();
              form.set('file', file);
              void upload.run(async () => {
                const done = await send<{ scores: number; masters: number }>(
                  'POST',
                  `/api/v1/norming/sessions/${detail.id}/import`,
                  form,
                );
                setImported(`Imported ${done.scores} scores and ${done.masters} master levels.`);
              });
            }}
          >
            <label>
              Import scores (CSV or XLSX: case,rater,criterion,score[,master]){' '}
              <input type="file" accept=".csv,.xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </label>{' '}
            <button type="submit" disabled={!file}>
              Import
            </button>
          </form>
          {imported && <p role="status">{imported}</p>}
          {upload.error && <Problem error={upload.error} />}
          <p>
            <button
              type="button"
              onClick={() =>
                void close.run(() => send('POST', `/api/v1/norming/sessions/${detail.id}/close`))
              }
            >
              Close the session
            </button>{' '}
            Closing fixes every score, records each rater's agreement and shows raters the masters.
          </p>
          {close.error && <Problem error={close.error} />}
        </>
      )}
    </section>
  );
}

export function SessionPage() {
  const { id } = useParams();
  const detail = useQuery({
    queryKey: ['norming-session', id],
    queryFn: () => getJson<Detail>(`/api/v1/norming/sessions/${id}`),
  });
  if (detail.isError) return <Problem error={detail.error} />;
  if (!detail.data) return <p aria-busy="true">Loading the session…</p>;
  const d = detail.data;
  const runs = d.role === 'runs';
  return (
    <>
      <p>
        <Link to="/norming">Norming</Link>
      </p>
      <h1>{d.title}</h1>
      <p>
        {d.held_on} · {d.rubric.name} v{d.rubric.version} · led by {d.led_by.name} ·{' '}
        {d.status === 'closed' ? (
          <>
            closed {d.closed_on}: <Link to={`/norming/${d.id}/report`}>the report</Link>
          </>
        ) : (
          'open'
        )}
      </p>
      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">Reference cases</h2>
        <Scroll label="Reference cases">
          <table data-testid="cases">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Kind</th>
                <th scope="col">{runs ? 'Master levels set' : 'Your levels'}</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {d.cases.map((c) => {
                const given = Object.keys(runs ? (c.master ?? {}) : c.mine).length;
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/norming/${d.id}/cases/${c.id}`}>{c.title}</Link>
                    </th>
                    <td>{words(c.kind)}</td>
                    <td>
                      {given} of {d.criteria.length}
                    </td>
                    <td>
                      {c.link ? (
                        <a href={c.link} rel="noreferrer">
                          {c.kind === 'lesson_video' ? 'the video' : 'the evidence'}
                          <span className="sr-only"> for {c.title}</span>
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Scroll>
      </section>
      {runs && <Running detail={d} />}
    </>
  );
}
