// Recording a visit: the school, day, type and visitors; a level for each criterion of the chosen
// rubric, section by section, with every level's descriptor to choose from and a note of the evidence;
// strengths, areas for development and an agreed action (it joins the actions list).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Answer, Body } from '../../../src/contract.ts';
import type { listRubricsRoute, recordVisitRoute, rubricRoute } from '../../../src/visits/contract.ts';
import { getJson, send, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';

const types = ['supervision', 'coaching', 'monitoring', 'reform_fidelity'] as const;
type VisitTypeName = (typeof types)[number];

export function VisitForm() {
  const session = useSession();
  const navigate = useNavigate();
  const { error, run } = useAction();
  const [form, setForm] = useState({
    school: '',
    visit_on: new Date().toISOString().slice(0, 10),
    visit_type: 'supervision' as VisitTypeName,
    visitors: session.person?.code ?? '',
    rubric: 'LEADERSHIP',
    strengths: '',
    development: '',
    action: '',
    owner: '',
    due_on: '',
  });
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [evidence, setEvidence] = useState<Record<string, string>>({});
  const rubrics = useQuery({
    queryKey: ['rubrics'],
    queryFn: () => getJson<Answer<typeof listRubricsRoute>>('/api/v1/rubrics'),
  });
  const rubric = useQuery({
    queryKey: ['rubric', form.rubric],
    queryFn: () => getJson<Answer<typeof rubricRoute>>(`/api/v1/rubrics/${encodeURIComponent(form.rubric)}`),
    enabled: form.rubric !== '',
  });
  const set = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }));
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const body = {
            school: form.school,
            visit_on: form.visit_on,
            visit_type: form.visit_type,
            visitors: form.visitors.split(/\s*,\s*/).filter(Boolean),
            rubric: form.rubric ? { code: form.rubric } : undefined,
            strengths: form.strengths,
            development: form.development,
            scores: Object.entries(levels)
              .filter(([, level]) => level)
              .map(([criterion, level]) => ({
                criterion,
                level: Number(level),
                evidence: evidence[criterion] ?? '',
              })),
            actions: form.action
              ? [{ title: form.action, owner: form.owner || undefined, due_on: form.due_on || undefined }]
              : [],
          } satisfies Body<typeof recordVisitRoute>;
          const { id } = await send<{ id: number }>('POST', '/api/v1/visits', body);
          navigate(`/visits/${id}`);
        });
      }}
    >
      <h1>Record a visit</h1>
      <label>
        School code{' '}
        <input required value={form.school} onChange={(e) => set({ school: e.target.value.trim() })} />
      </label>
      <label>
        Date{' '}
        <input
          type="date"
          required
          value={form.visit_on}
          onChange={(e) => set({ visit_on: e.target.value })}
        />
      </label>
      <Choice
        label="Type"
        value={form.visit_type}
        onChange={(visit_type) => set({ visit_type })}
        options={types.map((t) => ({ value: t, label: words(t) }))}
      />
      <label>
        Visitors (person codes, comma-separated){' '}
        <input required value={form.visitors} onChange={(e) => set({ visitors: e.target.value })} />
      </label>
      <Choice
        label="Rubric"
        value={form.rubric}
        onChange={(code) => {
          set({ rubric: code });
          setLevels({});
        }}
        options={(rubrics.data?.rubrics ?? []).map((r) => ({ value: r.code, label: r.name }))}
        empty="no scores"
      />
      {rubric.data?.sections.map((section) => (
        <fieldset key={section.code}>
          <legend>{section.name}</legend>
          {section.criteria.map((criterion) => (
            <div key={criterion.code} className="stack">
              <Choice
                label={criterion.name}
                value={levels[criterion.code] ?? ''}
                onChange={(level) => setLevels((l) => ({ ...l, [criterion.code]: level }))}
                options={criterion.levels.map((l) => ({
                  value: String(l.level),
                  label: `${l.level} — ${l.descriptor}`,
                }))}
                empty="not scored"
              />
              {criterion.evidence_prompt && <p className="hint">{criterion.evidence_prompt}</p>}
              <label>
                Evidence for {criterion.code}{' '}
                <input
                  value={evidence[criterion.code] ?? ''}
                  onChange={(e) => setEvidence((x) => ({ ...x, [criterion.code]: e.target.value }))}
                />
              </label>
            </div>
          ))}
        </fieldset>
      ))}
      <label>
        Strengths <textarea value={form.strengths} onChange={(e) => set({ strengths: e.target.value })} />
      </label>
      <label>
        Areas for development{' '}
        <textarea value={form.development} onChange={(e) => set({ development: e.target.value })} />
      </label>
      <fieldset>
        <legend>Agreed action</legend>
        <label>
          Action <input value={form.action} onChange={(e) => set({ action: e.target.value })} />
        </label>
        <label>
          Owner (person code){' '}
          <input value={form.owner} onChange={(e) => set({ owner: e.target.value.trim() })} />
        </label>
        <label>
          Due <input type="date" value={form.due_on} onChange={(e) => set({ due_on: e.target.value })} />
        </label>
      </fieldset>
      <button type="submit">Record the visit</button>
      {error && <Problem error={error} />}
    </form>
  );
}
