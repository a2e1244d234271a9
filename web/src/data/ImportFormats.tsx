// The Data page's import formats: each kind's columns (required or not, format, meaning, example), the
// same words as the Columns sheet of its template, with the template to download where the caller may
// import the kind. Only the kinds the person may upload are shown: the kind chosen for upload is open,
// the others fold away.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { importFormatsRoute } from '../../../src/exchange/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

/** The template of a kind, as a workbook and as the CSV header line. */
export function TemplateLinks({ kind }: { kind: string }) {
  return (
    <>
      <a href={`/api/v1/imports/${kind}/template`} download={`${kind}-template.xlsx`}>
        {kind} template (XLSX, with the codes you may use)
      </a>{' '}
      ·{' '}
      <a href={`/api/v1/imports/${kind}/template?format=csv`} download={`${kind}-template.csv`}>
        header line (CSV)
      </a>
    </>
  );
}

export function ImportFormats({ open, kinds }: { open: string; kinds: readonly string[] }) {
  const formats = useQuery({
    queryKey: ['import-formats'],
    queryFn: () => getJson<Answer<typeof importFormatsRoute>>('/api/v1/imports/formats'),
  });
  if (formats.error) return <Problem error={formats.error} />;
  return (
    <section aria-labelledby="import-formats">
      <h2 id="import-formats">Import formats</h2>
      <p>
        The kinds are in the order a new installation loads them: each refers to codes of the ones before.
        Headings are matched without regard to case or spacing; a column left out keeps its current values.
      </p>
      {formats.data?.kinds
        .filter((k) => kinds.includes(k.kind))
        .map((k) => (
          <details key={k.kind} open={k.kind === open} data-testid={`format-${k.kind}`}>
            <summary>
              <code>{k.kind}</code> ({k.columns.filter((c) => c.required).length} required of{' '}
              {k.columns.length} columns)
            </summary>
            {k.may_import && (
              <p>
                <TemplateLinks kind={k.kind} />
              </p>
            )}
            <Scroll label={`${k.kind} columns`}>
              <table className="grid">
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Required</th>
                    <th scope="col">Format</th>
                    <th scope="col">Meaning</th>
                    <th scope="col">Example</th>
                  </tr>
                </thead>
                <tbody>
                  {k.columns.map((c) => (
                    <tr key={c.name}>
                      <td>
                        <code>{c.name}</code>
                      </td>
                      <td>{c.required ? 'yes' : 'no'}</td>
                      <td>{c.format}</td>
                      <td>{c.meaning}</td>
                      <td>{c.example}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </details>
        ))}
    </section>
  );
}
