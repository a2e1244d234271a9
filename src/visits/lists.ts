// The visits' fixed vocabularies: shared by the schema, the contract and the web (a lists.ts imports nothing).
export const visitTypes = ['supervision', 'coaching', 'monitoring', 'reform_fidelity'] as const;
export const visitStatuses = ['planned', 'recorded', 'cancelled'] as const;
