// How the reform pages say a fidelity share (a percentage to one decimal, or a dash when none checked).
export const shareText = (share: number | null): string => (share === null ? '–' : `${share.toFixed(1)}%`);

export const statusWords = { in_place: 'in place', partly: 'partly', not_yet: 'not yet' } as const;
