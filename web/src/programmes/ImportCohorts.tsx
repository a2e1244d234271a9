// Cohorts and participants from a workbook (sheets Cohorts and Participants): checked first (a dry run:
// what would be added, changed and left, or every problem by sheet, row and column), then imported, all
// or nothing. The current cohorts download in the same format.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { importCohortsRoute } from '../../../src/programmes/contract.ts';
import { ApiError, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

type Report = Answer<typeof importCohortsRoute>;
type Refusal = Answer<{ responses: { 200: (typeof importCohortsRoute)['responses'][422] } }>['error'];

type Stage =
  | { step: 'choose' }
  | { step: 'busy' }
  | { step: 'checked'; report: Report }
  | { step: 'rejected'; message: string; problems: Refusal['details'] }
  | { step: 'done'; report: Report };

function Counts({ report }: { report: Report }) {
  const verb = report.dry_run ? 'would be' : 'were';
  const line = (c: Report['cohorts']) =>
    `${c.inserted} added, ${c.updated} changed, ${c.unchanged} unchanged`;
  return (
    <ul data-testid="cohort-import-counts">
      <li>
        Cohorts {verb}: {line(report.cohorts)}
      </li>
      <li>
        Participants {verb}: {line(report.participants)}
      </li>
    </ul>
  );
}

export function ImportCohorts() {
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
      const report = await send<Report>('POST', `/api/v1/programmes/import?dry_run=${dryRun}`, form);
      setStage(dryRun ? { step: 'checked', report } : { step: 'done', report });
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
      <summary>Import cohorts and participants from a workbook</summary>
      <p>
        Sheets <strong>Cohorts</strong> (code, programme, name, provider, starts_on, ends_on) and{' '}
        <strong>Participants</strong> (cohort, person, school, post_role, status, completed_on,
        placement_days). Start from the{' '}
        <a href="/api/v1/programmes/workbook" download>
          current cohorts
        </a>
        . A participant’s school and post default to theirs on the cohort’s start. Nothing is deleted.
      </p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <label htmlFor={fileId}>Workbook (.xlsx)</label>
        <input
          id={fileId}
          type="file"
          accept=".xlsx"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setStage({ step: 'choose' });
          }}
        />
        <button type="submit" disabled={!file || stage.step === 'busy'}>
          Check the workbook
        </button>
      </form>
      {error && <Problem error={error} />}
      {stage.step === 'busy' && <p role="status">Working…</p>}
      {stage.step === 'checked' && (
        <>
          <Counts report={stage.report} />
          <button type="button" onClick={() => void run(false)}>
            Import
          </button>
        </>
      )}
      {stage.step === 'done' && (
        <>
          <p role="status">Imported.</p>
          <Counts report={stage.report} />
        </>
      )}
      {stage.step === 'rejected' && (
        <div role="alert">
          <p>{stage.message}</p>
          <Scroll label="Problems in the workbook">
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Sheet and column</th>
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
