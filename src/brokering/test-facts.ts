// Hand-made school facts and leaders for the brokering tests: a plain good school to vary one fact at a time.
import type { Leader } from './leaders.ts';
import type { SchoolFacts } from './school-facts.ts';

export function schoolWith(overrides: Partial<SchoolFacts> = {}): SchoolFacts {
  return {
    id: 1,
    code: 'S1',
    name: 'Test School',
    phase: 'primary',
    area: 'A',
    trust: null,
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
    inspections: [{ inspected_on: '2025-03-01', overall: 'good', leadership: 'good', category: null }],
    red: [],
    green: [],
    declining: [],
    vaBelow: [],
    vaAbove: [],
    ...overrides,
  };
}

export function leaderWith(overrides: Partial<Leader> = {}): Leader {
  return {
    id: 10,
    code: 'L1',
    name: 'Lee Leader',
    designations: ['nle'],
    roles: ['nle', 'lle', 'headship_cover', 'practice'],
    host: false,
    funded: 20,
    committed: 0,
    schools: [],
    school: schoolWith({ id: 2, code: 'S2', name: 'Leader School', latitude: 53.85, longitude: -1.5 }),
    headship_years: 6,
    track: { finished: 0, improved: 0 },
    ...overrides,
  };
}
