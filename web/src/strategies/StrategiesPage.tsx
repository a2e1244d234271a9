// The strategies the signed-in person may see, with their counts (unowned items and off track flagged),
// and for the director a form to set one up.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { listOrgUnitsRoute } from '../../../src/registry/contract.ts';
import type { createStrategyRoute, listStrategiesRoute } from '../../../src/strategies/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { ImportPlan } from './ImportPlan.tsx';
import { LeadName } from './labels.tsx';
import { PersonPicker } from './PersonPicker.tsx';

export function StrategiesPage() {
  const session = useSession();
  const strategies = useQuery({
    queryKey: ['strategies'],
    queryFn: () => getJson<Answer<typeof listStrategiesRoute>>('/api/v1/strategies'),
  });
  if (strategies.isError) return <Problem error={strategies.error} />;
  if (!strategies.data) return <p aria-busy="true">Loading strategies…</p>;
  const list = strategies.data.strategies;
  return (
    <>
      <h1>Strategies</h1>
      <p>
        <Link to="/my-plan">My part of the plan</Link>
      </p>
      {list.length === 0 ? (
        <p>No strategies yet.</p>
      ) : (
        <Scroll label="Strategies">
          <table data-testid="strategies">
            <thead>
              <tr>
                <th scope="col">Strategy</th>
                <th scope="col">Scope</th>
                <th scope="col">Overarching lead</th>
                <th scope="col" className="number">
                  Strands
                </th>
                <th scope="col" className="number">
                  Actions
                </th>
                <th scope="col" className="number">
                  Unowned
                </th>
                <th scope="col" className="number">
                  Actions off track
                </th>
                <th scope="col" className="number">
                  Measures off track
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    <Link to={`/strategies/${encodeURIComponent(s.code)}`}>{s.name}</Link>
                  </th>
                  <td>{s.scope.name}</td>
                  <td>
                    <LeadName lead={s.lead} />
                  </td>
                  <td className="number">{s.counts.strands}</td>
                  <td className="number">{s.counts.actions}</td>
                  <td className="number">
                    {s.counts.unowned > 0 ? <span className="band red">{s.counts.unowned}</span> : 0}
                  </td>
                  <td className="number">
                    {s.counts.off_track > 0 ? <span className="band red">{s.counts.off_track}</span> : 0}
                  </td>
                  <td className="number">
                    {s.counts.measures_off_track > 0 ? (
                      <span className="band red">{s.counts.measures_off_track}</span>
                    ) : (
                      0
                    )}{' '}
                    of {s.counts.measures}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {can(session, 'strategies:write') && <NewStrategy />}
      {can(session, 'strategies:write') && <ImportPlan />}
    </>
  );
}

function NewStrategy() {
  const navigate = useNavigate();
  const { error, run } = useAction();
  const units = useQuery({
    queryKey: ['org-units', 'strategy-scopes'],
    queryFn: async () => {
      const [top, areas] = await Promise.all([
        getJson<Answer<typeof listOrgUnitsRoute>>('/api/v1/org-units?level=authority'),
        getJson<Answer<typeof listOrgUnitsRoute>>('/api/v1/org-units?level=area'),
      ]);
      return [...top.org_units, ...areas.org_units];
    },
  });
  const [form, setForm] = useState({ code: '', name: '', purpose: '', scope: '', lead: '' });
  const scope = form.scope || units.data?.[0]?.code || '';
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', '/api/v1/strategies', {
            code: form.code,
            name: form.name,
            purpose: form.purpose,
            scope,
            lead: form.lead || null,
          } satisfies Body<typeof createStrategyRoute>);
          navigate(`/strategies/${encodeURIComponent(form.code)}`);
        });
      }}
    >
      <h2>Set up a strategy</h2>
      <label>
        Code <input required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
      </label>
      <label>
        Name <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label>
        Purpose{' '}
        <textarea value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.target.value })} />
      </label>
      <Choice
        label="Scope"
        value={scope}
        onChange={(v) => setForm({ ...form, scope: v })}
        options={codeOptions(units.data)}
      />
      <PersonPicker label="Overarching lead" onChange={(lead) => setForm((f) => ({ ...f, lead }))} />
      <button type="submit">Create strategy</button>
      {error && <Problem error={error} />}
    </form>
  );
}
