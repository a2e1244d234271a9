// The specialists CLI: `headway specialists` lists the specialist system leaders with their specialisms,
// school and days free, filtered by specialism, area or kind. Each action imports its modules when it
// runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';

export function registerSpecialistCommands(program: Command): void {
  program
    .command('specialists')
    .description('list the specialist system leaders: specialisms, school, capacity and days free')
    .option('--specialism <code>', 'holding this specialism (e.g. early_reading)')
    .option('--area <code>', "of one area's schools")
    .option('--trust <code>', "of one trust's or federation's schools")
    .option('--kind <kind>', 'sle, outstanding_teacher, support_staff_leader, or a head’s designation')
    .option('--json', 'print the same JSON as the API')
    .action(
      async (options: {
        specialism?: string;
        area?: string;
        trust?: string;
        kind?: string;
        json?: boolean;
      }) => {
        const { listSpecialists } = await import('./specialists.ts');
        const page = await withContext((context) =>
          listSpecialists(context, {
            specialism: options.specialism,
            area: options.area,
            trust: options.trust,
            kind: options.kind,
            sort: 'name',
            page: 1,
            page_size: 500,
          }),
        );
        if (options.json) return console.log(JSON.stringify(page, null, 2));
        for (const s of page.specialists)
          console.log(
            `${s.person_name} (${s.person}) — ${s.kind_name}: ${s.specialism_names.join(', ') || 'no specialism'}; ${s.school_name ?? 'no school'}${s.area ? ` (${s.area})` : ''}; ${s.free} of ${s.funded} days free`,
          );
        console.log(
          `\n${page.total} specialists${page.total > page.specialists.length ? ` (the first ${page.specialists.length} shown)` : ''}`,
        );
      },
    );
}
