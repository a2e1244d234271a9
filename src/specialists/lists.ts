// The specialists' fixed vocabulary: the families of specialism and the designation kinds that are
// specialists (each with the family its specialisms come from). Plain constants: the CLI's help names them.

/** Teaching specialisms (subjects, phases, SEND, early reading, behaviour ...) and support staff's expertise. */
export const specialismFamilies = ['teaching', 'support'] as const;
export type SpecialismFamily = (typeof specialismFamilies)[number];

/** Designations that are specialists, whose holders must list at least one specialism of their family. */
export const specialistKinds = ['sle', 'outstanding_teacher', 'support_staff_leader'] as const;

export const familyOfKind: Record<(typeof specialistKinds)[number], SpecialismFamily> = {
  sle: 'teaching',
  outstanding_teacher: 'teaching',
  support_staff_leader: 'support',
};
