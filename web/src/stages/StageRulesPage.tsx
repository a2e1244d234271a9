// The stages and the rules that place a school in one, in plain words: read by everyone; edited by the
// director or an admin (names, what each stage offers and raises, the rules' order and conditions),
// checked by the server on save, which names each problem. Recorded history is never rewritten.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type {
  getStageRulesRoute,
  StageCondition,
  StageDefinition,
  StageGovernedRule,
  StageRuleInput,
} from '../../../src/stages/contract.ts';
import { getJson, send } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

const governed: Record<StageGovernedRule, string> = {
  inspection_category: 'NLE: in an inspection category',
  emerging_from_category: 'NLE: emerging from a category',
  at_risk: 'NLE: at risk',
  new_head_challenging: 'LLE: new head, challenging circumstances',
  leadership_weak_twice: 'LLE: leadership weak twice',
  red_indicator: 'Practice: an indicator red',
  va_below: 'Practice: value added below',
  peer_review: 'Peer review each year',
};
const factNames: Record<StageCondition['fact'], string> = {
  category: 'in an inspection category',
  inspected: 'inspected',
  overall: 'overall judgement',
  leadership: 'leadership judgement',
  attention_reasons: 'attention reasons',
  red: 'indicators red',
  green: 'indicators green',
  improving: 'indicators improving',
  declining: 'indicators declining',
  va_above: 'stages with value added above',
  va_below: 'stages with value added below',
};
const grades = ['outstanding', 'good', 'satisfactory', 'requires_improvement', 'inadequate'] as const;

function ConditionEditor({
  condition,
  onChange,
}: {
  condition: StageCondition;
  onChange: (c: StageCondition) => void;
}) {
  const yesNo = condition.fact === 'category' || condition.fact === 'inspected';
  const graded = condition.fact === 'overall' || condition.fact === 'leadership';
  const setFact = (fact: StageCondition['fact']) =>
    onChange(
      fact === 'category' || fact === 'inspected'
        ? { fact, op: 'is', value: true }
        : fact === 'overall' || fact === 'leadership'
          ? { fact, op: 'at_least', value: 'good' }
          : { fact, op: 'at_least', value: 1 },
    );
  return (
    <span className="condition">
      <Choice
        label="Fact"
        value={condition.fact}
        onChange={setFact}
        options={Object.entries(factNames).map(([value, label]) => ({
          value: value as StageCondition['fact'],
          label,
        }))}
      />
      {yesNo ? (
        <Choice
          label="Is"
          value={String(condition.value)}
          onChange={(v) => onChange({ ...condition, value: v === 'true' })}
          options={[
            { value: 'true', label: 'yes' },
            { value: 'false', label: 'no' },
          ]}
        />
      ) : (
        <>
          <Choice
            label="Compare"
            value={condition.op}
            onChange={(op) => onChange({ ...condition, op })}
            options={[
              { value: 'at_least', label: graded ? 'or better' : 'at least' },
              { value: 'at_most', label: graded ? 'or worse' : 'at most' },
            ]}
          />
          {graded ? (
            <Choice
              label="Grade"
              value={String(condition.value) as (typeof grades)[number]}
              onChange={(value) => onChange({ ...condition, value })}
              options={grades.map((g) => ({ value: g, label: g.replaceAll('_', ' ') }))}
            />
          ) : (
            <label>
              Count{' '}
              <input
                type="number"
                min={0}
                max={1000}
                value={Number(condition.value)}
                onChange={(e) => onChange({ ...condition, value: Number(e.target.value) })}
              />
            </label>
          )}
        </>
      )}
    </span>
  );
}

