// The register's figures as KPI indicators (issue 22): applications per headship round and per headship
// vacancy, headships filled first time, median days to fill a headship, and schools under acting or
// interim leadership (count and share). The elements are computed from the register and the posts for
// any unit and period (indicator-totals.ts), never imported, so a medium's roll-up is right: each unit's
// median is the median of its own schools' vacancies, not a mean of its schools' medians, and each share
// is a sum over a sum. Registered in src/capabilities.ts; the rows are shipped by migration 0037.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

export const vacancyElements: { code: string; name: string; aggregation: Aggregation; min_value: number }[] =
  [
    {
      code: 'headship_rounds',
      name: 'Headship recruitment rounds advertised in the period (from the vacancy register)',
      aggregation: 'sum',
      min_value: 0,
    },
    {
      code: 'headship_round_applications',
      name: 'Applications to headship rounds advertised in the period (from the vacancy register)',
      aggregation: 'sum',
      min_value: 0,
    },
    {
      code: 'headship_vacancies_advertised',
      name: 'Headship vacancies with a round advertised in the period (from the vacancy register)',
      aggregation: 'sum',
      min_value: 0,
    },
    {
      code: 'headships_filled',
      name: 'Headship vacancies filled (appointment made) in the period (from the vacancy register)',
      aggregation: 'sum',
      min_value: 0,
    },
    {
      code: 'headships_filled_first_time',
      name: 'Headship vacancies filled in the period by their first round (from the vacancy register)',
      aggregation: 'sum',
      min_value: 0,
    },
    {
      code: 'headship_fill_days_median',
      name: 'Median days from opening to appointment, headships filled in the period (from the register)',
      aggregation: 'last',
      min_value: 0,
    },
    {
      code: 'schools_interim_led',
      name: 'Schools led by an acting or interim head at the period end (from posts and the register)',
      aggregation: 'last',
      min_value: 0,
    },
    {
      code: 'schools_open_at_end',
      name: 'Schools open at the period end (from the registry)',
      aggregation: 'last',
      min_value: 0,
    },
  ];

const common = { factor: 1, red: null, amber: null, concern_drop: null } as const;

export const vacancyIndicators: IndicatorDefinition[] = [
  {
    ...common,
    code: 'applications_per_headship_round',
    name: 'Applications per headship round advertised',
    numerator: '#{headship_round_applications}',
    denominator: '#{headship_rounds}',
    decimals: 1,
    direction: 'higher',
    red: 3,
    amber: 5,
    unit: 'applications',
    stable_slope: 0.3,
  },
  {
    ...common,
    code: 'applications_per_headship_vacancy',
    name: 'Applications per headship vacancy advertised (all its rounds in the period)',
    numerator: '#{headship_round_applications}',
    denominator: '#{headship_vacancies_advertised}',
    decimals: 1,
    direction: 'higher',
    red: 3,
    amber: 5,
    unit: 'applications',
    stable_slope: 0.3,
  },
  {
    ...common,
    code: 'headships_filled_first_time_rate',
    name: 'Headship vacancies filled first time',
    numerator: '#{headships_filled_first_time}',
    denominator: '#{headships_filled}',
    factor: 100,
    decimals: 0,
    direction: 'higher',
    red: 60,
    amber: 75,
    unit: '%',
    stable_slope: 2,
  },
  {
    ...common,
    code: 'headship_fill_days_median',
    name: 'Median days to fill a headship',
    numerator: '#{headship_fill_days_median}',
    denominator: '1',
    decimals: 0,
    direction: 'lower',
    red: 180,
    amber: 120,
    unit: 'days',
    stable_slope: 5,
  },
  {
    ...common,
    code: 'schools_interim_led',
    name: 'Schools under acting or interim leadership',
    numerator: '#{schools_interim_led}',
    denominator: '1',
    decimals: 0,
    direction: 'lower',
    unit: 'schools',
    stable_slope: 0.5,
  },
  {
    ...common,
    code: 'schools_interim_led_rate',
    name: 'Schools under acting or interim leadership (share)',
    numerator: '#{schools_interim_led}',
    denominator: '#{schools_open_at_end}',
    factor: 100,
    decimals: 1,
    direction: 'lower',
    red: 10,
    amber: 5,
    unit: '%',
    stable_slope: 0.5,
  },
];

const codes: ReadonlySet<string> = new Set(vacancyElements.map((e) => e.code));

/** True for an element computed from the vacancy register (the packs group its indicators as recruitment). */
export const isVacancyElement = (code: string) => codes.has(code);

export const vacancyElementSource: ComputedElementSource = {
  from: 'the vacancy register',
  owns: isVacancyElement,
  totals: async (db, units, elements, periods) =>
    (await import('./indicator-totals.ts')).vacancyTotals(db, units, elements, periods),
};
