// The stage rules: a school's facts on a date in, its stage and the reasons out. Pure, so each rule and
// the first-match order are tested by hand (rules.test.ts). The rules themselves are data (the
// `stage_rule` table, defaults below); this file says what each condition means and how it reads.
import type { Severity } from '../attention/contract.ts';
import { HeadwayError } from '../errors.ts';
import type { StageCondition, StageDefinition, StageRuleInput } from './contract.ts';
import { stageGrades } from './lists.ts';

interface Named {
  indicator: string;
  name: string;
}

interface ValueAdded {
  stage: string;
  academic_year: string;
}

/** What the rules read about one school on a date (facts.ts gathers them). */
export interface StageFacts {
  code: string;
  /** The latest inspection on or before the date, in the legacy grades' words. */
  inspection: {
    inspected_on: string;
    overall: string;
    leadership: string | null;
    category: string | null;
    /** The first inspection of the run of inspections that have kept it in a category. */
    category_since: string | null;
  } | null;
  /** Its attention reasons on the date (attention/), most severe first. */
  attention: { kind: string; severity: Severity; evidence: string }[];
  red: Named[];
  green: Named[];
  improving: Named[];
  declining: Named[];
  vaAbove: ValueAdded[];
  vaBelow: ValueAdded[];
}

const severityRank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const gradeRank = (grade: string) => stageGrades.indexOf(grade as (typeof stageGrades)[number]);
const gradeWords = (grade: string) => grade.replaceAll('_', ' ');

const countFacts = {
  red: { one: 'indicator red', many: 'indicators red', list: (f: StageFacts) => f.red },
  green: { one: 'indicator green', many: 'indicators green', list: (f: StageFacts) => f.green },
  improving: {
    one: 'indicator improving',
    many: 'indicators improving',
    list: (f: StageFacts) => f.improving,
  },
  declining: {
    one: 'indicator declining',
    many: 'indicators declining',
    list: (f: StageFacts) => f.declining,
  },
} as const;

const vaFacts = {
  va_above: { words: 'value added significantly above', list: (f: StageFacts) => f.vaAbove },
  va_below: { words: 'value added significantly below', list: (f: StageFacts) => f.vaBelow },
} as const;

const countOf = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "at least 2 indicators red", "no indicator red", "at most 1 indicator declining". */
function countWords(op: StageCondition['op'], value: number, one: string, many: string): string {
  if (op === 'at_most' && value === 0) return `no ${one}`;
  return `${op === 'at_least' ? 'at least' : 'at most'} ${countOf(value, one, many)}`;
}

const attentionNoun = (severity: Severity | undefined) =>
  severity
    ? `attention reason ${severity === 'critical' ? 'critical' : `${severity} or more severe`}`
    : 'attention reason';

/** A condition in plain words, as the rules page and the CLI show it. */
export function conditionWords(c: StageCondition): string {
  switch (c.fact) {
    case 'category':
      return c.value ? 'in an inspection category' : 'not in an inspection category';
    case 'inspected':
      return c.value ? 'inspected' : 'never inspected';
    case 'overall':
    case 'leadership': {
      const what = c.fact === 'overall' ? 'judged' : 'leadership judged';
      const grade = String(c.value);
      const bound =
        c.op === 'at_least'
          ? grade === 'outstanding'
            ? ''
            : ' or better'
          : grade === 'inadequate'
            ? ''
            : ' or worse';
      return `${what} ${gradeWords(grade)}${bound}${c.fact === 'overall' ? ' overall' : ''}`;
    }
    case 'attention_reasons': {
      const noun = attentionNoun(c.severity);
      return countWords(c.op, Number(c.value), noun, noun.replace('reason', 'reasons'));
    }
    case 'va_above':
    case 'va_below':
      return countWords(
        c.op,
        Number(c.value),
        `stage with ${vaFacts[c.fact].words}`,
        `stages with ${vaFacts[c.fact].words}`,
      );
    default:
      return countWords(c.op, Number(c.value), countFacts[c.fact].one, countFacts[c.fact].many);
  }
}

/** A rule in plain words: "Intensive support when in an inspection category". */
export function ruleWords(rule: StageRuleInput, stages: Pick<StageDefinition, 'code' | 'name'>[]): string {
  const name = stages.find((s) => s.code === rule.stage)?.name ?? rule.stage;
  if (rule.conditions.length === 0) return `${name} otherwise`;
  return `${name} when ${rule.conditions.map(conditionWords).join(' and ')}`;
}

function compare(op: StageCondition['op'], actual: number, bound: number): boolean {
  return op === 'at_least' ? actual >= bound : actual <= bound;
}

