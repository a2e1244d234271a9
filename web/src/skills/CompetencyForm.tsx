// Adding a competency, or changing one (its words, its levels, the programmes that develop it) and
// retiring or restoring it. A competency's code is fixed once it is added.
import { useId, useState } from 'react';
import type { Body } from '../../../src/contract.ts';
import type { Programme } from '../../../src/programmes/contract.ts';
import type {
  addCompetencyRoute,
  CompetencyDetail,
  changeCompetencyRoute,
} from '../../../src/skills/contract.ts';
import { path, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { levelNames } from './labels.tsx';

export function CompetencyForm({
  competency,
  programmes,
}: {
  competency?: CompetencyDetail;
  programmes: Programme[];
}) {
  const blank = {
    code: '',
    name: '',
    description: '',
    evidence: '',
    levels: ['', '', '', ''],
    programmes: [] as string[],
    retired: false,
  };
  const [form, setForm] = useState(competency ?? blank);
  const { error, run } = useAction();
  const id = useId();
  const text = (name: 'name' | 'description' | 'evidence', label: string) => (
    <label>
      {label}{' '}
      <textarea
        rows={name === 'name' ? 1 : 2}
        required={name === 'name'}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <details className="panel">
      <summary>{competency ? `Change ${competency.name}` : 'New competency'}</summary>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const { code, ...fields } = form;
            if (competency) {
              const { ratings: _, ...change } = fields as typeof fields & { ratings?: number };
              await send(
                'PATCH',
                `/api/v1/skills/framework/${path(code)}`,
                change satisfies Body<typeof changeCompetencyRoute>,
              );
            } else {
              await send('POST', '/api/v1/skills/framework', form satisfies Body<typeof addCompetencyRoute>);
              setForm(blank);
            }
          });
        }}
      >
        {!competency && (
          <label>
            Code{' '}
            <input required value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          </label>
        )}
        {text('name', 'Name')}
        {text('description', 'What it means')}
        {text('evidence', 'Evidence a validator looks for')}
        <fieldset>
          <legend>Levels</legend>
          {levelNames.map((level, i) => (
            <label key={level}>
              {i + 1} {level}{' '}
              <input
                required
                value={form.levels[i]}
                onChange={(e) =>
                  setForm({ ...form, levels: form.levels.map((l, k) => (k === i ? e.target.value : l)) })
                }
              />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Programmes that develop it</legend>
          {programmes.map((p) => (
            <label key={p.code}>
              <input
                type="checkbox"
                checked={form.programmes.includes(p.code)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    programmes: e.target.checked
                      ? [...form.programmes, p.code]
                      : form.programmes.filter((c) => c !== p.code),
                  })
                }
              />{' '}
              {p.name}
            </label>
          ))}
        </fieldset>
        {competency && (
          <label htmlFor={`${id}-retired`}>
            <input
              id={`${id}-retired`}
              type="checkbox"
              checked={form.retired}
              onChange={(e) => setForm({ ...form, retired: e.target.checked })}
            />{' '}
            Retired: kept with its ratings, not rated in new audits
          </label>
        )}
        <button type="submit">{competency ? 'Save the changes' : 'Add the competency'}</button>
        {error && <Problem error={error} />}
      </form>
    </details>
  );
}
