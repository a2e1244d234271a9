// The staffing norms in force, and (for a director, analyst or admin of the whole authority) the form
// that changes them: the default maximum ratio and minimum, and overrides for a phase, a school type or
// both (the most specific applies). Saving replaces them; the change is audited.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type { normsRoute, setNormsRoute } from '../../../src/teachers/contract.ts';
import { getJson, send, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';

type Norms = Body<typeof setNormsRoute>;
type Override = Norms['overrides'][number];
const phases = [
  'nursery',
  'primary',
  'secondary',
  'all_through',
  'special',
  'alternative_provision',
] as const;

export function NormsPanel() {
  const norms = useQuery({
    queryKey: ['teacher-norms'],
    queryFn: () => getJson<Answer<typeof normsRoute>>('/api/v1/teachers/norms'),
  });
  const [draft, setDraft] = useState<Norms | null>(null);
  const action = useAction();
  const view = norms.data;
  useEffect(() => {
    if (view) setDraft({ default: view.default, overrides: view.overrides });
  }, [view]);
  if (norms.isError) return <Problem error={norms.error} />;
  if (!view || !draft) return null;
  const setRow = (i: number, change: Partial<Override>) =>
    setDraft({ ...draft, overrides: draft.overrides.map((r, j) => (i === j ? { ...r, ...change } : r)) });
  const numberInput = (label: string, value: number, onChange: (v: number) => void, step = '1') => (
    <label>
      {label}{' '}
      <input
        type="number"
        min="0"
        step={step}
        value={value}
        disabled={!view.can_edit}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
  // Empty: no teacher per class for these schools.
  const classSizeInput = (value: number | null, onChange: (v: number | null) => void) => (
    <label>
      Most pupils in a class (optional){' '}
      <input
        type="number"
        min="1"
        step="1"
        value={value ?? ''}
        disabled={!view.can_edit}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    </label>
  );
  return (
    <section aria-labelledby="norms-heading">
      <h2 id="norms-heading">Staffing norms</h2>
      <p>
        The teachers a school requires: its pupils divided by the maximum ratio, rounded up, and never fewer
        than the minimum. The most specific row applies (phase and type, then type, then phase, then the
        default). With a class size, a school that reports its enrolment by grade also needs a teacher for
        each class: each grade's pupils divided by the class size, rounded up, summed.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(() => send('PUT', '/api/v1/teachers/norms', draft));
        }}
      >
        <fieldset>
          <legend>Default, every school</legend>
          {numberInput(
            'Most pupils per teacher',
            draft.default.max_ratio,
            (max_ratio) => setDraft({ ...draft, default: { ...draft.default, max_ratio } }),
            '0.5',
          )}
          {numberInput('Fewest teachers', draft.default.min_teachers, (min_teachers) =>
            setDraft({ ...draft, default: { ...draft.default, min_teachers } }),
          )}
          {classSizeInput(draft.default.max_class_size ?? null, (max_class_size) =>
            setDraft({ ...draft, default: { ...draft.default, max_class_size } }),
          )}
        </fieldset>
        {draft.overrides.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows have no identity but their place, and a key from their phase would remount a row (losing focus) as its phase is chosen
          <fieldset key={i} data-testid="norm-override">
            <legend>Override {i + 1}</legend>
            <label>
              Phase{' '}
              <select
                value={row.phase ?? ''}
                disabled={!view.can_edit}
                onChange={(e) => setRow(i, { phase: (e.target.value || null) as Override['phase'] })}
              >
                <option value="">every phase</option>
                {phases.map((p) => (
                  <option key={p} value={p}>
                    {words(p)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              School type{' '}
              <select
                value={row.type ?? ''}
                disabled={!view.can_edit}
                onChange={(e) => setRow(i, { type: e.target.value || null })}
              >
                <option value="">every type</option>
                {view.types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            {numberInput(
              'Most pupils per teacher',
              row.max_ratio,
              (max_ratio) => setRow(i, { max_ratio }),
              '0.5',
            )}
            {numberInput('Fewest teachers', row.min_teachers, (min_teachers) => setRow(i, { min_teachers }))}
            {classSizeInput(row.max_class_size ?? null, (max_class_size) => setRow(i, { max_class_size }))}
            {view.can_edit && (
              <button
                type="button"
                onClick={() => setDraft({ ...draft, overrides: draft.overrides.filter((_, j) => j !== i) })}
              >
                Remove override {i + 1}
              </button>
            )}
          </fieldset>
        ))}
        {view.can_edit && (
          <p>
            <button
              type="button"
              onClick={() =>
                setDraft({
                  ...draft,
                  overrides: [...draft.overrides, { phase: 'primary', type: null, ...draft.default }],
                })
              }
            >
              Add an override
            </button>{' '}
            <button type="submit">Save the norms</button>
          </p>
        )}
        {action.error && <Problem error={action.error} />}
      </form>
    </section>
  );
}
