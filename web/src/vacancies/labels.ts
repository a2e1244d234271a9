// The words the vacancy pages show for the register's values.
import type {
  RoundOutcome,
  VacancyPost,
  VacancyReason,
  VacancyStatus,
  VacancySummary,
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

type Cover = NonNullable<VacancySummary['cover']>;

/** The cover as people say it: who, and how (a brokered deployment with its dates, or an acting head). */
export const coverText = (cover: Cover | null, short = false): string => {
  if (!cover) return short ? 'none' : 'none arranged';
  if (cover.kind === 'acting_head')
    return `${cover.person.name} (acting head${short ? '' : ' from the school'})`;
  if (short) return `${cover.person.name} (brokered, to ${cover.ends_on})`;
  return `${cover.person.name} (brokered deployment, ${cover.starts_on} to ${cover.ends_on})`;
};
