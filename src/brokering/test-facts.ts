// Hand-made school facts and leaders for the brokering tests: a plain good school to vary one fact at a time.
import { indicatorPracticeArea } from '../strengths/practice-areas.ts';
import type { Leader } from './leaders.ts';
import type { LeaderRole } from './role-contract.ts';
import type { SchoolFacts } from './school-facts.ts';

/**
 * A school's strengths as found from its facts where a test gives none: each green indicator that speaks
 * for a practice area, and progress where value added is significantly above.
 */
function strengthsOf(facts: Partial<SchoolFacts>): SchoolFacts['strengths'] {
  return [
    ...(facts.green ?? []).flatMap((g) => {
      const area = indicatorPracticeArea(g.indicator);
      return area
        ? [
            {
              practice_area: area,
              source: 'indicator' as const,
              measure: g.indicator,
              evidence: `${g.name} green`,
            },
          ]
        : [];
    }),
    ...(facts.vaAbove ?? []).map((va) => ({
      practice_area: 'progress' as const,
      source: 'value_added' as const,
      measure: va.stage,
      evidence: `Value added significantly above in ${va.stage}`,
    })),
  ];
}

export function schoolWith(overrides: Partial<SchoolFacts> = {}): SchoolFacts {
  return {
    strengths: strengthsOf(overrides),
    id: 1,
    code: 'S1',
    name: 'Test School',
    phase: 'primary',
    area: 'A',
    trust: null,
    federation: null,
    latitude: 53.8,
    longitude: -1.5,
    headship: {
      status: 'filled',
      head: {
        person_code: 'H1',
        name: 'Hana Head',
        role: 'headteacher',
        since: '2018-09-01',
        tenure_years: 8.2,
        headship_years: 8.2,
        first_year_of_headship: false,
      },
      cover: [],
    },
    seniors: [],
    inspections: [{ inspected_on: '2025-03-01', overall: 'good', leadership: 'good', category: null }],
    red: [],
    green: [],
    declining: [],
    vaBelow: [],
    vaAbove: [],
    ...overrides,
  };
}

const role = (code: string, name: string, rules: Partial<LeaderRole>): LeaderRole => ({
  code,
  name,
  description: '',
  meets: [],
  funded_days: 10,
  max_schools: 3,
  serving_head: false,
  employed_by_authority: false,
  own_school_at_least: null,
  judged_on: 'overall',
  min_headship_years: 0,
  accreditation: null,
  no_acting_capacity: false,
  ...rules,
});

/** Some of the catalogue's roles as shipped (migration 0027), for tests that need no database. */
export const shippedRoles = {
  nle: role('nle', 'National leader of education (NLE)', {
    meets: ['nle'],
    funded_days: 30,
    serving_head: true,
    own_school_at_least: 'outstanding',
  }),
  lle: role('lle', 'Local leader of education (LLE)', {
    meets: ['lle'],
    funded_days: 15,
    serving_head: true,
    own_school_at_least: 'good',
    judged_on: 'leadership',
  }),
  mentor: role('mentor', 'Mentor', {
    meets: ['mentor'],
    funded_days: 8,
    serving_head: true,
    min_headship_years: 3,
  }),
  interim_head: role('interim_head', 'Interim (acting) headteacher', {
    meets: ['headship_cover'],
    funded_days: 190,
    max_schools: 1,
  }),
  executive_head: role('executive_head', 'Executive headteacher', {
    meets: ['headship_cover'],
    funded_days: 95,
    max_schools: 2,
    serving_head: true,
    own_school_at_least: 'good',
    no_acting_capacity: true,
  }),
  advisory_head: role('advisory_head', 'Advisory headteacher', {
    meets: ['headship_cover', 'professional_partner'],
    funded_days: 30,
    employed_by_authority: true,
  }),
  professional_partner: role('professional_partner', 'Professional partner', {
    meets: ['professional_partner'],
    funded_days: 20,
    accreditation: 'the 2-day professional partner accreditation',
  }),
  sle: role('sle', 'Specialist leader of education (SLE)', { meets: ['practice'], funded_days: 10 }),
  outstanding_teacher: role('outstanding_teacher', 'Outstanding teacher', {
    meets: ['practice'],
    funded_days: 10,
  }),
  support_staff_leader: role('support_staff_leader', 'Support-staff leader', {
    meets: ['practice'],
    funded_days: 10,
  }),
} satisfies Record<string, LeaderRole>;

export function leaderWith(overrides: Partial<Leader> = {}): Leader {
  return {
    id: 10,
    code: 'L1',
    name: 'Lee Leader',
    designations: ['nle'],
    roles: ['nle'],
    held: [shippedRoles.nle],
    accredited: [],
    specialisms: {},
    host: false,
    funded: 20,
    committed: 0,
    schools: [],
    supporting: [],
    school: schoolWith({
      id: 2,
      code: 'S2',
      name: 'Leader School',
      latitude: 53.85,
      longitude: -1.5,
      inspections: [
        { inspected_on: '2025-03-01', overall: 'outstanding', leadership: 'outstanding', category: null },
      ],
    }),
    workplace: null,
    headship_years: 6,
    track: { finished: 0, improved: 0 },
    ...overrides,
  };
}
