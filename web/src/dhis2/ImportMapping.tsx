// The mapping from a CSV or XLSX file (kind, code, uid, name): checked first (a dry run: how many
// mappings would be added or changed, or every problem by row and column), then imported, all or nothing.
import type { Answer } from '../../../src/contract.ts';
import type { importMappingsRoute } from '../../../src/dhis2/contract.ts';
import { FileUpload } from '../FileUpload.tsx';

type Report = Answer<typeof importMappingsRoute>;

const counts = (r: Report) =>
  `${r.rows} rows: ${r.inserted} mappings ${r.dryRun ? 'would be' : 'were'} added, ${r.updated} changed`;

export function ImportMapping() {
  return (
    <details className="panel">
      <summary>Import the mapping from a file</summary>
      <p>
        One row per code: <code>kind, code, uid, name</code>, the kind one of <code>org_unit</code>,{' '}
        <code>data_element</code>, <code>category_option_combo</code> or <code>data_set</code>. A code already
        mapped takes the file&rsquo;s UID; one UID maps one code of its kind.
      </p>
      <FileUpload<Report>
        path="/api/v1/dhis2/mappings/import"
        accept=".csv,.xlsx"
        fileLabel="File (.csv or .xlsx)"
        checkLabel="Check the file"
        problemsLabel="Problems in the file"
        counts={(report) => <p data-testid="mapping-import-counts">{counts(report)}</p>}
      />
    </details>
  );
}
