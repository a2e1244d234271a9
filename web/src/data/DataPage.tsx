// Data: upload an import file, see what a dry run found (the first 1,000 problems by row and column and
// the rest counted by column and reason, or the counts it would write), then confirm. Nothing is written
// until the person says so. Each kind has a template and its columns described below; a head uploads
// data values for their own school.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { ExchangeKindName, importFileRoute } from '../../../src/exchange/contract.ts';
import type { ImportProblem, ImportProblemCount, ImportReport } from '../../../src/tabular/contract.ts';
import { ApiError, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { NoAccess } from '../NoAccess.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { ElementRanges } from './ElementRanges.tsx';
import { ImportFormats, TemplateLinks } from './ImportFormats.tsx';
import { ValueAddedModels } from './ValueAddedModels.tsx';

const kinds = [
  ['data-values', 'Monthly data values', 'kpi:write'],
  ['targets', 'Targets', 'kpi:write'],
  ['national-reference', 'National reference', 'kpi:write'],
  ['indicators', 'Indicators (YAML, CSV or XLSX)', 'kpi:write'],
  ['org-units', 'Org units: areas and clusters', 'registry:write'],
  ['schools', 'Schools', 'registry:write'],
  ['people', 'People', 'registry:write'],
  ['posts', 'Posts (who holds which role where)', 'registry:write'],
  ['designations', 'Designations (NLE, LLE, SLE, ...)', 'registry:write'],
  ['inspection-frameworks', 'Inspection frameworks', 'registry:write'],
  ['inspections', 'Inspections', 'registry:write'],
  ['pupil-results', 'Pupil results (pseudonymised)', 'pupils:write'],
] as const satisfies readonly (readonly [ExchangeKindName, string, string])[];

/** The error of a refused import (its 422), read from the route as Answer reads a 200. */
type Refusal = Answer<{ responses: { 200: (typeof importFileRoute)['responses'][422] } }>['error'];

type Stage =
  | { step: 'choose' }
  | { step: 'checking' }
  | { step: 'checked'; report: ImportReport }
  | { step: 'rejected'; message: string; problems: ImportProblem[]; more: ImportProblemCount[] }
  | { step: 'importing' }
  | { step: 'done'; report: ImportReport };

function upload(kind: string, file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file);
  return send<Answer<typeof importFileRoute>>('POST', `/api/v1/imports/${kind}?dry_run=${dryRun}`, form);
}

function Counts({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  return (
    <p data-testid="counts">
      {report.rows} rows: {report.inserted} {dryRun ? 'to add' : 'added'}, {report.updated}{' '}
      {dryRun ? 'to change' : 'changed'}, {report.unchanged} unchanged.
    </p>
  );
}

export function DataPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const fileId = useId();
  // A head imports their own school's data values; every other import needs a role for the whole authority.
  const ownSchools = session.roles.filter((r) => r.role === 'headteacher' && !r.group).map((r) => r.org_unit);
  const allowed = kinds.filter(([kind, , permission]) =>
    session.whole_authority ? can(session, permission) : kind === 'data-values' && ownSchools.length > 0,
  );
  const [kind, setKind] = useState<string>(allowed[0]?.[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<Error | null>(null);
  if (allowed.length === 0) return <NoAccess title="Data" needs="import data for the whole authority" />;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setStage({ step: dryRun ? 'checking' : 'importing' });
    try {
      const report = await upload(kind, file, dryRun);
      setStage(dryRun ? { step: 'checked', report } : { step: 'done', report });
      if (!dryRun) await queryClient.invalidateQueries();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422)
        setStage({
          step: 'rejected',
          message: e.message,
          problems: (e.details as Refusal['details']) ?? [],
          more: (e.problems as Refusal['problems'] | null)?.more ?? [],
        });
      else {
        setError(e as Error);
        setStage({ step: 'choose' });
      }
    }
  };

  return (
    <section>
      <h1>Data</h1>
      <p>
        Files are CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX, with the columns of their kind
        described under <a href="#import-formats">Import formats</a> below. Start from the kind’s template: it
        describes each column and lists the codes you may use. A file is checked first; nothing is written
        until you confirm, and a file with any problem writes nothing: every problem is listed by row and
        column.
      </p>
      {session.whole_authority && can(session, 'kpi:write') && (
        <p>
          From or to DHIS2: <Link to="/data/dhis2">the UID mapping and the pull from DHIS2</Link>. Values by
          sex, grade or the authority&rsquo;s own categories: <Link to="/data/categories">categories</Link>.
        </p>
      )}
      {!session.whole_authority && (
        <p data-testid="own-school">
          As head of {ownSchools.join(', ')} you upload data values for your own school; a row for any other
          school is refused.
        </p>
      )}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <Choice
          label="What the file holds"
          value={kind}
          onChange={(value) => {
            setKind(value);
            setStage({ step: 'choose' });
          }}
          options={allowed.map(([value, label]) => ({ value, label }))}
        />
        <label htmlFor={fileId}>File</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.xlsx,.yaml,.yml,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setStage({ step: 'choose' });
          }}
        />
        <button type="submit" disabled={!file || stage.step === 'checking'}>
          {stage.step === 'checking' ? 'Checking…' : 'Check the file'}
        </button>
      </form>
      <p data-testid="template">
        <TemplateLinks kind={kind} />
      </p>
      {error && <Problem error={error} />}
      <div aria-live="polite">
        {stage.step === 'rejected' && (
          <>
            <p role="alert" className="problem">
              {stage.message}
            </p>
            <Scroll label="Problems table">
              <table className="grid" data-testid="problems">
                <thead>
                  <tr>
                    <th scope="col" className="number">
                      Row
                    </th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {stage.problems.map((p) => (
                    <tr key={`${p.row}-${p.column}-${p.message}`}>
                      <td className="number">{p.row ?? '–'}</td>
                      <td>{p.column ?? '–'}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
            {stage.more.length > 0 && (
              <>
                <h2>The other problems, by column</h2>
                <table className="grid" data-testid="more-problems">
                  <thead>
                    <tr>
                      <th scope="col">Column</th>
                      <th scope="col">Problem</th>
                      <th scope="col" className="number">
                        Count
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {stage.more.map((c) => (
                      <tr key={`${c.column}-${c.reason}`}>
                        <td>{c.column ?? '–'}</td>
                        <td>{c.reason}</td>
                        <td className="number">{c.count.toLocaleString('en-GB')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
        {stage.step === 'checked' && (
          <>
            <h2>The file is good</h2>
            <Counts report={stage.report} dryRun />
            <button type="button" onClick={() => void run(false)}>
              Import {file?.name}
            </button>{' '}
            <button type="button" onClick={() => setStage({ step: 'choose' })}>
              Cancel
            </button>
          </>
        )}
        {stage.step === 'importing' && <p aria-busy="true">Importing…</p>}
        {stage.step === 'done' && (
          <>
            <h2>Imported</h2>
            <Counts report={stage.report} dryRun={false} />
          </>
        )}
      </div>
      <ImportFormats open={kind} kinds={allowed.map(([value]) => value)} />
      {session.whole_authority && can(session, 'kpi:write') && <ElementRanges />}
      {session.whole_authority && can(session, 'kpi:write') && <ValueAddedModels />}
    </section>
  );
}