function Editor({
  stages: initialStages,
  rules: initialRules,
}: {
  stages: StageDefinition[];
  rules: StageRuleInput[];
}) {
  const [stages, setStages] = useState(initialStages);
  const [rules, setRules] = useState(initialRules);
  useEffect(() => {
    setStages(initialStages);
    setRules(initialRules);
  }, [initialStages, initialRules]);
  const { error, run } = useAction();
  const setStage = (i: number, change: Partial<StageDefinition>) =>
    setStages(stages.map((s, k) => (k === i ? { ...s, ...change } : s)));
  const setRule = (i: number, rule: StageRuleInput) => setRules(rules.map((r, k) => (k === i ? rule : r)));
  const move = (i: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(i, 1);
    if (rule) next.splice(i + by, 0, rule);
    setRules(next);
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => send('PUT', '/api/v1/stages/rules', { stages, rules }));
      }}
    >
      <h2>Change the stages and rules</h2>
      {stages.map((s, i) => (
        <fieldset key={s.code}>
          <legend>Stage {i + 1}</legend>
          <label>
            Name <input value={s.name} onChange={(e) => setStage(i, { name: e.target.value })} />
          </label>
          <label>
            Description{' '}
            <input value={s.description} onChange={(e) => setStage(i, { description: e.target.value })} />
          </label>
          <label>
            <input
              type="checkbox"
              checked={s.may_offer_practice}
              onChange={(e) => setStage(i, { may_offer_practice: e.target.checked })}
            />{' '}
            May offer practice
          </label>
          <label>
            <input
              type="checkbox"
              checked={s.may_host_placements}
              onChange={(e) => setStage(i, { may_host_placements: e.target.checked })}
            />{' '}
            May host placements
          </label>
          <fieldset>
            <legend>Needs raised at this stage</legend>
            {(Object.keys(governed) as StageGovernedRule[]).map((rule) => (
              <label key={rule} style={{ display: 'block' }}>
                <input
                  type="checkbox"
                  checked={s.raises.includes(rule)}
                  onChange={(e) =>
                    setStage(i, {
                      raises: e.target.checked ? [...s.raises, rule] : s.raises.filter((r) => r !== rule),
                    })
                  }
                />{' '}
                {governed[rule]}
              </label>
            ))}
          </fieldset>
        </fieldset>
      ))}
      <h3>Rules, first match wins</h3>
      <ol className="stage-rules">
        {rules.map((rule, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity but their place
          <li key={i}>
            <Choice
              label={`Rule ${i + 1}: stage`}
              value={rule.stage}
              onChange={(stage) => setRule(i, { ...rule, stage })}
              options={stages.map((s) => ({ value: s.code, label: s.name }))}
            />
            {rule.conditions.map((c, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
              <div key={k}>
                <ConditionEditor
                  condition={c}
                  onChange={(next) =>
                    setRule(i, { ...rule, conditions: rule.conditions.map((x, j) => (j === k ? next : x)) })
                  }
                />
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    setRule(i, { ...rule, conditions: rule.conditions.filter((_, j) => j !== k) })
                  }
                >
                  Remove condition
                </button>
              </div>
            ))}
            <button
              type="button"
              className="link"
              onClick={() =>
                setRule(i, {
                  ...rule,
                  conditions: [...rule.conditions, { fact: 'red', op: 'at_most', value: 0 }],
                })
              }
            >
              Add a condition
            </button>{' '}
            <button type="button" className="link" disabled={i === 0} onClick={() => move(i, -1)}>
              Move up
            </button>{' '}
            <button
              type="button"
              className="link"
              disabled={i === rules.length - 1}
              onClick={() => move(i, 1)}
            >
              Move down
            </button>{' '}
            <button type="button" className="link" onClick={() => setRules(rules.filter((_, k) => k !== i))}>
              Remove rule
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link"
        onClick={() =>
          setRules([
            { stage: stages[0]?.code ?? '', conditions: [{ fact: 'red', op: 'at_least', value: 1 }] },
            ...rules,
          ])
        }
      >
        Add a rule at the top
      </button>
      {error && <Problem error={error} />}
      <button type="submit">Save the stages and rules</button>
      <p>
        Terms already recorded keep their stages; a term is recomputed only on purpose (headway stages record
        --term T --recompute).
      </p>
    </form>
  );
}

export function StageRulesPage() {
  const rules = useQuery({
    queryKey: ['stage-rules'],
    queryFn: () => getJson<Answer<typeof getStageRulesRoute>>('/api/v1/stages/rules'),
  });
  if (rules.isPending) return <p aria-busy="true">Loading the rules…</p>;
  if (rules.isError) return <Problem error={rules.error} />;
  const r = rules.data;
  return (
    <>
      <p className="crumbs">
        <Link to="/stages">Stages</Link> ›
      </p>
      <h1>How stages are decided</h1>
      <p>
        The rules are tried in order and the first whose every condition holds places the school; the last has
        no conditions, so every school has a stage.{' '}
        {r.changed_on && `Last changed on ${r.changed_on} by ${r.changed_by}.`}
      </p>
      <ol data-testid="rule-words">
        {r.rules.map((rule) => (
          <li key={rule.position}>{rule.words}</li>
        ))}
      </ol>
      <Scroll label="The stages">
        <table data-testid="stage-definitions">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">What it means</th>
              <th scope="col">May offer practice</th>
              <th scope="col">May host placements</th>
              <th scope="col">Needs the rules raise</th>
            </tr>
          </thead>
          <tbody>
            {r.stages.map((s) => (
              <tr key={s.code}>
                <th scope="row">{s.name}</th>
                <td>{s.description}</td>
                <td>{s.may_offer_practice ? 'yes' : 'no'}</td>
                <td>{s.may_host_placements ? 'yes' : 'no'}</td>
                <td>{s.raises.length ? s.raises.map((x) => governed[x]).join('; ') : 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <p>
        Headship cover, a first-year head's mentor, NPQH internships and associate head placements are raised
        at every stage.
      </p>
      {r.editable && (
        <Editor stages={r.stages} rules={r.rules.map(({ stage, conditions }) => ({ stage, conditions }))} />
      )}
    </>
  );
}
