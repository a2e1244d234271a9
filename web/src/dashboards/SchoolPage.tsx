// A school's profile: key facts, headteacher and tenure, each indicator over twelve months against its
// area, the authority and the target, and why the school needs attention (the attention model's reasons).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { AttentionReason } from '../../../src/attention/contract.ts';
import type { Answer } from '../../../src/contract.ts';
import type { schoolRoute } from '../../../src/dashboards/contract.ts';
import type { getSchoolRoute, HeadOnDate } from '../../../src/registry/contract.ts';
import { getJson, path, words } from '../api.ts';
import { SupportSection } from '../brokering/SupportSection.tsx';
import { LineChart } from '../charts.tsx';
import { BandedValue, formatValue } from '../format.tsx';
import { SchoolGiving } from '../giving/SchoolGiving.tsx';
import { InspectionsSection } from '../inspections/InspectionsSection.tsx';
import { Problem } from '../Problem.tsx';
import { MonthPicker, periodQuery, usePeriod } from '../period.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession, useTerm } from '../session.tsx';
import { SchoolStage } from '../stages/SchoolStage.tsx';
import { SchoolStrengths } from '../strengths/SchoolStrengths.tsx';
import { SchoolStaffing } from '../teachers/SchoolStaffing.tsx';
import { SchoolVisits } from '../visits/SchoolVisits.tsx';
import { UnitBreakdown } from './Breakdown.tsx';
import { ValueAddedSection } from './ValueAdded.tsx';
import { Reasons, SeverityTag } from './Watchlist.tsx';

function Leader({ head }: { head: HeadOnDate }) {
  return (
    <>
      {head.name} ({words(head.role)} since {head.since}, {head.tenure_years} years at this school,{' '}
      {head.headship_years} years of headship)
      {head.first_year_of_headship && <span className="tag warn"> first year of headship</span>}
    </>
  );
}

/** "Your return for October 2026 is missing", to the school's own head; the same fact, plainly, to others. */
function ReturnNotice({
  code,
  period,
  reasons,
}: {
  code: string;
  period: string;
  reasons: AttentionReason[];
}) {
  const session = useSession();
  const missing = reasons.find((r) => r.kind === 'return_missing' || r.kind === 'return_missing_two_periods');
  if (!missing) return null;
  const own = session.roles.some((g) => g.role === 'headteacher' && g.org_unit === code);
  const month = monthName(period);
  return (
    <p className="problem" role="status" data-testid="return-missing">
      {own ? `Your return for ${month} is missing.` : `This school's return for ${month} is missing.`}{' '}
      {missing.kind === 'return_missing_two_periods' ? 'The month before is missing too.' : ''}
    </p>
  );
}

const monthName = (period: string) => {
  const [year, month] = period.split('-').map(Number);
  if (!year || !month) return period;
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
};

