// Import a whole plan from a workbook: check it first (a dry run: what would be created, changed and left
// as it is, or every problem by sheet, row and column), then import, all or nothing.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { importPlanRoute } from '../../../src/strategies/workbook-contract.ts';
import { ApiError, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

type Report = Answer<typeof importPlanRoute>;
type Refusal = Answer<{ responses: { 200: (typeof importPlanRoute)['responses'][422] } }>['error'];

type Stage =
  | { step: 'choose' }
  | { step: 'busy' }
  | { step: 'checked'; report: Report }
  | { step: 'rejected'; message: string; problems: Refusal['details'] }
  | { step: 'done'; report: Report };

function upload(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file);
  return send<Report>('POST', `/api/v1/strategies/import?dry_run=${dryRun}`, form);
}

function Counts({ report }: { report: Report }) {
  const verb = report.dry_run ? 'would be' : 'were';
  const line = (name: string, c: Report['sheets']['strands']) =>
    `${name}: ${c.created} created, ${c.updated} changed, ${c.unchanged} unchanged`;
  const { sheets, left } = report;
  return (
    <div data-testid="plan-import-counts">
      <p>
        Strategy {report.strategy} {verb} {report.created ? 'created' : 'updated'}.
      </p>
      <ul>
        <li>{line('Strands', sheets.strands)}</li>
        <li>{line('Actions', sheets.actions)}</li>
        <li>{line('Milestones', sheets.milestones)}</li>
        <li>{line('Measures', sheets.measures)}</li>
        <li>Status updates recorded: {sheets.statuses}</li>
      </ul>
      {left.strands + left.actions > 0 && (
        <p>
          Not in the workbook, left as they are (an import never deletes): {left.strands} strands,{' '}
          {left.actions} actions.
        </p>
      )}
    </div>
  );
}

export function ImportPlan() {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<Error | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setStage({ step: 'busy' });
    try {
      const report = await upload(file, dryRun);
      setStage(dryRun ? { step: 'checked', report } : { step: 'done', report });
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: ['strategies'] });
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
    <section aria-labelledby="import-plan">
      <h2 id="import-plan">Import a plan from a workbook</h2>
      <p>
        A workbook with the sheets Strategy, Strands, Actions, Milestones and Measures (start from the{' '}
        <a href="/api/v1/strategies/workbook-template" download>
          template
        </a>{' '}
        or a strategy’s own workbook). Strands and actions are matched by code; it is checked first and
        nothing is written until you confirm.
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
            Import the plan
          </button>
        </>
      )}
      {stage.step === 'done' && (
        <>
          <p role="status">Imported.</p>
          <Counts report={stage.report} />
          <p>
            <Link to={`/strategies/${encodeURIComponent(stage.report.strategy)}`}>
              Open {stage.report.strategy}
            </Link>
          </p>
        </>
      )}
      {stage.step === 'rejected' && (
        <div role="alert">
          <p>{stage.message}</p>
          <Scroll label="Problems in the workbook">
            <table className="grid" data-testid="plan-problems">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Sheet and column</th>
                  <th>Problem</th>
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
    </section>
  );
}
