// Who may meet a need (the authority's eligibility rules, each refusal named) and how well they fit:
// phase match, strength where the school is weak, distance and track record, weighted by the settings.

import type { PracticeArea } from '../strengths/contract.ts';
import { indicatorPracticeArea, practiceAreaNames } from '../strengths/practice-areas.ts';
import { stageIndicator } from '../value-added/catalogue.ts';
import type { BrokeringSettings, NeedKind } from './contract.ts';
import type { Leader } from './leaders.ts';
import type { FitParts } from './proposal-contract.ts';
import type { LeaderRole } from './role-contract.ts';
import type { SchoolFacts } from './school-facts.ts';

export interface OpenNeed {
  id: number;
  kind: NeedKind;
  indicator: string | null;
  /** The specialism the need asks for: alone, only a leader whose designation lists it meets it; with an
   * indicator, such a leader or one whose school is strong in the indicator's practice area. */
  specialism?: { code: string; name: string } | null;
  days: number;
  evidence: string;
  school: SchoolFacts;
  /** Leaders the broker has rejected for this need. */
  rejected: ReadonlySet<number>;
}

export interface Candidate {
  fit: number;
  parts: FitParts;
  km: number | null;
  /** The practice areas the school is weak in that this leader's own school is strong in. */
  strengths: PracticeArea[];
}

const EARTH_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two schools, or null when either has no location. */
function kmBetween(a: SchoolFacts, b: SchoolFacts): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The practice areas the school is weak in: its red indicators', and progress when value added is significantly below. */
function weakAreas(school: SchoolFacts): PracticeArea[] {
  const indicators = [
    ...school.red.map((r) => r.indicator),
    ...school.vaBelow.map((va) => stageIndicator('value_added', va.stage)),
  ];
  return [...new Set(indicators.flatMap((i) => indicatorPracticeArea(i) ?? []))];
}

/** The practice areas the leader's own school has a strength in (strengths/found.ts). */
export function strongAreas(school: SchoolFacts | null): Set<PracticeArea> {
  return new Set(school?.strengths.map((s) => s.practice_area) ?? []);
}

/** A practice need's area: the practice area its indicator speaks for. */
const needArea = (need: OpenNeed) => (need.indicator ? indicatorPracticeArea(need.indicator) : null);

/** Each kind of need in words, as refusals and explanations name it. */
export const kindWords: Record<NeedKind, string> = {
  headship_cover: 'headship cover',
  mentor: 'mentoring',
  nle: 'NLE support',
  lle: 'LLE support',
  practice: 'practice sharing',
  professional_partner: 'professional partnering',
  npqh_internship: 'an NPQH internship',
  leadership_placement: 'a leadership placement',
};

const gradeRank: Record<string, number> = {
  outstanding: 4,
  good: 3,
  satisfactory: 2,
  requires_improvement: 2,
  inadequate: 1,
};
const words = (code: string) => code.replaceAll('_', ' ');
/** "an LLE", "an interim headteacher": the role as a refusal names it. */
function aRole(role: LeaderRole): string {
  const acronym = /\(([A-Z]+)\)/.exec(role.name)?.[1];
  const name = role.name.replace(/\s*\(.*\)/, '');
  const short = acronym ?? (/^[A-Z][a-z]/.test(name) ? name[0]?.toLowerCase() + name.slice(1) : name);
  // Letters said with a vowel sound first: an NLE, an SLE, an NPQH host school.
  const initial = short.split(' ')[0] ?? '';
  const an = initial === initial.toUpperCase() ? /^[AEFHILMNORSX]/.test(initial) : /^[aeiou]/.test(short);
  return `${an ? 'an' : 'a'} ${short}`;
}

/** A need's school has no capacity to appoint an acting head when no deputy or assistant head is in post. */
function actingCapacity(school: SchoolFacts): string | null {
  const senior = school.seniors.find(
    (s) => s.role === 'deputy_headteacher' || s.role === 'assistant_headteacher',
  );
  return senior ? `${senior.name} is ${words(senior.role).replace('headteacher', 'head')} there` : null;
}