function Figures({ code }: { code: string }) {
  const term = useTerm();
  const [period, setPeriod] = usePeriod();
  const figures = useQuery({
    queryKey: ['school-figures', code, period],
    queryFn: () =>
      getJson<Answer<typeof schoolRoute>>(`/api/v1/dashboards/schools/${path(code)}${periodQuery(period)}`),
  });
  if (figures.isPending) return <p aria-busy="true">Loading the indicators…</p>;
  if (figures.isError) return <Problem error={figures.error} />;
  const f = figures.data;
  return (
    <>
      <ReturnNotice code={code} period={f.period} reasons={f.attention.reasons} />
      <h2>Causes for concern in {f.period}</h2>
      {f.attention.reasons.length === 0 ? (
        <p>None: no reason for attention this month.</p>
      ) : (
        <div data-testid="concerns">
          <p>
            <SeverityTag severity={f.attention.severity} /> Ranked {f.attention.rank} in the authority's
            watchlist.
          </p>
          <Reasons reasons={f.attention.reasons} />
        </div>
      )}
      <h2>Indicators in {f.period}</h2>
      <MonthPicker shown={f.period} onChange={setPeriod} />
      <Scroll label="Indicators table">
        <table className="grid" data-testid="indicators">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">This school</th>
              <th scope="col">{f.area?.name ?? term('area', true)}</th>
              <th scope="col">{f.authority?.name ?? term('authority', true)}</th>
              <th scope="col" className="number">
                Target
              </th>
            </tr>
          </thead>
          <tbody>
            {f.indicators.map((row) => (
              <tr key={row.indicator.code}>
                <th scope="row">{row.indicator.name}</th>
                <td>
                  <BandedValue heading={row.indicator} cell={row.school} />
                </td>
                <td>
                  <BandedValue heading={row.indicator} cell={row.area} />
                </td>
                <td>
                  <BandedValue heading={row.indicator} cell={row.authority} />
                </td>
                <td className="number">
                  {formatValue(row.indicator, row.school.target)}
                  {row.school.target !== null && row.indicator.below_target === 'thresholds' && (
                    <small
                      className="muted"
                      title="Short of this target can still be green: the bands follow the thresholds"
                    >
                      {' '}
                      aspiration
                    </small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <p className="muted">
        Bands: where a target is set, green means on target and short of it is at best amber (unless the
        target is marked an aspiration). Arrows: ▲ the figure rose, ▼ it fell, ▶ level; green when that is
        better, red when worse.
      </p>
      <div className="charts">
        {f.indicators.map((row) => (
          <section key={row.indicator.code} className="chart-card">
            <h3>{row.indicator.name}</h3>
            {/* A count (pupils enrolled): the area's and authority's totals are hundreds of times the
                school's and would flatten its line; a rate compares on one axis. */}
            <LineChart
              heading={row.indicator}
              target={row.indicator.additive ? null : row.school.target}
              label={
                row.indicator.additive
                  ? `${row.indicator.name} over twelve months to ${f.period}: this school ${formatValue(row.indicator, row.school.value)} (a count: the area's and authority's totals are not drawn beside it)`
                  : `${row.indicator.name} over twelve months to ${f.period}: this school ${formatValue(row.indicator, row.school.value)}, ${f.area?.name ?? 'area'} ${formatValue(row.indicator, row.area.value)}, ${f.authority?.name ?? 'authority'} ${formatValue(row.indicator, row.authority.value)}`
              }
              lines={[
                { name: 'this school', points: row.series.school ?? [], colour: '#123a63' },
                ...(row.indicator.additive
                  ? []
                  : [
                      {
                        name: f.area?.name ?? 'area',
                        points: row.series.area ?? [],
                        colour: '#b7791f',
                        dashed: true,
                      },
                      {
                        name: f.authority?.name ?? 'authority',
                        points: row.series.authority ?? [],
                        colour: '#5f6b7a',
                        dashed: true,
                      },
                    ]),
              ]}
            />
          </section>
        ))}
      </div>
      <UnitBreakdown orgUnit={code} unitName={f.school.name} period={f.period} />
    </>
  );
}

export function SchoolPage() {
  const { code = '' } = useParams();
  const term = useTerm();
  const seesBoards = useSession().permissions.includes('governance:read');
  const school = useQuery({
    queryKey: ['school', code],
    queryFn: () => getJson<Answer<typeof getSchoolRoute>>(`/api/v1/schools/${path(code)}`),
  });
  if (school.isPending) return <p aria-busy="true">Loading school…</p>;
  if (school.isError) return <Problem error={school.error} />;
  const s = school.data;
  const facts: [string, string | number | null][] = [
    ['Code', s.code],
    ['URN', s.urn],
    ['Phase', words(s.phase)],
    ['Type', s.type],
    [term('area', true), s.area_name],
    [term('cluster', true), s.cluster_code],
    ['Trust', s.trust_name],
    ['Capacity', s.capacity],
    ['Opened', s.opened_on],
    ['Closed', s.closed_on],
  ];
  return (
    <section>
      <p className="crumbs">
        <Link to="/">Overview</Link> › <Link to={`/areas/${path(s.area_code)}`}>{s.area_name}</Link> ›
      </p>
      <h1>{s.name}</h1>
      <dl className="facts">
        {facts
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h2>Headship</h2>
      <p data-testid="headship">
        {s.headship.head ? (
          <Leader head={s.headship.head} />
        ) : (
          <span className="tag warn">No substantive {term('headteacher')}</span>
        )}
      </p>
      {s.headship.cover.map((cover) => (
        <p key={cover.person_code}>
          Cover: <Leader head={cover} />
        </p>
      ))}
      <SchoolStaffing code={code} />
      {seesBoards && (
        <Link to={`/governance?q=${encodeURIComponent(s.name)}`}>The school's governing board</Link>
      )}
      <SchoolStage code={code} />
      <InspectionsSection code={code} />
      <Figures code={code} />
      <ValueAddedSection code={code} />
      <SupportSection code={code} />
      <SchoolGiving code={code} />
      <SchoolStrengths code={code} />
      <SchoolVisits code={code} />
      <details>
        <summary>Posts at the school ({s.posts.length})</summary>
        <ul>
          {s.posts.map((p) => (
            <li key={`${p.person_code}-${p.role}`}>
              {words(p.role)}: {p.given_name} {p.family_name} (from {p.starts_on}
              {p.fte !== null && p.fte < 1 ? `, ${p.fte} FTE` : ''})
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
