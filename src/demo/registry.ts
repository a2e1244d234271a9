// Generates the demo authority's registry as import rows: Northmoor, 20 areas with clusters, 1,017 primary,
// about 100 secondary and 25 special schools, about 40 trusts, headteachers with realistic tenure (some in
// their first year, some posts covered or vacant), area leads, deputies and about 150 system leaders.

import type { Random } from '../random.ts';
import { personName, placeNames, schoolName, trustName } from './names.ts';

export type Row = Record<string, string>;

export const DEMO_AUTHORITY = 'NM';

/** The demo `headway demo` and an empty database's first `headway serve` load. */
export const defaultDemo = { seed: 1, primarySchools: 1017 } as const;

export interface DemoRegistry {
  orgUnits: Row[];
  schools: Row[];
  people: Row[];
  posts: Row[];
  designations: Row[];
}

export interface DemoRegistryOptions {
  /** Number of primary schools (1,017 by default); secondary and special schools scale with it. */
  primarySchools: number;
  /** The date the demo's "now" is built around: tenures and vacancies are as on this date. */
  referenceDate: string;
}

const DAY = 86_400_000;
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
/** The first of the month on or before a date, as appointments usually start. */
const monthStart = (date: string) => `${date.slice(0, 8)}01`;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const fixed = (x: number, digits: number) => x.toFixed(digits);

