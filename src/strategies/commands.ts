// The strategies CLI: `headway strategy list` (the strategies with counts) and `headway strategy show
// <code>` (the tree with leads, statuses, unowned flags and measures on or off track). Each action
// imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';

export function registerStrategyCommands(program: Command): void {
  const strategy = program
    .command('strategy')
    .description('strategies: strands, actions, leads and measures');
  strategy
    .command('list')
    .description('the strategies with counts of strands, actions, unowned items and off track')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listStrategies } = await import('./plan.ts');
      const { formatStrategyList } = await import('./tree-text.ts');
      const strategies = await withContext((context) => listStrategies(context));
      console.log(options.json ? JSON.stringify({ strategies }, null, 2) : formatStrategyList(strategies));
    });
  strategy
    .command('show')
    .description(
      'one strategy as a tree: leads (or UNOWNED), statuses, milestones due, measures on or off track',
    )
    .argument('<code>', 'the strategy’s code')
    .option('--json', 'print the same JSON as the API')
    .action(async (code: string, options: { json?: boolean }) => {
      const { strategyDetail } = await import('./plan.ts');
      const { formatStrategy } = await import('./tree-text.ts');
      const detail = await withContext((context) => strategyDetail(context, code));
      console.log(options.json ? JSON.stringify(detail, null, 2) : formatStrategy(detail));
    });
}
