// The installation's norming thresholds, with the defaults an installation that sets none gets.
import type { Settings } from '../config.ts';
import type { Tolerance } from './contract.ts';
import { defaultTolerance } from './session-stats.ts';

export const toleranceOf = (settings: Settings): Tolerance => settings.normingTolerance ?? defaultTolerance;
export const driftOf = (settings: Settings): number => settings.normingDrift ?? 0.15;
export const calibrationMonthsOf = (settings: Settings): number => settings.calibrationMonths ?? 12;
