// Strategies' fixed vocabulary, plain constants with no imports: the contract makes its enums from them,
// and the CLI's help names them without loading zod.
export const actionStatuses = ['not_started', 'on_track', 'at_risk', 'off_track', 'done', 'stopped'] as const;

/** The statuses whose update must say why: a lead cannot flag trouble without naming it. */
export const statusesNeedingReason = ['at_risk', 'off_track'] as const;

export const trajectories = ['straight', 'stepped'] as const;

export const measureJudgements = ['on_track', 'off_track', 'no_data'] as const;
