// Reorganising the plan from the strategy page: move an action to another strand, merge strands, split
// one, retire one, or rename it or change its lead. Every change needs a reason, and the panel first
// asks the API what the change would do (a dry run) and shows it, so nothing happens until the person
// has read what will and confirms. The director and the overarching lead see every kind; a strand lead
// who leads two or more strands may move actions between them.
import { useState } from 'react';
import type { Strategy } from '../../../src/strategies/contract.ts';
import type { PlanChange } from '../../../src/strategies/reorganise-contract.ts';
import { send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { PersonPicker } from './PersonPicker.tsx';
import {
  blank,
  bodyOf,
  Checkboxes,
  type Form,
  type Kind,
  kindNames,
  NewStrandFields,
  strandOptions,
} from './ReorganiseFields.tsx';

export function ReorganisePanel({ strategy }: { strategy: Strategy }) {
  const { error, run } = useAction();
  const whole = strategy.can_edit;
  const mine = strategy.strands.filter((s) => s.can_edit);
  const [kind, setKind] = useState<Kind>('move_action');
  const [form, setForm] = useState(blank);
  const [preview, setPreview] = useState<PlanChange | null>(null);
  const [done, setDone] = useState<PlanChange | null>(null);
  if (!whole && mine.length < 2) return null;
  const set = (changes: Partial<Form>) => {
    setForm({ ...form, ...changes });
    setPreview(null);
  };
  const path = `/api/v1/strategies/${encodeURIComponent(strategy.code)}/reorganise`;
  const strand = strategy.strands.find((s) => String(s.id) === form.strand);
  const actions = mine.flatMap((s) => s.actions.map((a) => ({ ...a, strandName: s.name })));
  const moving = actions.find((a) => String(a.id) === form.action);
  const open = strand?.actions.filter((a) => a.status !== 'done' && a.status !== 'stopped') ?? [];
  const kinds = (Object.keys(kindNames) as Kind[]).filter((k) => whole || k === 'move_action');
  return (
    <section className="panel" aria-labelledby="reorganise-heading">
      <h2 id="reorganise-heading">Reorganise the plan</h2>
      <p className="muted">
        Each change keeps its history: who, when and why, and the plan as it stood before stays readable.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const body = bodyOf(kind, form);
          if (!preview)
            run(async () => setPreview(await send<PlanChange>('POST', `${path}?dry_run=true`, body)));
          else
            run(async () => {
              setDone(await send<PlanChange>('POST', path, body));
              setPreview(null);
              setForm(blank);
            });
        }}
      >
        <Choice
          label="Change"
          value={kind}
          onChange={(k) => {
            setKind(k);
            setForm(blank);
            setPreview(null);
            setDone(null);
          }}
          options={kinds.map((k) => ({ value: k, label: kindNames[k] }))}
        />
        {kind === 'move_action' && (
          <>
            <Choice
              label="Action to move"
              value={form.action}
              onChange={(action) => set({ action })}
              options={actions.map((a) => ({
                value: String(a.id),
                label: `${a.code} ${a.title} (${a.strandName})`,
              }))}
              empty="Choose an action"
              required
            />
            <Choice
              label="Move it to"
              value={form.toStrand}
              onChange={(toStrand) => set({ toStrand })}
              options={strandOptions(mine.filter((s) => s.id !== moving?.strand_id))}
              empty="Choose a strand"
              required
            />
          </>
        )}
        {kind === 'merge_strands' && (
          <>
            <Checkboxes
              legend="Strands to merge"
              options={strandOptions(strategy.strands)}
              chosen={form.strands}
              onChange={(strands) => set({ strands, into: strands.includes(form.into) ? form.into : '' })}
            />
            <Choice
              label="Merge into"
              value={form.into}
              onChange={(into) => set({ into })}
              options={[
                ...strandOptions(strategy.strands.filter((s) => form.strands.includes(String(s.id)))),
                { value: 'new', label: 'A new strand' },
              ]}
              empty="Choose"
              required
            />
            {form.into === 'new' && <NewStrandFields form={form} set={set} />}
          </>
        )}
        {kind !== 'move_action' && kind !== 'merge_strands' && (
          <Choice
            label="Which strand"
            value={form.strand}
            onChange={(s) => set({ strand: s, actions: [], openActions: '', toStrand: '' })}
            options={strandOptions(strategy.strands)}
            empty="Choose a strand"
            required
          />
        )}
        {kind === 'split_strand' && strand && (
          <>
            <Checkboxes
              legend="Actions that go to the new strand (their sub-actions go with them)"
              options={strand.actions.map((a) => ({ value: String(a.id), label: `${a.code} ${a.title}` }))}
              chosen={form.actions}
              onChange={(chosen) => set({ actions: chosen })}
            />
            <NewStrandFields form={form} set={set} />
          </>
        )}
        {kind === 'retire_strand' && strand && (
          <>
            <p>
              {open.length === 0
                ? `${strand.name} has no open actions${strand.actions.length ? '; its finished ones retire with it' : ''}.`
                : `${strand.name} has ${open.length} open action${open.length === 1 ? '' : 's'}: say what happens to ${open.length === 1 ? 'it' : 'them'}.`}
            </p>
            {open.length > 0 && (
              <Choice
                label="Its actions"
                value={form.openActions}
                onChange={(openActions) => set({ openActions })}
                options={[
                  { value: 'move', label: 'Move them all to another strand' },
                  { value: 'stop', label: 'Stop the open ones with the strand' },
                ]}
                empty="Choose"
                required
              />
            )}
            {form.openActions === 'move' && (
              <Choice
                label="Move them to"
                value={form.toStrand}
                onChange={(toStrand) => set({ toStrand })}
                options={strandOptions(strategy.strands.filter((s) => s.id !== strand.id))}
                empty="Choose a strand"
                required
              />
            )}
          </>
        )}
        {kind === 'edit_strand' && strand && (
          <>
            <label>
              New name{' '}
              <input
                value={form.name}
                placeholder={strand.name}
                onChange={(e) => set({ name: e.target.value })}
              />
            </label>
            <label>
              New code{' '}
              <input
                value={form.code}
                placeholder={strand.code}
                onChange={(e) => set({ code: e.target.value })}
              />
            </label>
            <PersonPicker key={strand.id} label="New strand lead" onChange={(lead) => set({ lead })} />
          </>
        )}
        <label>
          Reason (kept in the history){' '}
          <textarea required rows={2} value={form.reason} onChange={(e) => set({ reason: e.target.value })} />
        </label>
        <label>
          Takes effect on <input type="date" value={form.on} onChange={(e) => set({ on: e.target.value })} />{' '}
          <span className="muted">(empty: today)</span>
        </label>
        {preview && (
          <div role="status" className="panel" data-testid="reorganise-preview">
            <p>
              <strong>What will happen:</strong> {preview.summary}.
            </p>
            {preview.notes.length > 0 && (
              <ul>
                {preview.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <p className="controls">
          <button type="submit">{preview ? 'Confirm the change' : 'Check what will happen'}</button>
          {preview && (
            <button type="button" onClick={() => setPreview(null)}>
              Change something
            </button>
          )}
        </p>
        {error && <Problem error={error} />}
        {done && !preview && (
          <p role="status" data-testid="reorganise-done">
            Done: {done.summary}.
          </p>
        )}
      </form>
    </section>
  );
}
