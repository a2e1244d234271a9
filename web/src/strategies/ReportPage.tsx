// The termly impact report for a strategy: the term chosen in the address (Back, reload and a shared
// link return the same report), the report the server drafts shown in the page as it prints, and the
// same report as a PDF to download.
import { Link, useParams } from 'react-router';
import { Choice } from '../Choice.tsx';
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

export function ReportPage() {
  const { code = '' } = useParams();
  const terms = recentTerms(new Date());
  const [view, setView] = useUrlState({ term: terms[0] as string });
  const path = `/api/v1/strategies/${encodeURIComponent(code)}/report?term=${encodeURIComponent(view.term)}`;
  // A hand-edited address is refused here as the API would refuse it (the chooser offers only terms).
  const valid = /^\d{4}-\d{2}T[123]$/.test(view.term);
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
      {!valid && (
        <p role="alert" className="problem">
          "{view.term}" is not a term: use an academic year and a term number, such as 2025-26T2
        </p>
      )}
      {valid && (
        // The server's report as it prints, in a frame: its inline styles are allowed there, not in the app.
        <iframe
          title={`Impact report ${view.term}`}
          src={path}
          data-testid="report"
          style={{ width: '100%', height: '80vh', border: '1px solid #d6d6d6' }}
        />
      )}
    </>
  );
}
