// How the strengths' sources read on the pages.
import type { StrengthSource } from '../../../src/strengths/contract.ts';

export const sourceNames: Record<StrengthSource, string> = {
  indicator: 'Indicator',
  value_added: 'Value added',
  visit: 'Visit',
  inspection: 'Inspection',
  declared: 'Declared',
};
