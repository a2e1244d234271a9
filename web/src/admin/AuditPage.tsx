// The audit log: filtered by who, what, when and which record (all in the address, so a reload or a
// shared link shows the same events), a page at a time, downloadable as CSV or XLSX, and each event
// opened to read what it changed, row by row, before and after.
import { useQuery } from '@tanstack/react-query';
import type { auditVocabularyRoute, listAuditEventsRoute } from '../../../src/auth/audit-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, words } from '../api.ts';
import { Choice, plainOptions } from '../Choice.tsx';
import { Pager } from '../Pager.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useUrlState } from '../useUrlState.ts';
import { AuditEventChanges, DetailsText } from './AuditEventChanges.tsx';
import { TextFilter, utcMinute } from './widgets.tsx';

const PAGE_SIZE = 25;
const filters = { actor: '', action: '', entity: '', table: '', object_id: '', q: '', from: '', to: '' };

export function AuditPage() {
  const [view, setView] = useUrlState({ ...filters, page: '1', event: '' });
  const filter = (changes: Partial<typeof view>) => setView({ ...changes, page: '1', event: '' });
  const chosen = Object.entries(filters).flatMap(([key]) => {
    const value = view[key as keyof typeof filters];
    return value ? [[key, value] as [string, string]] : [];
  });
  const query = new URLSearchParams([
    ...chosen,
    ['page', view.page],
    ['page_size', String(PAGE_SIZE)],
  ]).toString();
  const exportQuery = (format: string) => new URLSearchParams([...chosen, ['format', format]]).toString();
  const events = useQuery({
    queryKey: ['audit', query],
    queryFn: () => getJson<Answer<typeof listAuditEventsRoute>>(`/api/v1/audit?${query}`),
    placeholderData: (previous) => previous,
  });
  const vocabulary = useQuery({
    queryKey: ['audit-vocabulary'],
    queryFn: () => getJson<Answer<typeof auditVocabularyRoute>>('/api/v1/audit/vocabulary'),
  });
  const openEvent = Number(view.event) || null;
  return (
    <>
      <h2>Audit log</h2>
      <fieldset className="filters">
        <legend className="sr-only">Filter the audit log</legend>
        <TextFilter
          label="Who"
          value={view.actor}
          onChange={(actor) => filter({ actor })}
          placeholder="email"
        />
        <Choice
          label="What"
          value={view.action}
          onChange={(action) => filter({ action })}
          empty="Anything"
          options={(vocabulary.data?.actions ?? []).map((a) => ({ value: a, label: words(a) }))}
        />
        <Choice
          label="Kind of record"
          value={view.entity}
          onChange={(entity) => filter({ entity })}
          empty="Any"
          options={plainOptions(vocabulary.data?.entities ?? [])}
        />
        <Choice
          label="Changed rows of"
          value={view.table}
          onChange={(table) => filter({ table })}
          empty="Any table"
          options={plainOptions(vocabulary.data?.tables ?? [])}
        />
        <TextFilter
          label="Record id"
          type="text"
          value={view.object_id}
          onChange={(id) => filter({ object_id: id })}
        />
        <TextFilter
          label="Text"
          value={view.q}
          onChange={(q) => filter({ q })}
          placeholder="anywhere in the event"
        />
        <label>
          From <input type="date" value={view.from} onChange={(e) => filter({ from: e.target.value })} />
        </label>
        <label>
          To <input type="date" value={view.to} onChange={(e) => filter({ to: e.target.value })} />
        </label>
        {chosen.length > 0 && (
          <button type="button" onClick={() => filter(filters)}>
            Clear the filters
          </button>
        )}
      </fieldset>
      <p>
        Days are UTC days, as the times below. Download these events:{' '}
        <a href={`/api/v1/audit/export?${exportQuery('csv')}`} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={`/api/v1/audit/export?${exportQuery('xlsx')}`} download>
          Excel (XLSX)
        </a>
      </p>
      {events.isError && <Problem error={events.error} />}
      {!events.data && !events.isError && <p aria-busy="true">Loading the audit log…</p>}
      {events.data && events.data.events.length === 0 && <p>No event matches.</p>}
      {events.data && events.data.events.length > 0 && (
        <Scroll label="Audit log">
          <table className="grid" data-testid="audit" aria-busy={events.isFetching}>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Details</th>
                <th scope="col" className="number">
                  Rows changed
                </th>
              </tr>
            </thead>
            <tbody>
              {events.data.events.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{utcMinute(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    {words(e.action)} <span className="tag">{e.entity}</span>
                  </td>
                  <td>
                    <DetailsText details={e.details} />
                  </td>
                  <td className="number">
                    <button
                      type="button"
                      className="textlink"
                      aria-expanded={openEvent === e.id}
                      aria-label={`${e.changes} rows changed: ${openEvent === e.id ? 'hide' : 'show'} event ${e.id}`}
                      onClick={() => setView({ event: openEvent === e.id ? '' : String(e.id) })}
                    >
                      {e.changes}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {openEvent && <AuditEventChanges id={openEvent} onClose={() => setView({ event: '' })} />}
      {events.data && (
        <Pager
          page={events.data.page}
          pageSize={PAGE_SIZE}
          total={events.data.total}
          noun={['event', 'events']}
          onPage={(page) => setView({ page: String(page), event: '' }, { push: true })}
        />
      )}
    </>
  );
}
