// The practice areas a strength (and a practice need) is about, and where a strength comes from: plain
// constants the contract makes its enums from and the CLI's help names.
export const practiceAreas = [
  'attendance',
  'behaviour',
  'curriculum',
  'teaching',
  'attainment',
  'progress',
  'inclusion',
  'personal_development',
  'early_years',
  'sixth_form',
  'leadership',
  'staff_development',
  'community',
] as const;

export const strengthSources = ['indicator', 'value_added', 'visit', 'inspection', 'declared'] as const;

export const declaredStatuses = ['awaiting', 'confirmed', 'declined', 'withdrawn'] as const;
