// Each default rule by hand, with a fixture per stage and its near miss, the first-match order, the
// plain words, and the checks on save.
import { describe, expect, it } from 'vitest';
import { legacyGrades } from '../inspections/schema.ts';
import type { StageRuleInput } from './contract.ts';
import { stageGrades } from './lists.ts';
import {
  conditionWords,
  defaultStageRules,
  defaultStages,
  placeSchool,
  ruleWords,
  type StageFacts,
  stageRuleProblems,
} from './rules.ts';

const named = (...names: string[]) => names.map((name) => ({ indicator: name.toLowerCase(), name }));

function school(over: Partial<StageFacts> = {}): StageFacts {
  return {
    code: 'S1',
    inspection: {
      inspected_on: '2025-05-01',
      overall: 'good',
      leadership: 'good',
      category: null,
      category_since: null,
    },
    attention: [],
    red: [],
    green: named('Attendance'),
    improving: [],
    declining: [],
    vaAbove: [],
    vaBelow: [],
    ...over,
  };
}
const inspected = (overall: string, more: Partial<NonNullable<StageFacts['inspection']>> = {}) => ({
  inspection: {
    inspected_on: '2026-03-12',
    overall,
    leadership: overall,
    category: null,
    category_since: null,
    ...more,
  },
});
const place = (facts: StageFacts) => placeSchool(facts, defaultStageRules);

describe('the default stage rules, one fixture per stage', () => {
  it('intensive support: in a category, with the date the run of category inspections began', () => {
    const placed = place(
      school(inspected('inadequate', { category: 'special_measures', category_since: '2025-11-04' })),
    );
    expect(placed).toEqual({
      stage: 'intensive_support',
      rule: 1,
      reasons: ['In an inspection category (special measures) since 2025-11-04'],
    });
  });

  it('intensive support: judged inadequate without a category (rule 2)', () => {
    expect(place(school(inspected('inadequate')))).toMatchObject({ stage: 'intensive_support', rule: 2 });
    expect(place(school(inspected('inadequate'))).reasons).toEqual(['Judged inadequate on 2026-03-12']);
  });

  it('improving: requires improvement, or satisfactory (rule 3); a good school is not', () => {
    expect(place(school(inspected('requires_improvement')))).toMatchObject({ stage: 'improving', rule: 3 });
    expect(place(school(inspected('satisfactory')))).toMatchObject({ stage: 'improving', rule: 3 });
    expect(place(school()).stage).not.toBe('improving');
  });

  it('improving: a critical attention reason in a good school (rule 4)', () => {
    const placed = place(
      school({
        attention: [{ kind: 'safeguarding_not_met', severity: 'critical', evidence: 'Safeguarding not met' }],
      }),
    );
    expect(placed).toMatchObject({ stage: 'improving', rule: 4 });
    expect(placed.reasons).toEqual(['1 attention reason critical: Safeguarding not met']);
    // A high one is not enough for this rule (it keeps the school out of sustaining instead).
    expect(
      place(school({ attention: [{ kind: 'inadequate', severity: 'high', evidence: 'x' }] })).stage,
    ).toBe('secure');
  });

  it('improving: three indicators declining over the year (rule 5); two are not', () => {
    const placed = place(school({ declining: named('Attendance', 'Reading', 'Maths') }));
    expect(placed).toMatchObject({
      stage: 'improving',
      rule: 5,
      reasons: ['3 indicators declining: Attendance, Reading, Maths'],
    });
    expect(place(school({ declining: named('Attendance', 'Reading') })).stage).toBe('secure');
  });

  it('leading: outstanding with nothing red or declining (rule 6)', () => {
    const placed = place(school(inspected('outstanding')));
    expect(placed).toEqual({
      stage: 'leading',
      rule: 6,
      reasons: ['Judged outstanding on 2026-03-12', 'No indicator red', 'No indicator declining'],
    });
    expect(place(school({ ...inspected('outstanding'), red: named('Maths') })).stage).toBe('secure');
  });

  it('leading: good, nothing red, value added above and improving (rule 7)', () => {
    const placed = place(
      school({
        vaAbove: [{ stage: 'KS2', academic_year: '2024-25' }],
        improving: named('Attendance', 'Reading', 'Maths'),
      }),
    );
    expect(placed.stage).toBe('leading');
    expect(placed.rule).toBe(7);
    expect(placed.reasons).toContain('3 indicators improving: Attendance, Reading, Maths');
    expect(placed.reasons).toContain('Value added significantly above in KS2 2024-25');
    // Without value added above it is sustaining.
    expect(place(school({ improving: named('Attendance') })).stage).toBe('sustaining');
  });

  it('sustaining: good, nothing red or declining, no attention reason high or worse (rule 8)', () => {
    const placed = place(school());
    expect(placed).toEqual({
      stage: 'sustaining',
      rule: 8,
      reasons: [
        'Judged good on 2025-05-01',
        'No indicator red',
        'No indicator declining',
        'No attention reason high or more severe',
      ],
    });
  });

  it('secure: good with something red (rule 9)', () => {
    expect(place(school({ red: named('Maths') }))).toMatchObject({ stage: 'secure', rule: 9 });
  });

  it('improving: never inspected with two indicators red (rule 10); otherwise secure (rule 11)', () => {
    expect(place(school({ inspection: null, red: named('Maths', 'Reading') }))).toMatchObject({
      stage: 'improving',
      rule: 10,
    });
    expect(place(school({ inspection: null }))).toEqual({
      stage: 'secure',
      rule: 11,
      reasons: ['None of the earlier rules applies'],
    });
  });
});

