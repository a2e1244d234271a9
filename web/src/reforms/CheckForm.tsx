// Recording a fidelity check: the school (of those the reform covers in the visitor's scope), the day,
// the visitors, and for every practice of the checklist whether it is in place, partly or not yet, with
// the evidence seen. It is saved as a reform-fidelity visit and the school's fidelity moves at once.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { recordCheckRoute, reformRoute } from '../../../src/reforms/contract.ts';
import { getJson, path, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { statusWords } from './fidelity.ts';

type Status = keyof typeof statusWords;

export function CheckForm() {
  const { code = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const { error, run } = useAction();
  const [form, setForm] = useState({
    school: new URLSearchParams(window.location.search).get('school') ?? '',
    checked_on: new Date().toISOString().slice(0, 10),
    visitors: session.person?.code ?? '',
    strengths: '',
    development: '',
  });
  const [found, setFound] = useState<Record<string, Status>>({});
  const [evidence, setEvidence] = useState<Record<string, string>>({});
  const reform = useQuery({
    queryKey: ['reform', code],
    queryFn: () => getJson<Answer<typeof reformRoute>>(`/api/v1/reforms/${path(code)}`),
  });
  if (reform.isError) return <Problem error={reform.error} />;
  if (!reform.data) return <p aria-busy="true">Loading the reform…</p>;
  const r = reform.data;
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const body = {
            school: form.school,
            checked_on: form.checked_on,
            visitors: form.visitors.split(/\s*,\s*/).filter(Boolean),
            practices: r.checklist.map((p) => ({
              practice: p.code,
              status: found[p.code] ?? 'not_yet',
              evidence: evidence[p.code] ?? '',
            })),
            strengths: form.strengths,
            development: form.development,
          } satisfies Body<typeof recordCheckRoute>;
          await send('POST', `/api/v1/reforms/${path(code)}/checks`, body);
          navigate(`/reforms/${path(code)}/schools/${path(form.school)}`);
        });
      }}
    >
      <p>
        <Link to={`/reforms/${path(code)}`}>{r.name}</Link>
      </p>
      <h1>Record a fidelity check</h1>
      <Choice
        label="School"
        required
        value={form.school}
        onChange={(school) => set({ school })}
        options={r.school_fidelity.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
        empty="choose a school"
      />
      <label>
        Date{' '}
        <input
          type="date"
          required
          value={form.checked_on}
          onChange={(e) => set({ checked_on: e.target.value })}
        />
      </label>
      <label>
        Visitors (person codes, comma-separated){' '}
        <input required value={form.visitors} onChange={(e) => set({ visitors: e.target.value })} />
      </label>
      {r.checklist.map((p) => (
        <fieldset key={p.code} data-practice={p.code}>
          <legend>{p.name}</legend>
          {p.look_for && <p className="hint">Look for: {p.look_for}</p>}
          <div className="choices">
            {(Object.keys(statusWords) as Status[]).map((status) => (
              <label key={status}>
                <input
                  type="radio"
                  name={`practice-${p.code}`}
                  value={status}
                  required
                  checked={found[p.code] === status}
                  onChange={() => setFound((f) => ({ ...f, [p.code]: status }))}
                />{' '}
                {statusWords[status]}
              </label>
            ))}
          </div>
          <label>
            Evidence for {p.code}{' '}
            <input
              value={evidence[p.code] ?? ''}
              onChange={(e) => setEvidence((x) => ({ ...x, [p.code]: e.target.value }))}
            />
          </label>
        </fieldset>
      ))}
      <label>
        Strengths <textarea value={form.strengths} onChange={(e) => set({ strengths: e.target.value })} />
      </label>
      <label>
        Next steps{' '}
        <textarea value={form.development} onChange={(e) => set({ development: e.target.value })} />
      </label>
      <button type="submit">Record the check</button>
      {error && <Problem error={error} />}
    </form>
  );
}