/** Whether the condition holds for the school. */
function holds(c: StageCondition, f: StageFacts): boolean {
  switch (c.fact) {
    case 'category':
      return (f.inspection?.category != null) === c.value;
    case 'inspected':
      return (f.inspection !== null) === c.value;
    case 'overall':
    case 'leadership': {
      const grade = c.fact === 'overall' ? f.inspection?.overall : f.inspection?.leadership;
      if (!grade || gradeRank(grade) < 0) return false;
      // Best first: at least good is a rank no greater than good's.
      return c.op === 'at_least'
        ? gradeRank(grade) <= gradeRank(String(c.value))
        : gradeRank(grade) >= gradeRank(String(c.value));
    }
    case 'attention_reasons': {
      const severity = c.severity;
      const counted = f.attention.filter(
        (r) => !severity || severityRank[r.severity] <= severityRank[severity],
      );
      return compare(c.op, counted.length, Number(c.value));
    }
    case 'va_above':
    case 'va_below':
      return compare(c.op, vaFacts[c.fact].list(f).length, Number(c.value));
    default:
      return compare(c.op, countFacts[c.fact].list(f).length, Number(c.value));
  }
}

const names = (list: Named[]) => list.map((n) => n.name).join(', ');
const vaWords = (list: ValueAdded[]) => list.map((v) => `${v.stage} ${v.academic_year}`).join(', ');

/** Why the condition holds for this school, in the data's words. */
function reasonFor(c: StageCondition, f: StageFacts): string {
  const i = f.inspection;
  switch (c.fact) {
    case 'category':
      return c.value && i?.category
        ? `In an inspection category (${gradeWords(i.category)}) since ${i.category_since ?? i.inspected_on}`
        : i
          ? `Not in an inspection category (inspected ${i.inspected_on})`
          : 'Not in an inspection category (never inspected)';
    case 'inspected':
      return i ? `Last inspected on ${i.inspected_on}` : 'Never inspected';
    case 'overall':
      return `Judged ${gradeWords(i?.overall ?? '')} on ${i?.inspected_on}`;
    case 'leadership':
      return `Leadership judged ${gradeWords(i?.leadership ?? '')} on ${i?.inspected_on}`;
    case 'attention_reasons': {
      const severity = c.severity;
      const counted = f.attention.filter(
        (r) => !severity || severityRank[r.severity] <= severityRank[severity],
      );
      const noun = attentionNoun(severity);
      if (counted.length === 0) return `No ${noun}`;
      return `${countOf(counted.length, noun, noun.replace('reason', 'reasons'))}: ${counted.map((r) => r.evidence).join('; ')}`;
    }
    case 'va_above':
    case 'va_below': {
      const list = vaFacts[c.fact].list(f);
      const words = vaFacts[c.fact].words;
      return list.length === 0
        ? `No stage with ${words}`
        : `${words[0]?.toUpperCase()}${words.slice(1)} in ${vaWords(list)}`;
    }
    default: {
      const { one, many, list } = countFacts[c.fact];
      const found = list(f);
      return found.length === 0 ? `No ${one}` : `${countOf(found.length, one, many)}: ${names(found)}`;
    }
  }
}

export interface Placed {
  stage: string;
  /** The rule's position, 1 = first. */
  rule: number;
  reasons: string[];
}

/** The first rule whose every condition holds places the school; its conditions are the reasons. */
export function placeSchool(facts: StageFacts, rules: StageRuleInput[]): Placed {
  for (const [index, rule] of rules.entries()) {
    if (!rule.conditions.every((c) => holds(c, facts))) continue;
    const reasons = rule.conditions.map((c) => reasonFor(c, facts));
    return {
      stage: rule.stage,
      rule: index + 1,
      reasons: reasons.length ? reasons : ['None of the earlier rules applies'],
    };
  }
  // Validation keeps a last rule with no conditions; this is for rules read from elsewhere.
  throw new HeadwayError(
    'invalid',
    `No stage rule places school ${facts.code}: the last rule must have no conditions`,
  );
}

const booleanFacts = new Set(['category', 'inspected']);
const gradeFacts = new Set(['overall', 'leadership']);

