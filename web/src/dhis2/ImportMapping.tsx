// The mapping from a CSV or XLSX file (kind, code, uid, name): checked first (a dry run: how many
// mappings would be added or changed, or every problem by row and column), then imported, all or nothing.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { importMappingsRoute } from '../../../src/dhis2/contract.ts';
import { ApiError, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

type Report = Answer<typeof importMappingsRoute>;
type Refusal = Answer<{ responses: { 200: (typeof importMappingsRoute)['responses'][422] } }>['error'];

type Stage =
  | { step: 'choose' }
  | { step: 'busy' }
  | { step: 'checked' | 'done'; report: Report }
  | { step: 'rejected'; message: string; problems: Refusal['details'] };

const counts = (r: Report) =>
  `${r.rows} rows: ${r.inserted} mappings ${r.dryRun ? 'would be' : 'were'} added, ${r.updated} changed`;

export function ImportMapping() {
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
      const report = await send<Report>('POST', `/api/v1/dhis2/mappings/import?dry_run=${dryRun}`, form);
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
      <summary>Import the mapping from a file</summary>
      <p>
        One row per code: <code>kind, code, uid, name</code>, the kind one of <code>org_unit</code>,{' '}
        <code>data_element</code>, <code>category_option_combo</code> or <code>data_set</code>. A code already
        mapped takes the file&rsquo;s UID; one UID maps one code of its kind.
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
          <p data-testid="mapping-import-counts">{counts(stage.report)}</p>
          <button type="button" onClick={() => void run(false)}>
            Import
          </button>
        </>
      )}
      {stage.step === 'done' && (
        <p role="status" data-testid="mapping-import-counts">
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
