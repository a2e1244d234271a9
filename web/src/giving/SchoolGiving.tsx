// On a school's page: what it gave and received this academic year (deployments, days, placements it
// hosted), the principle that every school both gives and receives, in one short section.
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '../../../src/contract.ts';
import type { schoolGivingRoute } from '../../../src/giving/contract.ts';
import { getJson, path } from '../api.ts';
import { days, FlowTable, statusNames } from './labels.tsx';

export function SchoolGiving({ code }: { code: string }) {
  const giving = useQuery({
    queryKey: ['giving', 'school', code],
    queryFn: () => getJson<Answer<typeof schoolGivingRoute>>(`/api/v1/giving/schools/${path(code)}`),
  });
  // A school not open this year, or one the caller may not read brokering for, has no section.
  if (!giving.data) return giving.isPending ? <p aria-busy="true">Loading give and receive…</p> : null;
  const { school: s, year, gave, received } = giving.data;
  const hosted = gave.filter((f) => f.source === 'placement');
  return (
    <section data-testid="school-giving">
      <h2>Give and receive in {year}</h2>
      <p>
        <span className={`tag ${s.status === 'both' ? '' : 'warn'}`} data-testid="giving-status">
          {statusNames[s.status]}
        </span>{' '}
        Gave {s.deployments_given} deployment{s.deployments_given === 1 ? '' : 's'} (
        {days(s.days_given - hosted.reduce((t, f) => t + f.days_in_period, 0))})
        {s.placements_hosted > 0 &&
          ` and hosted ${s.placements_hosted} placement${s.placements_hosted === 1 ? '' : 's'}`}
        ; received {s.deployments_received} ({days(s.days_received)}).
        {s.strong &&
          s.status !== 'both' &&
          s.status !== 'only_gave' &&
          ` Strong (${s.strong}) and gave nothing this year.`}
      </p>
      <details>
        <summary>
          What it gave ({gave.length}) and received ({received.length})
        </summary>
        <h3>Gave</h3>
        <FlowTable flows={gave} label="Support the school gave" side="received_by" />
        <h3>Received</h3>
        <FlowTable flows={received} label="Support the school received" side="given_by" />
      </details>
    </section>
  );
}
