// The director's programme forms: change a programme (name, description, its placement's days, running
// or not) and add one. Every change goes through the API, which audits it.
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  addProgrammeRoute,
  changeProgrammeRoute,
  listProgrammesRoute,
} from '../../../src/programmes/contract.ts';
import { path, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useAction } from '../useAction.ts';
import { placementNames } from './labels.tsx';

type Programme = Answer<typeof listProgrammesRoute>['programmes'][number];

function ChangeForm({ programme }: { programme: Programme }) {
  const [name, setName] = useState(programme.name);
  const [description, setDescription] = useState(programme.description);
  const [days, setDays] = useState(programme.placement_days === null ? '' : String(programme.placement_days));
  const [active, setActive] = useState(programme.active);
  const { error, run } = useAction();
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() =>
          send('PATCH', `/api/v1/programmes/${path(programme.code)}`, {
            name,
            description,
            active,
            ...(programme.placement && days !== '' && { placement_days: Number(days) }),
          } satisfies Body<typeof changeProgrammeRoute>),
        );
      }}
    >
      <label>
        Name <input value={name} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Description <textarea value={description} rows={3} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {programme.placement && (
        <label>
          {placementNames[programme.placement]}: days{' '}
          <input
            type="number"
            min={1}
            max={60}
            step={0.5}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
      )}
      <label>
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Running
      </label>
      <button type="submit">Save {programme.name}</button>
      {error && <Problem error={error} />}
    </form>
  );
}

function AddForm() {
  const blank = { code: '', name: '', description: '', placement: '' };
  const [form, setForm] = useState(blank);
  const { error, run } = useAction();
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await send('POST', '/api/v1/programmes', {
            code: form.code,
            name: form.name,
            description: form.description,
            placement: form.placement === '' ? null : (form.placement as keyof typeof placementNames),
          } satisfies Body<typeof addProgrammeRoute>);
          setForm(blank);
        });
      }}
    >
      <label>
        Code{' '}
        <input
          value={form.code}
          required
          onChange={(e) => setForm({ ...form, code: e.target.value.trim() })}
        />
      </label>
      <label>
        Name <input value={form.name} required onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label>
        Description{' '}
        <textarea
          rows={2}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
        />
      </label>
      <Choice
        label="Placement its candidates need"
        value={form.placement}
        onChange={(placement) => setForm({ ...form, placement })}
        options={Object.entries(placementNames).map(([value, label]) => ({ value, label }))}
        empty="none"
      />
      <button type="submit">Add the programme</button>
      {error && <Problem error={error} />}
    </form>
  );
}

export function ProgrammeForms({ programmes }: { programmes: Programme[] }) {
  const [code, setCode] = useState('');
  const chosen = programmes.find((p) => p.code === code);
  return (
    <>
      <details className="panel">
        <summary>Change a programme</summary>
        <Choice
          label="Programme"
          value={code}
          onChange={setCode}
          options={programmes.map((p) => ({ value: p.code, label: p.name }))}
          empty="choose…"
        />
        {chosen && <ChangeForm key={chosen.code} programme={chosen} />}
      </details>
      <details className="panel">
        <summary>Add a programme</summary>
        <AddForm />
      </details>
    </>
  );
}
