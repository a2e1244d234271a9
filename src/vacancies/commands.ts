// `headway vacancies [--status open] [--area A] [--json]`: the vacancy register as the page shows it.
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
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
  program
    .command('vacancies')
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