/** Why the leader may not meet the need in this role (the catalogue's rules); empty when they may. */
function roleRefusals(leader: Leader, role: LeaderRole, need: OpenNeed): string[] {
  const why: string[] = [];
  const own = leader.school;
  const a = aRole(role);
  if (role.serving_head && !own) why.push(`not a serving head (${a} is one)`);
  if (role.employed_by_authority && own?.trust)
    why.push(`employed by ${own.trust}, not the authority (${a} is employed by the authority)`);
  if (role.own_school_at_least && own) {
    const latest = own.inspections[0];
    const judgement =
      role.judged_on === 'leadership' ? (latest?.leadership ?? latest?.overall) : latest?.overall;
    const least = role.own_school_at_least === 'good' ? 'good or outstanding' : 'outstanding';
    const what = role.judged_on === 'leadership' ? 'a school whose leadership is judged' : 'a school judged';
    if (!judgement) why.push(`leads a school not yet inspected (${a} leads ${what} ${least})`);
    else if ((gradeRank[judgement] ?? 0) < (gradeRank[role.own_school_at_least] ?? 0))
      why.push(`leads ${what} ${words(judgement)} (${a} leads ${what} ${least})`);
  }
  if (role.min_headship_years > 0 && own && leader.headship_years < role.min_headship_years)
    why.push(`${leader.headship_years} years a head (${a} needs ${role.min_headship_years})`);
  if (role.accreditation && !leader.accredited.includes(role.code as Leader['accredited'][number]))
    why.push(`no record of ${role.accreditation} (${a} needs it)`);
  // Seconded only where the school cannot lead itself, unless it is in the federation they head.
  const federated = own?.federation != null && own.federation === need.school.federation;
  if (role.no_acting_capacity && !federated) {
    const where = `${a} goes to a school with no head and no capacity to appoint an acting head, or within their own federation`;
    const head = need.school.headship.head;
    if (need.school.headship.status !== 'vacant' && head)
      why.push(`the school has a head, ${head.name}, who is absent (${where})`);
    else {
      const capacity = actingCapacity(need.school);
      if (capacity) why.push(`the school has capacity to appoint an acting head: ${capacity} (${where})`);
    }
  }
  return why;
}

/**
 * The schools a leader supports now in each role they hold: each deployment counts in a role that meets
 * its kind, the one already counting its school or else the one with most places left, so an interim
 * head's one vacancy does not use up their mentoring.
 */
function schoolsInRole(leader: Leader): Map<string, Set<string>> {
  const inRole = new Map(leader.held.map((r) => [r.code, new Set<string>()]));
  for (const { school, kind } of leader.supporting) {
    const meeting = leader.held.filter((r) => r.meets.includes(kind));
    const already = meeting.find((r) => inRole.get(r.code)?.has(school));
    const roomiest = [...meeting].sort(
      (a, b) =>
        b.max_schools - (inRole.get(b.code)?.size ?? 0) - (a.max_schools - (inRole.get(a.code)?.size ?? 0)),
    )[0];
    const role = already ?? roomiest;
    if (role) inRole.get(role.code)?.add(school);
  }
  return inRole;
}

const schoolWord = (n: number) => `${n} ${n === 1 ? 'school' : 'schools'}`;

/** The role's designation lists the specialism the need asks for. */
function holdsIn(leader: Leader, role: LeaderRole, asked: string): boolean {
  return (leader.specialisms[role.code as Leader['designations'][number]] ?? []).includes(asked);
}

/**
 * The role may meet the need as far as its specialism goes: a need naming only a specialism is met in a
 * role listing it; a need on an indicator is met by a specialist in it or by a school strong in the
 * indicator's practice area (checked in ineligibility), so any role that meets its kind will do.
 */
function listsSpecialism(leader: Leader, role: LeaderRole, need: OpenNeed): boolean {
  const asked = need.specialism?.code;
  return !asked || need.indicator != null || holdsIn(leader, role, asked);
}

/** A leader who may meet the need's kind but holds the specialism it asks for in no role that meets it. */
export function lacksSpecialism(leader: Leader, need: OpenNeed): boolean {
  const asked = need.specialism?.code;
  return asked != null && !leader.held.some((r) => r.meets.includes(need.kind) && holdsIn(leader, r, asked));
}

/**
 * The role a leader would meet the need in: of the roles they hold that meet it and whose rules they
 * pass, the one with most places left. Refused, the reasons of the role that came nearest.
 */
export function roleForNeed(
  leader: Leader,
  need: OpenNeed,
): { role: LeaderRole; placesLeft: number } | { refusals: string[]; full?: true } {
  const meeting = leader.held.filter((r) => r.meets.includes(need.kind) && listsSpecialism(leader, r, need));
  const passing = meeting.filter((r) => roleRefusals(leader, r, need).length === 0);
  if (passing.length === 0) {
    const nearest = meeting.map((r) => roleRefusals(leader, r, need)).sort((a, b) => a.length - b.length)[0];
    return { refusals: nearest ?? [] };
  }
  const inRole = schoolsInRole(leader);
  const left = (r: LeaderRole) => r.max_schools - (inRole.get(r.code)?.size ?? 0);
  const best = [...passing].sort((a, b) => left(b) - left(a))[0] as LeaderRole;
  if (left(best) > 0) return { role: best, placesLeft: left(best) };
  const now = inRole.get(best.code)?.size ?? 0;
  return {
    refusals: [
      `already supports ${schoolWord(now)} as ${aRole(best)} (${aRole(best)} takes ${best.max_schools} at a time)`,
    ],
    full: true,
  };
}

