// The cycle page's tables: counts by strand and by lead, who has not updated, and every request.
import { Link } from 'react-router';
import type { Cycle, CycleCounts } from '../../../src/strategies/cycle-contract.ts';
import { Scroll } from '../Scroll.tsx';
import { daysText, OutcomeTag } from './CycleLabels.tsx';

const columns: [keyof CycleCounts, string][] = [
  ['asked', 'Asked'],
  ['on_time', 'On time'],
  ['late', 'Late'],
  ['missing', 'Missing'],
  ['awaiting', 'Not yet'],
  ['unowned', 'No one to ask'],
];

export function CountsTable({
  label,
  testId,
  rows,
}: {
  label: string;
  testId: string;
  rows: { key: string; name: string; counts: CycleCounts }[];
}) {
  return (
    <Scroll label={label}>
      <table data-testid={testId}>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">{label.replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</th>
            {columns.map(([key, name]) => (
              <th key={key} scope="col" className="number">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {columns.map(([key]) => (
                <td key={key} className="number">
                  {row.counts[key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function NotUpdated({ rows }: { rows: Cycle['not_updated'] }) {
  if (rows.length === 0) return <p>Everyone asked has updated.</p>;
  return (
    <Scroll label="Who has not updated">
      <table data-testid="not-updated">
        <thead>
          <tr>
            <th scope="col">Lead</th>
            <th scope="col">Items</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.lead.code}>
              <th scope="row">{n.lead.name}</th>
              <td>{n.items.map((i) => `${i.code} ${i.title}`).join('; ')}</td>
              <td>
                <span className={n.days_overdue > 0 ? 'band red' : ''}>{daysText(n.days_overdue)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

const kindNames = { strategy: 'Overall summary', strand: 'Strand summary', action: 'Action update' };

export function RequestsTable({
  requests,
  strategyCode,
}: {
  requests: Cycle['requests'];
  strategyCode: string;
}) {
  if (requests.length === 0) return <p>No request matches.</p>;
  return (
    <Scroll label="Requests">
      <table data-testid="requests">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Strand</th>
            <th scope="col">Lead</th>
            <th scope="col">Outcome</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <span className="muted">{kindNames[r.kind]}</span>{' '}
                <Link
                  to={
                    r.kind === 'action'
                      ? `/strategies/actions/${r.item.id}`
                      : `/strategies/${encodeURIComponent(strategyCode)}`
                  }
                >
                  {r.item.code} {r.item.title}
                </Link>
              </th>
              <td>{r.strand ? `${r.strand.code} ${r.strand.name}` : '–'}</td>
              <td>{r.lead?.name ?? <span className="band red">No lead</span>}</td>
              <td>
                <OutcomeTag outcome={r.outcome} />
                {r.days_overdue !== null && r.days_overdue > 0 && ` ${daysText(r.days_overdue)}`}
              </td>
              <td>{r.met_on ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
