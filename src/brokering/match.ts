// The match on a date: every eligible leader-need pair with its fit, solved by HiGHS, and each chosen
// pair explained (why this leader, why not the next best); each unmet need says why it is unmet.
import type { PracticeArea } from '../strengths/contract.ts';
import { practiceAreaNames } from '../strengths/practice-areas.ts';
import { bestBecause, weaknesses } from './best-available.ts';
import type { BrokeringSettings } from './contract.ts';
import type { Candidate, OpenNeed } from './eligibility.ts';
import { fitOf, ineligibility, kindWords, lacksSpecialism, roleForNeed } from './eligibility.ts';
import type { Leader } from './leaders.ts';
import type { Proposal, ProposedPair, UnmetNeed } from './proposal-contract.ts';
import type { InspectionFact } from './school-facts.ts';
import { solveAssignmentOffThread } from './solve-off-thread.ts';

/** A proposal before it is kept: the match's pairs, unmet needs and proven gap. */
export type MatchResult = Omit<Proposal, 'id' | 'unit' | 'created_by' | 'created_at' | 'needs'>;

interface Pair extends Candidate {
  need: OpenNeed;
  leader: Leader;
  /** The role the leader would meet the need in, and its places left (none for a practice host). */
  role: { code: string; placesLeft: number } | null;
}

function roleOfPair(leader: Leader, need: OpenNeed): Pair['role'] {
  if (need.kind === 'practice' && leader.host) return null;
  const via = roleForNeed(leader, need);
  return 'role' in via ? { code: via.role.code, placesLeft: via.placesLeft } : null;
}

/** What a long match says as it goes: the stage in words, and how far through it is (when counted). */
export type Progress = (stage: string, done?: number, total?: number) => void;

/** Needs weighed against every leader between two turns of the event loop (785 × 901 pairs take a second). */
const NEEDS_PER_TURN = 50;

