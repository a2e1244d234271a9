// The plan as text for the terminal (`headway strategy list|show`): a table of strategies with their
// counts, and one strategy as a tree with each item's lead (or UNOWNED), status and measures.
import type { Measure, Strategy, StrategySummary } from './contract.ts';

const lead = (person: { name: string } | null) => (person ? person.name : 'UNOWNED (no lead)');
const statusWords = (status: string) => status.replace(/_/g, ' ');

function number(value: number, decimals: number, unit: string): string {
  return `${value.toFixed(decimals)}${unit}`;
}

function measureLine(m: Measure): string {
  const { decimals, unit } = m.indicator;
  const latest = m.latest
    ? `${number(m.latest.value, decimals, unit)} in ${m.latest.period}`
    : 'no value yet';
  const expected = m.expected === null ? '' : `, expected ${number(m.expected, decimals, unit)}`;
  const judgement =
    m.judgement === 'no_data' ? 'NO DATA' : m.judgement === 'on_track' ? 'ON TRACK' : 'OFF TRACK';
  return (
    `${m.indicator.name} (${m.org_unit.name}): ${latest}${expected} → ${judgement}` +
    ` [${number(m.baseline_value, decimals, unit)} ${m.baseline_period} → ${number(m.target_value, decimals, unit)} ${m.target_period}, ${m.trajectory}, ±${m.tolerance}]`
  );
}

export function formatStrategyList(strategies: StrategySummary[]): string {
  if (strategies.length === 0) return 'No strategies.';
  const header = [
    'code'.padEnd(12),
    'scope'.padEnd(14),
    'strands',
    'actions',
    'unowned',
    'off track',
    'name',
  ];
  const lines = strategies.map((s) =>
    [
      s.code.padEnd(12),
      s.scope.name.padEnd(14),
      String(s.counts.strands).padStart(7),
      String(s.counts.actions).padStart(7),
      String(s.counts.unowned).padStart(7),
      `${s.counts.off_track}+${s.counts.measures_off_track}m`.padStart(9),
      s.name,
    ].join('  '),
  );
  return [header.join('  '), ...lines, '', 'off track: actions + measures (m)'].join('\n');
}

export function formatStrategy(strategy: Strategy): string {
  const out: string[] = [
    `${strategy.code}  ${strategy.name}  (${strategy.scope.name})`,
    `Overarching lead: ${lead(strategy.lead)}`,
    `${strategy.counts.strands} strands, ${strategy.counts.actions} actions, ${strategy.counts.unowned} unowned, ` +
      `${strategy.counts.off_track} actions off track, ${strategy.counts.measures_off_track} of ${strategy.counts.measures} measures off track`,
  ];
  const measuresOf = (pick: (m: Measure) => boolean) => strategy.measures.filter(pick);
  for (const strand of strategy.strands) {
    out.push('', `${strand.code}  ${strand.name} — lead: ${lead(strand.lead)}`);
    for (const m of measuresOf((m) => m.strand_id === strand.id)) out.push(`    measure: ${measureLine(m)}`);
    const depth = new Map<number, number>();
    for (const action of strand.actions) {
      const level = action.parent_id === null ? 0 : (depth.get(action.parent_id) ?? 0) + 1;
      depth.set(action.id, level);
      const indent = '  '.repeat(level + 2);
      const due = action.next_milestone
        ? `; next: ${action.next_milestone.title} by ${action.next_milestone.due_on}`
        : '';
      const overdue = action.overdue_milestones ? `; ${action.overdue_milestones} milestone(s) OVERDUE` : '';
      out.push(
        `${indent}${action.code}  ${action.title} — ${lead(action.lead)} — ${statusWords(action.status)}${due}${overdue}`,
      );
      for (const m of measuresOf((m) => m.action_id === action.id))
        out.push(`${indent}    measure: ${measureLine(m)}`);
    }
    if (strand.actions.length === 0) out.push('    (no actions yet)');
  }
  for (const link of strategy.contributes_to)
    out.push(
      '',
      `Contributes to ${link.to.strategy.code}: ${link.to.strand?.name ?? link.to.measure?.indicator ?? ''}`,
    );
  for (const link of strategy.contributed_by)
    out.push(
      '',
      `Contributed to by ${link.from.strategy.code}: ${link.from.strand?.name ?? link.from.measure?.indicator ?? ''}`,
    );
  return out.join('\n');
}
