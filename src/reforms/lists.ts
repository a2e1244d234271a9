// The reforms' fixed vocabularies: shared by the schema, the contract and the web (a lists.ts imports nothing).
export const reformPhases = ['planned', 'pilot', 'rollout', 'embedding', 'sustained'] as const;
/** How far a practice is in place at a school, as a fidelity check finds it. */
export const practiceStatuses = ['in_place', 'partly', 'not_yet'] as const;
