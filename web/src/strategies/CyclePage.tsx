// A termly cycle's progress for the overarching lead and the director (a strand lead sees their strands):
// how many of those asked have updated, on time or late, by strand and by lead; who has not updated and
// how overdue; every request, filtered by strand, lead and outcome in the address; summaries; and the
// buttons to remind those who have not updated and to close the cycle.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type {
  Cycle,
  CycleOutcome,
  closeCycleRoute,
  cycleRoute,
  remindCycleRoute,
} from '../../../src/strategies/cycle-contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { useUrlState } from '../useUrlState.ts';
import { daysText, outcomeNames, RagTag } from './CycleLabels.tsx';
import { CycleSummaryForm } from './CycleSummaryForm.tsx';
import { CountsTable, NotUpdated, RequestsTable } from './CycleTables.tsx';

const NO_LEAD = 'none';

function Manage({ cycle, path }: { cycle: Cycle; path: string }) {
  const { error, run } = useAction();
  const [reminded, setReminded] = useState<Answer<typeof remindCycleRoute> | null>(null);
  const waiting = cycle.totals.missing + cycle.totals.awaiting;
  return (
    <div className="controls">
      <button
        type="button"
        disabled={waiting === 0}
        onClick={() =>
          run(async () => setReminded(await send<Answer<typeof remindCycleRoute>>('POST', `${path}/remind`)))
        }
      >
        Remind those who have not updated
      </button>
      <button
        type="button"
        onClick={() => {
          if (window.confirm(`Close the ${cycle.term} cycle? What is missing now stays missing.`))
            run(() => send<Answer<typeof closeCycleRoute>>('POST', `${path}/close`));
        }}
      >
        Close the cycle
      </button>
      {reminded && (
        <p role="status">
          {reminded.people === 0
            ? 'Everyone who has not updated has already been reminded today.'
            : `Reminded ${reminded.people} ${reminded.people === 1 ? 'lead' : 'leads'} about ${reminded.items} ${reminded.items === 1 ? 'item' : 'items'}${reminded.channel === 'outbox' ? ' (email is not configured: written to the outbox)' : ' by email'}.`}
          {reminded.no_address > 0 && ` ${reminded.no_address} items have a lead with no email address.`}
        </p>
      )}
      {error && <Problem error={error} />}
    </div>
  );
}

