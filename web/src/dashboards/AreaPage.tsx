// An area lead's view: the area's schools in a table that sorts by any column and filters by name,
// phase, band and concern; the area and authority rows to compare with; this period's pack.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { areaRoute } from '../../../src/dashboards/contract.ts';
import { getJson, path } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { MonthPicker, periodQuery, usePeriod } from '../period.tsx';
import { useTerm } from '../session.tsx';
import { SchoolsTable, UnitsTable } from './SchoolsTable.tsx';
import { Watchlist } from './Watchlist.tsx';

export function AreaPage() {
  const { code = '' } = useParams();
  const term = useTerm();
  const [period, setPeriod] = usePeriod();
  const area = useQuery({
    queryKey: ['area-dashboard', code, period],
    queryFn: () =>
      getJson<Answer<typeof areaRoute>>(`/api/v1/dashboards/areas/${path(code)}${periodQuery(period)}`),
  });

  if (area.isPending) return <p aria-busy="true">Loading the {term('area')}…</p>;
  if (area.isError) return <Problem error={area.error} />;
  const a = area.data;
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
      <Watchlist attention={a.attention} showArea={false} />
      <h2>Compared with the {term('authority')}</h2>
      <UnitsTable label="Area indicators" indicators={a.indicators} units={[a.area, a.authority]} />

      <h2>Schools</h2>
      <SchoolsTable indicators={a.indicators} schools={a.schools} period={a.period} />
    </section>
  );
}
