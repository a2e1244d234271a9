// The exchange's fixed vocabulary, plain constants with no imports: the contract makes its enums from
// them, and the CLI's help names them without loading zod or the importers.
/**
 * Every kind's name, in the order a new installation imports them: the list exchange.ts builds from the
 * capabilities' importers, written out here so the API and the CLI's help can name the kinds without
 * loading them (kind.test.ts checks the two agree).
 */
export const exchangeKindNames = [
  'org-units',
  'schools',
  'people',
  'posts',
  'designations',
  'data-values',
  'indicators',
  'targets',
  'pupil-results',
  'national-reference',
  'inspection-frameworks',
  'inspections',
] as const;
