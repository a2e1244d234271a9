// The inspections as the KPI roll-up's source of the good-or-better elements, registered at the
// composition root (src/capabilities.ts). The SQL loads when first rolled up.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import { isInspectionElement } from './catalogue.ts';

export const inspectionElementSource: ComputedElementSource = {
  from: 'the inspections',
  owns: isInspectionElement,
  totals: async (db, units, elements, periods) =>
    (await import('./good-or-better.ts')).goodOrBetterTotals(db, units, elements, periods),
};
