// The reforms CLI: `headway reform list`, `headway reform show <code>` (its checklist, implementation by
// area and each school's latest fidelity), `headway reform export|import` (the checklist workbook).
// Each action imports its modules when it runs, so defining the commands stays light.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';

const pct = (share: number | null) => (share === null ? '-' : `${share.toFixed(1)}%`);

export function registerReformCommands(program: Command): void {
  const reform = program.command('reform').description('reforms and their fidelity checks');
  reform
    .command('list')
    .description('the reforms: phase, schools covered and checked, practices in place at the latest checks')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listReforms } = await import('./reforms.ts');
      const reforms = await withContext((context) => listReforms(context));
      if (options.json) return console.log(JSON.stringify({ reforms }, null, 2));
      for (const r of reforms)
        console.log(
          `${r.code.padEnd(12)} ${r.phase.padEnd(10)} from ${r.starts_on}  checked ${r.checked}/${r.schools}  in place ${pct(r.share)}  ${r.name}`,
        );
    });
  reform
    .command('show')
    .description(
      'one reform: its checklist, implementation by area (month or term) and each school’s fidelity',
    )
    .argument('<code>', 'the reform’s code')
    .option('--by <period>', 'month or term', 'month')
    .option('--area <code>', 'only the schools of this area')
    .option('--json', 'print the same JSON as the API (the reform and its implementation)')
    .action(async (code: string, options: { by: string; area?: string; json?: boolean }) => {
      const { reformDetail } = await import('./reforms.ts');
      const { reformImplementation } = await import('./implementation.ts');
      const [detail, implementation] = await withContext(
        async (context) =>
          [
            await reformDetail(context, code, { area: options.area }),
            await reformImplementation(context, code, { by: options.by as 'month' | 'term' }),
          ] as const,
      );
      if (options.json) return console.log(JSON.stringify({ reform: detail, implementation }, null, 2));
      console.log(
        `${detail.name} (${detail.code}, ${detail.phase}, from ${detail.starts_on}; checklist v${detail.checklist_version})`,
      );
      for (const p of detail.checklist) console.log(`  ${p.code.padEnd(8)} ${p.name}`);
      console.log(`\nPractices in place by ${implementation.by} (schools checked/covered)`);
      for (const a of [...implementation.areas, { code: 'ALL', name: 'All areas', ...implementation.all }]) {
        const last = a.points.at(-1);
        console.log(
          `${a.code.padEnd(8)} ${a.name.padEnd(24)} ${a.points.map((p) => pct(p.share).padStart(6)).join(' ')}  (${last?.checked ?? 0}/${a.schools})`,
        );
      }
      console.log('\nSchools');
      for (const s of detail.school_fidelity)
        console.log(
          `${s.code.padEnd(8)} ${s.name.padEnd(32)} ${s.latest ? `${s.latest.checked_on}  ${pct(s.latest.share)}` : 'not yet checked'}`,
        );
    });
  reform
    .command('export')
    .description('the reforms and their current checklists as a workbook, one row per practice')
    .option('--code <codes>', 'only these reforms, comma-separated')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .action(async (options: { code?: string; out: string }) => {
      const { exportReforms } = await import('./checklist-workbook.ts');
      const codes = options.code ? options.code.split(',').map((c) => c.trim()) : [];
      fs.writeFileSync(options.out, await withContext((context) => exportReforms(context, codes)));
      console.error(`Wrote the reforms to ${options.out}`);
    });
  reform
    .command('import')
    .description(
      'import reforms and checklists from a workbook, all or nothing; a checklist in use gets a new version',
    )
    .argument('<file>', 'a .xlsx or .csv file in the export’s columns')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
      const { importReforms } = await import('./checklist-workbook.ts');
      const bytes = fs.readFileSync(file);
      const saved = await withContext((context) =>
        importReforms(context, { name: path.basename(file), bytes }),
      );
      for (const r of saved)
        console.log(
          `reform ${r.code}: checklist version ${r.checklist_version}${r.new_version ? ' (new version)' : ''}`,
        );
    });
}
