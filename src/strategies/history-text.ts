// The plan's history for the terminal (`headway strategy history <code>`): one change a paragraph,
// dated, with what happened, who did it and why, and any new codes or stopped actions.
import type { PlanChange } from './reorganise-contract.ts';

export function formatChanges(code: string, changes: PlanChange[]): string {
  if (changes.length === 0) return `No changes to the plan of ${code} recorded.`;
  return changes
    .map((c) =>
      [
        `${c.on_date}  ${c.summary}`,
        `            by ${c.author}: ${c.reason}`,
        ...c.notes.map((n) => `            ${n}`),
      ].join('\n'),
    )
    .join('\n');
}
