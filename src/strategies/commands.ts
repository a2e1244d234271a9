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
  strategy
    .command('import')
    .description(
      'create or update a whole plan from a workbook (Strategy, Strands, Actions, Milestones, Measures sheets); all or nothing',
    )
    .argument('<file>', 'an .xlsx workbook, as `headway strategy export` writes')
    .option('--dry-run', 'check and count what would change; write nothing')
    .option('--json', 'print the same JSON as the API')
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const { readFile } = await import('node:fs/promises');
      const { basename } = await import('node:path');
      const { importPlanWorkbook } = await import('./workbook-import.ts');
      const bytes = await readFile(file).catch(() => {
        throw new HeadwayError('invalid', `${file}: no such file`);
      });
      const upload = { name: basename(file), bytes: new Uint8Array(bytes) };
      const report = await withContext((context) =>
        importPlanWorkbook(context, upload, { dryRun: options.dryRun }),
      );
      if (options.json) return console.log(JSON.stringify(report, null, 2));
      const line = (name: string, c: { created: number; updated: number; unchanged: number }) =>
        `  ${name}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
      console.log(
        [
          `${report.dry_run ? 'Dry run: nothing written. ' : ''}Strategy ${report.strategy} ${report.created ? 'created' : 'updated'}`,
          line('strands', report.sheets.strands),
          line('actions', report.sheets.actions),
          line('milestones', report.sheets.milestones),
          line('measures', report.sheets.measures),
          `  status updates recorded: ${report.sheets.statuses}`,
          ...(report.left.strands + report.left.actions > 0
            ? [
                `  not in the workbook, left as they are: ${report.left.strands} strands, ${report.left.actions} actions`,
              ]
            : []),
        ].join('\n'),
      );
    });
  strategy
    .command('export')
    .description('a whole plan as a workbook, in the sheets and columns import reads')
    .argument('<code>', 'the strategy’s code')
    .requiredOption('--out <file.xlsx>', 'where to write the workbook')
    .action(async (code: string, options: { out: string }) => {
      const { writeFile } = await import('node:fs/promises');
      const { exportPlanWorkbook } = await import('./workbook-export.ts');
      await writeFile(options.out, await withContext((context) => exportPlanWorkbook(context, code)));
      console.log(`Wrote ${options.out}`);
    });
  strategy
    .command('template')
    .description('an empty plan workbook with a sheet describing every column')
    .requiredOption('--out <file.xlsx>', 'where to write it')
    .action(async (options: { out: string }) => {
      const { writeFile } = await import('node:fs/promises');
      const { planTemplate } = await import('./workbook-export.ts');
      await writeFile(options.out, await withContext((context) => planTemplate(context)));
      console.log(`Wrote ${options.out}`);
    });
  const cycle = strategy
    .command('cycle')
    .description('the termly cycle: ask every lead for an update by a due date, follow progress, close');
  const cycleCommand = (name: string, description: string) =>
    cycle
      .command(name)
      .description(description)
      .argument('<code>', 'the strategy’s code')
      .option('--json', 'print the same JSON as the API');
  cycleCommand('open', 'open the cycle for a term: every lead is asked for an update on their items')
    .option('--term <term>', 'the term, such as 2025-26T2 (default: the term just ended or ending)')
    .option('--due <date>', 'the due date, YYYY-MM-DD (default: two weeks after the term ends)')
    .action(async (code: string, options: { term?: string; due?: string; json?: boolean }) => {
      const { openCycle } = await import('./cycle.ts');
      const { formatCycle } = await import('./cycle-text.ts');
      const opened = await withContext((context) =>
        openCycle(context, code, { term: options.term, due_on: options.due }),
      );
      console.log(options.json ? JSON.stringify(opened, null, 2) : formatCycle(opened));
    });
  for (const [name, description] of [
    ['status', 'the cycle’s progress: counts by strand and lead, who has not updated'],
    ['close', 'close the cycle: freeze what was met, late and missing'],
  ] as const)
    cycleCommand(name, description)
      .requiredOption('--term <term>', 'the term, such as 2025-26T2')
      .action(async (code: string, options: { term: string; json?: boolean }) => {
        const { closeCycle, readCycle } = await import('./cycle.ts');
        const { formatCycle } = await import('./cycle-text.ts');
        const verb = name === 'close' ? closeCycle : readCycle;
        const result = await withContext((context) => verb(context, code, options.term));
        console.log(options.json ? JSON.stringify(result, null, 2) : formatCycle(result));
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
