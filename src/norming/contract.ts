// The shapes of a norming session's agreement statistics, for the CLI's --json now and the API later.
import { z } from '@hono/zod-openapi';

const Share = z.number().min(0).max(1).nullable();

export const Tolerance = z.object({
  within_one: z
    .number()
    .min(0)
    .max(1)
    .openapi({ description: 'Least share of scores within one level of the master' }),
  bias: z.number().min(0).openapi({ description: 'Largest mean difference from the master, either way' }),
  kappa: z.number().min(-1).max(1).openapi({ description: 'Least quadratic-weighted kappa with the master' }),
});
export type Tolerance = z.infer<typeof Tolerance>;

export const RaterAgreement = z.object({
  rater: z.string(),
  /** Cases this rater and the master both scored. */
  cases: z.number().int(),
  exact: Share,
  within_one: Share,
  bias: z.number().nullable(),
  kappa: z.number().nullable().openapi({ description: "Cohen's quadratic-weighted kappa with the master" }),
  flags: z
    .array(z.string())
    .openapi({ description: 'How the rater is outside the tolerance; empty when within' }),
});
export type RaterAgreement = z.infer<typeof RaterAgreement>;

const Interval = z.object({ value: z.number(), lower: z.number(), upper: z.number() });

export const AcrossRaters = z
  .object({
    cases: z.number().int().openapi({ description: 'Cases scored by every rater (what the ICCs use)' }),
    raters: z.number().int(),
    icc1: Interval.openapi({ description: 'ICC(1,1), one-way random, with its 95% interval' }),
    icc2: Interval.openapi({ description: 'ICC(2,1), two-way random, absolute agreement' }),
    icc3: Interval.openapi({ description: 'ICC(3,1), two-way mixed, consistency' }),
  })
  .nullable();

export const CriterionAgreement = z.object({
  criterion: z.string(),
  raters: z.array(RaterAgreement).openapi({ description: 'Against the master; empty when no case has one' }),
  across: AcrossRaters,
  fleiss_kappa: z.number().nullable(),
});
export type CriterionAgreement = z.infer<typeof CriterionAgreement>;

export const NormingStatistics = z.object({
  levels: z.array(z.number().int()),
  tolerance: Tolerance,
  criteria: z.array(CriterionAgreement),
  overall: z.array(RaterAgreement).openapi({ description: 'Each rater over every criterion together' }),
});
export type NormingStatistics = z.infer<typeof NormingStatistics>;
