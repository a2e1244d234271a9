// The words the needs list uses for its severities, inspection outcomes and age bands.
import type { InspectionOutcome, NeedSeverity } from '../../../src/brokering/need-contract.ts';

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
