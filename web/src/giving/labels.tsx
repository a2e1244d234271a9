// Give and receive's words for its statuses and support, shared by the page, a school's section and a
// trust's section.
import { Link } from 'react-router';
import type { GivingStatus, SupportFlow } from '../../../src/giving/contract.ts';
import { path, words } from '../api.ts';
import { Scroll } from '../Scroll.tsx';

export const statusNames: Record<GivingStatus, string> = {
  both: 'Gave and received',
  only_gave: 'Only gave',
  only_received: 'Only received',
  neither: 'Neither',
};

export const days = (n: number) =>
  `${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })} day${n === 1 ? '' : 's'}`;

/** A school named with a link to its page, or "another school" where the caller may not see it. */
function SchoolName({ code, name }: { code: string | null; name: string | null }) {
  if (code === null) return <span className="muted">another school</span>;
  return <Link to={`/schools/${path(code)}`}>{name ?? code}</Link>;
}

/** The support given or received, each with who, when and the days in the year. */
export function FlowTable({
  flows,
  label,
  side,
}: {
  flows: SupportFlow[];
  label: string;
  /** Which school to name: the one supported (support given) or the one it came from (received). */
  side: 'received_by' | 'given_by';
}) {
  if (flows.length === 0) return <p className="muted">None this year.</p>;
  return (
    <Scroll label={label}>
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{side === 'received_by' ? 'To' : 'From'}</th>
            <th scope="col">Support</th>
            <th scope="col">Who</th>
            <th scope="col">Dates</th>
            <th scope="col" className="number">
              Days this year
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.map((f) => (
            <tr key={`${f.source}-${f.id}`}>
              <td>
                {f.source === 'placement' && side === 'received_by' ? (
                  <span>a placement (hosted)</span>
                ) : (
                  <SchoolName
                    code={f[side]}
                    name={side === 'received_by' ? f.received_by_name : f.given_by_name}
                  />
                )}
              </td>
              <td>{words(f.kind)}</td>
              <td>{f.person_name}</td>
              <td>
                {f.starts_on} to {f.ends_on}
              </td>
              <td className="number">{f.days_in_period}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
