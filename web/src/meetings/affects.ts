// The schools a challenge names, if it names some rather than only an area.
import type { ChallengeSummary } from '../../../src/meetings/challenge-contract.ts';

export const schoolsNamed = (c: Pick<ChallengeSummary, 'units'>): string[] =>
  c.units.filter((u) => u.level === 'school').map((u) => u.name);
