// `headway shortfall`: the needs a proposal left unmet, why, and the days that would meet them, by
// reason and by kind and area, as the shortfall page shows them.
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { Shortfall } from './shortfall-contract.ts';

const reasonWords = {
  no_days_left: 'no days or places left',
  excluded: 'every designated leader excluded',
  no_eligible_leader: 'nobody designated',
};

function formatShortfall(s: Shortfall): string {
  const lines = [
    `Proposal ${s.proposal} for ${s.unit} (${s.created_at.slice(0, 10)}): ${s.matched} needs paired, ${s.needs} unmet; ${s.days} days would meet them`,
    '',
  ];
  for (const r of s.by_reason)
    lines.push(
      `${reasonWords[r.reason].padEnd(34)} ${String(r.needs).padStart(5)} needs ${String(r.days).padStart(7)} days`,
    );
  lines.push('', 'By kind, area and reason (most days first):');
  for (const g of s.groups)
    lines.push(
      `  ${g.kind.padEnd(20)} ${(g.area ?? '-').padEnd(8)} ${reasonWords[g.reason].padEnd(34)} ${String(g.needs).padStart(5)} needs ${String(g.days).padStart(7)} days`,
    );
  return lines.join('\n');
}

export function registerShortfallCommand(program: Command): void {
  program
    .command('shortfall')
    .description('the needs a proposal left unmet, why, and the days that would meet them, by kind and area')
    .option('--proposal <id>', 'the proposal (default: the latest)')
    .option('--area <code>', 'the latest proposal for this area')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { proposal?: string; area?: string; json?: boolean }) => {
      const { proposalShortfall } = await import('./shortfall.ts');
      const proposal = options.proposal === undefined ? undefined : Number(options.proposal);
      if (proposal !== undefined && !(Number.isInteger(proposal) && proposal > 0))
        throw new HeadwayError(
          'invalid',
          `--proposal: "${options.proposal}" is not a proposal id (a whole number)`,
        );
      const shortfall = await withContext((context) =>
        proposalShortfall(context, { proposal, area: options.area }),
      );
      console.log(options.json ? JSON.stringify(shortfall, null, 2) : formatShortfall(shortfall));
    });
}
