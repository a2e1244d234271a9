// One audit event read as a person would: what it says about itself, then each row it changed with
// the fields that changed, before and after (an insert shows the new row, a delete the old one).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { auditEventRoute } from '../../../src/auth/audit-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, words } from '../api.ts';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { utcMinute } from './widgets.tsx';

const PAGE_SIZE = 50;

const shown = (value: unknown) =>
  value === null || value === undefined
    ? '–'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A value in a line of the log: a long list shows its first few and how many in all. */
const brief = (value: unknown) =>
  Array.isArray(value) && value.length > 4
    ? `${value.slice(0, 3).map(shown).join(', ')} … (${value.length} in all)`
    : shown(value);

/** An event's details as "key: value" pairs on one line (the opened event and the export keep them whole). */
export function DetailsText({ details }: { details: unknown }) {
  if (!details || typeof details !== 'object') return <>{shown(details)}</>;
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return <span className="muted">–</span>;
  return <span className="tag">{entries.map(([k, v]) => `${words(k)}: ${brief(v)}`).join('; ')}</span>;
}

type Row = Record<string, unknown> | null;

/** The fields to show: for an update those that changed, otherwise all of them. */
function fieldsOf(before: Row, after: Row): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (!before || !after) return keys;
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function AuditEventChanges({ id, onClose }: { id: number; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const panel = useRef<HTMLElement>(null);
  // Opened from a row far up the page: bring it into view rather than leave it below the fold.
  // (A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.)
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const event = useQuery({
    queryKey: ['audit-event', id, page],
    queryFn: () =>
      getJson<Answer<typeof auditEventRoute>>(`/api/v1/audit/${id}?page=${page}&page_size=${PAGE_SIZE}`),
  });
  return (
    <section ref={panel} className="panel" aria-labelledby="event-title" data-testid="audit-event">
      {event.isError && <Problem error={event.error} />}
      {event.data && (
        <>
          <h3 id="event-title">
            Event {event.data.id}: {words(event.data.action)} {event.data.entity}
          </h3>
          <p>
            {utcMinute(event.data.at)} UTC by {event.data.actor}. <DetailsText details={event.data.details} />
          </p>
          {event.data.total_changes === 0 ? (
            <p>It changed no rows (a sign-in, a view or an export).</p>
          ) : (
            <Scroll label={`Rows changed by event ${event.data.id}`}>
              <table className="grid">
                <thead>
                  <tr>
                    <th scope="col">Table</th>
                    <th scope="col">Change</th>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {event.data.changes.flatMap((c, i) => {
                    const before = c.before as Row;
                    const after = c.after as Row;
                    const fields = fieldsOf(before, after);
                    return fields.map((field, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a change's rows have no id of their own
                      <tr key={`${i}-${field}`}>
                        {j === 0 && (
                          <>
                            <td rowSpan={fields.length}>{c.table_name}</td>
                            <td rowSpan={fields.length}>{c.operation}</td>
                          </>
                        )}
                        <th scope="row">{field}</th>
                        <td>{before ? shown(before[field]) : ''}</td>
                        <td>{after ? shown(after[field]) : ''}</td>
                      </tr>
                    ));
                  })}
                </tbody>
              </table>
            </Scroll>
          )}
          {event.data.total_changes > PAGE_SIZE && (
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={event.data.total_changes}
              noun={['row', 'rows']}
              onPage={setPage}
            />
          )}
        </>
      )}
      <p>
        <button type="button" onClick={onClose}>
          Close the event
        </button>
      </p>
    </section>
  );
}
