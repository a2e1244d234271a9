// The specialist kinds as the web names them (checked against the contract's list).
import type { SpecialistKind } from '../../../src/specialists/contract.ts';

export const specialistKindNames: Record<SpecialistKind, string> = {
  sle: 'Specialist leader of education (middle leader)',
  outstanding_teacher: 'Outstanding teacher',
  support_staff_leader: 'Support-staff leader',
};
