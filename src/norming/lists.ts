// Norming's fixed vocabulary: the contract's enums and the CLI's help take them from here.
export const caseKinds = ['lesson_video', 'evidence_pack'] as const;
export const sessionStatuses = ['open', 'closed'] as const;
export const logKinds = ['retreat_agenda', 'retreat_note', 'coaching', 'note'] as const;
