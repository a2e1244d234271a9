// `headway strengths`: each school's strengths per practice area, as GET /strengths gives them.
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { StrengthPage } from './contract.ts';

function formatStrengths(page: StrengthPage): string {
  const lines = [`Strengths on ${page.on}: ${page.total} in ${page.schools} schools`, ''];
  let school = '';
  for (const r of page.rows) {
    if (r.school !== school) {
      lines.push(`${r.school} ${r.school_name}${r.area_name ? ` (${r.area_name})` : ''}`);
      school = r.school;
    }
    lines.push(`  ${r.practice_area_name.padEnd(24)} ${r.source.padEnd(11)} ${r.evidence}`);
  }
  return lines.join('\n');
}

export function registerStrengthsCommand(program: Command): void {
  program
    .command('strengths')
    .description("each school's strengths per practice area: found from its data, or declared and confirmed")
    .option('--school <code>', 'one school')
    .option('--area <code>', "an area's (or any unit's) schools")
    .option('--practice-area <codes>', 'only these practice areas, comma-separated')
    .option('--on <YYYY-MM-DD>', 'the date (default: today)')
    .option('--json', 'print the same JSON as the API')
    .action(
      async (options: {
        school?: string;
        area?: string;
        practiceArea?: string;
        on?: string;
        json?: boolean;
      }) => {
        const { StrengthsQuery } = await import('./contract.ts');
        const { listStrengths } = await import('./strengths.ts');
        const parsed = StrengthsQuery.safeParse({
          school: options.school,
          area: options.area,
          practice_area: options.practiceArea,
          on: options.on,
          page_size: '500',
        });
        if (!parsed.success)
          throw new HeadwayError(
            'invalid',
            parsed.error.issues
              .map((i) => `--${String(i.path[0]).replaceAll('_', '-')}: ${i.message}`)
              .join('; '),
          );
        // Every row, a page of 500 at a time: a whole authority has more than one page.
        const page = await withContext(async (context) => {
          const first = await listStrengths(context, parsed.data);
          const rows = [...first.rows];
          for (let p = 2; (p - 1) * first.page_size < first.total; p++)
            rows.push(...(await listStrengths(context, { ...parsed.data, page: p })).rows);
          return { ...first, page_size: rows.length, rows };
        });
        console.log(options.json ? JSON.stringify(page, null, 2) : formatStrengths(page));
      },
    );
}
