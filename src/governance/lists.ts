// Governing boards' fixed vocabularies: shared by the schema, the contract and the web (a lists.ts imports nothing).
/** The categories of governor an instrument of government gives places to. */
export const governorCategories = [
  'parent',
  'staff',
  'authority',
  'foundation',
  'co_opted',
  'partner',
] as const;
/** Roles a governor may hold on the board; a board has at most one serving chair and one vice-chair. */
export const governorRoles = [
  'chair',
  'vice_chair',
  'safeguarding_link',
  'send_link',
  'finance_committee',
  'pay_committee',
  'curriculum_committee',
  'headteacher_appraisal',
] as const;
/** Why a board is not ready for succession, in the order the director's list gives them. */
export const notReadyReasons = [
  'no_plan',
  'plan_out_of_date',
  'no_chair',
  'chair_term_ending',
  'many_vacancies',
  'no_recruitment_training',
] as const;
