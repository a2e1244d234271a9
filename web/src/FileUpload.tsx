// The upload every import page shares: a file is checked first (a dry run: what would change, or every
// problem by row and column), then imported, all or nothing. The page says what the file holds and how
// its report reads; this holds the steps between.
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import type { ImportProblem } from '../../src/tabular/contract.ts';
import { ApiError, send } from './api.ts';
import { Problem } from './Problem.tsx';
import { Scroll } from './Scroll.tsx';

type Stage<Report> =
  | { step: 'choose' }
  | { step: 'busy' }
  | { step: 'checked' | 'done'; report: Report }
  | { step: 'rejected'; message: string; problems: ImportProblem[] };

interface FileUploadProps<Report> {
  /** The import route, without its `dry_run` query: `/api/v1/skills/import`. */
  path: string;
  /** `.csv,.xlsx` or `.xlsx`. */
  accept: string;
  fileLabel: string;
  checkLabel: string;
  importLabel?: string;
  /** What the problems' column holds: "Column", or "Sheet and column" for a workbook. */
  columnHeading?: string;
  problemsLabel: string;
  problemsTestId?: string;
  /** The report of a check (would be) and of the import (were). */
  counts: (report: Report) => ReactNode;
  /** Shown under the counts once imported: a link to what was imported. */
  afterImport?: (report: Report) => ReactNode;
  /** The queries the import changes; every query when not given. */
  invalidate?: QueryKey;
}

export function FileUpload<Report>({
  path,
  accept,
  fileLabel,
  checkLabel,
  importLabel = 'Import',
  columnHeading = 'Column',
  problemsLabel,
  problemsTestId,
  counts,
  afterImport,
  invalidate,
}: FileUploadProps<Report>) {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage<Report>>({ step: 'choose' });
  const [error, setError] = useState<Error | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setStage({ step: 'busy' });
    const form = new FormData();
    form.append('file', file);
    try {
      const report = await send<Report>('POST', `${path}?dry_run=${dryRun}`, form);
      setStage({ step: dryRun ? 'checked' : 'done', report });
      if (!dryRun) await queryClient.invalidateQueries(invalidate ? { queryKey: invalidate } : undefined);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422)
        setStage({
          step: 'rejected',
          message: e.message,
          problems: (e.details as ImportProblem[] | null) ?? [],
        });
      else {
        setError(e as Error);
        setStage({ step: 'choose' });
      }
    }
  };
  return (
    <>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <label htmlFor={fileId}>{fileLabel}</label>
        <input
          id={fileId}
          type="file"
          accept={accept}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setStage({ step: 'choose' });
          }}
        />
        <button type="submit" disabled={!file || stage.step === 'busy'}>
          {checkLabel}
        </button>
      </form>
      {error && <Problem error={error} />}
      {stage.step === 'busy' && <p role="status">Working…</p>}
      {stage.step === 'checked' && (
        <>
          {counts(stage.report)}
          <button type="button" onClick={() => void run(false)}>
            {importLabel}
          </button>
        </>
      )}
      {stage.step === 'done' && (
        <>
          <p role="status">Imported.</p>
          {counts(stage.report)}
          {afterImport?.(stage.report)}
        </>
      )}
      {stage.step === 'rejected' && (
        <div role="alert">
          <p>{stage.message}</p>
          <Scroll label={problemsLabel}>
            <table className="grid" data-testid={problemsTestId}>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">{columnHeading}</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {stage.problems.map((p) => (
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
    </>
  );
}
