// The visit form's repeated parts: the visitors (several, each picked by name), each criterion's level
// with its evidence prompt and note, and the agreed actions (several, each with an owner and a due day).
import type { Answer } from '../../../src/contract.ts';
import type { visitFormDataRoute } from '../../../src/visits/form-contract.ts';
import { Choice } from '../Choice.tsx';
import { NamePicker } from '../NamePicker.tsx';
import type { ActionDraft, VisitDraft } from '../offline/outbox.ts';

type FormData = Answer<typeof visitFormDataRoute>;
type Change = (change: Partial<VisitDraft>) => void;

export function Visitors({ draft, set, data }: { draft: VisitDraft; set: Change; data: FormData }) {
  const name = (code: string) => data.people.find((p) => p.code === code)?.name ?? code;
  return (
    <fieldset>
      <legend>Visitors</legend>
      {draft.visitors.length === 0 ? (
        <p>No visitor yet: add at least one.</p>
      ) : (
        <ul data-testid="visitors">
          {draft.visitors.map((code) => (
            <li key={code}>
              {name(code)}{' '}
              <button
                type="button"
                className="link"
                onClick={() => set({ visitors: draft.visitors.filter((v) => v !== code) })}
              >
                Remove {name(code)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <NamePicker
        label="Add a visitor"
        rows={data.people.filter((p) => p.visitor && !draft.visitors.includes(p.code))}
        value=""
        clearOnPick
        onPick={(code) => set({ visitors: [...draft.visitors, code] })}
      />
    </fieldset>
  );
}

export function Scores({ draft, set, data }: { draft: VisitDraft; set: Change; data: FormData }) {
  const rubric = data.rubrics.find((r) => r.code === draft.rubric);
  if (!rubric) return null;
  return (
    <>
      {rubric.sections.map((section) => (
        <fieldset key={section.code}>
          <legend>{section.name}</legend>
          {section.criteria.map((criterion) => (
            <div key={criterion.code} className="stack">
              <Choice
                label={criterion.name}
                value={draft.levels[criterion.code] ?? ''}
                onChange={(level) => set({ levels: { ...draft.levels, [criterion.code]: level } })}
                options={criterion.levels.map((l) => ({
                  value: String(l.level),
                  label: `${l.level} — ${l.descriptor}`,
                }))}
                empty="not scored"
              />
              {criterion.evidence_prompt && (
                <p className="hint" id={`prompt-${criterion.code}`}>
                  {criterion.evidence_prompt}
                </p>
              )}
              <label>
                Evidence<span className="sr-only"> for {criterion.name}</span>{' '}
                <textarea
                  rows={2}
                  aria-describedby={criterion.evidence_prompt ? `prompt-${criterion.code}` : undefined}
                  value={draft.evidence[criterion.code] ?? ''}
                  onChange={(e) => set({ evidence: { ...draft.evidence, [criterion.code]: e.target.value } })}
                />
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </>
  );
}

const emptyAction: ActionDraft = { title: '', owner: '', due_on: '' };

export function Actions({ draft, set, data }: { draft: VisitDraft; set: Change; data: FormData }) {
  const change = (i: number, part: Partial<ActionDraft>) =>
    set({ actions: draft.actions.map((a, j) => (j === i ? { ...a, ...part } : a)) });
  // Owners: the people at the visit's school first, then everyone the form knows.
  const owners = [...data.people].sort(
    (a, b) => Number(b.schools.includes(draft.school)) - Number(a.schools.includes(draft.school)),
  );
  return (
    <fieldset>
      <legend>Agreed actions</legend>
      {draft.actions.map((action, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an action being typed has no id yet; its place is its name
        <fieldset key={i} data-testid="action">
          <legend>Action {i + 1}</legend>
          <label>
            Action {i + 1}: what{' '}
            <input value={action.title} onChange={(e) => change(i, { title: e.target.value })} />
          </label>
          <NamePicker
            label={`Action ${i + 1}: owner`}
            rows={owners}
            value={action.owner}
            onPick={(owner) => change(i, { owner })}
          />
          <label>
            Action {i + 1}: due{' '}
            <input
              type="date"
              value={action.due_on}
              onChange={(e) => change(i, { due_on: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="link"
            onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}
          >
            Remove action {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" onClick={() => set({ actions: [...draft.actions, { ...emptyAction }] })}>
        Add an action
      </button>
    </fieldset>
  );
}
