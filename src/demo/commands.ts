// The demo's CLI: headway demo [--seed N] [--schools N].
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
import type { Command } from 'commander';
import { cliActor, parsePositiveInteger, withDatabase } from '../cli-context.ts';
import { today } from '../clock.ts';
import { defaultDemo } from './registry.ts';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo')
    .description('load the deterministic demo authority (the same seed gives the same data)')
    .option('--seed <n>', 'random seed', parsePositiveInteger('--seed'), defaultDemo.seed)
    .option(
      '--schools <n>',
      'number of primary schools',
      parsePositiveInteger('--schools'),
      defaultDemo.primarySchools,
    )
    .action(async (options: { seed: number; schools: number }) => {
      const { demoReferenceDate, loadDemo } = await import('./load.ts');
      const started = Date.now();
      const reports = await withDatabase(({ db }) =>
        loadDemo(db, cliActor, {
          seed: options.seed,
          primarySchools: options.schools,
          referenceDate: demoReferenceDate(today()),
          onStep: (step) => console.error(`loading ${step}...`),
        }),
      );
      for (const r of reports)
        console.log(
          `${r.kind}: ${r.rows} rows (${r.inserted} added, ${r.updated} changed, ${r.unchanged} unchanged)`,
        );
      console.log(`Demo authority loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
}
