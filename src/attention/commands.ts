// The attention CLI: `headway attention [--period P] [--area CODE] [--all] [--json]`, the watchlist as the
// overview shows it. The action imports its modules when it runs, so defining the command stays light.
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';

export function registerAttentionCommands(program: Command): void {
  program
    .command('attention')
    .description('schools needing attention, most severe first, with their reasons and counts per area')
    .option('--period <period>', 'a month, e.g. 2026-10 (default: the latest with data)')
    .option('--area <code>', "only this area's schools")
    .option('--all', 'every school needing attention, not only the first 20')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { period?: string; area?: string; all?: boolean; json?: boolean }) => {
      const { schoolsNeedingAttention } = await import('./attention.ts');
      const answer = await withContext((context) =>
        schoolsNeedingAttention(context, { period: options.period, area: options.area }),
      );
      if (options.json) {
        console.log(JSON.stringify(answer, null, 2));
        return;
      }
      const t = answer.totals;
      const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
      console.log(
        `${answer.period}: ${t.needing_attention} of ${t.schools} schools need attention (${t.by_severity.critical} critical, ${t.by_severity.high} high, ${t.by_severity.medium} medium, ${t.by_severity.low} low); as of ${answer.as_of}`,
      );
      for (const s of options.all ? answer.schools : answer.schools.slice(0, 20)) {
        console.log(`${String(s.rank).padStart(5)}  ${s.code}  ${s.name} (${s.area_name ?? ''})`);
        for (const r of s.reasons) console.log(`         ${r.severity.padEnd(8)} ${r.evidence}`);
      }
      if (!options.all && answer.schools.length > 20)
        console.log(`  ... ${answer.schools.length - 20} more (--all)`);
      console.log('\narea    needing  critical  red  late  returns in');
      for (const a of answer.areas)
        console.log(
          `${a.code.padEnd(7)} ${`${a.needing_attention}/${a.schools}`.padStart(7)}  ${String(a.by_severity.critical).padStart(8)}  ${String(a.red_indicators).padStart(3)}  ${String(a.late_returns).padStart(4)}  ${pct(a.completeness).padStart(10)}`,
        );
    });
}
