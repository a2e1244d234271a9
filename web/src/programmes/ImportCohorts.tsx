// Cohorts and participants from a workbook (sheets Cohorts and Participants): checked first (a dry run:
// what would be added, changed and left, or every problem by sheet, row and column), then imported, all
// or nothing. The current cohorts download in the same format.
import type { Answer } from '../../../src/contract.ts';
import type { importCohortsRoute } from '../../../src/programmes/contract.ts';
import { FileUpload } from '../FileUpload.tsx';

type Report = Answer<typeof importCohortsRoute>;

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
      <FileUpload<Report>
        path="/api/v1/programmes/import"
        accept=".xlsx"
        fileLabel="Workbook (.xlsx)"
        checkLabel="Check the workbook"
        columnHeading="Sheet and column"
        problemsLabel="Problems in the workbook"
        counts={(report) => <Counts report={report} />}
      />
    </details>
  );
}
