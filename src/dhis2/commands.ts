// The DHIS2 CLI: headway dhis2 import FILE (a dataValueSets payload, JSON or CSV), headway dhis2 pull
// [--from] [--to], headway dhis2 export --period P --indicator/--element …, headway dhis2 mapping FILE.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import { idSchemes } from './lists.ts';

function readFile(file: string): Uint8Array {
  if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
  return fs.readFileSync(file);
}

function scheme(text: string | undefined): (typeof idSchemes)[number] | undefined {
  if (text === undefined) return undefined;
  const upper = text.toUpperCase();
  if ((idSchemes as readonly string[]).includes(upper)) return upper as (typeof idSchemes)[number];
  throw new HeadwayError('invalid', `--id-scheme must be one of ${idSchemes.join(', ')}, not "${text}"`);
}

export function registerDhis2Commands(program: Command): void {
  const dhis2 = program
    .command('dhis2')
    .description('DHIS2: dataValueSets in and out, the pull, the UID mapping');

  dhis2
    .command('import')
    .description('import a DHIS2 dataValueSets payload (.json, or .csv in DHIS2 columns), all or nothing')
    .argument('<file>', 'a .json or .csv file')
    .option('--id-scheme <scheme>', `how ids are named: ${idSchemes.join(', ')} (default AUTO)`)
    .option('--dry-run', 'check and count, without writing')
    .action(async (file: string, options: { idScheme?: string; dryRun?: boolean }) => {
      const bytes = readFile(file);
      const { parseCsvPayload, parseJsonPayload } = await import('./payload.ts');
      const payload = file.toLowerCase().endsWith('.csv')
        ? await parseCsvPayload(bytes)
        : parseJsonPayload(JSON.parse(new TextDecoder().decode(bytes)));
      const { importDataValueSet } = await import('./import.ts');
      const summary = await withContext((context) =>
        importDataValueSet(context, payload, {
          idScheme: scheme(options.idScheme),
          dry_run: options.dryRun ? 'true' : undefined,
        }),
      );
      const { imported, updated, ignored } = summary.importCount;
      if (summary.status === 'ERROR') {
        for (const c of summary.conflicts) console.error(c.value);
        throw new HeadwayError('unprocessable', summary.description);
      }
      console.log(
        `${summary.status}: ${imported} imported, ${updated} updated, ${ignored} ignored` +
          (options.dryRun ? ' (dry run: nothing was written)' : ''),
      );
    });

  dhis2
    .command('pull')
    .description('pull dataValueSets from the configured DHIS2 server, each month all or nothing')
    .option('--from <month>', 'first DHIS2 month, such as 202509 (default: HEADWAY_DHIS2_PULL_MONTHS back)')
    .option('--to <month>', 'last DHIS2 month (default: this month)')
    .action(async (options: { from?: string; to?: string }) => {
      const { pullFromDhis2 } = await import('./pull.ts');
      const run = await withContext((context) => pullFromDhis2(context, options));
      for (const p of run.periods)
        console.log(
          p.status === 'imported'
            ? `${p.period}  ${p.values} values: ${p.imported} imported, ${p.updated} updated, ${p.ignored} unchanged`
            : `${p.period}  failed: ${p.message}`,
        );
      if (run.message) console.error(run.message);
      console.log(`Pull ${run.from_period}-${run.to_period}: ${run.status}`);
      if (run.status === 'failed') process.exitCode = 1;
    });

  dhis2
    .command('export')
    .description("write Headway's values as a DHIS2 dataValueSets payload (JSON)")
    .requiredOption('--period <period>', 'a month 2026-10 or a year 2026')
    .option('--indicator <codes>', 'indicator codes, comma-separated')
    .option('--element <codes>', 'data element codes, comma-separated')
    .option('--org-unit <code>', 'the org unit (default: the authority)')
    .option('--id-scheme <scheme>', 'CODE (default) or UID')
    .option('--data-set <code>', 'the data set to name')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(
      async (options: {
        period: string;
        indicator?: string;
        element?: string;
        orgUnit?: string;
        idScheme?: string;
        dataSet?: string;
        output?: string;
      }) => {
        const idScheme = scheme(options.idScheme);
        if (idScheme === 'AUTO')
          throw new HeadwayError('invalid', '--id-scheme for an export is CODE or UID');
        const { exportDataValueSet } = await import('./export.ts');
        const payload = await withContext((context) =>
          exportDataValueSet(context, {
            period: options.period,
            indicator: options.indicator,
            element: options.element,
            orgUnit: options.orgUnit,
            idScheme,
            dataSet: options.dataSet,
          }),
        );
        const text = `${JSON.stringify(payload, null, 2)}\n`;
        if (options.output) {
          fs.writeFileSync(options.output, text);
          console.error(`${payload.dataValues.length} values written to ${path.basename(options.output)}`);
        } else process.stdout.write(text);
      },
    );

  dhis2
    .command('mapping')
    .description(
      'import the code ↔ UID mapping from a CSV or XLSX file (kind, code, uid, name), all or nothing',
    )
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--dry-run', 'check and count, without writing')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const bytes = readFile(file);
      const { importMappings } = await import('./mapping.ts');
      const report = await withContext((context) =>
        importMappings(context, { name: path.basename(file), bytes }, { dryRun: options.dryRun }),
      );
      const verb = report.dryRun ? 'would be' : 'were';
      console.log(
        `${report.rows} mappings checked: ${report.inserted} ${verb} added, ${report.updated} ${verb} changed, ${report.unchanged} unchanged`,
      );
    });
}
