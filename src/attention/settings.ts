// What an authority may change about attention: which indicators measure the same thing (one reason per
// measure, not attendance and absence twice) and how severe each kind of reason is.
import type { Db } from '../db/types.ts';
import { readSetting } from '../settings/store.ts';
import type { ReasonKind, Severity } from './contract.ts';

export interface AttentionSettings {
  /** Indicator code -> the measure it expresses; an indicator not named is its own measure. */
  measures: Record<string, string>;
  severity: Record<ReasonKind, Severity>;
}

/**
 * The order, most severe first: safeguarding not met and special measures; then an inadequate judgement,
 * no head at all, value added significantly below, and an indicator red two periods running; then
 * requires improvement, acting cover, a first-year head in a school with other reasons, red once,
 * declining, weak leadership twice, no return for two periods, challenges overdue; last, a return missing
 * for the period alone.
 */
export const defaultAttentionSettings: AttentionSettings = {
  measures: {
    attendance_rate: 'pupil_attendance',
    absence_rate: 'pupil_attendance',
    // A school above its staffing norm's ratio is short of teachers, as pupils per teacher red says.
    pupil_teacher_ratio: 'staffing',
    schools_above_max_ratio: 'staffing',
  },
  severity: {
    safeguarding_not_met: 'critical',
    special_measures: 'critical',
    serious_weaknesses: 'high',
    inadequate: 'high',
    headship_vacant: 'high',
    value_added_below: 'high',
    indicator_red_two_periods: 'high',
    requires_improvement: 'medium',
    acting_head: 'medium',
    head_absent: 'medium',
    first_year_head: 'medium',
    indicator_red: 'medium',
    declining: 'medium',
    leadership_weak_twice: 'medium',
    return_missing_two_periods: 'medium',
    challenge_overdue: 'medium',
    return_missing: 'low',
  },
};

const KEY = 'attention';

/** The authority's settings over the defaults (the `attention` setting, as brokering's are kept). */
export async function attentionSettings(db: Db): Promise<AttentionSettings> {
  const stored = (await readSetting<Partial<AttentionSettings>>(db, KEY)) ?? {};
  return {
    measures: { ...defaultAttentionSettings.measures, ...stored.measures },
    severity: { ...defaultAttentionSettings.severity, ...stored.severity },
  };
}
