// The needs board: what each school needs and why (filtered by area, kind and status), and for a
// broker the button that asks Headway for an optimal match of the open ones.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { NeedStatus } from '../../../src/brokering/contract.ts';
import type { listNeedsRoute } from '../../../src/brokering/need-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path, words } from '../api.ts';
import { Choice, codeOptions, plainOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useSession } from '../session.tsx';
import { useAreas } from '../useAreas.ts';
import { useIndicatorNames } from '../useIndicatorNames.ts';
import { kindNames } from './labels.ts';
import { ProposeButton } from './ProposeButton.tsx';

const statuses: NeedStatus[] = ['open', 'supported', 'closed', 'lapsed', 'withdrawn'];

export function NeedsPage() {
  const [area, setArea] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('open');
  const session = useSession();
  const indicatorName = useIndicatorNames();
  // The areas whose needs the caller may filter by: every area for the whole authority, else those
  // they hold a role at (an area above a head's school or a trust's schools is not theirs to broker).
  const areas = (useAreas().data?.org_units ?? []).filter(
    (a) => session.whole_authority || session.roles.some((r) => !r.group && r.org_unit === a.code),
  );
  const query = new URLSearchParams({
    ...(area && { area }),
    ...(kind && { kind }),
    ...(status && { status }),
  });
  const needs = useQuery({
    queryKey: ['needs', area, kind, status],
    queryFn: () => getJson<Answer<typeof listNeedsRoute>>(`/api/v1/brokering/needs?${query}`),
  });
  return (
    <>
      <h1>Support needs</h1>
      <p>
        <Link to="/deployments">Deployments</Link> · <Link to="/brokering/impact">Impact</Link>
      </p>
      <p className="tag" data-testid="needs-and-attention">
        Needs are found by rules over the same facts as the <Link to="/">watchlist</Link>: every school with
        an open need found by the rules is a school needing attention, except a first-year head's mentoring,
        which every new head is offered. A school can need attention without a need here (a late return, an
        overdue challenge), and a need being met stays until its support ends. Brought up to date when the
        needs are refreshed.
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {areas.length > 0 && (
          <>
            <Choice
              label="Area"
              value={area}
              onChange={setArea}
              empty="All in my scope"
              options={codeOptions(areas)}
            />{' '}
          </>
        )}
        <Choice
          label="Kind"
          value={kind}
          onChange={setKind}
          empty="Any"
          options={Object.entries(kindNames).map(([value, label]) => ({ value, label }))}
        />{' '}
        <Choice
          label="Status"
          value={status}
          onChange={setStatus}
          empty="Any"
          options={plainOptions(statuses)}
        />
      </form>
      <ProposeButton area={area} areas={areas.map((a) => a.code)} />
      {needs.isError && <Problem error={needs.error} />}
      {needs.data && (
        <>
          <p>{needs.data.needs.length} needs.</p>
          <Scroll label="Support needs">
            <table className="grid" data-testid="needs">
              <thead>
                <tr>
                  <th scope="col">School</th>
                  <th scope="col">Needs</th>
                  <th scope="col">Why</th>
                  <th scope="col" className="number">
                    Days
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {needs.data.needs.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      <Link to={`/schools/${path(n.school)}`}>{n.school_name}</Link>
                    </th>
                    <td>
                      {kindNames[n.kind]}
                      {n.indicator && `: ${indicatorName(n.indicator)}`}
                    </td>
                    <td>
                      {n.evidence} <span className="muted">({words(n.rule)})</span>
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
        </>
      )}
      {needs.isPending && <p aria-busy="true">Loading needs…</p>}
    </>
  );
}