export function generateRegistry(random: Random, options: DemoRegistryOptions): DemoRegistry {
  const { primarySchools, referenceDate: today } = options;
  const places = placeNames(random);
  let placeIndex = 0;
  const nextPlace = () => places[placeIndex++ % places.length] as string;

  const out: DemoRegistry = { orgUnits: [], schools: [], people: [], posts: [], designations: [] };
  out.orgUnits.push({
    code: DEMO_AUTHORITY,
    name: 'Northmoor Authority',
    level: 'authority',
    parent_code: '',
  });

  // Areas on a ring around the authority's centre, each with three to five clusters.
  const areaCount = Math.max(1, Math.min(20, Math.ceil(primarySchools / 10)));
  const areas = Array.from({ length: areaCount }, (_, i) => {
    const angle = (2 * Math.PI * i) / areaCount;
    const ring = i % 2 === 0 ? 0.35 : 0.18;
    const area = {
      code: `A${pad(i + 1, 2)}`,
      name: nextPlace(),
      lat: 53.5 + ring * Math.sin(angle),
      lon: -1.3 + 1.6 * ring * Math.cos(angle),
      clusters: [] as string[],
    };
    out.orgUnits.push({
      code: area.code,
      name: `${area.name} Area`,
      level: 'area',
      parent_code: DEMO_AUTHORITY,
    });
    const clusters = Math.min(random.int(3, 5), Math.max(1, Math.floor(primarySchools / areaCount / 8)));
    for (let c = 1; c <= clusters; c++) {
      const code = `${area.code}-C${c}`;
      area.clusters.push(code);
      out.orgUnits.push({
        code,
        name: `${area.name} ${['North', 'South', 'East', 'West', 'Central'][c - 1]} Cluster`,
        level: 'cluster',
        parent_code: area.code,
      });
    }
    return area;
  });

  const trusts = Array.from({ length: Math.max(1, Math.round((40 * primarySchools) / 1017)) }, (_, i) => ({
    code: `T${pad(i + 1, 2)}`,
    name: trustName(random, nextPlace()),
    home: areas[i % areas.length],
  }));

  // People are numbered as they are made.
  let personCount = 0;
  const newPerson = (withEmail: boolean) => {
    const { given, family } = personName(random);
    const code = `P${pad(++personCount, 5)}`;
    const email = withEmail ? `${given}.${family}.${personCount}@northmoor.example`.toLowerCase() : '';
    out.people.push({ code, given_name: given, family_name: family, email });
    return code;
  };
  const post = (person: string, unit: string, role: string, starts: string, ends = '', fte = '1') =>
    out.posts.push({ person_code: person, org_unit_code: unit, role, starts_on: starts, ends_on: ends, fte });

  const director = newPerson(true);
  post(director, DEMO_AUTHORITY, 'director', '2021-01-04');
  for (const area of areas)
    post(newPerson(true), area.code, 'area_lead', monthStart(addDays(today, -random.int(60, 2500))));

  // Schools: primaries spread unevenly over areas, then secondaries and specials.
  const phaseCounts: [string, number][] = [
    ['primary', primarySchools],
    ['secondary', Math.round((100 * primarySchools) / 1017)],
    ['special', Math.round((25 * primarySchools) / 1017)],
  ];
  const weights = areas.map(() => 0.6 + random.float() * 0.8);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const pickArea = () => {
    let r = random.float() * weightTotal;
    for (let i = 0; i < areas.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return areas[i] as (typeof areas)[number];
    }
    return areas[areas.length - 1] as (typeof areas)[number];
  };

  interface DemoSchool {
    code: string;
    area: (typeof areas)[number];
    phase: string;
  }
  const schools: DemoSchool[] = [];
  const usedNames = new Set<string>();
  let schoolCount = 0;
  for (const [phase, count] of phaseCounts) {
    for (let i = 0; i < count; i++) {
      // Every area gets at least one school of each phase before the weighting takes over.
      const area = i < Math.min(count, areas.length) ? (areas[i] as (typeof areas)[number]) : pickArea();
      let named = schoolName(random, nextPlace(), phase);
      while (usedNames.has(named.name)) named = schoolName(random, nextPlace(), phase);
      usedNames.add(named.name);
      const academy = named.type.startsWith('academy') || random.chance(0.12);
      const type = academy && !named.type.startsWith('academy') ? 'academy converter' : named.type;
      const trust = academy
        ? random.chance(0.75)
          ? (random.pick(trusts.filter((t) => t.home === area)) ?? random.pick(trusts))
          : random.pick(trusts)
        : undefined;
      const code = `S${pad(++schoolCount, 4)}`;
      const closed = random.chance(0.006);
      out.schools.push({
        code,
        name: named.name,
        phase,
        type,
        area_code: area.code,
        cluster_code: random.chance(0.92) ? random.pick(area.clusters) : '',
        trust_code: trust?.code ?? '',
        trust_name: trust?.name ?? '',
        urn: String(110_000 + schoolCount * 7),
        opened_on: `${random.int(1950, 2018)}-09-01`,
        closed_on: closed ? addDays(today, -random.int(30, 700)) : '',
        capacity: String(
          phase === 'primary'
            ? random.pick([105, 210, 315, 420, 630])
            : phase === 'secondary'
              ? random.int(6, 18) * 100
              : random.int(6, 20) * 10,
        ),
        latitude: fixed(area.lat + random.normal(0, 0.035), 5),
        longitude: fixed(area.lon + random.normal(0, 0.055), 5),
      });
      if (!closed) schools.push({ code, area, phase });
    }
  }

  // Headship: who leads each school now, who led it before, and cover where the post is empty.
  const interimPool = Array.from({ length: Math.max(2, Math.round(schools.length / 140)) }, () =>
    newPerson(true),
  );
  const leavers: { person: string; left: string }[] = [];
  const heads: { person: string; school: string; since: string }[] = [];
  const deputies: string[] = [];
  for (const school of schools) {
    const roll = random.float();
    const state = roll < 0.04 ? 'covered' : roll < 0.05 ? 'vacant' : 'filled';
    const firstYear = state === 'filled' && random.chance(0.08);
    const tenureDays = firstYear
      ? random.int(20, 330)
      : Math.min(25 * 365, 365 + Math.round(-Math.log(1 - random.float()) * 5.5 * 365));
    const since =
      state === 'filled'
        ? monthStart(addDays(today, -tenureDays))
        : monthStart(addDays(today, -random.int(30, 240)));
    const previousEnds = addDays(since, -1);
    if (state !== 'filled' || random.chance(0.7)) {
      const previous = newPerson(false);
      post(
        previous,
        school.code,
        'headteacher',
        monthStart(addDays(previousEnds, -random.int(3, 14) * 365)),
        previousEnds,
      );
      leavers.push({ person: previous, left: previousEnds });
    }
    if (state === 'filled') {
      // Some heads move on from leading another school; the rest are new to headship at some point.
      const mover =
        !firstYear && random.chance(0.15)
          ? leavers.find((l) => l.left < since && l.left > addDays(since, -200))
          : undefined;
      if (mover) leavers.splice(leavers.indexOf(mover), 1);
      const person = mover?.person ?? newPerson(true);
      post(person, school.code, 'headteacher', since);
      heads.push({ person, school: school.code, since });
    } else if (state === 'covered') {
      if (random.chance(0.5))
        post(random.pick(interimPool), school.code, 'interim_headteacher', since, addDays(since, 364), '1');
      else post(newPerson(true), school.code, 'acting_headteacher', since);
    }
    if (school.phase !== 'primary' || random.chance(0.3)) {
      const deputy = newPerson(true);
      post(
        deputy,
        school.code,
        'deputy_headteacher',
        monthStart(addDays(today, -random.int(100, 3000))),
        '',
        school.phase === 'primary' ? '0.8' : '1',
      );
      deputies.push(deputy);
    }
    if (random.chance(0.6))
      post(newPerson(false), school.code, 'chair_of_governors', `${random.int(2018, 2025)}-09-01`);
  }

  // System leaders: designations held by experienced heads, deputies and a pool of former heads.
  const seasoned = random.shuffle(heads.filter((h) => h.since <= addDays(today, -3 * 365)));
  const designate = (person: string, kind: string, days: number, ended = false) => {
    const starts = monthStart(addDays(today, -random.int(120, 2200)));
    out.designations.push({
      person_code: person,
      kind,
      starts_on: starts,
      ends_on: ended ? addDays(today, -random.int(1, 100)) : '',
      days_per_year: days ? String(days) : '',
    });
  };
  const scale = (n: number) => Math.max(1, Math.round((n * schools.length) / 1130));
  let taken = 0;
  const take = (n: number) => {
    const people = seasoned.slice(taken, taken + scale(n)).map((h) => h.person);
    taken += people.length;
    return people;
  };
  for (const person of take(20)) designate(person, 'nle', random.pick([20, 30, 40]));
  for (const person of take(55)) designate(person, 'lle', 0, random.chance(0.1));
  for (const person of take(25)) designate(person, 'mentor', random.pick([6, 8, 10]));
  for (const person of random.shuffle(deputies).slice(0, scale(30))) designate(person, 'sle', 10);
  for (let i = 0; i < scale(12); i++) designate(newPerson(true), 'professional_partner', 20);
  for (let i = 0; i < scale(5); i++) designate(newPerson(true), 'advisory_head', 30);
  for (const person of interimPool) designate(person, 'interim_head', 190);
  for (const person of random.shuffle(deputies).slice(0, Math.round(deputies.length / 4)))
    designate(person, 'npqh', 0);
  return out;
}
