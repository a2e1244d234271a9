// A strategy's termly cycles, newest first, with how many updated; and for the director and the
// overarching lead, the form that opens the next one (every lead asked for an update by a due date).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { strategyRoute } from '../../../src/strategies/contract.ts';
import type { listCyclesRoute, openCycleRoute } from '../../../src/strategies/cycle-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

function OpenCycle({ code }: { code: string }) {
  const { error, run } = useAction();
  const navigate = useNavigate();
  const [form, setForm] = useState({ term: '', due_on: '' });
  return (
    <form
      className="controls"
      aria-label="Open a cycle"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const body: Body<typeof openCycleRoute> = {
            ...(form.term && { term: form.term }),
            ...(form.due_on && { due_on: form.due_on }),
          };
          const opened = await send<Answer<typeof openCycleRoute>>(
            'POST',
            `/api/v1/strategies/${encodeURIComponent(code)}/cycles`,
            body,
          );
          navigate(`/strategies/${encodeURIComponent(code)}/cycle/${opened.term}`);
        });
      }}
    >
      <label>
        Term{' '}
        <input
          value={form.term}
          placeholder="the term just ended"
          pattern="\d{4}-\d{2}T[123]"
          title="A term such as 2025-26T2"
          onChange={(e) => setForm({ ...form, term: e.target.value })}
        />
      </label>
      <label>
        Updates due{' '}
        <input
          type="date"
          value={form.due_on}
          onChange={(e) => setForm({ ...form, due_on: e.target.value })}
        />
      </label>
      <button type="submit">Open the cycle</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function CyclesPage() {
  const { code = '' } = useParams();
  const base = `/api/v1/strategies/${encodeURIComponent(code)}`;
  const strategy = useQuery({
    queryKey: ['strategy', code],
    queryFn: () => getJson<Answer<typeof strategyRoute>>(base),
  });
  const cycles = useQuery({
    queryKey: ['cycles', code],
    queryFn: () => getJson<Answer<typeof listCyclesRoute>>(`${base}/cycles`),
  });
  if (strategy.isError) return <Problem error={strategy.error} />;
  if (!strategy.data) return <p aria-busy="true">Loading the strategy…</p>;
  return (
    <>
      <p className="crumbs">
        <Link to="/strategies">Strategies</Link> ›{' '}
        <Link to={`/strategies/${encodeURIComponent(code)}`}>{strategy.data.name}</Link> ›
      </p>
      <h1>Termly cycles: {strategy.data.name}</h1>
      <p>
        At each term’s end the cycle asks every lead for an update on their items by a due date: action leads
        for their actions’ status, strand leads for a strand summary, the overarching lead for an overall
        summary.
      </p>
      {strategy.data.can_edit && <OpenCycle code={code} />}
      {cycles.isError && <Problem error={cycles.error} />}
      {cycles.data &&
        (cycles.data.cycles.length === 0 ? (
          <p>No cycle has been opened yet.</p>
        ) : (
          <Scroll label="Cycles">
            <table data-testid="cycles">
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col">Due</th>
                  <th scope="col">State</th>
                  <th scope="col" className="number">
                    Updated
                  </th>
                  <th scope="col" className="number">
                    Missing
                  </th>
                </tr>
              </thead>
              <tbody>
                {cycles.data.cycles.map((c) => (
                  <tr key={c.term}>
                    <th scope="row">
                      <Link to={`/strategies/${encodeURIComponent(code)}/cycle/${c.term}`}>{c.term}</Link>
                    </th>
                    <td>{c.due_on}</td>
                    <td>{c.state === 'open' ? 'Open' : `Closed ${c.closed_on}`}</td>
                    <td className="number">
                      {c.totals.on_time + c.totals.late} of {c.totals.asked}
                    </td>
                    <td className="number">{c.totals.missing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        ))}
    </>
  );
}
