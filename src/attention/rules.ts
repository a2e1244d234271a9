// The rules of attention: a school's facts on a date in, its reasons out, each with its evidence and
// figures. Pure, so each rule and its near miss is tested on its own (rules.test.ts).

import { legacyGradeWords } from '../inspections/outcome.ts';
import type { Headship } from '../registry/contract.ts';
import { stageIndicator } from '../value-added/catalogue.ts';
import type { AttentionReason, ReasonKind, Severity } from './contract.ts';
import type { LatestInspection } from './inspections.ts';
import type { OverdueChallenge } from './queries.ts';
import type { AttentionSettings } from './settings.ts';

/** One indicator's result for the school in the period, as the KPI engine banded and trended it. */
export interface IndicatorFact {
  indicator: string;
  name: string;
  measure: string;
  /** "87.9%": the value as the catalogue shows it. */
  shown: string;
  value: number | null;
  band: 'red' | 'amber' | 'green' | null;
  /** The previous period's band and value, for "red two periods running". */
  previous: { period: string; band: 'red' | 'amber' | 'green' | null; shown: string } | null;
  /** Set when the KPI concern rule finds it declining beyond its concern_drop; words are its sentence. */
  decline: { drop: number; periods: number; slope: number; words: string } | null;
}

export interface ValueAddedFact {
  stage: string;
  academic_year: string;
  effect: number;
  lower: number;
  upper: number;
  rank?: number;
  of?: number;
}

export interface AttentionFacts {
  period: string;
  previousPeriod: string;
  inspection: LatestInspection | null;
  headship: Headship;
  indicators: IndicatorFact[];
  valueAddedBelow: ValueAddedFact[];
  /** Whether the school sent any return for the period and the one before (null: none expected). */
  returned: { current: boolean | null; previous: boolean | null };
  overdue: OverdueChallenge[];
}

const words = (grade: string | null) => (grade ? legacyGradeWords(grade) : '');

type Draft = Omit<AttentionReason, 'severity'>;

function inspectionReasons(i: LatestInspection | null): Draft[] {
  if (!i) return [];
  const found: Draft[] = [];
  const figures = {
    inspected_on: i.inspected_on,
    outcome: i.outcome,
    category: i.category,
    safeguarding_met: i.safeguarding_met,
  };
  const judged = `Inspected ${words(i.outcome)} on ${i.inspected_on}${i.category ? ` (${i.category.replace('_', ' ')})` : ''}`;
  if (i.safeguarding_met === false)
    found.push({
      kind: 'safeguarding_not_met',
      measure: 'inspection',
      evidence: `Safeguarding not met at the inspection on ${i.inspected_on}`,
      figures,
    });
  const overall: ReasonKind | null =
    i.category === 'special_measures'
      ? 'special_measures'
      : i.category === 'serious_weaknesses'
        ? 'serious_weaknesses'
        : i.outcome === 'inadequate'
          ? 'inadequate'
          : i.outcome === 'requires_improvement'
            ? 'requires_improvement'
            : null;
  if (overall) found.push({ kind: overall, measure: 'inspection', evidence: judged, figures });
  else if (i.leadership_weak_twice)
    found.push({
      kind: 'leadership_weak_twice',
      measure: 'inspection',
      evidence: `Leadership judged ${words(i.previous_leadership)} on ${i.previous_inspected_on} and ${words(i.leadership)} on ${i.inspected_on}`,
      figures: { ...figures, leadership: i.leadership, previous_leadership: i.previous_leadership },
    });
  return found;
}

function headshipReasons({ status, head, cover }: Headship): Draft[] {
  const acting = cover[0];
  const coverWords = acting ? `${acting.name} ${acting.role.replaceAll('_', ' ')} since ${acting.since}` : '';
  if (status === 'vacant')
    return [
      {
        kind: 'headship_vacant',
        measure: 'headship',
        evidence: 'No substantive head and no acting head in post',
        figures: {},
      },
    ];
  if (status === 'covered')
    return [
      {
        kind: 'acting_head',
        measure: 'headship',
        evidence: `No substantive head: ${coverWords}`,
        figures: { cover: acting?.person_code ?? null, since: acting?.since ?? null },
      },
    ];
  if (head && acting)
    return [
      {
        kind: 'head_absent',
        measure: 'headship',
        evidence: `${head.name} is absent: ${coverWords}`,
        figures: { head: head.person_code, cover: acting.person_code },
      },
    ];
  return [];
}

