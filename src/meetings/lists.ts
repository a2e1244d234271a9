// The challenges log's fixed vocabulary, plain constants with no imports: the contract makes its enums
// from them, and the CLI's help names them without loading zod.
export const challengeStatuses = ['open', 'in_progress', 'resolved', 'verified', 'closed'] as const;
