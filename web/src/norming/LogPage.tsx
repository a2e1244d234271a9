// A person's development log: the norming sessions they rated in with their agreement over time, the
// coaching they received and the retreat's agenda and notes. Their own to read and add to, and the
// director's for everyone.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { addLogEntryRoute, developmentLogRoute } from '../../../src/norming/contract.ts';
import { getJson, path, send, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';
import { percent, signedLevels, Trend } from './figures.tsx';

type Kind = Body<typeof addLogEntryRoute>['kind'];
const kinds: Kind[] = ['note', 'coaching', 'retreat_note', 'retreat_agenda'];

function AddEntry({ person, today }: { person: string; today: string }) {
  const blank = { kind: 'note' as Kind, title: '', body: '', written_on: today };
  const [entry, setEntry] = useState(blank);
  const add = useAction();
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void add.run(async () => {
          await send('POST', '/api/v1/norming/log', { ...entry, person } satisfies Body<
            typeof addLogEntryRoute
          >);
          setEntry(blank);
        });
      }}
    >
      <h2>Add to the log</h2>
      <Choice
        label="Kind"
        value={entry.kind}
        onChange={(kind) => setEntry({ ...entry, kind: kind as Kind })}
        options={kinds.map((k) => ({ value: k, label: words(k) }))}
      />
      <label>
        Date{' '}
        <input
          type="date"
          required
          value={entry.written_on}
          onChange={(e) => setEntry({ ...entry, written_on: e.target.value })}
        />
      </label>
      <label>
        Title{' '}
        <input required value={entry.title} onChange={(e) => setEntry({ ...entry, title: e.target.value })} />
      </label>
      <label>
        Notes{' '}
        <textarea
          rows={4}
          value={entry.body}
          onChange={(e) => setEntry({ ...entry, body: e.target.value })}
        />
      </label>
      <p>
        <button type="submit">Add</button>
      </p>
      {add.error && <Problem error={add.error} />}
    </form>
  );
}

export function LogPage() {
  const { person = '' } = useParams();
  const log = useQuery({
    queryKey: ['norming-log', person],
    queryFn: () => getJson<Answer<typeof developmentLogRoute>>(`/api/v1/norming/log/${path(person)}`),
  });
  if (log.isError) return <Problem error={log.error} />;
  if (!log.data) return <p aria-busy="true">Loading the log…</p>;
  const { history, entries } = log.data;
  return (
    <>
      <p>
        <Link to="/norming">Norming</Link>
      </p>
      <h1>Development log: {log.data.person.name}</h1>
      <section aria-labelledby="agreement-heading">
        <h2 id="agreement-heading">Norming sessions and agreement</h2>
        {!history ? (
          <p>No closed norming session yet.</p>
        ) : (
          <>
            <p>
              {history.calibrated ? (
                `Calibrated until ${history.calibrated_until}.`
              ) : (
                <strong>Not calibrated.</strong>
              )}{' '}
              {history.drifting && <strong>Drifting: {history.drift_reason}.</strong>}{' '}
              <Trend sessions={history.sessions} name={log.data.person.name} />
            </p>
            <Scroll label="Agreement by session">
              <table data-testid="history">
                <thead>
                  <tr>
                    <th scope="col">Session</th>
                    <th scope="col" className="number">
                      Exact
                    </th>
                    <th scope="col" className="number">
                      Within one
                    </th>
                    <th scope="col" className="number">
                      Bias
                    </th>
                    <th scope="col" className="number">
                      Kappa
                    </th>
                    <th scope="col">Outside tolerance</th>
                  </tr>
                </thead>
                <tbody>
                  {history.sessions.map((s) => (
                    <tr key={s.session}>
                      <th scope="row">
                        {s.held_on} {s.title}
                      </th>
                      <td className="number">{percent(s.exact)}</td>
                      <td className="number">{percent(s.within_one)}</td>
                      <td className="number">{signedLevels(s.bias)}</td>
                      <td className="number">{s.kappa?.toFixed(2) ?? '—'}</td>
                      <td>{s.flags.join('; ') || 'within'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </>
        )}
      </section>
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">Coaching, retreats and notes</h2>
        {entries.length === 0 ? (
          <p>Nothing written yet.</p>
        ) : (
          <ul className="log" data-testid="entries">
            {entries.map((e) => (
              <li key={e.id}>
                <h3>
                  {e.written_on} · {words(e.kind)}: {e.title}
                </h3>
                {e.written_by && <p className="muted">Written by {e.written_by}</p>}
                {e.body.split('\n').map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text
                  <p key={i}>{line}</p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <AddEntry person={log.data.person.code} today={new Date().toISOString().slice(0, 10)} />
    </>
  );
}
