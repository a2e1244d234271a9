// The challenges log as the KPI roll-up's source of the challenge elements, registered at the
// composition root (src/capabilities.ts): which elements it computes (catalogue.ts) and their totals
// (measures.ts). The SQL loads when first rolled up, so a command that never rolls up (`headway --help`)
// does not load it.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import { isChallengeElement } from './catalogue.ts';

export const challengeElementSource: ComputedElementSource = {
  from: 'the challenges log',
  owns: isChallengeElement,
  totals: async (db, units, elements, periods) =>
    (await import('./measures.ts')).challengeElementTotals(db, units, elements, periods),
};
