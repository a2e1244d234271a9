// The termly cycle's words: outcomes and RAG judgements in words as well as colour, and days overdue.
import type { CycleOutcome, Rag } from '../../../src/strategies/cycle-contract.ts';

export const outcomeNames: Record<CycleOutcome, string> = {
  on_time: 'Updated on time',
  late: 'Updated late',
  missing: 'Missing',
  awaiting: 'Not yet updated',
  unowned: 'No one to ask',
};
const outcomeBands: Record<CycleOutcome, string> = {
  on_time: 'green',
  late: 'amber',
  missing: 'red',
  awaiting: '',
  unowned: 'red',
};

export function OutcomeTag({ outcome }: { outcome: CycleOutcome }) {
  return <span className={`band ${outcomeBands[outcome]}`}>{outcomeNames[outcome]}</span>;
}

export const ragNames: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export function RagTag({ rag }: { rag: Rag }) {
  return <span className={`band ${rag}`}>{ragNames[rag]}</span>;
}

/** "3 days overdue", "due today", "5 days left". */
export function daysText(days: number): string {
  const n = Math.abs(days);
  const word = `${n} day${n === 1 ? '' : 's'}`;
  return days > 0 ? `${word} overdue` : days === 0 ? 'due today' : `${word} left`;
}
