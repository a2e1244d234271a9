// Why a proposed leader is still the best available for a need, in the solver's own figures: how many
// leaders were eligible, which of the others are proposed elsewhere or fit less well, and how many of
// those designated for the kind have run out of days or school places; and what makes a pair weak.
import type { NeedKind } from './contract.ts';
import { kindWords, type OpenNeed } from './eligibility.ts';

/** Below this fit a pair is called weak, and the page says why it is still the best available. */
const WEAK_FIT = 0.5;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What makes a proposed pair weak; empty when nothing does. */
export function weaknesses(need: OpenNeed, fit: number, km: number | null): string[] {
  const weak: string[] = [];
  if (fit < WEAK_FIT) weak.push(`a low fit (${fit.toFixed(3)})`);
  if (km === null) weak.push('distance unknown');
  if (need.school.headship.status === 'vacant') weak.push('the school has no head');
  else if (need.school.headship.status === 'covered') weak.push('the school has no substantive head');
  return weak;
}

export interface Field {
  /** Eligible leaders for the need, the proposed one included. */
  eligible: number;
  /** Of the others, those proposed for other needs of this proposal. */
  elsewhere: number;
  /** Leaders designated for the kind who were not eligible only for want of days or school places. */
  outOfDays: number;
}

/** Why the proposed leader is the best available, in plain words. */
export function bestBecause(kind: NeedKind, field: Field): string {
  const others = field.eligible - 1;
  const short =
    field.outOfDays > 0
      ? `${plural(field.outOfDays, 'other leader', 'other leaders')} designated for ${kindWords[kind]} ${field.outOfDays === 1 ? 'has' : 'have'} no days or school places left`
      : '';
  if (others === 0)
    return short
      ? `The only eligible leader with days left: ${short}`
      : `The only leader in the pool eligible for ${kindWords[kind]} at this school`;
  const rest = others - field.elsewhere;
  const parts = [
    field.elsewhere > 0
      ? `${field.elsewhere} ${field.elsewhere === 1 ? 'is proposed for another school' : 'are proposed for other schools'}`
      : '',
    rest > 0 ? `${rest} ${rest === 1 ? 'fits' : 'fit'} no better here` : '',
  ].filter(Boolean);
  return `The best of ${field.eligible} eligible leaders: of the others, ${parts.join(' and ')}${short ? `; ${short}` : ''}`;
}
