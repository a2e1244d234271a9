// An area lead's view: the area's schools in a table that sorts by any column and filters by name,
// phase, band and concern; the area and authority rows to compare with; this period's pack.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { getJson, path, words } from '../api.ts';
import { BandedValue, bandOrder } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { MonthPicker, periodQuery, usePeriod } from '../period.tsx';
import { Scroll } from '../Scroll.tsx';
import { useTerm } from '../session.tsx';
import type { AreaDashboard } from '../types.ts';

type School = AreaDashboard['schools'][number];
type SortKey = 'name' | 'headteacher' | 'tenure' | 'concerns' | `indicator:${string}`;

function sortValue(school: School, key: SortKey): string | number | null {
  if (key === 'name') return school.name;
  if (key === 'headteacher') return school.headteacher?.name ?? null;
  if (key === 'tenure') return school.headteacher?.tenure_years ?? null;
  if (key === 'concerns') return school.concerns.length;
  return school.cells[key.slice('indicator:'.length)]?.value ?? null;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null) return b === null ? 0 : 1; // no value goes last either way
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

export function AreaPage() {
  const { code = '' } = useParams();
  const term = useTerm();
  const [period, setPeriod] = usePeriod();
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'name', ascending: true });
  const [text, setText] = useState('');
  const [phase, setPhase] = useState('');
  const [band, setBand] = useState('');
  const [onlyConcerns, setOnlyConcerns] = useState(false);
  const area = useQuery({
    queryKey: ['area-dashboard', code, period],
    queryFn: () => getJson<AreaDashboard>(`/api/v1/dashboards/areas/${path(code)}${periodQuery(period)}`),
  });
  const bandIndicator = area.data?.indicators[0]?.code ?? '';
  const rows = useMemo(() => {
    if (!area.data) return [];
    const needle = text.trim().toLowerCase();
    const kept = area.data.schools.filter(
      (s) =>
        (!needle || s.name.toLowerCase().includes(needle) || s.code.toLowerCase().includes(needle)) &&
        (!phase || s.phase === phase) &&
        (!band || s.cells[bandIndicator]?.band === band) &&
        (!onlyConcerns || s.concerns.length > 0),
    );
    const direction = sort.ascending ? 1 : -1;
    return kept.sort((a, b) => {
      const av = sortValue(a, sort.key);
      const bv = sortValue(b, sort.key);
      if (av === null || bv === null) return compare(av, bv);
      return direction * compare(av, bv) || a.name.localeCompare(b.name);
    });
  }, [area.data, text, phase, band, onlyConcerns, sort, bandIndicator]);

  if (area.isPending) return <p aria-busy="true">Loading the {term('area')}…</p>;
  if (area.isError) return <Problem error={area.error} />;
  const a = area.data;
  const phases = [...new Set(a.schools.map((s) => s.phase))].sort();
  const firstIndicator = a.indicators[0];

  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? 'number' : undefined}
        aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="sort"
          onClick={() =>
            setSort({ key, ascending: active ? !sort.ascending : key === 'name' || key === 'headteacher' })
          }
        >
          {label}
          <span aria-hidden="true">{active ? (sort.ascending ? ' ↑' : ' ↓') : ''}</span>
        </button>
      </th>
    );
  };
  const pack = `/api/v1/reports/area/${path(a.area.code)}?period=${encodeURIComponent(a.period)}`;

  return (
    <section>
      <p className="crumbs">
        <Link to={`/${periodQuery(a.period)}`}>Overview</Link> ›
      </p>
      <h1>
        {a.area.name} in {a.period}
      </h1>
      <p>
        Performance pack for {a.period}: <a href={pack}>open (HTML)</a> ·{' '}
        <a href={`${pack}&format=pdf`}>download PDF</a>
      </p>
      <MonthPicker shown={a.period} onChange={setPeriod} />
      <h2>Compared with the {term('authority')}</h2>
      <Scroll label="Area indicators">
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Unit</th>
              {a.indicators.map((i) => (
                <th scope="col" key={i.code}>
                  {i.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[a.area, a.authority].map((unit) => (
              <tr key={unit.code}>
                <th scope="row">{unit.name}</th>
                {a.indicators.map((i) => (
                  <td key={i.code}>
                    <BandedValue heading={i} cell={unit.cells[i.code]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>

      <h2>Schools</h2>
      <fieldset className="filters">
        <legend>Show schools</legend>
        <label>
          Name or code <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          Phase{' '}
          <select value={phase} onChange={(e) => setPhase(e.target.value)}>
            <option value="">all</option>
            {phases.map((p) => (
              <option key={p} value={p}>
                {words(p)}
              </option>
            ))}
          </select>
        </label>
        {firstIndicator && (
          <label>
            {firstIndicator.name} band{' '}
            <select value={band} onChange={(e) => setBand(e.target.value)}>
              <option value="">any</option>
              {Object.keys(bandOrder).map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input type="checkbox" checked={onlyConcerns} onChange={(e) => setOnlyConcerns(e.target.checked)} />{' '}
          only schools causing concern
        </label>
      </fieldset>
      <p aria-live="polite">
        {rows.length} of {a.schools.length} schools shown.
      </p>
      <Scroll label="Schools table">
        <table className="grid" data-testid="schools">
          <thead>
            <tr>
              {header('name', 'School')}
              {a.indicators.map((i) => header(`indicator:${i.code}`, i.name))}
              {header('headteacher', term('headteacher', true))}
              {header('tenure', 'Tenure (years)', true)}
              {header('concerns', 'Concerns')}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.code}>
                <th scope="row">
                  <Link to={`/schools/${path(s.code)}${periodQuery(a.period)}`}>{s.name}</Link>
                </th>
                {a.indicators.map((i) => (
                  <td key={i.code}>
                    <BandedValue heading={i} cell={s.cells[i.code]} />
                  </td>
                ))}
                <td>
                  {s.headteacher ? (
                    <>
                      {s.headteacher.name}
                      {s.headteacher.role !== 'headteacher' && (
                        <span className="tag"> {words(s.headteacher.role)}</span>
                      )}
                    </>
                  ) : (
                    <span className="tag warn">vacant</span>
                  )}
                </td>
                <td className="number">{s.headteacher?.tenure_years ?? '–'}</td>
                <td>
                  {s.concerns.length === 0 ? (
                    ''
                  ) : (
                    <ul className="concerns">
                      {s.concerns.map((c) => (
                        <li key={`${c.rule}-${c.indicator}`}>{c.reason}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}
