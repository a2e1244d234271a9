// The tables an area's and a trust's pages share: units side by side on every indicator (the area or
// trust beside what it compares with), and its schools in a table that sorts by any column and filters
// by name, phase, band and concern.
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { areaRoute, IndicatorHeading, trustRoute } from '../../../src/dashboards/contract.ts';
import { path, words } from '../api.ts';
import { Choice, plainOptions } from '../Choice.tsx';
import { BandedValue, bandOrder } from '../format.tsx';
import { periodQuery } from '../period.tsx';
import { Scroll } from '../Scroll.tsx';
import { SortHeader } from '../SortHeader.tsx';
import { useTerm } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';
import { Reasons } from './Watchlist.tsx';

/** A school's row on an area's page, or on a trust's with the area it sits in. */
type DashboardSchool =
  | Answer<typeof areaRoute>['schools'][number]
  | Answer<typeof trustRoute>['schools'][number];

/** A unit beside the others on every indicator: an area, a trust, the authority. */
type UnitWithCells = Answer<typeof areaRoute>['area'];

const areaName = (school: DashboardSchool) => ('area_name' in school ? school.area_name : null);

type SortKey = 'name' | 'area' | 'headteacher' | 'tenure' | 'concerns' | `indicator:${string}`;

function sortValue(school: DashboardSchool, key: SortKey): string | number | null {
  if (key === 'name') return school.name;
  if (key === 'area') return areaName(school);
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

/** Units as rows, indicators as columns: the page's own unit first, then those it compares with. */
export function UnitsTable({
  label,
  indicators,
  units,
}: {
  label: string;
  indicators: IndicatorHeading[];
  units: UnitWithCells[];
}) {
  return (
    <Scroll label={label}>
      <table className="grid" data-testid="units">
        <thead>
          <tr>
            <th scope="col">Unit</th>
            {indicators.map((i) => (
              <th scope="col" key={i.code}>
                {i.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.code} data-code={unit.code}>
              <th scope="row">{unit.name}</th>
              {indicators.map((i) => (
                <td key={i.code} data-indicator={i.code}>
                  <BandedValue heading={i} cell={unit.cells[i.code]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** The schools with filters and sortable columns; `showArea` adds the area column (a trust's schools). */
export function SchoolsTable({
  indicators,
  schools,
  period,
  showArea = false,
}: {
  indicators: IndicatorHeading[];
  schools: DashboardSchool[];
  period: string;
  showArea?: boolean;
}) {
  const term = useTerm();
  // Kept in the address: Back from a school, a reload or a shared link return this same list.
  const [view, setView] = useUrlState({
    sort: 'name',
    order: 'asc',
    q: '',
    phase: '',
    band: '',
    attention: '',
  });
  const sort = { key: view.sort as SortKey, ascending: view.order === 'asc' };
  const setSort = (next: { key: SortKey; ascending: boolean }) =>
    setView({ sort: next.key, order: next.ascending ? 'asc' : 'desc' });
  const { q: text, phase, band } = view;
  const onlyConcerns = view.attention === 'only';
  const setText = (q: string) => setView({ q });
  const setPhase = (next: string) => setView({ phase: next });
  const setBand = (next: string) => setView({ band: next });
  const setOnlyConcerns = (only: boolean) => setView({ attention: only ? 'only' : '' });
  const bandIndicator = indicators[0]?.code ?? '';
  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const kept = schools.filter(
      (s) =>
        (!needle || s.name.toLowerCase().includes(needle) || s.code.toLowerCase().includes(needle)) &&
        (!phase || s.phase === phase) &&
        (!band || s.cells[bandIndicator]?.band === band) &&
        (!onlyConcerns || s.concerns.length > 0),
    );
    const direction = view.order === 'asc' ? 1 : -1;
    return kept.sort((a, b) => {
      const av = sortValue(a, view.sort as SortKey);
      const bv = sortValue(b, view.sort as SortKey);
      if (av === null || bv === null) return compare(av, bv);
      return direction * compare(av, bv) || a.name.localeCompare(b.name);
    });
  }, [schools, text, phase, band, onlyConcerns, view.sort, view.order, bandIndicator]);
  const phases = [...new Set(schools.map((s) => s.phase))].sort();
  const firstIndicator = indicators[0];

  const header = (key: SortKey, label: string, numeric = false) => (
    <SortHeader
      label={label}
      numeric={numeric}
      active={sort.key === key}
      ascending={sort.ascending}
      onSort={() =>
        setSort({
          key,
          ascending:
            sort.key === key ? !sort.ascending : key === 'name' || key === 'area' || key === 'headteacher',
        })
      }
    />
  );

  return (
    <>
      <fieldset className="filters">
        <legend>Show schools</legend>
        <label>
          Name or code <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <Choice
          label="Phase"
          value={phase}
          onChange={setPhase}
          empty="all"
          options={phases.map((p) => ({ value: p, label: words(p) }))}
        />
        {firstIndicator && (
          <Choice
            label={`${firstIndicator.name} band`}
            value={band}
            onChange={setBand}
            empty="any"
            options={plainOptions(Object.keys(bandOrder))}
          />
        )}
        <label>
          <input type="checkbox" checked={onlyConcerns} onChange={(e) => setOnlyConcerns(e.target.checked)} />{' '}
          only schools needing attention
        </label>
      </fieldset>
      <p aria-live="polite">
        {rows.length} of {schools.length} schools shown.
      </p>
      <Scroll label="Schools table">
        <table className="grid" data-testid="schools">
          <thead>
            <tr>
              {header('name', 'School')}
              {showArea && header('area', term('area', true))}
              {indicators.map((i) => header(`indicator:${i.code}`, i.name))}
              {header('headteacher', term('headteacher', true))}
              {header('tenure', 'Tenure (years)', true)}
              {header('concerns', 'Reasons for attention')}
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.code} data-code={s.code}>
                <th scope="row">
                  <Link to={`/schools/${path(s.code)}${periodQuery(period)}`}>{s.name}</Link>
                </th>
                {showArea && <td>{areaName(s)}</td>}
                {indicators.map((i) => (
                  <td key={i.code} data-indicator={i.code}>
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
                <td>{s.concerns.length === 0 ? '' : <Reasons reasons={s.concerns} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </>
  );
}
