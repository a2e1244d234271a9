// The stages' fixed vocabulary, plain constants: what a rule's condition may read and how it compares.
// The stages themselves (names, order, what each decides) are data, kept in the `stage` table.

/** The facts a rule's condition reads about a school on a date. */
export const stageFacts = [
  'category',
  'inspected',
  'overall',
  'leadership',
  'attention_reasons',
  'red',
  'green',
  'improving',
  'declining',
  'va_above',
  'va_below',
] as const;

/** is: a yes/no fact; at_least / at_most: a count, or a grade (at least good = good or outstanding). */
export const stageOps = ['is', 'at_least', 'at_most'] as const;

/** The rules' need rules a stage may raise: those about the school's improvement. Headship and people's
 * development needs (cover, mentor, internships, placements) are raised whatever the stage. */
export const stageGovernedRules = [
  'inspection_category',
  'emerging_from_category',
  'at_risk',
  'new_head_challenging',
  'leadership_weak_twice',
  'red_indicator',
  'va_below',
  'peer_review',
] as const;

/** The legacy grades a rule compares with, best first (inspections/schema.ts's legacyGrades: a test keeps
 * the two the same, since a contract may not import the inspections' schema). */
export const stageGrades = [
  'outstanding',
  'good',
  'satisfactory',
  'requires_improvement',
  'inadequate',
] as const;
