// Redeployment plans: the plans made (newest first) and, for the director and area leads, the form that
// makes one for an area under limits (distance, moves out of a school, clusters, recruits).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { listPlansRoute, makePlanRoute } from '../../../src/teachers/plan-contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { useAreas } from '../useAreas.ts';

type Plan = Answer<typeof makePlanRoute>;

function MakePlan() {
  const session = useSession();
  const areas = useAreas();
  const navigate = useNavigate();
  const { error, run } = useAction();
  const [form, setForm] = useState({
    area: session.whole_authority ? '' : (areas.data?.org_units[0]?.code ?? ''),
    month: '',
    max_km: '25',
    max_moves_out: '2',
    recruits: '0',
    within_clusters: false,
  });
  const [busy, setBusy] = useState(false);
  const set = (part: Partial<typeof form>) => setForm({ ...form, ...part });
  const area = form.area || (session.whole_authority ? '' : (areas.data?.org_units[0]?.code ?? ''));
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        const body: Body<typeof makePlanRoute> = {
          ...(area && { area }),
          ...(form.month && { month: form.month }),
          max_km: Number(form.max_km),
          max_moves_out: Number(form.max_moves_out),
          recruits: Number(form.recruits),
          within_clusters: form.within_clusters,
        };
        void run(async () => {
          const plan = await send<Plan>('POST', '/api/v1/teachers/plans', body);
          navigate(`/teachers/plans/${plan.id}`);
        }).finally(() => setBusy(false));
      }}
    >
      <h2>Make a plan</h2>
      <p className="hint">
        Teachers move from schools over their norm to schools under it, never leaving a school under its own
        norm. The plan moves the most teachers it can within the limits and, of those plans, travels least.
      </p>
      <Choice
        label="Area"
        value={area}
        onChange={(v) => set({ area: v })}
        options={codeOptions(areas.data?.org_units)}
        {...(session.whole_authority ? { empty: 'the whole authority' } : {})}
      />
      <label>
        Month of the data (default: the latest){' '}
        <input type="month" value={form.month} onChange={(e) => set({ month: e.target.value })} />
      </label>
      <label>
        Travel distance at most (km){' '}
        <input
          type="number"
          min="1"
          max="500"
          required
          value={form.max_km}
          onChange={(e) => set({ max_km: e.target.value })}
        />
      </label>
      <label>
        Teachers leaving any one school at most{' '}
        <input
          type="number"
          min="1"
          max="50"
          required
          value={form.max_moves_out}
          onChange={(e) => set({ max_moves_out: e.target.value })}
        />
      </label>
      <label>
        New recruits to post to the largest gaps left{' '}
        <input
          type="number"
          min="0"
          max="10000"
          required
          value={form.recruits}
          onChange={(e) => set({ recruits: e.target.value })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.within_clusters}
          onChange={(e) => set({ within_clusters: e.target.checked })}
        />{' '}
        Moves only within a cluster
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Making the plan…' : 'Make the plan'}
      </button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function RedeploymentPlans() {
  const session = useSession();
  const plans = useQuery({
    queryKey: ['teacher-plans'],
    queryFn: () => getJson<Answer<typeof listPlansRoute>>('/api/v1/teachers/plans'),
  });
  return (
    <>
      <p>
        <Link to="/teachers">Teachers</Link>
      </p>
      <h1>Redeployment plans</h1>
      {can(session, 'brokering:write') && <MakePlan />}
      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans made</h2>
        {plans.isError ? (
          <Problem error={plans.error} />
        ) : !plans.data ? (
          <p aria-busy="true">Loading plans…</p>
        ) : plans.data.plans.length === 0 ? (
          <p>
            No plan has been made yet for a place you see (plans are made for an area or the whole authority).
          </p>
        ) : (
          <Scroll label="Plans made">
            <table data-testid="plans">
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">For</th>
                  <th scope="col">Data of</th>
                  <th scope="col" className="number">
                    Teachers moved
                  </th>
                  <th scope="col" className="number">
                    Moves accepted
                  </th>
                  <th scope="col">Made</th>
                </tr>
              </thead>
              <tbody>
                {plans.data.plans.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/teachers/plans/${p.id}`}>Plan {p.id}</Link>
                    </th>
                    <td>{p.unit.name}</td>
                    <td>{p.month}</td>
                    <td className="number">
                      {p.objective} of at most {p.bound}
                    </td>
                    <td className="number">
                      {p.accepted} of {p.moves}
                    </td>
                    <td>
                      {p.made_on} by {p.made_by}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </section>
    </>
  );
}