/** Every eligible pair, and for each need with none the leader who came nearest and why not. */
async function candidatePairs(
  needs: OpenNeed[],
  leaders: Leader[],
  settings: BrokeringSettings,
  progress: Progress,
) {
  const pairs: Pair[] = [];
  const nearestMiss = new Map<number, { leader: Leader; why: string[] }>();
  // Per need, the leaders designated for its kind kept out only by their days or school places.
  const outOfDays = new Map<number, number>();
  for (const [n, need] of needs.entries()) {
    if (n > 0 && n % NEEDS_PER_TURN === 0) {
      progress('Scoring needs against the pool', n, needs.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const leader of leaders) {
      const why = ineligibility(leader, need, settings);
      if (why.length === 0) {
        pairs.push({ need, leader, role: roleOfPair(leader, need), ...fitOf(leader, need, settings) });
        continue;
      }
      if (leader.roles.includes(need.kind) && why.length === capacityRefusals(leader, need, settings))
        outOfDays.set(need.id, (outOfDays.get(need.id) ?? 0) + 1);
      const miss = nearestMiss.get(need.id);
      if (leader.roles.includes(need.kind) && (!miss || why.length < miss.why.length))
        nearestMiss.set(need.id, { leader, why });
    }
  }
  progress('Scoring needs against the pool', needs.length, needs.length);
  return { pairs, nearestMiss, outOfDays };
}

/** How many of a leader's refusals for a need are for want of days or school places. */
function capacityRefusals(leader: Leader, need: OpenNeed, settings: BrokeringSettings): number {
  const via = roleForNeed(leader, need);
  const roleFull = 'full' in via;
  return (
    Number(leader.funded - leader.committed < need.days) +
    Number(leader.schools.length >= settings.max_schools) +
    Number(roleFull)
  );
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** "attendance and behaviour": practice areas as a reason names them. */
const areaWords = (areas: PracticeArea[]) =>
  areas.map((a) => practiceAreaNames[a].toLowerCase()).join(' and ') ||
  'no practice area this school is weak in';

/** "Own school: leadership good (2025-03)", the overall grade where leadership was not graded. */
function ownJudgement(latest: InspectionFact | undefined): string {
  if (!latest) return 'Own school: no inspection recorded';
  const judged = latest.leadership
    ? `leadership ${latest.leadership.replaceAll('_', ' ')}`
    : `judged ${latest.overall.replaceAll('_', ' ')} overall`;
  return `Own school: ${judged} (${latest.inspected_on.slice(0, 7)})`;
}

export function reasonsFor(pair: Omit<Pair, 'role'>, daysLeft: number): string[] {
  const { leader, need, parts } = pair;
  const own = leader.school ?? leader.workplace;
  const reasons = [
    leader.host
      ? `Head of ${own?.name}, a school with a strength in ${areaWords(pair.strengths)} that hosts practice sharing`
      : `Designated ${leader.held.map((r) => r.name).join(', ')}`,
  ];
  // A leader holding several roles meets the need in one of them, whose limit it counts against.
  const via = leader.host ? null : roleForNeed(leader, need);
  // A need asking for a specialism says first who holds it, with their days free now and the distance.
  if (need.specialism && via && 'role' in via)
    reasons.unshift(
      `${via.role.name}: ${need.specialism.name}, ${leader.funded - leader.committed} of ${leader.funded} days free, ${pair.km === null ? 'distance unknown' : `${pair.km} km`}`,
    );
  if (via && 'role' in via && leader.held.length > 1) reasons.push(`Meets this as ${via.role.name}`);
  // A placement pair names where the candidate goes, beside the need's (the candidate's own) school.
  if (own && (need.kind === 'npqh_internship' || need.kind === 'leadership_placement'))
    reasons.push(`Host school: ${own.name}, for ${need.school.name}’s candidate`);
  if (own)
    reasons.push(
      parts.phase === 1
        ? `Same phase (${own.phase})`
        : `${leader.school ? 'Leads' : 'Works at'} a ${own.phase} school`,
    );
  // Each strength that meets the need is named with its evidence, so a broker sees why it counts.
  for (const strength of own?.strengths.filter((s) => pair.strengths.includes(s.practice_area)) ?? [])
    reasons.push(
      `Own school strong in ${practiceAreaNames[strength.practice_area].toLowerCase()} where this one is weak: ${strength.evidence}`,
    );
  // Every pair names the leader's own school's leadership judgement: an LLE's or NLE's standing rests on it.
  if (own) reasons.push(ownJudgement(own.inspections[0]));
  reasons.push(pair.km === null ? 'Distance unknown (no location recorded)' : `${pair.km} km away`);
  reasons.push(
    leader.track.finished === 0
      ? 'No finished deployments yet'
      : `${leader.track.improved} of ${leader.track.finished} finished deployments moved the school more than similar schools`,
  );
  reasons.push(`${daysLeft} of ${leader.funded} funded days left after this (${need.days} days)`);
  return reasons;
}

/** Why the next best leader for a need was not proposed for it. */
function whyNot(chosen: Pair, next: Pair, assignedTo: Pair | undefined): string {
  if (next.fit > chosen.fit || (next.fit === chosen.fit && assignedTo)) {
    return assignedTo
      ? `fits as well or better (${next.fit.toFixed(3)}) but is proposed for ${assignedTo.need.school.name} (fit ${assignedTo.fit.toFixed(3)}), which gives the larger total`
      : `fits as well or better (${next.fit.toFixed(3)}) but the total is no higher with them`;
  }
  const worse: string[] = [];
  if (next.parts.strength < chosen.parts.strength) worse.push('less strong where this school is weak');
  if (next.parts.phase < chosen.parts.phase) worse.push('a different phase');
  if (next.parts.distance < chosen.parts.distance)
    worse.push(
      next.km === null ? 'distance unknown' : `further away (${next.km} km against ${chosen.km} km)`,
    );
  if (next.parts.track_record < chosen.parts.track_record)
    worse.push(
      `a weaker track record (${percent(next.parts.track_record)} against ${percent(chosen.parts.track_record)})`,
    );
  return `fits less well (${next.fit.toFixed(3)} against ${chosen.fit.toFixed(3)}): ${worse.join(', ') || 'on balance'}`;
}

export async function matchNeeds(
  needs: OpenNeed[],
  leaders: Leader[],
  settings: BrokeringSettings,
  progress: Progress = () => {},
): Promise<MatchResult> {
  const { pairs, nearestMiss, outOfDays } = await candidatePairs(needs, leaders, settings, progress);
  const leaderIndex = new Map<number, number>();
  for (const p of pairs) if (!leaderIndex.has(p.leader.id)) leaderIndex.set(p.leader.id, leaderIndex.size);
  const needIndex = new Map(needs.map((n, i) => [n.id, i]));
  const indexed = [...leaderIndex.keys()].map((id) => leaders.find((l) => l.id === id) as Leader);
  // Each leader's role that meets some need has its own places (an interim head's one vacancy).
  const roleIndex = new Map<string, number>();
  const rolePlaces: number[] = [];
  const roleOf = (p: Pair) => {
    if (!p.role) return undefined;
    const key = `${p.leader.id}|${p.role.code}`;
    if (!roleIndex.has(key)) {
      roleIndex.set(key, rolePlaces.length);
      rolePlaces.push(p.role.placesLeft);
    }
    return roleIndex.get(key);
  };
  progress(`Solving with HiGHS: ${pairs.length} eligible pairs (up to ${settings.time_limit_seconds} s)`);
  const solution = await solveAssignmentOffThread(
    {
      needCount: needs.length,
      leaders: indexed.map((l) => ({
        days: l.funded - l.committed,
        slots: settings.max_schools - l.schools.length,
      })),
      pairs: pairs.map((p) => {
        const role = roleOf(p);
        return {
          need: needIndex.get(p.need.id) as number,
          leader: leaderIndex.get(p.leader.id) as number,
          fit: p.fit,
          days: p.need.days,
          ...(role !== undefined && { role }),
        };
      }),
      roles: rolePlaces,
    },
    { timeLimitSeconds: settings.time_limit_seconds, mipGap: settings.mip_gap },
  );
  progress('Explaining the pairs');
  const chosen = solution.chosen.map((j) => pairs[j] as Pair);
  const chosenByNeed = new Map(chosen.map((p) => [p.need.id, p]));
  const daysUsed = new Map<number, number>();
  for (const p of chosen) daysUsed.set(p.leader.id, (daysUsed.get(p.leader.id) ?? 0) + p.need.days);
  // The first pair each leader is proposed for (a leader may be proposed for several).
  const chosenByLeader = new Map<number, Pair>();
  for (const p of chosen) if (!chosenByLeader.has(p.leader.id)) chosenByLeader.set(p.leader.id, p);
  const byNeed = new Map<number, Pair[]>();
  for (const p of pairs) byNeed.set(p.need.id, [...(byNeed.get(p.need.id) ?? []), p]);

  const proposed = chosen.map((p): ProposedPair => {
    const next = (byNeed.get(p.need.id) ?? [])
      .filter((q) => q.leader.id !== p.leader.id)
      .sort((a, b) => b.fit - a.fit || a.leader.code.localeCompare(b.leader.code))[0];
    const nextAssigned = next && chosenByLeader.get(next.leader.id);
    const others = (byNeed.get(p.need.id) ?? []).filter((q) => q.leader.id !== p.leader.id);
    return {
      need: p.need.id,
      school: p.need.school.code,
      school_name: p.need.school.name,
      kind: p.need.kind,
      days: p.need.days,
      evidence: p.need.evidence,
      leader: p.leader.code,
      leader_name: p.leader.name,
      fit: p.fit,
      parts: p.parts,
      km: p.km,
      reasons: reasonsFor(p, p.leader.funded - p.leader.committed - (daysUsed.get(p.leader.id) ?? 0)),
      next_best: next
        ? {
            leader: next.leader.code,
            leader_name: next.leader.name,
            fit: next.fit,
            why_not: whyNot(p, next, nextAssigned),
          }
        : null,
      area: p.need.school.area,
      weak: weaknesses(p.need, p.fit, p.km),
      best_because: bestBecause(p.need.kind, {
        eligible: others.length + 1,
        elsewhere: others.filter((q) => chosenByLeader.has(q.leader.id)).length,
        outOfDays: outOfDays.get(p.need.id) ?? 0,
      }),
    };
  });
  const unmet = needs
    .filter((n) => !chosenByNeed.has(n.id))
    .map((n): UnmetNeed => {
      const eligible = byNeed.get(n.id)?.length ?? 0;
      const miss = nearestMiss.get(n.id);
      // A specialism nobody in the pool holds (in a role meeting the kind) is the reason, said plainly.
      const unheld =
        n.specialism != null &&
        !n.indicator &&
        !leaders.some((l) => l.roles.includes(n.kind) && !lacksSpecialism(l, n));
      const why = unheld
        ? `No leader in the pool holds the ${n.specialism?.name} specialism for ${kindWords[n.kind]}`
        : eligible > 0
          ? `its ${eligible} eligible leader${eligible === 1 ? ' has' : 's have'} no days or school places left after the proposed pairs, which give a higher total fit`
          : miss
            ? `No eligible leader; the nearest, ${miss.leader.name}: ${miss.why.join('; ')}`
            : 'No leader in the pool is designated for this kind of support';
      return { need: n.id, school: n.school.code, school_name: n.school.name, kind: n.kind, why };
    });
  proposed.sort((a, b) => a.school_name.localeCompare(b.school_name) || a.kind.localeCompare(b.kind));
  return {
    status: solution.status,
    method: solution.method,
    objective: Math.round(solution.objective * 10_000) / 10_000,
    bound: Math.round(solution.bound * 10_000) / 10_000,
    gap: solution.gap,
    seconds: Math.round(solution.seconds * 1000) / 1000,
    leaders: leaders.length,
    candidates: pairs.length,
    pairs: proposed,
    unmet,
  };
}
