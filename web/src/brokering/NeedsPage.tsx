// The needs board: what each school needs and why, filtered, sorted and paged on the server with the
// view kept in the address, and for a broker the button that asks Headway for an optimal match of the
// open ones.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { listNeedsRoute } from '../../../src/brokering/need-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path, words } from '../api.ts';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { RaiseNeed } from '../specialists/RaiseNeed.tsx';
import { useSpecialisms } from '../specialists/useSpecialisms.ts';
import { useAreas } from '../useAreas.ts';
import { useIndicatorNames } from '../useIndicatorNames.ts';
import { useUrlState } from '../useUrlState.ts';
import { kindNames } from './labels.ts';
import { NeedFilters, needFilterDefaults } from './NeedFilters.tsx';
import { inspectionNames, severityNames } from './need-labels.ts';
import { ProposeButton } from './ProposeButton.tsx';

const PAGE_SIZE = 50;

function NeedsTable({ needs }: { needs: Answer<typeof listNeedsRoute>['needs'] }) {
  const indicatorName = useIndicatorNames();
  return (
    <Scroll label="Support needs">
      <table className="grid" data-testid="needs">
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col">Needs</th>
            <th scope="col">Why</th>
            <th scope="col">Severity</th>
            <th scope="col">Inspection</th>
            <th scope="col">Raised</th>
            <th scope="col" className="number">
              Days
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {needs.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                <Link to={`/schools/${path(n.school)}`}>{n.school_name}</Link>
                {n.area && <span className="muted"> ({n.area})</span>}
              </th>
              <td>
                {kindNames[n.kind]}
                {n.indicator && `: ${indicatorName(n.indicator)}`}
                {n.specialism_name && (
                  <span className="muted" data-testid="need-specialism">
                    {' '}
                    (asks for {n.specialism_name})
                  </span>
                )}
              </td>
              <td>
                {n.evidence} <span className="muted">({words(n.rule)})</span>
              </td>
              <td>{severityNames[n.severity]}</td>
              <td>{inspectionNames[n.inspection]}</td>
              <td>
                <time dateTime={n.raised_on} title={n.raised_on}>
                  {n.age_days} days ago
                </time>
              </td>
              <td className="number">{n.days}</td>
              <td>
                {n.status}
                {n.deployment && (
                  <>
                    {' '}
                    – <Link to={`/deployments/${n.deployment.id}`}>{n.deployment.leader_name}</Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function NeedsPage() {
  const [filter, setFilter] = useUrlState(needFilterDefaults);
  const session = useSession();
  // The areas whose needs the caller may filter by: every area for the whole authority, else those
  // they hold a role at (an area above a head's school or a trust's schools is not theirs to broker).
  const areas = (useAreas().data?.org_units ?? []).filter(
    (a) => session.whole_authority || session.roles.some((r) => !r.group && r.org_unit === a.code),
  );
  const page = Math.max(1, Number.parseInt(filter.page, 10) || 1);
  const chosen = new URLSearchParams(Object.entries(filter).filter(([key, v]) => v && key !== 'page'));
  const query = new URLSearchParams({
    ...Object.fromEntries(chosen),
    page: String(page),
    page_size: String(PAGE_SIZE),
  });
  const needs = useQuery({
    queryKey: ['needs', query.toString()],
    queryFn: () => getJson<Answer<typeof listNeedsRoute>>(`/api/v1/brokering/needs?${query}`),
    // The last page stays on screen while the next loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
  const severities = needs.data?.counts.severity ?? [];
  const specialisms = useSpecialisms().data?.specialisms ?? [];
  return (
    <>
      <h1>Support needs</h1>
      <p>
        <Link to="/deployments">Deployments</Link> · <Link to="/brokering/impact">Impact</Link> ·{' '}
        <Link to="/brokering/roles">Roles</Link> · <Link to="/specialists">Specialists</Link>
        {/* A match is made for an area or the authority: only those who see one see its shortfall. */}
        {(session.whole_authority || areas.length > 0) && (
          <>
            {' '}
            ·{' '}
            <Link to={`/brokering/shortfall${filter.area ? `?area=${path(filter.area)}` : ''}`}>
              Shortfall of the latest match
            </Link>
          </>
        )}
      </p>
      <p className="tag" data-testid="needs-and-attention">
        Needs are found by rules over the same facts as the <Link to="/">watchlist</Link>: every school with
        an open need found by the rules is a school needing attention, except a first-year head's mentoring,
        which every new head is offered, and a deputy's NPQH internship or leadership placement, which are
        about their growth, not the school's. A school can need attention without a need here (a late return,
        an overdue challenge), and a need being met stays until its support ends. Brought up to date when the
        needs are refreshed.
      </p>
      <NeedFilters
        filter={filter}
        onChange={setFilter}
        areas={areas}
        counts={needs.data?.counts}
        specialisms={specialisms}
      />
      {can(session, 'brokering:write') && <RaiseNeed />}
      <ProposeButton area={filter.area} areas={areas.map((a) => a.code)} />
      {needs.isError && <Problem error={needs.error} />}
      {needs.data && (
        <>
          <p data-testid="needs-summary">
            {needs.data.total.toLocaleString('en-GB')} {needs.data.total === 1 ? 'need' : 'needs'}
            {severities.length > 0 &&
              `: ${severities
                .filter((s) => !filter.severity || s.value === filter.severity)
                .map((s) => `${s.count.toLocaleString('en-GB')} ${s.value}`)
                .join(', ')}`}
            . Every one of them as <a href={`/api/v1/brokering/needs?${chosen}&format=csv`}>CSV</a> or{' '}
            <a href={`/api/v1/brokering/needs?${chosen}&format=xlsx`}>XLSX</a>.
          </p>
          <div
            aria-busy={needs.isPlaceholderData}
            style={needs.isPlaceholderData ? { opacity: 0.6 } : undefined}
          >
            <NeedsTable needs={needs.data.needs} />
          </div>
          <Pager
            page={needs.data.page}
            pageSize={PAGE_SIZE}
            total={needs.data.total}
            noun={['need', 'needs']}
            onPage={(next) => setFilter({ page: String(next) }, { push: true })}
          />
        </>
      )}
      {needs.isPending && <p aria-busy="true">Loading needs…</p>}
    </>
  );
}