/** Why the leader may not meet the need; empty when they may. */
export function ineligibility(leader: Leader, need: OpenNeed, settings: BrokeringSettings): string[] {
  // A specialist leader who is not a head shares the practice of the school they work at.
  const own = leader.school ?? leader.workplace;
  const why: string[] = [];
  if (!leader.roles.includes(need.kind)) why.push(`not designated for ${kindWords[need.kind]}`);
  // A need naming only a specialism is met in a role whose designation lists it; one on an indicator also
  // by a leader whose school is strong in the indicator's practice area, in whatever state the school is
  // (the strength is checked below).
  else if (lacksSpecialism(leader, need) && !need.indicator)
    why.push(`no designation listing ${need.specialism?.name} (the need asks for that specialism)`);
  // A practice-sharing host needs no designation: their school's strength is the rule.
  else if (!(need.kind === 'practice' && leader.host)) {
    const via = roleForNeed(leader, need);
    if ('refusals' in via) why.push(...via.refusals);
  }
  if (own?.code === need.school.code) why.push(leader.school ? 'leads this school' : 'works at this school');
  if (leader.schools.includes(need.school.code)) why.push('already supports this school');
  if (settings.exclude_own_trust && own?.trust && own.trust === need.school.trust)
    why.push(`in the same trust (${own.trust})`);
  // A specialist designated in what the need asks for stands for their school's strength in it.
  if (need.kind === 'practice' && need.indicator && (!need.specialism || lacksSpecialism(leader, need))) {
    const area = needArea(need);
    if (!area) why.push(`${need.indicator.replaceAll('_', ' ')} is no practice area a school shares`);
    else if (!strongAreas(own).has(area))
      why.push(`own school has no strength in ${practiceAreaNames[area].toLowerCase()}`);
  }
  const km = own ? kmBetween(own, need.school) : null;
  if (settings.max_km !== null && km !== null && km > settings.max_km)
    why.push(`${km.toFixed(1)} km away (the limit is ${settings.max_km} km)`);
  const left = leader.funded - leader.committed;
  if (left < need.days)
    why.push(`${left} days left of ${leader.funded} funded (the need takes ${need.days})`);
  // Each role has its own limit (above); the authority's limit binds a leader across all their roles.
  if (leader.schools.length >= settings.max_schools)
    why.push(`already supports ${schoolWord(leader.schools.length)} (the limit is ${settings.max_schools})`);
  if (need.rejected.has(leader.id)) why.push('rejected by the broker for this need');
  return why;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function fitOf(leader: Leader, need: OpenNeed, settings: BrokeringSettings): Candidate {
  const own = leader.school ?? leader.workplace;
  const phase = own ? (own.phase === need.school.phase ? 1 : 0) : 0.5;
  const strong = strongAreas(own);
  const area = needArea(need);
  const weak = need.indicator ? (area ? [area] : []) : weakAreas(need.school);
  const strengths = weak.filter((w) => strong.has(w));
  const grade = own?.inspections[0]?.overall;
  // With nothing weak to match, the leader's own school's standing stands in for strength.
  // A need asking for a specialism: holding it is the strength it wants, whatever the leader's school is
  // strong in (a specialist for a rule-raised attendance need, which names the attendance specialism).
  const strength =
    need.specialism && !lacksSpecialism(leader, need)
      ? 1
      : weak.length > 0
        ? strengths.length / weak.length
        : grade === 'outstanding'
          ? 1
          : grade === 'good'
            ? 0.75
            : 0.5;
  const km = own ? kmBetween(own, need.school) : null;
  const distance =
    km === null ? 0.5 : 1 - Math.min(km, settings.distance_scale_km) / settings.distance_scale_km;
  // Laplace's rule: a leader with no finished deployments counts as even odds.
  const track_record = (leader.track.improved + 1) / (leader.track.finished + 2);
  const parts = { phase, strength, distance, track_record };
  const w = settings.weights;
  const total = w.phase + w.strength + w.distance + w.track_record;
  const fit =
    total === 0
      ? 0
      : (w.phase * phase + w.strength * strength + w.distance * distance + w.track_record * track_record) /
        total;
  return { fit: round4(fit), parts, km: km === null ? null : Math.round(km * 10) / 10, strengths };
}
