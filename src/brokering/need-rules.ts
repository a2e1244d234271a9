// The rules that find what a school needs, each from the facts on a date, each naming its evidence.

import { isWeakLeadership, legacyGradeWords } from '../inspections/outcome.ts';
import { stageGovernedRules } from '../stages/lists.ts';
import { indicatorPracticeArea } from '../strengths/practice-areas.ts';
import { stageIndicator } from '../value-added/catalogue.ts';
import type { BrokeringSettings, NeedKind, NeedRule } from './contract.ts';
import type { InspectionFact, SchoolFacts } from './school-facts.ts';

export interface FoundNeed {
  school: string;
  kind: NeedKind;
  rule: NeedRule;
  indicator: string | null;
  evidence: string;
  figures: Record<string, unknown>;
  days: number;
}

const weakOverall = new Set(['requires_improvement', 'inadequate']);

const judged = (i: InspectionFact) =>
  `${legacyGradeWords(i.overall)} on ${i.inspected_on}${i.category ? ` (${i.category.replace('_', ' ')})` : ''}`;

/** In, or one judgement from, an inspection category. */
function inspectionCategory(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'> | null {
  const latest = facts.inspections[0];
  if (!latest || !(weakOverall.has(latest.overall) || latest.category)) return null;
  return {
    kind: 'nle',
    rule: 'inspection_category',
    indicator: null,
    evidence: `Inspected ${judged(latest)}`,
    figures: { ...latest },
  };
}

/** Out of a category at the latest inspection, but the one before put it in one (or judged it
 * inadequate): a school emerging from a category, which an NLE supports until it is secure. */
function emergingFromCategory(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'> | null {
  const [latest, previous] = facts.inspections;
  if (!latest || !previous || weakOverall.has(latest.overall) || latest.category) return null;
  if (!(previous.category || previous.overall === 'inadequate')) return null;
  return {
    kind: 'nle',
    rule: 'emerging_from_category',
    indicator: null,
    evidence: `Emerging from an inspection category: inspected ${judged(previous)}, then ${judged(latest)}`,
    figures: { previous: { ...previous }, latest: { ...latest } },
  };
}

/** Not (yet) judged weak, but heading there: two indicators declining, or one with value added below. */
function atRisk(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'> | null {
  const declining = facts.declining;
  if (declining.length >= 2 || (declining.length === 1 && facts.vaBelow.length > 0)) {
    const parts = declining.map(
      (d) => `${d.name} declining (down ${d.drop?.toFixed(1)} over the trend window)`,
    );
    for (const va of facts.vaBelow)
      parts.push(
        `value added significantly below in ${va.stage} ${va.academic_year} (${va.effect.toFixed(2)})`,
      );
    return {
      kind: 'nle',
      rule: 'at_risk',
      indicator: null,
      evidence: `At risk of an inspection category: ${parts.join('; ')}`,
      figures: { declining: declining.map((d) => d.indicator), value_added_below: facts.vaBelow },
    };
  }
  return null;
}

function leadershipNeeds(
  facts: SchoolFacts,
  settings: BrokeringSettings,
): Omit<FoundNeed, 'school' | 'days'>[] {
  const found: Omit<FoundNeed, 'school' | 'days'>[] = [];
  const head = facts.headship.head;
  const [latest, previous] = facts.inspections;
  const challenging =
    (latest && (weakOverall.has(latest.overall) || latest.category)) || facts.red.length >= 2;
  if (head && head.tenure_years < settings.new_head_years && challenging) {
    const why =
      latest && (weakOverall.has(latest.overall) || latest.category)
        ? `inspected ${judged(latest)}`
        : `${facts.red.map((r) => r.name).join(', ')} red`;
    found.push({
      kind: 'lle',
      rule: 'new_head_challenging',
      indicator: null,
      evidence: `${head.name} has led the school since ${head.since} (${head.tenure_years} years) in challenging circumstances: ${why}`,
      figures: { head: head.person_code, since: head.since, tenure_years: head.tenure_years },
    });
  }
  if (
    latest?.leadership &&
    previous?.leadership &&
    isWeakLeadership(latest.leadership) &&
    isWeakLeadership(previous.leadership)
  ) {
    found.push({
      kind: 'lle',
      rule: 'leadership_weak_twice',
      indicator: null,
      evidence: `Leadership judged ${legacyGradeWords(previous.leadership)} on ${previous.inspected_on} and ${legacyGradeWords(latest.leadership)} on ${latest.inspected_on}`,
      figures: { previous: previous.leadership, latest: latest.leadership },
    });
  }
  // One LLE meets both: a second finding joins the first need's evidence rather than doubling it.
  const [first, second] = found;
  if (first && second)
    return [
      {
        ...first,
        evidence: `${first.evidence}; also ${second.evidence[0]?.toLowerCase()}${second.evidence.slice(1)}`,
        figures: { ...first.figures, ...second.figures },
      },
    ];
  return found;
}

function headshipNeeds(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'>[] {
  const { status, head, cover } = facts.headship;
  if (status === 'vacant')
    return [
      {
        kind: 'headship_cover',
        rule: 'headship_vacant',
        indicator: null,
        evidence: 'No head or acting head in post',
        figures: {},
      },
    ];
  if (status === 'filled' && head && cover.length > 0) {
    const acting = cover[0];
    return [
      {
        kind: 'headship_cover',
        rule: 'head_absent',
        indicator: null,
        evidence: `${head.name} is absent: ${acting?.name} has been ${acting?.role.replaceAll('_', ' ')} since ${acting?.since}`,
        figures: { head: head.person_code, cover: acting?.person_code },
      },
    ];
  }
  if (head?.first_year_of_headship)
    return [
      {
        kind: 'mentor',
        rule: 'first_year_head',
        indicator: null,
        evidence: `${head.name} is in the first year of headship (since ${head.since})`,
        figures: { head: head.person_code, since: head.since, headship_years: head.headship_years },
      },
    ];
  return [];
}

