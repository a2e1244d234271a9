// Ratings from a CSV or XLSX file (audit, person, competency, self, self_note, validated, validator,
// evidence): checked first (a dry run: how many ratings would be added or changed, or every problem by row
// and column), then imported, all or nothing.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { importRatingsRoute } from '../../../src/skills/contract.ts';
import { ApiError, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

type Report = Answer<typeof importRatingsRoute>;
type Refusal = Answer<{ responses: { 200: (typeof importRatingsRoute)['responses'][422] } }>['error'];

type Stage =
  | { step: 'choose' }
  | { step: 'busy' }
  | { step: 'checked' | 'done'; report: Report }
  | { step: 'rejected'; message: string; problems: Refusal['details'] };

const counts = (r: Report) =>
  `${r.rows} rows: ${r.inserted} ratings ${r.dryRun ? 'would be' : 'were'} added, ${r.updated} changed`;

export function ImportRatings() {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<Error | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setStage({ step: 'busy' });
    const form = new FormData();
    form.append('file', file);
    try {
      const report = await send<Report>('POST', `/api/v1/skills/import?dry_run=${dryRun}`, form);
      setStage({ step: dryRun ? 'checked' : 'done', report });
      if (!dryRun) await queryClient.invalidateQueries();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422)
        setStage({ step: 'rejected', message: e.message, problems: (e.details as Refusal['details']) ?? [] });
      else {
        setError(e as Error);
        setStage({ step: 'choose' });
      }
    }
  };
  return (
    <details className="panel">
      <summary>Import ratings from a file</summary>
      <p>
        One row per leader, audit and competency:{' '}
        <code>audit, person, competency, self, self_note, validated, validator, evidence</code>. An empty cell
        leaves that rating as it is; a validated rating needs its evidence.
      </p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <label htmlFor={fileId}>File (.csv or .xlsx)</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.xlsx"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setStage({ step: 'choose' });
          }}
        />
        <button type="submit" disabled={!file || stage.step === 'busy'}>
          Check the file
        </button>
      </form>
      {error && <Problem error={error} />}
      {stage.step === 'busy' && <p role="status">Working…</p>}
      {stage.step === 'checked' && (
        <>
          <p data-testid="ratings-import-counts">{counts(stage.report)}</p>
          <button type="button" onClick={() => void run(false)}>
            Import
          </button>
        </>
      )}
      {stage.step === 'done' && (
        <p role="status" data-testid="ratings-import-counts">
          Imported. {counts(stage.report)}
        </p>
      )}
      {stage.step === 'rejected' && (
        <div role="alert">
          <p>{stage.message}</p>
          <Scroll label="Problems in the file">
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {(stage.problems ?? []).map((p) => (
                  <tr key={p.text}>
                    <td>{p.row ?? ''}</td>
                    <td>{p.column ?? ''}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </div>
      )}
    </details>
  );
}
