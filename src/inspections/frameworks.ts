// The inspection frameworks Headway ships (migration 0010 seeds them): Ofsted's report cards from
// November 2025 and the overall grades before them. An authority with its own rubric loads its own
// through the `inspection-frameworks` import kind, in the same shape.
import type { FrameworkForm, LegacyGrade } from './schema.ts';

export interface FrameworkDefinition {
  code: string;
  name: string;
  form: FrameworkForm;
  leadership_area: string | null;
  safeguarding: boolean;
  areas: { code: string; name: string; optional: boolean }[];
  grades: { code: string; name: string; good_or_better: boolean; legacy: LegacyGrade; aliases: string[] }[];
}

export const ofstedReportCard: FrameworkDefinition = {
  code: 'ofsted-2025',
  // Names read after a date ("inspected 2026-01-20, Ofsted report card"): the date says which era.
  name: 'Ofsted report card',
  form: 'report_card',
  leadership_area: 'leadership_and_governance',
  safeguarding: true,
  areas: [
    { code: 'inclusion', name: 'Inclusion', optional: false },
    { code: 'curriculum_and_teaching', name: 'Curriculum and teaching', optional: false },
    { code: 'achievement', name: 'Achievement', optional: false },
    { code: 'attendance_and_behaviour', name: 'Attendance and behaviour', optional: false },
    { code: 'personal_development', name: 'Personal development and well-being', optional: false },
    { code: 'leadership_and_governance', name: 'Leadership and governance', optional: false },
    { code: 'early_years', name: 'Early years', optional: true },
    { code: 'sixth_form', name: 'Sixth form', optional: true },
  ],
  // Expected standard is the line "good or better" is drawn at for a report card, so it means good to
  // rules written for the legacy grades; needs attention means requires improvement.
  grades: [
    { code: 'exceptional', name: 'Exceptional', good_or_better: true, legacy: 'outstanding', aliases: ['1'] },
    {
      code: 'strong_standard',
      name: 'Strong standard',
      good_or_better: true,
      legacy: 'good',
      aliases: ['2', 'strong'],
    },
    {
      code: 'expected_standard',
      name: 'Expected standard',
      good_or_better: true,
      legacy: 'good',
      aliases: ['3', 'expected'],
    },
    {
      code: 'needs_attention',
      name: 'Needs attention',
      good_or_better: false,
      legacy: 'requires_improvement',
      aliases: ['4'],
    },
    {
      code: 'urgent_improvement',
      name: 'Urgent improvement',
      good_or_better: false,
      legacy: 'inadequate',
      aliases: ['5'],
    },
  ],
};

export const ofstedLegacy: FrameworkDefinition = {
  code: 'ofsted-legacy',
  name: 'Ofsted overall effectiveness',
  form: 'overall',
  leadership_area: null,
  safeguarding: false,
  areas: [],
  grades: [
    { code: 'outstanding', name: 'Outstanding', good_or_better: true, legacy: 'outstanding', aliases: ['1'] },
    { code: 'good', name: 'Good', good_or_better: true, legacy: 'good', aliases: ['2'] },
    // The pre-2012 grade 3, kept so old histories import; it counts as below good.
    {
      code: 'satisfactory',
      name: 'Satisfactory',
      good_or_better: false,
      legacy: 'satisfactory',
      aliases: [],
    },
    {
      code: 'requires_improvement',
      name: 'Requires improvement',
      good_or_better: false,
      legacy: 'requires_improvement',
      aliases: ['3', 'ri'],
    },
    { code: 'inadequate', name: 'Inadequate', good_or_better: false, legacy: 'inadequate', aliases: ['4'] },
  ],
};

export const shippedFrameworks = [ofstedReportCard, ofstedLegacy];
