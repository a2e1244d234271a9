// The vacancy register from a workbook (sheets Vacancies and Rounds): checked first (what would be added,
// changed and left, or every problem by sheet, row and column), then imported, all or nothing. The
// register as it stands downloads in the same format, to start from.
import type { Answer } from '../../../src/contract.ts';
import type { importVacanciesRoute } from '../../../src/vacancies/contract.ts';
import { FileUpload } from '../FileUpload.tsx';

type Report = Answer<typeof importVacanciesRoute>;

function Counts({ report }: { report: Report }) {
  const verb = report.dry_run ? 'would be' : 'were';
  const line = (c: Report['vacancies']) =>
    `${c.inserted} added, ${c.updated} changed, ${c.unchanged} as they were`;
  return (
    <ul data-testid="register-import-counts">
      <li>
        Vacancies {verb}: {line(report.vacancies)}
      </li>
      <li>
        Rounds {verb}: {line(report.rounds)}
      </li>
    </ul>
  );
}

export function ImportRegister() {
  return (
    <details className="panel">
      <summary>Import the register from a workbook</summary>
      <p>
        Sheets <strong>Vacancies</strong> (school, post_role, opened_on, reason, leaving_person, acting_head,
        notes) and <strong>Rounds</strong> (school, post_role, opened_on, number, advertised_on, closes_on,
        applications, shortlisted, interviewed, outcome, panel, governors_on_panel). A vacancy is matched by
        its school, post and the day it opened. Start from the{' '}
        <a href="/api/v1/vacancies/workbook" download>
          register as it stands
        </a>
        . Appointments are recorded on the vacancy’s page, where they write the new head’s post. Nothing is
        deleted.
      </p>
      <FileUpload<Report>
        path="/api/v1/vacancies/import"
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
