// The CLI for files: headway import <kind> <file>, headway export <kind>.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { TableFormat } from '../tabular/write.ts';
import { exchangeKindNames } from './lists.ts';

const LARGE_FILE_ROWS = 5000;

export function registerExchangeCommands(program: Command): void {
  program
    .command('import')
    .description(`import a file, all or nothing (kinds: ${exchangeKindNames.join(', ')})`)
    .argument('<kind>', 'what the file holds')
    .argument('<file>', 'a .csv or .xlsx file (or .yaml for indicators)')
    .option('--dry-run', 'check the file and count what would change, without writing')
    .action(async (kind: string, file: string, options: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
      const bytes = fs.readFileSync(file);
      const { importFile } = await import('./exchange.ts');
      const { SingleBar } = await import('cli-progress');
      const report = await withContext(async (context) => {
        let bar: InstanceType<typeof SingleBar> | undefined;
        return importFile(
          context,
          kind,
          { name: path.basename(file), bytes },
          {
            dryRun: options.dryRun,
            onProgress: (stage, rows) => {
              if (rows < LARGE_FILE_ROWS || !process.stderr.isTTY) return;
              if (stage === 'checking') {
                bar = new SingleBar({
                  format: '{stage} [{bar}] {percentage}% | {value}/{total} rows',
                  stream: process.stderr,
                });
                bar.start(rows, 0, { stage: 'checking' });
              } else if (stage === 'writing') bar?.update(Math.round(rows / 2), { stage: 'writing ' });
              else {
                bar?.update(rows, { stage: 'done    ' });
                bar?.stop();
              }
            },
          },
        );
      });
      const verb = report.dryRun ? 'would be' : 'were';
      console.log(
        `${report.rows} ${kind} rows checked: ${report.inserted} ${verb} added, ${report.updated} ${verb} changed, ${report.unchanged} unchanged` +
          (report.dryRun ? ' (dry run: nothing was written)' : ''),
      );
    });

  program
    .command('export')
    .description('export in the import format')
    .argument('<kind>', exchangeKindNames.join(', '))
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'write to this file (default: standard output, CSV only)')
    .action(async (kind: string, options: { format: string; out?: string }) => {
      if (options.format !== 'csv' && options.format !== 'xlsx') {
        throw new HeadwayError('invalid', `--format must be csv or xlsx, not "${options.format}"`);
      }
      if (options.format === 'xlsx' && !options.out)
        throw new HeadwayError('invalid', 'Give --out FILE for an XLSX export');
      const { exportKind } = await import('./exchange.ts');
      const { writeTable } = await import('../tabular/write.ts');
      const bytes = await withContext(async (context) => {
        const { columns, rows } = await exportKind(context, kind);
        return writeTable(columns, rows, options.format as TableFormat);
      });
      if (options.out) {
        fs.writeFileSync(options.out, bytes);
        console.error(`Wrote ${options.out}`);
      } else process.stdout.write(bytes);
    });
}