function indicatorReasons(facts: IndicatorFact[]): Draft[] {
  const found: Draft[] = [];
  // One reason per measure: the first red indicator of a measure speaks for it, naming the others.
  const byMeasure = new Map<string, IndicatorFact[]>();
  for (const f of facts) byMeasure.set(f.measure, [...(byMeasure.get(f.measure) ?? []), f]);
  for (const [measure, group] of byMeasure) {
    const red = group.filter((f) => f.band === 'red');
    const first = red[0];
    if (first) {
      const twice = red.find((f) => f.previous?.band === 'red');
      const lead = twice ?? first;
      const also = group.filter((f) => f !== lead && f.value !== null).map((f) => `${f.name} ${f.shown}`);
      found.push({
        kind: twice ? 'indicator_red_two_periods' : 'indicator_red',
        measure,
        evidence: `${lead.name} red: ${lead.shown}${twice && lead.previous ? ` (red in ${lead.previous.period} too: ${lead.previous.shown})` : ''}${also.length ? `; ${also.join(', ')}` : ''}`,
        figures: { indicator: lead.indicator, value: lead.value },
      });
    }
    const declining = group.find((f) => f.decline !== null);
    if (declining?.decline)
      found.push({
        kind: 'declining',
        measure,
        evidence: declining.decline.words,
        figures: {
          indicator: declining.indicator,
          drop: declining.decline.drop,
          periods: declining.decline.periods,
          slope_per_period: declining.decline.slope,
        },
      });
  }
  return found;
}

function valueAddedReasons(below: ValueAddedFact[]): Draft[] {
  return below.map((va) => ({
    kind: 'value_added_below',
    measure: stageIndicator('value_added', va.stage),
    evidence: `Value added significantly below in ${va.stage} ${va.academic_year}: ${va.effect.toFixed(2)} (95% interval ${va.lower.toFixed(2)} to ${va.upper.toFixed(2)})${va.rank && va.of ? `, ${va.rank.toLocaleString('en-GB')} of ${va.of.toLocaleString('en-GB')}` : ''}`,
    figures: {
      stage: va.stage,
      academic_year: va.academic_year,
      effect: va.effect,
      lower: va.lower,
      upper: va.upper,
      rank: va.rank ?? null,
      of: va.of ?? null,
    },
  }));
}

function returnReasons(facts: AttentionFacts): Draft[] {
  const { current, previous } = facts.returned;
  if (current !== false) return [];
  if (previous === false)
    return [
      {
        kind: 'return_missing_two_periods',
        measure: 'data_return',
        evidence: `No data return for ${facts.previousPeriod} or ${facts.period}`,
        figures: { period: facts.period, previous_period: facts.previousPeriod },
      },
    ];
  return [
    {
      kind: 'return_missing',
      measure: 'data_return',
      evidence: `No data return for ${facts.period}`,
      figures: { period: facts.period },
    },
  ];
}

function challengeReasons(overdue: OverdueChallenge[]): Draft[] {
  if (overdue.length === 0) return [];
  const shown = overdue.slice(0, 3).map((c) => `"${c.title}" (due ${c.due_on})`);
  return [
    {
      kind: 'challenge_overdue',
      measure: 'challenges',
      evidence: `${overdue.length === 1 ? '1 challenge' : `${overdue.length} challenges`} overdue: ${shown.join(', ')}${overdue.length > 3 ? ', …' : ''}`,
      figures: { overdue: overdue.length, challenges: overdue.map((c) => c.id).join(',') },
    },
  ];
}

const severityOrder: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Every reason a school needs attention, most severe first. */
export function reasonsOf(facts: AttentionFacts, settings: AttentionSettings): AttentionReason[] {
  const drafts = [
    ...inspectionReasons(facts.inspection),
    ...headshipReasons(facts.headship),
    ...valueAddedReasons(facts.valueAddedBelow),
    ...indicatorReasons(facts.indicators),
    ...challengeReasons(facts.overdue),
    ...returnReasons(facts),
  ];
  // A first-year head is a reason only beside others: a new head in a school going well needs a mentor,
  // which brokering offers, not the director's attention.
  const head = facts.headship.head;
  if (drafts.length > 0 && head?.first_year_of_headship)
    drafts.push({
      kind: 'first_year_head',
      measure: 'headship',
      evidence: `${head.name} is in the first year of headship (since ${head.since})`,
      figures: { head: head.person_code, since: head.since, headship_years: head.headship_years },
    });
  return drafts
    .map((d) => ({ ...d, severity: settings.severity[d.kind] }))
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}

/** Watchlist order: most severe reason, then how many reasons at each severity, then name and code. */
export function compareSchools(
  a: { name: string; code: string; reasons: AttentionReason[] },
  b: { name: string; code: string; reasons: AttentionReason[] },
): number {
  const profile = (reasons: AttentionReason[]) => {
    const counts = [0, 0, 0, 0];
    for (const r of reasons) counts[severityOrder[r.severity]] = (counts[severityOrder[r.severity]] ?? 0) + 1;
    return counts;
  };
  const pa = profile(a.reasons);
  const pb = profile(b.reasons);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return a.name.localeCompare(b.name) || a.code.localeCompare(b.code);
}