describe('first match wins', () => {
  it('a school in a category with value added above is still intensive support', () => {
    const facts = school({
      ...inspected('inadequate', { category: 'serious_weaknesses', category_since: '2026-03-12' }),
      vaAbove: [{ stage: 'KS2', academic_year: '2024-25' }],
    });
    expect(place(facts).stage).toBe('intensive_support');
  });

  it('reordering the rules changes the answer', () => {
    const leadingFirst: StageRuleInput[] = [
      { stage: 'leading', conditions: [{ fact: 'va_above', op: 'at_least', value: 1 }] },
      ...defaultStageRules,
    ];
    const facts = school({
      ...inspected('inadequate', { category: 'serious_weaknesses' }),
      vaAbove: [{ stage: 'KS2', academic_year: '2024-25' }],
    });
    expect(placeSchool(facts, leadingFirst)).toMatchObject({ stage: 'leading', rule: 1 });
  });
});

describe('the rules in words', () => {
  it('says each default rule as a director reads it', () => {
    expect(defaultStageRules.map((r) => ruleWords(r, defaultStages))).toEqual([
      'Intensive support when in an inspection category',
      'Intensive support when judged inadequate overall',
      'Improving when judged satisfactory or worse overall',
      'Improving when at least 1 attention reason critical',
      'Improving when at least 3 indicators declining',
      'Leading when judged outstanding overall and no indicator red and no indicator declining',
      'Leading when judged good or better overall and no indicator red and at least 1 stage with value added significantly above and at least 1 indicator improving',
      'Sustaining when judged good or better overall and no indicator red and no indicator declining and no attention reason high or more severe',
      'Secure when judged good or better overall',
      'Improving when at least 2 indicators red',
      'Secure otherwise',
    ]);
    expect(conditionWords({ fact: 'leadership', op: 'at_most', value: 'requires_improvement' })).toBe(
      'leadership judged requires improvement or worse',
    );
  });

  it('compares grades in the inspections’ own order', () => {
    expect([...stageGrades]).toEqual([...legacyGrades]);
  });
});

describe('checks on save', () => {
  it('accepts the defaults', () => {
    expect(stageRuleProblems(defaultStages, defaultStageRules, [])).toEqual([]);
  });

  it('names each problem', () => {
    const problems = stageRuleProblems(
      defaultStages,
      [
        { stage: 'nowhere', conditions: [{ fact: 'red', op: 'is', value: true }] },
        { stage: 'secure', conditions: [] },
        { stage: 'leading', conditions: [{ fact: 'overall', op: 'at_least', value: 3 }] },
      ],
      ['intensive_support'],
    ).map((p) => `${p.parameter}: ${p.message}`);
    expect(problems).toEqual([
      'rules[0].stage: no stage nowhere',
      'rules[0].conditions[0]: red takes at_least or at_most with a count',
      'rules[1]: a rule with no conditions matches every school, so the rules after it would never apply',
      'rules[2].conditions[0]: overall takes at_least or at_most with a grade',
      'rules[2]: the last rule must have no conditions, so every school has a stage',
      'stages[1]: no rule places a school at Improving',
      'stages[3]: no rule places a school at Sustaining',
    ]);
  });

  it('keeps a stage the history holds', () => {
    const problems = stageRuleProblems(defaultStages.slice(1), defaultStageRules.slice(2), [
      'intensive_support',
    ]);
    expect(problems.map((p) => p.message)).toContain(
      'intensive_support is in the recorded history and cannot be removed (rename it instead)',
    );
  });
});
