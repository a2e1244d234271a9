// The words the governing boards' pages show for the API's values.
import type {
  GovernorCategory,
  GovernorRole,
  Member,
  NotReadyReason,
} from '../../../src/governance/contract.ts';

export const categoryNames: Record<GovernorCategory, string> = {
  parent: 'Parent',
  staff: 'Staff',
  authority: 'Local authority',
  foundation: 'Foundation',
  co_opted: 'Co-opted',
  partner: 'Partner',
};
export const roleNames: Record<GovernorRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  safeguarding_link: 'Safeguarding link',
  send_link: 'SEND link',
  finance_committee: 'Finance committee',
  pay_committee: 'Pay committee',
  curriculum_committee: 'Curriculum committee',
  headteacher_appraisal: 'Headteacher appraisal',
};
export const reasonNames: Record<NotReadyReason, string> = {
  no_plan: 'No succession plan',
  plan_out_of_date: 'Plan not reviewed this year',
  no_chair: 'No chair',
  chair_term_ending: "Chair's term ends soon",
  many_vacancies: 'Many vacancies',
  no_recruitment_training: 'Nobody trained in headteacher recruitment',
};
export const statusNames: Record<Member['status'], string> = {
  serving: 'Serving',
  term_ended: 'Term ended',
  resigned: 'Resigned',
  appointed: 'Appointed, not yet started',
};
export const ratingNames: Record<number, string> = { 1: 'Some', 2: 'Good', 3: 'Expert' };
export const options = <T extends string>(names: Record<T, string>) =>
  (Object.entries(names) as [T, string][]).map(([value, label]) => ({ value, label }));
