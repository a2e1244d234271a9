// The strategies CLI: `headway strategy list` (the strategies with counts) and `headway strategy show
// <code>` (the tree with leads, statuses, unowned flags and measures on or off track). Each action
// imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';

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
    .option('--as-of <date>', 'the plan as it stood at the end of this day (YYYY-MM-DD)')
    .option('--json', 'print the same JSON as the API')
    .action(async (code: string, options: { json?: boolean; asOf?: string }) => {
      const { strategyDetail } = await import('./plan.ts');
      const { formatStrategy } = await import('./tree-text.ts');
      const asOf = options.asOf === undefined ? undefined : await checkedDate('--as-of', options.asOf);
      const detail = await withContext((context) => strategyDetail(context, code, { asOf }));
      const heading = asOf ? `The plan as it stood on ${asOf}\n\n` : '';
      console.log(options.json ? JSON.stringify(detail, null, 2) : heading + formatStrategy(detail));
    });
  strategy
    .command('history')
    .description(
      'the changes to a strategy’s plan (moves, merges, splits, retirements) with who, when and why',
    )
    .argument('<code>', 'the strategy’s code')
    .option('--from <date>', 'only changes after this day')
    .option('--to <date>', 'only changes up to and including this day')
    .option('--json', 'print the same JSON as the API')
    .action(async (code: string, options: { from?: string; to?: string; json?: boolean }) => {
      const { planChanges } = await import('./history.ts');
      const { formatChanges } = await import('./history-text.ts');
      const from = options.from === undefined ? undefined : await checkedDate('--from', options.from);
      const to = options.to === undefined ? undefined : await checkedDate('--to', options.to);
      const changes = await withContext((context) => planChanges(context, code, from, to));
      console.log(options.json ? JSON.stringify({ changes }, null, 2) : formatChanges(code, changes));
    });
}

/** The date an option gives, or a clear error naming the option. */
async function checkedDate(option: string, text: string): Promise<string> {
  const { IsoDate } = await import('../contract.ts');
  const parsed = IsoDate.safeParse(text);
  if (!parsed.success)
    throw new HeadwayError('invalid', `${option}: "${text}" ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