/**
 * The red indicators as practice needs: one per practice area (attendance red, absence red and girls'
 * attendance red are one weakness, met by one school strong in attendance), named by its first red
 * indicator in the catalogue's order, its evidence listing the others. An indicator of no practice area
 * (pupils per teacher, a parity index) raises none: no school's practice meets it, so the need could
 * never be met; it stays a reason for attention, and staffing is the teacher plans' work.
 */
function redIndicatorNeeds(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'>[] {
  const groups = new Map<string, SchoolFacts['red']>();
  for (const red of facts.red) {
    const area = indicatorPracticeArea(red.indicator);
    if (area) groups.set(area, [...(groups.get(area) ?? []), red]);
  }
  return [...groups.values()].map(([first, ...also]) => {
    const r = first as SchoolFacts['red'][number];
    const others = also.map((o) => `${o.name} (${o.value?.toFixed(1)})`).join(', ');
    return {
      kind: 'practice',
      rule: 'red_indicator',
      indicator: r.indicator,
      evidence: `${r.name} red in ${r.period} (${r.value?.toFixed(1)})${others ? `; also red: ${others}` : ''}`,
      figures: {
        value: r.value,
        period: r.period,
        ...(also.length > 0 && { also: also.map((o) => o.indicator) }),
      },
    };
  });
}

function practiceNeeds(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'>[] {
  const found = redIndicatorNeeds(facts);
  // One need per stage: a KS2 and a KS4 weakness are met by different practice.
  for (const va of facts.vaBelow)
    found.push({
      kind: 'practice',
      rule: 'va_below',
      indicator: stageIndicator('value_added', va.stage),
      evidence: `Value added significantly below in ${va.stage} ${va.academic_year}: ${va.effect.toFixed(2)} (95% interval ${va.lower.toFixed(2)} to ${va.upper.toFixed(2)})`,
      figures: { cohorts: [va] },
    });
  return found;
}

const roleWords = (role: string) => role.replace('_headteacher', ' head');

/**
 * The school's deputies and assistant heads who need a placement elsewhere: an NPQH holder with no
 * internship recorded, and one who has asked for an associate head placement (holds that designation as
 * a deputy) and has had none. One need each, naming them, met by a host school's head.
 */
function developmentNeeds(facts: SchoolFacts): Omit<FoundNeed, 'school' | 'days'>[] {
  const found: Omit<FoundNeed, 'school' | 'days'>[] = [];
  for (const s of facts.seniors) {
    if (s.npqh && !s.internship)
      found.push({
        kind: 'npqh_internship',
        rule: 'npqh_candidate',
        indicator: null,
        evidence: `${s.name}, ${roleWords(s.role)}, holds the NPQH and has no internship recorded`,
        figures: { person: s.person_code, role: s.role },
      });
    if (s.placement_requested && !s.placement)
      found.push({
        kind: 'leadership_placement',
        rule: 'placement_requested',
        indicator: null,
        evidence: `${s.name}, ${roleWords(s.role)}, has asked for an associate head placement and has had none`,
        figures: { person: s.person_code, role: s.role },
      });
  }
  return found;
}

/** A peer review is raised once a year: a year after the last one was met. */
const PEER_REVIEW_EVERY_DAYS = 365;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A sustaining or leading school's yearly peer review, where its stage raises one (src/stages/). */
function peerReview(facts: SchoolFacts, asOf: string | undefined): Omit<FoundNeed, 'school' | 'days'>[] {
  const stage = facts.stage;
  if (!stage?.raises.includes('peer_review')) return [];
  const last = stage.last_peer_review;
  if (last && asOf && daysBetween(last, asOf) < PEER_REVIEW_EVERY_DAYS) return [];
  return [
    {
      kind: 'professional_partner',
      rule: 'peer_review',
      indicator: null,
      evidence: `${stage.name}: a peer review each year keeps it there (${last ? `the last was met on ${last}` : 'none met yet'}); ${stage.reasons.join('; ')}`,
      figures: { stage: stage.code, last_peer_review: last },
    },
  ];
}

/**
 * The improvement needs (an NLE, an LLE, practice) are raised only where the school's stage raises their
 * rule: intensive support raises them all, sustaining none but its peer review. Headship and people's
 * development needs are raised whatever the stage. A school with no stage read keeps every need.
 */
const stageRaises = (facts: SchoolFacts) => (need: Omit<FoundNeed, 'school' | 'days'>) =>
  !facts.stage ||
  !(stageGovernedRules as readonly string[]).includes(need.rule) ||
  facts.stage.raises.includes(need.rule);

/** Every need the rules find for one school (on `asOf`, for the yearly peer review). */
export function needsOf(facts: SchoolFacts, settings: BrokeringSettings, asOf?: string): FoundNeed[] {
  const nle = inspectionCategory(facts) ?? emergingFromCategory(facts) ?? atRisk(facts);
  return [
    ...headshipNeeds(facts),
    ...(nle ? [nle] : []),
    ...leadershipNeeds(facts, settings),
    ...practiceNeeds(facts),
    ...developmentNeeds(facts),
    ...peerReview(facts, asOf),
  ]
    .filter(stageRaises(facts))
    .map((need) => ({ ...need, school: facts.code, days: settings.days[need.kind] }));
}