export function CyclePage() {
  const { code = '', term = '' } = useParams();
  const [filter, setFilter] = useUrlState({ strand: '', lead: '', outcome: '' });
  const path = `/api/v1/strategies/${encodeURIComponent(code)}/cycles/${encodeURIComponent(term)}`;
  const cycle = useQuery({
    queryKey: ['cycle', code, term],
    queryFn: () => getJson<Answer<typeof cycleRoute>>(path),
  });
  if (cycle.isError) return <Problem error={cycle.error} />;
  if (!cycle.data) return <p aria-busy="true">Loading the cycle…</p>;
  const c = cycle.data;
  const t = c.totals;
  const updated = t.on_time + t.late;
  const requests = c.requests.filter(
    (r) =>
      (!filter.strand || String(r.strand?.id ?? 'overall') === filter.strand) &&
      (!filter.lead || (filter.lead === NO_LEAD ? r.lead === null : r.lead?.code === filter.lead)) &&
      (!filter.outcome || r.outcome === filter.outcome),
  );
  const open = c.state === 'open';
  return (
    <>
      <p className="crumbs">
        <Link to="/strategies">Strategies</Link> ›{' '}
        <Link to={`/strategies/${encodeURIComponent(code)}`}>{c.strategy.name}</Link> ›{' '}
        <Link to={`/strategies/${encodeURIComponent(code)}/cycle`}>Termly cycles</Link> ›
      </p>
      <h1>
        The {c.term} cycle: {c.strategy.name}
      </h1>
      <dl className="facts">
        <div>
          <dt>Updates due</dt>
          <dd>
            {c.due_on}
            {open && ` (${daysText(-daysBetween(c.due_on))})`}
          </dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>
            {c.opened_on} by {c.opened_by}
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd data-testid="cycle-state">{open ? 'Open' : `Closed ${c.closed_on} by ${c.closed_by}`}</dd>
        </div>
      </dl>
      <p data-testid="cycle-totals">
        <strong>
          {updated} of {t.asked} updated
        </strong>{' '}
        ({t.on_time} on time, {t.late} late);{' '}
        <span className={t.missing ? 'band red' : ''}>{t.missing} missing</span>, {t.awaiting} not yet due,{' '}
        <span className={t.unowned ? 'band red' : ''}>{t.unowned} with no one to ask</span>.
        {c.view === 'strands' && <span className="muted"> Your strands only.</span>}
      </p>
      <p className="muted">
        An update recorded from {c.window_from} (the term’s first day) meets a request; after {c.due_on} it is
        late.
      </p>
      {c.can_manage && open && <Manage cycle={c} path={path} />}
      <h2>Who has not updated</h2>
      <NotUpdated rows={c.not_updated} />
      <h2>Progress</h2>
      <CountsTable
        label="By strand"
        testId="by-strand"
        rows={c.by_strand.map((s) => ({
          key: String(s.strand?.id ?? 'overall'),
          name: s.strand ? `${s.strand.code} ${s.strand.name}` : 'Overall summary',
          counts: s.counts,
        }))}
      />
      <CountsTable
        label="By lead"
        testId="by-lead"
        rows={c.by_lead.map((l) => ({
          key: l.lead?.code ?? NO_LEAD,
          name: l.lead?.name ?? 'No one to ask',
          counts: l.counts,
        }))}
      />
      <h2>Requests</h2>
      <div className="filters">
        <Choice
          label="Strand"
          value={filter.strand}
          onChange={(strand) => setFilter({ strand })}
          empty="All strands"
          options={c.by_strand.map((s) => ({
            value: String(s.strand?.id ?? 'overall'),
            label: s.strand ? `${s.strand.code} ${s.strand.name}` : 'Overall summary',
          }))}
        />
        <Choice
          label="Lead"
          value={filter.lead}
          onChange={(lead) => setFilter({ lead })}
          empty="All leads"
          options={c.by_lead.map((l) => ({
            value: l.lead?.code ?? NO_LEAD,
            label: l.lead?.name ?? 'No one to ask',
          }))}
        />
        <Choice
          label="Outcome"
          value={filter.outcome}
          onChange={(outcome) => setFilter({ outcome })}
          empty="Any outcome"
          options={(Object.keys(outcomeNames) as CycleOutcome[]).map((value) => ({
            value,
            label: outcomeNames[value],
          }))}
        />
      </div>
      <p>
        {requests.length} of {c.requests.length} requests.
      </p>
      <RequestsTable requests={requests} strategyCode={code} />
      <h2>Summaries</h2>
      {c.summaries.length === 0 ? (
        <p>No summary yet.</p>
      ) : (
        <ul className="actions" data-testid="summaries">
          {c.summaries.map((s) => (
            <li key={`${s.strand?.id ?? 'overall'}-${s.on_date}-${s.commentary}`}>
              <strong>{s.strand ? `${s.strand.code} ${s.strand.name}` : 'Overall'}</strong>{' '}
              <RagTag rag={s.rag} /> {s.commentary}{' '}
              <span className="muted">
                ({s.author}, {s.on_date})
              </span>
            </li>
          ))}
        </ul>
      )}
      {open && c.can_manage && (
        <>
          <h3>The overall summary</h3>
          <CycleSummaryForm code={code} term={term} strandId={null} what="the strategy" />
        </>
      )}
    </>
  );
}

/** Days from today to a date (negative when past). */
function daysBetween(date: string): number {
  const today = new Date();
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000);
}
