// The words the vacancy pages show for the register's values.
import type {
  RoundOutcome,
  VacancyPost,
  VacancyReason,
  VacancyStatus,
} from '../../../src/vacancies/contract.ts';

export const postNames: Record<VacancyPost, string> = {
  headteacher: 'Headship',
  deputy_headteacher: 'Deputy headship',
};
export const reasonNames: Record<VacancyReason, string> = {
  retirement: 'Retirement',
  resignation: 'Resignation',
  promotion: 'Promotion',
  long_absence: 'Long absence',
  other: 'Other',
};
export const statusNames: Record<VacancyStatus, string> = {
  open: 'Open',
  filled: 'Filled',
  withdrawn: 'Withdrawn',
};
export const outcomeNames: Record<RoundOutcome, string> = {
  open: 'Open',
  appointed: 'Appointed',
  not_appointed: 'Not appointed (readvertise)',
};
export const options = <T extends string>(names: Record<T, string>) =>
  (Object.entries(names) as [T, string][]).map(([value, label]) => ({ value, label }));
