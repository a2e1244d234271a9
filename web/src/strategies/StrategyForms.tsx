// The strategy page's forms for those who may change the plan: a lead for the strategy or a strand,
// a strand, an action (or sub-action) with the groups it serves, and a measure with its trajectory.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type { listIndicatorsRoute } from '../../../src/kpi/contract.ts';
import type {
  addActionRoute,
  addMeasureRoute,
  addStrandRoute,
  editStrandRoute,
  editStrategyRoute,
  Strand,
  StrategyGroup,
} from '../../../src/strategies/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice, codeOptions } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { PersonPicker } from './PersonPicker.tsx';

/** Sets (or clears) the lead of the strategy or a strand: `path` is what PATCH changes. */
export function ChangeLead({ what, path }: { what: string; path: string }) {
  const { error, run } = useAction();
  const [lead, setLead] = useState('');
  return (
    <details>
      <summary>
        Change lead<span className="sr-only"> ({what})</span>
      </summary>
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault();
          run(() =>
            send('PATCH', path, { lead: lead || null } satisfies Body<typeof editStrategyRoute> &
              Body<typeof editStrandRoute>),
          );
        }}
      >
        <PersonPicker label={what} onChange={setLead} />{' '}
        <button type="submit" disabled={!lead}>
          Set lead
        </button>
        {error && <Problem error={error} />}
      </form>
    </details>
  );
}

export function AddStrand({ code }: { code: string }) {
  const { error, run } = useAction();
  const [form, setForm] = useState({ code: '', name: '', lead: '' });
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          await send('POST', `/api/v1/strategies/${encodeURIComponent(code)}/strands`, {
            code: form.code,
            name: form.name,
            lead: form.lead || null,
          } satisfies Body<typeof addStrandRoute>);
          setForm({ code: '', name: '', lead: '' });
        });
      }}
    >
      <h2>Add a strand</h2>
      <label>
        Strand code{' '}
        <input required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
      </label>
      <label>
        Strand name{' '}
        <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <PersonPicker
        key={`strand-lead-${form.code === ''}`}
        label="Strand lead"
        onChange={(lead) => setForm((f) => ({ ...f, lead }))}
      />
      <button type="submit">Add strand</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function AddAction({ strands, groups }: { strands: Strand[]; groups: StrategyGroup[] }) {
  const { error, run } = useAction();
  const empty = {
    strand: '',
    parent: '',
    code: '',
    title: '',
    purpose: '',
    lead: '',
    groups: [] as string[],
  };
  const [form, setForm] = useState(empty);
  const strand = strands.find((s) => String(s.id) === form.strand) ?? strands[0];
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (!strand) return;
        run(async () => {
          await send('POST', `/api/v1/strategies/strands/${strand.id}/actions`, {
            code: form.code,
            title: form.title,
            purpose: form.purpose,
            lead: form.lead || null,
            parent: form.parent ? Number(form.parent) : null,
            groups: form.groups,
          } satisfies Body<typeof addActionRoute>);
          setForm({ ...empty, strand: form.strand });
        });
      }}
    >
      <h2>Add an action</h2>
      <Choice
        label="To strand"
        value={String(strand?.id ?? '')}
        onChange={(value) => setForm({ ...form, strand: value, parent: '' })}
        options={strands.map((s) => ({ value: String(s.id), label: `${s.code} ${s.name}` }))}
      />
      <Choice
        label="Sub-action of"
        value={form.parent}
        onChange={(parent) => setForm({ ...form, parent })}
        options={(strand?.actions ?? []).map((a) => ({ value: String(a.id), label: `${a.code} ${a.title}` }))}
        empty="(none: a main action)"
      />
      <label>
        Action code{' '}
        <input required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
      </label>
      <label>
        Title{' '}
        <input required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </label>
      <label>
        Purpose{' '}
        <textarea value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.target.value })} />
      </label>
      <PersonPicker
        key={`action-lead-${form.code === ''}`}
        label="Action lead"
        onChange={(lead) => setForm((f) => ({ ...f, lead }))}
      />
      <fieldset>
        <legend>Serves</legend>
        {groups.map((g) => (
          <label key={g.code} className="check">
            <input
              type="checkbox"
              checked={form.groups.includes(g.code)}
              onChange={(e) =>
                setForm({
                  ...form,
                  groups: e.target.checked
                    ? [...form.groups, g.code]
                    : form.groups.filter((x) => x !== g.code),
                })
              }
            />{' '}
            {g.name}
          </label>
        ))}
      </fieldset>
      <button type="submit">Add action</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function AddMeasure({ code, strands, scope }: { code: string; strands: Strand[]; scope: string }) {
  const { error, run } = useAction();
  const indicators = useQuery({
    queryKey: ['indicators'],
    queryFn: () => getJson<Answer<typeof listIndicatorsRoute>>('/api/v1/indicators'),
  });
  const [form, setForm] = useState({
    strand: '',
    indicator: '',
    org_unit: scope,
    baseline_value: '',
    baseline_period: '',
    target_value: '',
    target_period: '',
    trajectory: 'straight' as 'straight' | 'stepped',
    tolerance: '0',
  });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const strand = form.strand || String(strands[0]?.id ?? '');
  const indicator = form.indicator || indicators.data?.indicators[0]?.code || '';
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(() =>
          send('POST', `/api/v1/strategies/${encodeURIComponent(code)}/measures`, {
            strand: Number(strand),
            indicator,
            org_unit: form.org_unit || undefined,
            baseline_value: Number(form.baseline_value),
            baseline_period: form.baseline_period,
            target_value: Number(form.target_value),
            target_period: form.target_period,
            trajectory: form.trajectory,
            tolerance: Number(form.tolerance),
          } satisfies Body<typeof addMeasureRoute>),
        );
      }}
    >
      <h2>Link a measure</h2>
      <Choice
        label="For strand"
        value={strand}
        onChange={set('strand')}
        options={strands.map((s) => ({ value: String(s.id), label: `${s.code} ${s.name}` }))}
      />
      <Choice
        label="Indicator"
        value={indicator}
        onChange={set('indicator')}
        options={codeOptions(indicators.data?.indicators)}
      />
      <label>
        For unit (code) <input value={form.org_unit} onChange={(e) => set('org_unit')(e.target.value)} />
      </label>
      <label>
        Baseline value{' '}
        <input
          required
          inputMode="decimal"
          value={form.baseline_value}
          onChange={(e) => set('baseline_value')(e.target.value)}
        />
      </label>
      <label>
        Baseline period{' '}
        <input
          required
          placeholder="2025-09"
          value={form.baseline_period}
          onChange={(e) => set('baseline_period')(e.target.value)}
        />
      </label>
      <label>
        Target value{' '}
        <input
          required
          inputMode="decimal"
          value={form.target_value}
          onChange={(e) => set('target_value')(e.target.value)}
        />
      </label>
      <label>
        Target period{' '}
        <input
          required
          placeholder="2027-07"
          value={form.target_period}
          onChange={(e) => set('target_period')(e.target.value)}
        />
      </label>
      <Choice
        label="Trajectory"
        value={form.trajectory}
        onChange={set('trajectory')}
        options={[
          { value: 'straight', label: 'Straight line' },
          { value: 'stepped', label: 'Stepped by term' },
        ]}
      />
      <label>
        Tolerance{' '}
        <input
          inputMode="decimal"
          value={form.tolerance}
          onChange={(e) => set('tolerance')(e.target.value)}
        />
      </label>
      <button type="submit">Link measure</button>
      {error && <Problem error={error} />}
    </form>
  );
}
