// Saying that part of this strategy contributes to another's: one of its strands or measures, to a
// strand or measure of another strategy the caller can see (the leadership strategy's strands to the
// improving-standards strategy's good-or-better target).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  addLinkRoute,
  listStrategiesRoute,
  Strategy,
  strategyRoute,
} from '../../../src/strategies/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

/** A strategy's strands and measures as choices: "strand:12", "measure:4". */
function parts(strategy: Strategy | undefined) {
  if (!strategy) return [];
  return [
    ...strategy.strands.map((s) => ({ value: `strand:${s.id}`, label: `Strand ${s.code} ${s.name}` })),
    ...strategy.measures.map((m) => ({
      value: `measure:${m.id}`,
      label: `Measure: ${m.indicator.name}, ${m.org_unit.name} (${m.target_value} by ${m.target_period})`,
    })),
  ];
}

/** The link's body from the two choices. */
function linkBody(from: string, to: string, note: string): Body<typeof addLinkRoute> {
  const id = (choice: string, kind: string) =>
    choice.startsWith(`${kind}:`) ? Number(choice.split(':')[1]) : undefined;
  return {
    from_strand: id(from, 'strand'),
    from_measure: id(from, 'measure'),
    to_strand: id(to, 'strand'),
    to_measure: id(to, 'measure'),
    note,
  };
}

export function LinkForm({ strategy }: { strategy: Strategy }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ from: '', other: '', to: '', note: '' });
  const others = useQuery({
    queryKey: ['strategies'],
    queryFn: () => getJson<Answer<typeof listStrategiesRoute>>('/api/v1/strategies'),
  });
  const choices = (others.data?.strategies ?? []).filter((s) => s.code !== strategy.code);
  const other = form.other || choices[0]?.code || '';
  const target = useQuery({
    queryKey: ['strategy', other],
    queryFn: () => getJson<Answer<typeof strategyRoute>>(`/api/v1/strategies/${encodeURIComponent(other)}`),
    enabled: other !== '',
  });
  const from = form.from || parts(strategy)[0]?.value || '';
  const to = form.to || parts(target.data)[0]?.value || '';
  if (choices.length === 0) return null;
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (!from || !to) return;
        run(() => send('POST', '/api/v1/strategies/links', linkBody(from, to, form.note)));
      }}
    >
      <h2>Contribute to another strategy</h2>
      <Choice
        label="From this strategy's"
        value={from}
        onChange={(v) => setForm({ ...form, from: v })}
        options={parts(strategy)}
      />
      <Choice
        label="To strategy"
        value={other}
        onChange={(v) => setForm({ ...form, other: v, to: '' })}
        options={choices.map((s) => ({ value: s.code, label: s.name }))}
      />
      <Choice
        label="Its strand or measure"
        value={to}
        onChange={(v) => setForm({ ...form, to: v })}
        options={parts(target.data)}
      />
      <label>
        How it contributes{' '}
        <input value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </label>
      <button type="submit" disabled={!to}>
        Link
      </button>
      {error && <Problem error={error} />}
    </form>
  );
}
