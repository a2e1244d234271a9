// The termly impact report for a strategy: the term chosen in the address (Back, reload and a shared
// link return the same report), the report the server drafts shown in the page as it prints, and the
// same report as a PDF to download.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useUrlState } from '../useUrlState.ts';

/** Terms of the academic year starting in September: T1 September–December, T2 January–March, T3 April–August. */
function termOf(date: Date): string {
  const year = date.getFullYear();
  const month = date.getMonth() + 1;
  const startYear = month >= 9 ? year : year - 1;
  const label = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
  return `${label}T${month >= 9 ? 1 : month <= 3 ? 2 : 3}`;
}

/** The current term and the five before it, newest first. */
function recentTerms(today: Date): string[] {
  const terms: string[] = [];
  const cursor = new Date(today.getFullYear(), today.getMonth(), 1);
  while (terms.length < 6) {
    const term = termOf(cursor);
    if (!terms.includes(term)) terms.push(term);
    cursor.setMonth(cursor.getMonth() - 1);
  }
  return terms;
}

/** The report's HTML, or the API's error as the page shows errors. */
async function reportHtml(path: string): Promise<string> {
  const response = await fetch(path, { headers: { accept: 'text/html' } });
  if (response.ok) return response.text();
  const body = await response.json().catch(() => null);
  throw new ApiError(response.status, body?.error?.message ?? `The server answered ${response.status}`);
}

export function ReportPage() {
  const { code = '' } = useParams();
  const terms = recentTerms(new Date());
  const [view, setView] = useUrlState({ term: terms[0] as string });
  const path = `/api/v1/strategies/${encodeURIComponent(code)}/report?term=${encodeURIComponent(view.term)}`;
  const report = useQuery({
    queryKey: ['strategy-report', code, view.term],
    queryFn: () => reportHtml(path),
  });
  const options = (terms.includes(view.term) ? terms : [view.term, ...terms]).map((t) => ({
    value: t,
    label: t,
  }));
  return (
    <>
      <p className="crumbs">
        <Link to="/strategies">Strategies</Link> ›{' '}
        <Link to={`/strategies/${encodeURIComponent(code)}`}>{code}</Link> ›
      </p>
      <h1>Termly impact report</h1>
      <div className="filters">
        <Choice
          label="Term"
          value={view.term}
          onChange={(term) => setView({ term }, { push: true })}
          options={options}
        />{' '}
        <a href={`${path}&format=pdf`} download>
          Download PDF
        </a>
      </div>
      {report.isError && <Problem error={report.error} />}
      {!report.isError && !report.data && <p aria-busy="true">Drafting the report…</p>}
      {report.data && (
        <iframe
          title={`Impact report ${view.term}`}
          srcDoc={report.data}
          data-testid="report"
          style={{ width: '100%', height: '80vh', border: '1px solid #d6d6d6' }}
        />
      )}
    </>
  );
}
