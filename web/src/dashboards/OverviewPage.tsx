// The director's overview: first the watchlist (schools needing attention, ranked, with their reasons,
// and each area's counts), then each area a row, each key indicator a banded cell with its trend, and the
// schools on a map coloured by a chosen indicator.
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type {
  DirectorOverview,
  IndicatorHeading,
  mapRoute,
  overviewRoute,
} from '../../../src/dashboards/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { SchoolMap } from '../charts.tsx';
import { BandedValue } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { MonthPicker, periodQuery, usePeriod } from '../period.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession, useTerm } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';
import { AreaCounts, Watchlist } from './Watchlist.tsx';

function YourPlaces() {
  const session = useSession();
  const term = useTerm();
  const places = session.roles.filter((r) => r.role !== 'admin' && r.role !== 'analyst');
  if (session.whole_authority || places.length === 0) return null;
  return (
    <nav aria-label="Your schools and areas">
      <h2>Yours</h2>
      <ul>
        {places.map((r) => (
          <li key={`${r.role}-${r.org_unit}`}>
            {r.group ? (
              <Link to={`/trusts/${path(r.org_unit)}`}>
                {term(r.group, true)} {r.org_unit}
              </Link>
            ) : r.role === 'headteacher' || r.role === 'system_leader' ? (
              <Link to={`/schools/${path(r.org_unit)}`}>School {r.org_unit}</Link>
            ) : (
              <Link to={`/areas/${path(r.org_unit)}`}>
                {term('area', true)} {r.org_unit}
              </Link>
            )}{' '}
            <span className="tag">({term(r.role)})</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MapPanel({ indicators, period }: { indicators: IndicatorHeading[]; period: string }) {
  const [view, setView] = useUrlState({ map: indicators[0]?.code ?? '' });
  const indicator = view.map;
  const setIndicator = (map: string) => setView({ map });
  const map = useQuery({
    queryKey: ['map', indicator, period],
    queryFn: () =>
      getJson<Answer<typeof mapRoute>>(
        `/api/v1/dashboards/map?${new URLSearchParams({ indicator, period })}`,
      ),
    enabled: indicator !== '',
  });
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">Schools by location</h2>
      <p className="controls">
        <Choice
          label="Colour by"
          id="map-indicator"
          value={indicator}
          onChange={setIndicator}
          options={codeOptions(indicators)}
        />
      </p>
      {map.isError && <Problem error={map.error} />}
      {map.isPending ? (
        <p aria-busy="true">Loading the map…</p>
      ) : (
        map.data && <SchoolMap {...map.data} heading={map.data.indicator} />
      )}
    </section>
  );
}

/** Trusts and federations the caller may open: every one for the whole authority, else their own. */
function TrustsList({ trusts, period }: { trusts: DirectorOverview['trusts']; period: string }) {
  const term = useTerm();
  if (trusts.length === 0) return null;
  return (
    <section aria-labelledby="trusts-heading">
      <h2 id="trusts-heading">Trusts and federations</h2>
      <ul>
        {trusts.map((t) => (
          <li key={t.code}>
            <Link to={`/trusts/${path(t.code)}${periodQuery(period)}`}>{t.name}</Link>{' '}
            <span className="tag">
              ({t.kind === 'trust' ? term('trust') : term('federation')}, {t.schools} schools)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OverviewPage() {
  const term = useTerm();
  const session = useSession();
  const [period, setPeriod] = usePeriod();
  // Someone whose only places are trusts or federations lands on their (first) trust's page.
  const places = session.roles.filter((r) => r.role !== 'admin');
  const landing = !session.whole_authority && places.length > 0 && places.every((r) => r.group);
  const overview = useQuery({
    queryKey: ['overview', period],
    queryFn: () => getJson<Answer<typeof overviewRoute>>(`/api/v1/dashboards/overview${periodQuery(period)}`),
    enabled: !landing,
  });
  if (landing)
    return <Navigate to={`/trusts/${path(places[0]?.org_unit ?? '')}${periodQuery(period)}`} replace />;
  if (overview.isPending) return <p aria-busy="true">Loading the overview…</p>;
  if (overview.isError) return <Problem error={overview.error} />;
  const o = overview.data;
  return (
    <section>
      <h1>
        {o.authority.name}: {term('areas')} in {o.period}
      </h1>
      <YourPlaces />
      <MonthPicker shown={o.period} onChange={setPeriod} />
      <Watchlist attention={o.attention} showArea={true} />
      <h2>Attention by {term('area')}</h2>
      <AreaCounts attention={o.attention} />
      <h2>
        {term('areas', true)} on each indicator in {o.period}
      </h2>
      <Scroll label="Areas table">
        <table className="grid" data-testid="areas">
          <caption className="sr-only">
            Each {term('area')} on each indicator, with its band and trend, in {o.period}
          </caption>
          <thead>
            <tr>
              <th scope="col">{term('area', true)}</th>
              {o.indicators.map((i) => (
                <th scope="col" key={i.code}>
                  {i.name}
                </th>
              ))}
              <th scope="col" className="number">
                Schools needing attention
              </th>
            </tr>
          </thead>
          <tbody>
            {o.areas.map((area) => (
              <tr key={area.code}>
                <th scope="row">
                  <Link to={`/areas/${path(area.code)}${periodQuery(o.period)}`}>{area.name}</Link>
                </th>
                {o.indicators.map((i) => (
                  <td key={i.code}>
                    <BandedValue heading={i} cell={area.cells[i.code]} />
                  </td>
                ))}
                <td className="number">{area.schools_of_concern}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{o.authority.name}</th>
              {o.indicators.map((i) => (
                <td key={i.code}>
                  <BandedValue heading={i} cell={o.authority.cells[i.code]} />
                </td>
              ))}
              <td className="number">{o.areas.reduce((n, a) => n + a.schools_of_concern, 0)}</td>
            </tr>
          </tfoot>
        </table>
      </Scroll>
      <TrustsList trusts={o.trusts} period={o.period} />
      <MapPanel indicators={o.indicators} period={o.period} />
    </section>
  );
}
