// A termly cycle as plain text for the CLI: the counts, by strand, by lead, and who has not updated.
import { daysWord } from '../meetings/reminders.ts';
import type { Cycle, CycleCounts } from './cycle-contract.ts';

const countsText = (c: CycleCounts) =>
  `asked ${c.asked}, on time ${c.on_time}, late ${c.late}, missing ${c.missing}, awaiting ${c.awaiting}, no one to ask ${c.unowned}`;

export function formatCycle(cycle: Cycle): string {
  const lines = [
    `${cycle.strategy.code} ${cycle.strategy.name}: the ${cycle.term} cycle (${cycle.state})`,
    `Opened ${cycle.opened_on} by ${cycle.opened_by}; updates due ${cycle.due_on}` +
      (cycle.closed_on ? `; closed ${cycle.closed_on} by ${cycle.closed_by}` : ''),
    `Overall: ${countsText(cycle.totals)}`,
    '',
    'By strand:',
    ...cycle.by_strand.map(
      (s) =>
        `  ${s.strand ? `${s.strand.code} ${s.strand.name}` : 'Overall summary'}: ${countsText(s.counts)}`,
    ),
    '',
    'By lead:',
    ...cycle.by_lead.map((l) => `  ${l.lead?.name ?? 'NO ONE TO ASK'}: ${countsText(l.counts)}`),
  ];
  if (cycle.not_updated.length) {
    lines.push('', 'Not yet updated:');
    for (const n of cycle.not_updated)
      lines.push(
        `  ${n.lead.name} (${daysWord(n.days_overdue)}): ${n.items.map((i) => `${i.code} ${i.title}`).join('; ')}`,
      );
  }
  const unowned = cycle.requests.filter((r) => r.outcome === 'unowned');
  if (unowned.length) {
    lines.push('', 'No one to ask (no lead):');
    for (const r of unowned) lines.push(`  ${r.kind} ${r.item.code} ${r.item.title}`);
  }
  return lines.join('\n');
}
