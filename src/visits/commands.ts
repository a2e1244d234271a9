// The visits CLI: `headway visit list` (visits, filtered as the API's ?school=&area=&from=&to=),
// `headway visit coverage` (per area, this month and term), `headway rubric list` and `headway rubric
// show <code>`, `headway rubric export|import` (the rubric workbook). Each action imports its modules when it runs, so defining the commands stays light.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { VisitFilter } from './contract.ts';

interface ListOptions {
  school?: string;
  area?: string;
  type?: string;
  from?: string;
  to?: string;
  page?: string;
  json?: boolean;
}

export function registerVisitCommands(program: Command): void {
  const visit = program.command('visit').description('supervision and coaching visits to schools');
  visit
    .command('list')
    .description('visits to schools, newest first: date, school, type, status, visitors, mean level')
    .option('--school <code>', 'one school')
    .option('--area <code>', 'the schools of one area')
    .option('--type <type>', 'supervision, coaching, monitoring or reform_fidelity')
    .option('--from <date>', 'on or after (YYYY-MM-DD)')
    .option('--to <date>', 'on or before (YYYY-MM-DD)')
    .option('--page <n>', 'page of 50', '1')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: ListOptions) => {
      const { listVisits } = await import('./visits.ts');
      const page = await withContext((context) =>
        listVisits(context, {
          school: options.school,
          area: options.area,
          visit_type: options.type as VisitFilter['visit_type'],
          from: options.from,
          to: options.to,
          page: Number(options.page),
        }),
      );
      if (options.json) return console.log(JSON.stringify(page, null, 2));
      for (const v of page.visits)
        console.log(
          [
            v.visit_on,
            v.school.code.padEnd(8),
            v.visit_type.padEnd(15),
            v.status.padEnd(9),
            (v.mean_level === null ? '-' : v.mean_level.toFixed(2)).padStart(5),
            v.visitors.map((p) => p.name).join(', '),
          ].join('  '),
        );
      console.log(`${page.total} visit${page.total === 1 ? '' : 's'} (page ${page.page})`);
    });
  visit
    .command('coverage')
    .description('per area: schools visited this month and this term, and schools not visited for weeks')
    .option('--on <date>', 'as on this day (default today)')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { on?: string; json?: boolean }) => {
      const { visitCoverage } = await import('./coverage.ts');
      const coverage = await withContext((context) => visitCoverage(context, { on: options.on }));
      if (options.json) return console.log(JSON.stringify(coverage, null, 2));
      console.log(
        `Coverage on ${coverage.on} (term from ${coverage.term_from}; ${coverage.visits_per_term} a term)`,
      );
      for (const a of coverage.areas)
        console.log(
          `${a.code.padEnd(8)} ${a.name.padEnd(24)} month ${a.visited_month}/${a.schools}  term ${a.visited_term}/${a.schools}  overdue ${a.overdue.map((s) => s.code).join(', ') || '-'}`,
        );
    });

  const rubric = program.command('rubric').description('the rubrics visits are scored on');
  rubric
    .command('list')
    .description('the rubrics (current versions; --all for every version)')
    .option('--all', 'every version, superseded ones too')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const { listRubrics } = await import('./rubrics.ts');
      const rubrics = await withContext((context) => listRubrics(context, options.all ?? false));
      if (options.json) return console.log(JSON.stringify({ rubrics }, null, 2));
      for (const r of rubrics)
        console.log(
          `${r.code.padEnd(12)} v${r.version}  1–${r.scale_max}  ${r.criteria} criteria  ${r.visits} visits  ${r.name}${r.superseded ? ' (superseded)' : ''}`,
        );
    });
  rubric
    .command('show')
    .description('one rubric: sections, criteria and each level’s descriptor')
    .argument('<code>', 'the rubric’s code')
    .option('--version <n>', 'a past version (default the current)')
    .option('--json', 'print the same JSON as the API')
    .action(async (code: string, options: { version?: string; json?: boolean }) => {
      const { rubricDetail } = await import('./rubrics.ts');
      const detail = await withContext((context) =>
        rubricDetail(context, code, options.version ? Number(options.version) : undefined),
      );
      if (options.json) return console.log(JSON.stringify(detail, null, 2));
      console.log(`${detail.name} (${detail.code} v${detail.version}, levels 1–${detail.scale_max})`);
      for (const s of detail.sections) {
        console.log(`\n${s.code} ${s.name}`);
        for (const c of s.criteria) {
          console.log(`  ${c.code} ${c.name}`);
          for (const l of c.levels) console.log(`    ${l.level} ${l.descriptor}`);
        }
      }
    });
  rubric
    .command('export')
    .description('the current rubrics as a workbook, one row per criterion (the format rubric import reads)')
    .option('--code <codes>', 'only these rubrics, comma-separated')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .action(async (options: { code?: string; out: string }) => {
      const { exportRubrics } = await import('./rubric-workbook.ts');
      const codes = options.code ? options.code.split(',').map((c) => c.trim()) : [];
      const bytes = await withContext((context) => exportRubrics(context, codes));
      fs.writeFileSync(options.out, bytes);
      console.error(`Wrote the rubrics to ${options.out}`);
    });
  rubric
    .command('import')
    .description('import rubrics from a workbook, all or nothing; a rubric in use gets a new version')
    .argument('<file>', 'a .xlsx or .csv file in the export’s columns')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
      const { importRubrics } = await import('./rubric-workbook.ts');
      const bytes = fs.readFileSync(file);
      const saved = await withContext((context) =>
        importRubrics(context, { name: path.basename(file), bytes }),
      );
      for (const r of saved)
        console.log(
          `rubric ${r.id}: version ${r.version}${r.new_version ? ' (new version)' : ' (changed in place)'}`,
        );
    });
}
