// `headway vacancies [--status open] [--area A] [--json]`: the vacancy register as the page shows it;
// `headway vacancies import <file> [--dry-run]` and `headway vacancies export --out <file>`: the register's
// workbook (sheets Vacancies and Rounds).
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { VacancyPage } from './contract.ts';

function formatPage(page: VacancyPage): string {
  const s = page.summary;
  const lines = [
    `${page.total} vacancies: ${s.open} open (${s.under_cover} with cover), ${s.filled} filled (${s.filled_first_time} first time); median ${s.median_days_to_fill ?? '-'} days to fill; ${s.applications_per_headship ?? '-'} applications per headship advert`,
    '',
  ];
  for (const v of page.vacancies)
    lines.push(
      `  ${String(v.id).padStart(5)}  ${v.opened_on}  ${v.school.code.padEnd(10)} ${v.post_role.padEnd(19)} ${v.status.padEnd(9)} ${String(v.rounds).padStart(2)} rounds ${String(v.applications).padStart(4)} applications  ${v.days_to_fill === null ? '' : `${v.days_to_fill} days`}${v.cover ? `  cover: ${v.cover.person.name}` : ''}`,
    );
  return lines.join('\n');
}

export function registerVacancyCommands(program: Command): void {
  const vacancies = program.command('vacancies');
  vacancies
    .command('import')
    .description('import the register from a workbook (sheets Vacancies, Rounds); all or nothing')
    .argument('<file>', 'a .xlsx file')
    .option('--dry-run', 'check and count, write nothing')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
      const { importVacancies } = await import('./workbook.ts');
      const bytes = fs.readFileSync(file);
      const report = await withContext((context) =>
        importVacancies(context, { name: path.basename(file), bytes }, { dryRun: options.dryRun }),
      );
      console.log(JSON.stringify(report, null, 2));
    });
  vacancies
    .command('export')
    .description('the register as a workbook (the format import reads)')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .action(async (options: { out: string }) => {
      const { exportVacancies } = await import('./workbook.ts');
      fs.writeFileSync(options.out, await withContext((context) => exportVacancies(context)));
      console.error(`Wrote the vacancy register to ${options.out}`);
    });
  vacancies
    .description('the vacancy register: headships and deputy headships, cover, rounds and time to fill')
    .option('--status <status>', 'open, filled or withdrawn')
    .option('--area <code>', 'only this area')
    .option('--school <code>', 'only this school')
    .option('--post <role>', 'headteacher or deputy_headteacher')
    .option('--page <n>', 'page of 200', '1')
    .option('--json', 'print the same JSON as the API')
    .action(
      async (options: {
        status?: string;
        area?: string;
        school?: string;
        post?: string;
        page: string;
        json?: boolean;
      }) => {
        const { listVacancies } = await import('./vacancies.ts');
        const { VacancyFilter } = await import('./contract.ts');
        const parsed = VacancyFilter.safeParse({
          status: options.status,
          area: options.area,
          school: options.school,
          post_role: options.post,
          page: options.page,
          page_size: 200,
        });
        if (!parsed.success)
          throw new HeadwayError(
            'invalid',
            parsed.error.issues
              .map((i) => `--${String(i.path[0]).replace('post_role', 'post')}: ${i.message}`)
              .join('; '),
          );
        const page = await withContext((context) => listVacancies(context, parsed.data));
        console.log(options.json ? JSON.stringify(page, null, 2) : formatPage(page));
      },
    );
}
