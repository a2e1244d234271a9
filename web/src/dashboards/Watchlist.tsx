// The watchlist: schools needing attention ranked by severity with their reasons, and per area the
// count of schools needing attention, red measures, late returns and the month's completeness. The
// overview and an area's page lead with it; both read the attention model through their one request.
import { Link } from 'react-router';
import type { Attention, AttentionReason, Severity } from '../../../src/attention/contract.ts';
import { path } from '../api.ts';
import { periodQuery } from '../period.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { useTerm } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';

const severityNames: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export function SeverityTag({ severity }: { severity: Severity | null }) {
  if (!severity) return null;
  return <span className={`severity severity-${severity}`}>{severityNames[severity]}</span>;
}

export function Reasons({ reasons }: { reasons: AttentionReason[] }) {
  return (
    <ul className="concerns">
      {reasons.map((r) => (
        <li key={`${r.kind}-${r.measure}`}>
          <SeverityTag severity={r.severity} /> {r.evidence}
        </li>
      ))}
    </ul>
  );
}

const CAP = 10;

const count = (n: number) => n.toLocaleString('en-GB');
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(0)}%`);

/** The ranked schools, the first ten shown until "show all" is pressed. */
export function Watchlist({ attention, showArea }: { attention: Attention; showArea: boolean }) {
  const term = useTerm();
  const [view, setView] = useUrlState({ watchlist: 'top' });
  const all = view.watchlist === 'all';
  const setAll = (shown: boolean) => setView({ watchlist: shown ? 'all' : 'top' });
  const { schools, totals, period } = attention;
  const shown = all ? schools : schools.slice(0, CAP);
  const s = totals.by_severity;
  return (
    <section aria-labelledby="watchlist-heading" data-testid="watchlist">
      <h2 id="watchlist-heading">
        Schools needing attention in {period}: {count(totals.needing_attention)} of {count(totals.schools)}
      </h2>
      <p className="tag">
        {s.critical} critical · {s.high} high · {s.medium} medium · {s.low} low.{' '}
        {showArea
          ? ''
          : `${totals.red_indicators} red measures; ${totals.late_returns} late returns; returns in for ${period}: ${pct(totals.completeness)}. `}
        Ranked across the {term('authority')} by their most severe reason, then by how many reasons at each
        severity. Headship, inspections and challenges as on {attention.as_of}.
      </p>
      {schools.length === 0 ? (
        <p>No school needs attention.</p>
      ) : (
        <Scroll label="Schools needing attention">
          <table className="grid watchlist">
            <thead>
              <tr>
                <th scope="col" className="number">
                  Rank in the {term('authority')}
                </th>
                <th scope="col">School</th>
                {showArea && <th scope="col">{term('area', true)}</th>}
                <th scope="col">Severity</th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((school) => (
                <tr key={school.code}>
                  <td className="number">{school.rank}</td>
                  <th scope="row">
                    <Link to={`/schools/${path(school.code)}${periodQuery(period)}`}>{school.name}</Link>
                  </th>
                  {showArea && <td>{school.area_name}</td>}
                  <td>
                    <SeverityTag severity={school.severity} />
                  </td>
                  <td>
                    <Reasons reasons={school.reasons} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {schools.length > CAP && (
        <button type="button" onClick={() => setAll(!all)}>
          {all ? `Show the first ${CAP}` : `Show all ${schools.length}`}
        </button>
      )}
    </section>
  );
}

type AreaKey = 'name' | 'needing_attention' | 'critical' | 'red_indicators' | 'late_returns' | 'completeness';

/** Per area: schools needing attention, red measures, late returns and completeness, sortable. */
export function AreaCounts({ attention }: { attention: Attention }) {
  const term = useTerm();
  const [view, setView] = useUrlState({ areas_sort: 'needing_attention', areas_order: 'desc' });
  const sort = { key: view.areas_sort as AreaKey, descending: view.areas_order === 'desc' };
  const setSort = (next: { key: AreaKey; descending: boolean }) =>
    setView({ areas_sort: next.key, areas_order: next.descending ? 'desc' : 'asc' });
  const value = (a: Attention['areas'][number], key: AreaKey): number | string =>
    key === 'name' ? a.name : key === 'critical' ? a.by_severity.critical : (a[key] ?? -1);
  const rows = [...attention.areas].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return (sort.descending ? -order : order) || a.name.localeCompare(b.name);
  });
  const header = (key: AreaKey, label: string, numeric = true) => (
    <SortHeader
      label={label}
      numeric={numeric}
      active={sort.key === key}
      ascending={!sort.descending}
      onSort={() => setSort({ key, descending: sort.key === key ? !sort.descending : key !== 'name' })}
    />
  );
  const t = attention.totals;
  return (
    <Scroll label="Attention by area">
      <table className="grid" data-testid="attention-by-area">
        <caption className="sr-only">
          Each {term('area')}: schools needing attention, red measures, late returns and data completeness in{' '}
          {attention.period}
        </caption>
        <thead>
          <tr>
            {header('name', term('area', true), false)}
            {header('needing_attention', 'Schools needing attention')}
            {header('critical', 'Critical')}
            {header('red_indicators', 'Red measures')}
            {header('late_returns', 'Late returns')}
            {header('completeness', `Returns in for ${attention.period}`)}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.code}>
              <th scope="row">
                <Link to={`/areas/${path(a.code)}${periodQuery(attention.period)}`}>{a.name}</Link>
              </th>
              <td className="number">
                {count(a.needing_attention)} of {count(a.schools)}
              </td>
              <td className="number">{a.by_severity.critical}</td>
              <td className="number">{a.red_indicators}</td>
              <td className="number">{a.late_returns}</td>
              <td className="number">{pct(a.completeness)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All shown</th>
            <td className="number">
              {count(t.needing_attention)} of {count(t.schools)}
            </td>
            <td className="number">{t.by_severity.critical}</td>
            <td className="number">{t.red_indicators}</td>
            <td className="number">{t.late_returns}</td>
            <td className="number">{pct(t.completeness)}</td>
          </tr>
        </tfoot>
      </table>
    </Scroll>
  );
}
