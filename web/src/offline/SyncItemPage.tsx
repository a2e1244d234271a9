// One visit waiting on this device: what will be sent, and what to do with it. A conflict (the visit
// was changed by someone else after it was opened here) shows both versions field by field: keep
// yours, take theirs, or choose per field, then save against the version the server now has.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { visitFormDataRoute } from '../../../src/visits/form-contract.ts';
import { ApiError, getJson, send, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';
import { drafts, outbox } from './device.ts';
import { conflictFields, editBody, mergeDrafts, type OutboxItem, triedText } from './outbox.ts';
import { refreshOutbox, syncNow, useOutbox } from './sync.ts';

/** Criteria and people by name, from the form's own answer (kept offline), falling back to codes. */
function useFormNames() {
  const data = useQuery({
    queryKey: ['visit-form'],
    queryFn: () => getJson<Answer<typeof visitFormDataRoute>>('/api/v1/visits/form'),
  });
  const criteria = new Map(
    (data.data?.rubrics ?? []).flatMap((r) =>
      r.sections.flatMap((s) => s.criteria.map((c) => [c.code, c.name])),
    ),
  );
  const people = new Map((data.data?.people ?? []).map((p) => [p.code, p.name]));
  return {
    criterion: (code: string) => criteria.get(code) ?? code,
    person: (code: string) => people.get(code) ?? code,
  };
}

export function SyncItemPage() {
  const { key = '' } = useParams();
  const { items, outcomes } = useOutbox();
  const item = items.find((i) => i.key === key);
  const outcome = outcomes.find((o) => o.key === key);
  const back = (
    <p>
      <Link to="/visits/sync">Waiting to sync</Link>
    </p>
  );
  if (!item)
    return (
      <>
        {back}
        <h1>Nothing waiting</h1>
        <p data-testid="sync-outcome">
          {outcome
            ? `${outcome.label}: ${outcome.message}.`
            : 'This is not waiting on this device: it was sent, or cleared.'}{' '}
          {outcome?.visit_id && <Link to={`/visits/${outcome.visit_id}`}>Open the visit</Link>}
        </p>
      </>
    );
  return (
    <>
      {back}
      <h1>
        {item.kind === 'record' ? 'New visit' : 'Change to the visit'} to {item.label}
      </h1>
      {item.state === 'conflict' && item.theirs ? (
        <Conflict item={item} theirs={item.theirs} />
      ) : (
        <Waiting item={item} />
      )}
    </>
  );
}

function Waiting({ item }: { item: OutboxItem }) {
  const navigate = useNavigate();
  const { error, run } = useAction();
  const d = item.draft;
  const name = useFormNames();
  return (
    <>
      <p data-testid="sync-state">
        {item.state === 'refused'
          ? `Refused: ${item.message}`
          : item.attempts
            ? `Waiting to sync: ${triedText(item)}.`
            : 'Waiting to sync.'}
      </p>
      <dl>
        <dt>Type</dt>
        <dd>{words(d.visit_type)}</dd>
        <dt>Visitors</dt>
        <dd>{d.visitors.map(name.person).join(', ')}</dd>
        <dt>Scores</dt>
        <dd>{Object.values(d.levels).filter(Boolean).length}</dd>
        <dt>Agreed actions</dt>
        <dd>
          {d.actions
            .filter((a) => a.title.trim())
            .map((a) => a.title)
            .join('; ') || 'none'}
        </dd>
      </dl>
      <p className="actions">
        <button type="button" onClick={() => run(() => syncNow(true))}>
          Sync now
        </button>{' '}
        {item.kind === 'record' && (
          <button
            type="button"
            onClick={() =>
              run(async () => {
                // Back into the form under the same client_id, so it is still recorded once.
                await drafts.put({
                  key: 'new',
                  user: item.user,
                  draft: d,
                  client_id: item.key,
                  saved_at: new Date().toISOString(),
                });
                await outbox.remove(item.key);
                await refreshOutbox();
                navigate('/visits/new');
              })
            }
          >
            Open it in the form
          </button>
        )}{' '}
        <button
          type="button"
          onClick={() =>
            run(async () => {
              if (!window.confirm('Discard this visit? It has not been sent.')) return;
              await outbox.remove(item.key);
              await refreshOutbox();
              navigate('/visits/sync');
            })
          }
        >
          Discard
        </button>
      </p>
      {error && <Problem error={error} />}
    </>
  );
}

function Conflict({ item, theirs }: { item: OutboxItem; theirs: NonNullable<OutboxItem['theirs']> }) {
  const navigate = useNavigate();
  const name = useFormNames();
  const fields = conflictFields(item.draft, theirs.draft, name.criterion, name.person);
  const [take, setTake] = useState<Record<string, 'mine' | 'theirs'>>({});
  const { error, run } = useAction();
  const all = (side: 'mine' | 'theirs') => setTake(Object.fromEntries(fields.map((f) => [f.key, side])));
  const differing = fields.filter((f) => !f.same);
  return (
    <>
      <p role="alert">
        Someone changed this visit after you opened it (it is now version {theirs.version}; you changed
        version {item.version}). Nothing has been overwritten: choose, field by field, what the visit should
        say.
      </p>
      <p>
        {differing.length} of {fields.length} fields differ.{' '}
        <button type="button" onClick={() => all('mine')}>
          Keep all mine
        </button>{' '}
        <button type="button" onClick={() => all('theirs')}>
          Take all theirs
        </button>
      </p>
      <Scroll label="Both versions">
        <table data-testid="conflict">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">Theirs (version {theirs.version})</th>
              <th scope="col">Keep</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.key} className={f.same ? undefined : 'differs'}>
                <th scope="row">{f.label}</th>
                <td>{f.mine || '—'}</td>
                <td>{f.theirs || '—'}</td>
                <td>
                  {f.same ? (
                    'the same'
                  ) : (
                    <fieldset className="choice">
                      <legend className="sr-only">Keep for {f.label}</legend>
                      {(['mine', 'theirs'] as const).map((side) => (
                        <label key={side} className="check">
                          <input
                            type="radio"
                            name={f.key}
                            checked={(take[f.key] ?? 'mine') === side}
                            onChange={() => setTake({ ...take, [f.key]: side })}
                          />{' '}
                          {side === 'mine' ? 'Yours' : 'Theirs'}
                        </label>
                      ))}
                    </fieldset>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <button
        type="button"
        onClick={() =>
          run(async () => {
            const merged = mergeDrafts(item.draft, theirs.draft, take);
            try {
              await send('PUT', `/api/v1/visits/${item.visit_id}`, editBody(merged, theirs.version));
            } catch (err) {
              if (!(err instanceof ApiError && err.status === 409)) throw err;
              // Changed yet again while choosing: fetch the newest version and show it.
              await outbox.put({
                ...item,
                draft: merged,
                version: theirs.version,
                state: 'waiting',
                next_at: 0,
              });
              await syncNow(true);
              throw new Error('The visit changed again while you chose: both versions are shown afresh.');
            }
            await outbox.remove(item.key);
            await refreshOutbox();
            navigate(`/visits/${item.visit_id}`);
          })
        }
      >
        Save the merged visit
      </button>
      {error && <Problem error={error} />}
    </>
  );
}
