// The words the needs list and the shortfall use for severities, inspection outcomes and reasons.
import type { InspectionOutcome, NeedSeverity } from '../../../src/brokering/need-contract.ts';
import type { ShortfallReason } from '../../../src/brokering/shortfall-contract.ts';

export const severityNames: Record<NeedSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const inspectionNames: Record<InspectionOutcome, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  satisfactory: 'Satisfactory',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  none: 'Not inspected',
};

export const shortfallReasonNames: Record<ShortfallReason, string> = {
  no_days_left: 'No days or places left',
  excluded: 'Every leader excluded',
  no_eligible_leader: 'Nobody designated',
};
