// The shortfall of a match: the needs a proposal left unmet, why, and the days that would meet them,
// by reason and by kind and area, then the needs themselves a page at a time. The view (which proposal,
// which reason, which page) is kept in the address.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { shortfallRoute } from '../../../src/brokering/shortfall-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { ApiError, getJson, path } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useUrlState } from '../useUrlState.ts';
import { kindNames } from './labels.ts';
import { shortfallReasonNames } from './need-labels.ts';

type Shortfall = Answer<typeof shortfallRoute>;
const PAGE_SIZE = 50;
const n = (x: number) => x.toLocaleString('en-GB');

const cell = (t: { needs: number; days: number } | undefined) =>
  t ? `${n(t.days)} days (${n(t.needs)} ${t.needs === 1 ? 'need' : 'needs'})` : '–';

/** Areas down, kinds across, each cell the days that would meet the area's unmet needs of that kind. */
function ByKindAndArea({ groups }: { groups: Shortfall['groups'] }) {
  const sum = (rows: Shortfall['groups']) =>
    rows.length === 0
      ? undefined
      : { needs: rows.reduce((s, g) => s + g.needs, 0), days: rows.reduce((s, g) => s + g.days, 0) };
  const kinds = (Object.keys(kindNames) as (keyof typeof kindNames)[]).filter((k) =>
    groups.some((g) => g.kind === k),
  );
  const areas = [...new Set(groups.map((g) => g.area))]
    .map((area) => ({ area, total: sum(groups.filter((g) => g.area === area)) }))
    .sort(
      (a, b) => (b.total?.days ?? 0) - (a.total?.days ?? 0) || (a.area ?? '').localeCompare(b.area ?? ''),
    );
  return (
    <Scroll label="Unmet needs by kind and area">
      <table className="grid" data-testid="shortfall-groups">
        <caption>Days that would meet the unmet needs, by area (most first) and kind of support</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            {kinds.map((k) => (
              <th scope="col" className="number" key={k}>
                {kindNames[k]}
              </th>
            ))}
            <th scope="col" className="number">
              All kinds
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map(({ area, total }) => (
            <tr key={area ?? ''}>
              <th scope="row">{area ?? 'No area'}</th>
              {kinds.map((k) => (
                <td className="number" key={k}>
                  {cell(sum(groups.filter((g) => g.area === area && g.kind === k)))}
                </td>
              ))}
              <td className="number">{cell(total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All areas</th>
            {kinds.map((k) => (
              <td className="number" key={k}>
                {cell(sum(groups.filter((g) => g.kind === k)))}
              </td>
            ))}
            <td className="number">{cell(sum(groups))}</td>
          </tr>
        </tfoot>
      </table>
    </Scroll>
  );
}

function UnmetNeeds({
  unmet,
  page,
  onPage,
}: {
  unmet: Shortfall['unmet'];
  page: number;
  onPage: (page: number) => void;
}) {
  const shown = unmet.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <>
      <Scroll label="Unmet needs">
        <table className="grid" data-testid="shortfall-needs">
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">Kind</th>
              <th scope="col" className="number">
                Days
              </th>
              <th scope="col">Why unmet</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.need}>
                <th scope="row">
                  <Link to={`/schools/${path(u.school)}`}>{u.school_name}</Link>
                  {u.area && <span className="muted"> ({u.area})</span>}
                </th>
                <td>{kindNames[u.kind]}</td>
                <td className="number">{n(u.days)}</td>
                <td>
                  {shortfallReasonNames[u.reason]}
                  {u.reason === 'no_days_left' &&
                    ` (${u.leaders} leader${u.leaders === 1 ? '' : 's'} could with more)`}
                  <br />
                  <span className="muted">{u.why}</span>
                </td>
                <td>{u.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        total={unmet.length}
        noun={['unmet need', 'unmet needs']}
        onPage={onPage}
      />
    </>
  );
}

export function ShortfallPage() {
  const [view, setView] = useUrlState({ proposal: '', area: '', reason: '', page: '1' });
  const query = new URLSearchParams(
    Object.entries({ proposal: view.proposal, area: view.area }).filter(([, v]) => v),
  );
  const shortfall = useQuery({
    queryKey: ['shortfall', query.toString()],
    queryFn: () => getJson<Answer<typeof shortfallRoute>>(`/api/v1/brokering/shortfall?${query}`),
  });
  const page = Math.max(1, Number.parseInt(view.page, 10) || 1);
  const s = shortfall.data;
  const unmet = s ? s.unmet.filter((u) => !view.reason || u.reason === view.reason) : [];
  const groups = s ? s.groups.filter((g) => !view.reason || g.reason === view.reason) : [];
  return (
    <>
      <h1>Shortfall of a match</h1>
      <p>
        <Link to="/brokering">Support needs</Link>
        {s && (
          <>
            {' '}
            · <Link to={`/brokering/proposals/${s.proposal}`}>Proposal {s.proposal}</Link>
          </>
        )}
      </p>
      {shortfall.isError &&
        (shortfall.error instanceof ApiError && shortfall.error.status === 404 && !view.proposal ? (
          <p data-testid="no-proposal">
            No match has been proposed{view.area ? ` for ${view.area}` : ''} yet: the shortfall is what a
            match leaves unmet. <Link to="/brokering">Propose one from the support needs</Link>.
          </p>
        ) : (
          <Problem error={shortfall.error} />
        ))}
      {shortfall.isPending && <p aria-busy="true">Loading the shortfall…</p>}
      {s && (
        <>
          <p data-testid="shortfall-summary">
            Proposal {s.proposal} for {s.unit}, made {s.created_at.slice(0, 10)}: {n(s.matched)} needs paired,{' '}
            <strong>{n(s.needs)} left unmet</strong>; {n(s.days)} days would meet them.
          </p>
          <Scroll label="Why the needs went unmet">
            <table className="grid" data-testid="shortfall-reasons">
              <caption>Why the needs went unmet</caption>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col" className="number">
                    Needs
                  </th>
                  <th scope="col" className="number">
                    Days to meet them
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.by_reason.map((r) => (
                  <tr key={r.reason}>
                    <th scope="row">{shortfallReasonNames[r.reason]}</th>
                    <td className="number">{n(r.needs)}</td>
                    <td className="number">{n(r.days)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <p className="tag">
            No days or places left: a leader in the pool could meet the need but for their funded days or the
            schools they already support, so more days would meet it. Every leader excluded: leaders are
            designated for it, but a rule (same trust, distance, inspection grade, years as a head) or the
            broker rules out each one. Nobody designated: the pool has no one for this kind of support.
          </p>
          <fieldset className="filters">
            <legend className="sr-only">Filter the unmet needs</legend>
            <Choice
              label="Why unmet"
              value={view.reason}
              onChange={(reason) => setView({ reason, page: '1' })}
              empty="Any reason"
              options={s.by_reason.map((r) => ({
                value: r.reason,
                label: `${shortfallReasonNames[r.reason]} (${n(r.needs)})`,
              }))}
            />
          </fieldset>
          <ByKindAndArea groups={groups} />
          <h2>The unmet needs</h2>
          <UnmetNeeds
            unmet={unmet}
            page={page}
            onPage={(next) => setView({ page: String(next) }, { push: true })}
          />
        </>
      )}
    </>
  );
}
