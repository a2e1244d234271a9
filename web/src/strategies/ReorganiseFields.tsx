// The reorganise panel's pieces: the kinds of change in words, the form's fields and the request each
// kind sends, and the checkbox lists and new-strand fields several kinds share.
import type { Body } from '../../../src/contract.ts';
import type { Strand } from '../../../src/strategies/contract.ts';
import type { reorganiseRoute } from '../../../src/strategies/reorganise-contract.ts';
import type { ChoiceOption } from '../Choice.tsx';
import { PersonPicker } from './PersonPicker.tsx';

export type Kind = Body<typeof reorganiseRoute>['kind'];
export const kindNames: Record<Kind, string> = {
  move_action: 'Move an action to another strand',
  merge_strands: 'Merge strands',
  split_strand: 'Split a strand',
  retire_strand: 'Retire a strand',
  edit_strand: 'Rename a strand or change its lead',
};

export const blank = {
  action: '',
  toStrand: '',
  strand: '',
  strands: [] as string[],
  into: '',
  actions: [] as string[],
  openActions: '' as '' | 'move' | 'stop',
  code: '',
  name: '',
  lead: '',
  reason: '',
  on: '',
};
export type Form = typeof blank;

export const strandOptions = (strands: Strand[]): ChoiceOption[] =>
  strands.map((s) => ({ value: String(s.id), label: `${s.code} ${s.name}` }));
const newStrand = (f: Form) => ({ code: f.code, name: f.name, lead: f.lead || null });

export function bodyOf(kind: Kind, f: Form): Body<typeof reorganiseRoute> {
  const common = { reason: f.reason, on: f.on || undefined };
  switch (kind) {
    case 'move_action':
      return { kind, action: Number(f.action), to_strand: Number(f.toStrand), ...common };
    case 'merge_strands':
      return f.into === 'new'
        ? { kind, strands: f.strands.map(Number), new_strand: newStrand(f), ...common }
        : { kind, strands: f.strands.map(Number), into: Number(f.into), ...common };
    case 'split_strand':
      return {
        kind,
        strand: Number(f.strand),
        actions: f.actions.map(Number),
        new_strand: newStrand(f),
        ...common,
      };
    case 'retire_strand':
      return {
        kind,
        strand: Number(f.strand),
        actions: f.openActions || undefined,
        to_strand: f.openActions === 'move' ? Number(f.toStrand) : undefined,
        ...common,
      };
    case 'edit_strand':
      return {
        kind,
        strand: Number(f.strand),
        name: f.name || undefined,
        code: f.code || undefined,
        lead: f.lead || undefined,
        ...common,
      };
  }
}

export function Checkboxes({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: ChoiceOption[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} style={{ display: 'block' }}>
          <input
            type="checkbox"
            checked={chosen.includes(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
            }
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function NewStrandFields({ form, set }: { form: Form; set: (changes: Partial<Form>) => void }) {
  return (
    <>
      <label>
        New strand code <input required value={form.code} onChange={(e) => set({ code: e.target.value })} />
      </label>
      <label>
        New strand name <input required value={form.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <PersonPicker label="New strand lead" onChange={(lead) => set({ lead })} />
    </>
  );
}
