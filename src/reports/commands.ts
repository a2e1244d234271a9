// The reports CLI: headway report area <code> --period P --out FILE, headway report trust <code> --out FILE, headway report authority --period P --out-dir DIR.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { ReportFormat } from './contract.ts';

function formatOf(file: string): ReportFormat {
  if (file.endsWith('.html')) return 'html';
  if (file.endsWith('.pdf')) return 'pdf';
  throw new HeadwayError('invalid', `--out must end in .html or .pdf, not "${file}"`);
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('performance packs as HTML or PDF');
  report
    .command('area')
    .description("an area's performance pack for the monthly meeting")
    .argument('<area>', 'area code')
    .requiredOption('--period <period>', 'e.g. 2026-10')
    .requiredOption('--out <file>', 'pack.html or pack.pdf')
    .action(async (area: string, options: { period: string; out: string }) => {
      const format = formatOf(options.out);
      const { areaReport } = await import('./reports.ts');
      const file = await withContext((context) => areaReport(context, area, options.period, format));
      fs.writeFileSync(options.out, file.bytes);
      console.log(`Wrote ${options.out}`);
    });
  report
    .command('trust')
    .description(
      "a trust's (or federation's) pack: its figures, its schools, give and receive, its own leaders",
    )
    .argument('<trust>', 'trust or federation code')
    .option('--period <period>', 'the month, e.g. 2026-10 (default: the latest)')
    .requiredOption('--out <file>', 'pack.html or pack.pdf')
    .action(async (trust: string, options: { period?: string; out: string }) => {
      const format = formatOf(options.out);
      const { trustReport } = await import('./trust-pack.ts');
      const file = await withContext((context) => trustReport(context, trust, options.period, format));
      fs.writeFileSync(options.out, file.bytes);
      console.log(`Wrote ${options.out}`);
    });
  report
    .command('strategy')
    .description(
      "a strategy's termly impact report: strands, measures against trajectory, actions, milestones",
    )
    .argument('<code>', 'the strategy’s code')
    .requiredOption('--term <term>', 'e.g. 2025-26T2')
    .requiredOption('--out <file>', 'report.html or report.pdf')
    .action(async (code: string, options: { term: string; out: string }) => {
      const format = formatOf(options.out);
      const { strategyReportFile } = await import('../strategies/report.ts');
      const file = await withContext((context) => strategyReportFile(context, code, options.term, format));
      fs.writeFileSync(options.out, file.bytes);
      console.log(`Wrote ${options.out}`);
    });
  report
    .command('authority')
    .description("the director's overview and every area's pack, in one run")
    .requiredOption('--period <period>', 'e.g. 2026-10')
    .option('--out-dir <dir>', 'folder for index and one file per area', 'reports')
    .option('--format <format>', 'html or pdf', 'html')
    .action(async (options: { period: string; outDir: string; format: string }) => {
      if (options.format !== 'html' && options.format !== 'pdf')
        throw new HeadwayError('invalid', '--format must be html or pdf');
      const { authorityReport } = await import('./reports.ts');
      const files = await withContext((context) =>
        authorityReport(context, options.period, options.format as ReportFormat, (code) =>
          console.error(`area ${code}...`),
        ),
      );
      fs.mkdirSync(options.outDir, { recursive: true });
      for (const file of files) fs.writeFileSync(path.join(options.outDir, file.name), file.bytes);
      console.log(`Wrote ${files.length} files to ${options.outDir}`);
    });
}