/** Every problem with a set of stages and rules, each naming where it is; empty when they may be saved. */
export function stageRuleProblems(
  stages: StageDefinition[],
  rules: StageRuleInput[],
  recordedStages: string[],
): { parameter: string; message: string }[] {
  const problems: { parameter: string; message: string }[] = [];
  const codes = new Set<string>();
  const namesSeen = new Set<string>();
  for (const [i, s] of stages.entries()) {
    if (codes.has(s.code))
      problems.push({ parameter: `stages[${i}].code`, message: `${s.code} is named twice` });
    if (namesSeen.has(s.name.toLowerCase()))
      problems.push({ parameter: `stages[${i}].name`, message: `"${s.name}" is the name of another stage` });
    codes.add(s.code);
    namesSeen.add(s.name.toLowerCase());
    if (new Set(s.raises).size !== s.raises.length)
      problems.push({ parameter: `stages[${i}].raises`, message: 'a need rule is named twice' });
  }
  for (const code of recordedStages)
    if (!codes.has(code))
      problems.push({
        parameter: 'stages',
        message: `${code} is in the recorded history and cannot be removed (rename it instead)`,
      });
  const used = new Set<string>();
  for (const [r, rule] of rules.entries()) {
    const at = `rules[${r}]`;
    if (!codes.has(rule.stage))
      problems.push({ parameter: `${at}.stage`, message: `no stage ${rule.stage}` });
    used.add(rule.stage);
    for (const [k, c] of rule.conditions.entries()) {
      const where = `${at}.conditions[${k}]`;
      if (booleanFacts.has(c.fact)) {
        if (c.op !== 'is' || typeof c.value !== 'boolean')
          problems.push({ parameter: where, message: `${c.fact} takes "is" with true or false` });
      } else if (gradeFacts.has(c.fact)) {
        if (c.op === 'is' || typeof c.value !== 'string')
          problems.push({ parameter: where, message: `${c.fact} takes at_least or at_most with a grade` });
      } else if (c.op === 'is' || typeof c.value !== 'number')
        problems.push({ parameter: where, message: `${c.fact} takes at_least or at_most with a count` });
      if (c.severity && c.fact !== 'attention_reasons')
        problems.push({ parameter: `${where}.severity`, message: 'only attention_reasons takes a severity' });
    }
    if (rule.conditions.length === 0 && r < rules.length - 1)
      problems.push({
        parameter: at,
        message: 'a rule with no conditions matches every school, so the rules after it would never apply',
      });
  }
  const last = rules.at(-1);
  if (last && last.conditions.length > 0)
    problems.push({
      parameter: `rules[${rules.length - 1}]`,
      message: 'the last rule must have no conditions, so every school has a stage',
    });
  for (const [i, s] of stages.entries())
    if (!used.has(s.code) && !recordedStages.includes(s.code))
      problems.push({ parameter: `stages[${i}]`, message: `no rule places a school at ${s.name}` });
  return problems;
}

/** The stages a fresh installation starts with: the journey from intensive support to leading. */
export const defaultStages: StageDefinition[] = [
  {
    code: 'intensive_support',
    name: 'Intensive support',
    description: 'In, or judged into, an inspection category: an NLE and the rest of the support it needs.',
    may_offer_practice: true,
    may_host_placements: false,
    raises: [
      'inspection_category',
      'emerging_from_category',
      'at_risk',
      'new_head_challenging',
      'leadership_weak_twice',
      'red_indicator',
      'va_below',
    ],
  },
  {
    code: 'improving',
    name: 'Improving',
    description: 'Judged to require improvement, or heading the wrong way: targeted support.',
    may_offer_practice: true,
    may_host_placements: false,
    raises: [
      'inspection_category',
      'emerging_from_category',
      'at_risk',
      'new_head_challenging',
      'leadership_weak_twice',
      'red_indicator',
      'va_below',
    ],
  },
  {
    code: 'secure',
    name: 'Secure',
    description: 'Good, with some practice to improve: practice support where it is weak.',
    may_offer_practice: true,
    may_host_placements: true,
    raises: ['at_risk', 'new_head_challenging', 'leadership_weak_twice', 'red_indicator', 'va_below'],
  },
  {
    code: 'sustaining',
    name: 'Sustaining',
    description: 'Good and nothing red or declining: a peer review a year keeps it there.',
    may_offer_practice: true,
    may_host_placements: true,
    raises: ['peer_review'],
  },
  {
    code: 'leading',
    name: 'Leading',
    description: 'Outstanding, or good and pulling ahead: leads others, and is peer reviewed too.',
    may_offer_practice: true,
    may_host_placements: true,
    raises: ['peer_review'],
  },
];

/** The default rules, first match wins. */
export const defaultStageRules: StageRuleInput[] = [
  { stage: 'intensive_support', conditions: [{ fact: 'category', op: 'is', value: true }] },
  { stage: 'intensive_support', conditions: [{ fact: 'overall', op: 'at_most', value: 'inadequate' }] },
  { stage: 'improving', conditions: [{ fact: 'overall', op: 'at_most', value: 'satisfactory' }] },
  {
    stage: 'improving',
    conditions: [{ fact: 'attention_reasons', op: 'at_least', value: 1, severity: 'critical' }],
  },
  { stage: 'improving', conditions: [{ fact: 'declining', op: 'at_least', value: 3 }] },
  {
    stage: 'leading',
    conditions: [
      { fact: 'overall', op: 'at_least', value: 'outstanding' },
      { fact: 'red', op: 'at_most', value: 0 },
      { fact: 'declining', op: 'at_most', value: 0 },
    ],
  },
  {
    stage: 'leading',
    conditions: [
      { fact: 'overall', op: 'at_least', value: 'good' },
      { fact: 'red', op: 'at_most', value: 0 },
      { fact: 'va_above', op: 'at_least', value: 1 },
      { fact: 'improving', op: 'at_least', value: 1 },
    ],
  },
  {
    stage: 'sustaining',
    conditions: [
      { fact: 'overall', op: 'at_least', value: 'good' },
      { fact: 'red', op: 'at_most', value: 0 },
      { fact: 'declining', op: 'at_most', value: 0 },
      { fact: 'attention_reasons', op: 'at_most', value: 0, severity: 'high' },
    ],
  },
  { stage: 'secure', conditions: [{ fact: 'overall', op: 'at_least', value: 'good' }] },
  { stage: 'improving', conditions: [{ fact: 'red', op: 'at_least', value: 2 }] },
  { stage: 'secure', conditions: [] },
];
