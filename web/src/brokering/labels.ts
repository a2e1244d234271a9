// The words the brokering pages use for the API's codes.
import type { NeedKind } from '../../../src/brokering/contract.ts';

/** Each kind of need in a word or two, for tables and the kind filter. */
export const kindNames: Record<NeedKind, string> = {
  headship_cover: 'Headship cover',
  mentor: 'Mentor',
  nle: 'NLE',
  lle: 'LLE',
  practice: 'Practice sharing',
  professional_partner: 'Professional partner',
  npqh_internship: 'NPQH internship',
  leadership_placement: 'Leadership placement',
};

/** A kind's name where the API gives the kind as text (a pair's kind, a deployment's role); else the code. */
export const kindName = (kind: string): string =>
  Object.hasOwn(kindNames, kind) ? kindNames[kind as NeedKind] : kind;
