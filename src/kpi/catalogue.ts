// The data elements and indicators Headway ships with. A deployment edits or adds to them through
// `headway import indicators` and the API; the migration loads these once.
import type { Aggregation } from './schema.ts';

export const defaultElements: { code: string; name: string; aggregation: Aggregation }[] = [
  { code: 'sessions_possible', name: 'Pupil sessions possible', aggregation: 'sum' },
  { code: 'sessions_attended', name: 'Pupil sessions attended', aggregation: 'sum' },
  { code: 'pupils_enrolled', name: 'Pupils enrolled', aggregation: 'last' },
  { code: 'teachers_in_post', name: 'Teachers in post', aggregation: 'last' },
  { code: 'teacher_days_possible', name: 'Teacher days possible', aggregation: 'sum' },
  { code: 'teacher_days_present', name: 'Teacher days present', aggregation: 'sum' },
  { code: 'lessons_planned', name: 'Lessons planned', aggregation: 'sum' },
  { code: 'lessons_delivered', name: 'Lessons delivered', aggregation: 'sum' },
  { code: 'pupils_assessed', name: 'Pupils assessed', aggregation: 'sum' },
  { code: 'pupils_at_expected_standard', name: 'Pupils at the expected standard', aggregation: 'sum' },
];

export interface IndicatorDefinition {
  code: string;
  name: string;
  numerator: string;
  denominator: string;
  factor: number;
  decimals: number;
  direction: 'higher' | 'lower';
  red: number | null;
  amber: number | null;
  unit: string;
  stable_slope: number;
  concern_drop: number | null;
}

export const defaultIndicators: IndicatorDefinition[] = [
  {
    code: 'attendance_rate',
    name: 'Pupil attendance rate',
    numerator: '#{sessions_attended}',
    denominator: '#{sessions_possible}',
    factor: 100,
    decimals: 1,
    direction: 'higher',
    red: 90,
    amber: 94,
    unit: '%',
    stable_slope: 0.1,
    concern_drop: 2,
  },
  {
    code: 'absence_rate',
    name: 'Pupil absence rate',
    numerator: '#{sessions_possible} - #{sessions_attended}',
    denominator: '#{sessions_possible}',
    factor: 100,
    decimals: 1,
    direction: 'lower',
    red: 10,
    amber: 6,
    unit: '%',
    stable_slope: 0.1,
    concern_drop: 2,
  },
  {
    code: 'teacher_attendance_rate',
    name: 'Teacher attendance rate',
    numerator: '#{teacher_days_present}',
    denominator: '#{teacher_days_possible}',
    factor: 100,
    decimals: 1,
    direction: 'higher',
    red: 90,
    amber: 95,
    unit: '%',
    stable_slope: 0.1,
    concern_drop: 3,
  },
  {
    code: 'lesson_completion_rate',
    name: 'Lessons delivered as planned',
    numerator: '#{lessons_delivered}',
    denominator: '#{lessons_planned}',
    factor: 100,
    decimals: 1,
    direction: 'higher',
    red: 80,
    amber: 90,
    unit: '%',
    stable_slope: 0.2,
    concern_drop: 5,
  },
  {
    code: 'expected_standard_rate',
    name: 'Pupils at the expected standard',
    numerator: '#{pupils_at_expected_standard}',
    denominator: '#{pupils_assessed}',
    factor: 100,
    decimals: 1,
    direction: 'higher',
    red: 50,
    amber: 65,
    unit: '%',
    stable_slope: 0.5,
    concern_drop: 8,
  },
  {
    code: 'enrolment',
    name: 'Pupils enrolled',
    numerator: '#{pupils_enrolled}',
    denominator: '1',
    factor: 1,
    decimals: 0,
    direction: 'higher',
    red: null,
    amber: null,
    unit: 'pupils',
    stable_slope: 1,
    concern_drop: null,
  },
  {
    code: 'pupil_teacher_ratio',
    name: 'Pupils per teacher',
    numerator: '#{pupils_enrolled}',
    denominator: '#{teachers_in_post}',
    factor: 1,
    decimals: 1,
    direction: 'lower',
    red: 40,
    amber: 30,
    unit: 'pupils',
    stable_slope: 0.1,
    concern_drop: null,
  },
];
