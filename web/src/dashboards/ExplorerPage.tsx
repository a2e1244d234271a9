// The indicator explorer: one indicator for a period at a level, as a table and a ranked chart, and the
// same rows to download as CSV or XLSX.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { AnalyticsLevel, analyticsRoute, listIndicatorsRoute } from '../../../src/kpi/contract.ts';
import type { Phase } from '../../../src/registry/contract.ts';
import { getJson } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { BarChart } from '../charts.tsx';
import { BandedValue } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession, useTerm } from '../session.tsx';
import { Breakdown } from './Breakdown.tsx';

const levels = [
  'authority',
  'area',
  'cluster',
  'school',
  'trust',
] as const satisfies readonly AnalyticsLevel[];

const phaseNames: Record<Phase, string> = {
  nursery: 'nursery',
  primary: 'primary',
  secondary: 'secondary',
  all_through: 'all-through',
  special: 'special',
  alternative_provision: 'alternative provision',
};

/** 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n.toLocaleString('en-GB')}${suffix}`;
}

export function ExplorerPage() {
  const term = useTerm();
  const [params, setParams] = useSearchParams();
  const catalogue = useQuery({
    queryKey: ['indicators'],
    queryFn: () => getJson<Answer<typeof listIndicatorsRoute>>('/api/v1/indicators'),
  });
  const session = useSession();
  const indicator = params.get('indicator') ?? catalogue.data?.indicators[0]?.code ?? '';
  const period = params.get('period') ?? session.latest_month ?? '';
  const level = params.get('level') ?? 'area';
  // Only the schools of one phase count, at every level ("primary schools in each area").
  const phase = (params.get('phase') ?? '') as Phase | '';
  const [draftPeriod, setDraftPeriod] = useState<string | null>(null);
  // One unit of the rows split by a category's options (by sex, by grade): kept in the address too.
  const split = params.get('split') ?? '';
  const by = params.get('by') ?? '';
  const chosen = { indicator, period, level, ...(phase ? { phase } : {}) };
  const query = new URLSearchParams(chosen);
  const results = useQuery({
    queryKey: ['analytics', indicator, period, level, phase],
    queryFn: () => getJson<Answer<typeof analyticsRoute>>(`/api/v1/analytics?${query}&series=false`),
    enabled: indicator !== '' && period !== '',
  });
  // Nothing in the period (an annual figure, such as value added in July, asked for in October): find
  // the latest period with a value from the authority's series, to offer it.
  const empty = Boolean(results.data && results.data.results.every((r) => r.value === null));
  const authority = useQuery({
    queryKey: ['analytics-latest', indicator, period],
    queryFn: () =>
      getJson<Answer<typeof analyticsRoute>>(
        `/api/v1/analytics?${new URLSearchParams({ indicator, period, level: 'authority', trend_periods: '24' })}`,
      ),
    enabled: empty,
  });
  const latestWithValue = authority.data?.results[0]?.series.filter((p) => p.value !== null).at(-1)?.period;
  const set = (key: string, value: string) => {
    const copy = new URLSearchParams({ ...chosen, ...(split ? { split } : {}), ...(by ? { by } : {}) });
    if (value === '') copy.delete(key);
    else copy.set(key, value);
    setParams(copy);
  };
  if (catalogue.isError) return <Problem error={catalogue.error} />;
  const heading = catalogue.data?.indicators.find((i) => i.code === indicator);
  const sorted = [...(results.data?.results ?? [])]
    .sort((a, b) => {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      // Best first: a parity index nearest 1, whichever side.
      if (heading?.direction === 'parity') return Math.abs(a.value - 1) - Math.abs(b.value - 1);
      const sign = heading?.direction === 'lower' ? 1 : -1;
      return sign * (a.value - b.value);
    })
    .map((r, n) => ({ ...r, key: r.org_unit || `anonymous-${n}`, rank: null as number | null, tied: false }));
  // Equal values share a place (1, 2, 2, 4): a school is not ranked below another with the same figure.
  for (const [n, r] of sorted.entries()) {
    const before = sorted[n - 1];
    if (r.value === null) continue;
    const same = before !== undefined && before.value === r.value;
    r.rank = same ? before.rank : n + 1;
    if (same) {
      r.tied = true;
      before.tied = true;
    }
  }
  // A head sees other schools without their names: their own school (or an area lead's own area) is
  // picked out and its place given, so it can be found among a thousand "Another school" rows.
  const own = new Set(session.whole_authority ? [] : session.roles.map((r) => r.org_unit));
  const mine = sorted.filter((r) => own.has(r.org_unit));
  const ranked = sorted.filter((r) => r.value !== null).length;
  return (
    <section>
      <h1>Indicator explorer</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (draftPeriod !== null) set('period', draftPeriod.trim());
        }}
      >
        <Choice
          label="Indicator"
          value={indicator}
          onChange={(value) => set('indicator', value)}
          options={codeOptions(catalogue.data?.indicators)}
        />
        <Choice
          label="Level"
          value={level}
          onChange={(value) => set('level', value)}
          options={levels.map((l) => ({ value: l, label: l === 'trust' ? 'trust' : term(l) }))}
        />
        <Choice<Phase | ''>
          label="Phase"
          value={phase}
          onChange={(value) => set('phase', value)}
          empty="every phase"
          options={(Object.keys(phaseNames) as Phase[]).map((p) => ({ value: p, label: phaseNames[p] }))}
        />
        <label>
          Period{' '}
          <span className="tag">(month 2026-10, term 2026-27T1, academic year 2026-27 or year 2026)</span>{' '}
          <input value={draftPeriod ?? period} onChange={(e) => setDraftPeriod(e.target.value)} size={10} />
        </label>{' '}
        <button type="submit">Show</button>
      </form>
      {results.isError && <Problem error={results.error} />}
      {results.isPending && indicator && period && <p aria-busy="true">Working it out…</p>}
      {heading && results.data && (
        <>
          {empty && (
            <p data-testid="no-values">
              No values in {period}.{' '}
              {latestWithValue && (
                <>
                  The latest period with values is{' '}
                  <button type="button" className="link" onClick={() => set('period', latestWithValue)}>
                    {latestWithValue}
                  </button>{' '}
                  (results and value added are published once a year, in July).
                </>
              )}
            </p>
          )}
          {mine.map((r) => (
            <p key={r.key} className="own-place" data-testid="own-place">
              <a href={`#row-${r.org_unit}`}>{r.name}</a>{' '}
              {r.rank === null
                ? 'has no value in this period.'
                : `is ${r.tied ? 'joint ' : ''}${ordinal(r.rank)} of ${ranked} (${{ lower: 'lowest', higher: 'highest', parity: 'nearest 1' }[heading.direction]} first).`}
            </p>
          ))}
          <p>
            {sorted.length} rows. Download: <a href={`/api/v1/analytics?${query}&format=csv`}>CSV</a> ·{' '}
            <a href={`/api/v1/analytics?${query}&format=xlsx`}>XLSX</a>
          </p>
          <BarChart
            heading={heading}
            rows={sorted.map((r) => ({ code: r.org_unit, name: r.name, value: r.value, band: r.band }))}
            highlight={own}
            linkTo={(code) =>
              level === 'school'
                ? `/schools/${encodeURIComponent(code)}`
                : level === 'area'
                  ? `/areas/${encodeURIComponent(code)}`
                  : null
            }
          />
          <Scroll label="Results table">
            <table className="grid" data-testid="explorer">
              <thead>
                <tr>
                  <th scope="col" className="number">
                    Rank
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">{heading.name}</th>
                  <th scope="col" className="number">
                    Target
                  </th>
                  <th scope="col" className="number">
                    Reported
                  </th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <tr
                    key={r.key}
                    id={r.org_unit ? `row-${r.org_unit}` : undefined}
                    className={own.has(r.org_unit) ? 'own' : undefined}
                  >
                    <td className="number">{r.rank ?? '–'}</td>
                    <th scope="row">
                      {r.name}
                      {own.has(r.org_unit) && <span className="tag"> yours</span>}
                    </th>
                    <td>
                      <BandedValue
                        heading={heading}
                        cell={{
                          value: r.value,
                          band: r.band,
                          trend: r.trend.direction,
                          arrow: r.trend.arrow,
                          slope: null,
                          completeness: null,
                          target: r.target,
                          latest: null,
                        }}
                      />
                    </td>
                    <td className="number">{r.target ?? '–'}</td>
                    <td className="number">
                      {/* A computed indicator (from inspections, the challenges log) expects no returns. */}
                      {r.completeness.expected > 0
                        ? `${r.completeness.reported}/${r.completeness.expected}`
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <h2>Split by category</h2>
          <Choice
            label="Split"
            value={split}
            onChange={(value) => set('split', value)}
            empty="choose a row"
            options={sorted.filter((r) => r.org_unit).map((r) => ({ value: r.org_unit, label: r.name }))}
          />
          {split && !phase && (
            <Breakdown
              heading={heading}
              orgUnit={split}
              unitName={sorted.find((r) => r.org_unit === split)?.name ?? split}
              period={period}
              by={by}
              onBy={(value) => set('by', value)}
            />
          )}
          {split && phase && (
            <p className="muted">A split counts every phase: choose every phase to see it.</p>
          )}
        </>
      )}
    </section>
  );
}
