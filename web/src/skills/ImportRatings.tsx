// Ratings from a CSV or XLSX file (audit, person, competency, self, self_note, validated, validator,
// evidence): checked first (a dry run: how many ratings would be added or changed, or every problem by row
// and column), then imported, all or nothing.
import type { Answer } from '../../../src/contract.ts';
import type { importRatingsRoute } from '../../../src/skills/contract.ts';
import { FileUpload } from '../FileUpload.tsx';

type Report = Answer<typeof importRatingsRoute>;

const counts = (r: Report) =>
  `${r.rows} rows: ${r.inserted} ratings ${r.dryRun ? 'would be' : 'were'} added, ${r.updated} changed, ${r.unchanged} as they were`;

export function ImportRatings() {
  return (
    <details className="panel">
      <summary>Import ratings from a file</summary>
      <p>
        One row per leader, audit and competency:{' '}
        <code>audit, person, competency, self, self_note, validated, validator, evidence</code>. An empty cell
        leaves that rating as it is; a validated rating needs its evidence.
      </p>
      <FileUpload<Report>
        path="/api/v1/skills/import"
        accept=".csv,.xlsx"
        fileLabel="File (.csv or .xlsx)"
        checkLabel="Check the file"
        problemsLabel="Problems in the file"
        counts={(report) => <p data-testid="ratings-import-counts">{counts(report)}</p>}
      />
    </details>
  );
}
