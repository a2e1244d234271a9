// Import a whole plan from a workbook: check it first (a dry run: what would be created, changed and left
// as it is, or every problem by sheet, row and column), then import, all or nothing.
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { importPlanRoute } from '../../../src/strategies/workbook-contract.ts';
import { FileUpload } from '../FileUpload.tsx';

type Report = Answer<typeof importPlanRoute>;

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
      <FileUpload<Report>
        path="/api/v1/strategies/import"
        accept=".xlsx"
        fileLabel="Workbook (.xlsx)"
        checkLabel="Check the workbook"
        importLabel="Import the plan"
        columnHeading="Sheet and column"
        problemsLabel="Problems in the workbook"
        problemsTestId="plan-problems"
        invalidate={['strategies']}
        counts={(report) => <Counts report={report} />}
        afterImport={(report) => (
          <p>
            <Link to={`/strategies/${encodeURIComponent(report.strategy)}`}>Open {report.strategy}</Link>
          </p>
        )}
      />
    </section>
  );
}
