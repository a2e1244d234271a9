// The skills audit CLI: `headway skills framework|audits|heatmap|recommend [--json]`, `headway skills
// import <file>` (the ratings file) and `headway skills heatmap --out <file.xlsx>`. Each action imports
// its modules when it runs.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import { leaderRoles } from './contract.ts';
import { type HeatmapQuery, heatmapGroupings } from './heatmap-contract.ts';

const print = (json: boolean | undefined, value: unknown, lines: () => void) =>
  json ? console.log(JSON.stringify(value, null, 2)) : lines();

function oneOf<T extends string>(
  values: readonly T[],
  text: string | undefined,
  what: string,
): T | undefined {
  if (text === undefined) return undefined;
  if (!values.includes(text as T))
    throw new HeadwayError('invalid', `${what} is one of ${values.join(', ')}, not ${text}`);
  return text as T;
}

export function registerSkillCommands(program: Command): void {
  const skills = program
    .command('skills')
    .description('the leadership skills audit: framework, ratings, heat map');
  skills
    .command('framework')
    .description('the competency framework: each competency, its levels and the programmes that develop it')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listFramework } = await import('./framework.ts');
      const answer = await withContext((context) => listFramework(context));
      print(options.json, answer, () => {
        for (const c of answer.competencies)
          console.log(
            `${c.code.padEnd(26)} ${c.name.padEnd(36)} ${c.retired ? 'retired ' : ''}programmes: ${c.programmes.join(', ') || '-'}`,
          );
      });
    });
  skills
    .command('audits')
    .description('audit rounds, latest first, with how many leaders have rated themselves and been validated')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listAudits } = await import('./audits.ts');
      const answer = await withContext((context) => listAudits(context));
      print(options.json, answer, () => {
        for (const a of answer.audits)
          console.log(
            `${a.code.padEnd(14)} ${a.opens_on}..${a.closes_on}${a.open ? ' open ' : '      '} ${a.leaders} leaders, ${a.self_rated} self-rated, ${a.validated} validated  ${a.name}`,
          );
      });
    });
  skills
    .command('heatmap')
    .description(
      'mean rating per competency by area or cohort (validated, else self); small cells suppressed',
    )
    .option('--audit <code>', 'the audit (default: the latest opened)')
    .option('--by <grouping>', `${heatmapGroupings.join(' or ')}`, 'area')
    .option('--role <post>', `only leaders in this post (${leaderRoles.join(', ')})`)
    .option('--out <file>', 'write the heat map as a workbook (.xlsx) instead')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { audit?: string; by: string; role?: string; out?: string; json?: boolean }) => {
      const query: HeatmapQuery = {
        audit: options.audit,
        by: oneOf(heatmapGroupings, options.by, '--by') ?? 'area',
        role: oneOf(leaderRoles, options.role, '--role'),
      };
      const { heatmap, heatmapWorkbook } = await import('./heatmap.ts');
      if (options.out) {
        const out = options.out;
        fs.writeFileSync(out, await withContext((context) => heatmapWorkbook(context, query)));
        console.error(`Wrote the heat map to ${out}`);
        return;
      }
      const map = await withContext((context) => heatmap(context, query));
      print(options.json, map, () => {
        if (!map.audit) return console.log('No skills audit has opened yet');
        console.log(
          `${map.audit.name}: mean rating (validated, else self; * = fewer than ${map.min_cell} leaders)`,
        );
        console.log(
          ['group'.padEnd(24), ...map.competencies.map((c) => c.code.slice(0, 10).padStart(10))].join(' '),
        );
        for (const row of map.rows)
          console.log(
            [
              row.name.slice(0, 24).padEnd(24),
              ...row.cells.map((cell) =>
                (cell.mean === null
                  ? `*(${cell.leaders})`
                  : `${cell.mean.toFixed(2)}(${cell.leaders})`
                ).padStart(10),
              ),
            ].join(' '),
          );
      });
    });
  skills
    .command('recommend')
    .description(
      'weakest validated competencies with the programmes that develop them, for a leader or an area',
    )
    .option('--person <code>', 'a leader')
    .option('--area <code>', 'an area')
    .option('--audit <code>', 'the audit (default: the latest opened)')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { person?: string; area?: string; audit?: string; json?: boolean }) => {
      const { recommendations } = await import('./recommend.ts');
      const answer = await withContext((context) =>
        recommendations(context, { person: options.person, area: options.area, audit: options.audit }),
      );
      print(options.json, answer, () => {
        const who = answer.person?.name ?? answer.area?.name;
        if (answer.weaknesses.length === 0) console.log(`${who}: nothing rated below ${answer.weak_below}`);
        for (const w of answer.weaknesses) {
          console.log(
            `${w.name}: ${w.rating}${answer.area ? ` (${w.weak_leaders} leaders below ${answer.weak_below})` : ''}`,
          );
          for (const p of w.programmes)
            console.log(
              `  ${p.name}: ${p.cohort ? `${p.cohort.name}, from ${p.cohort.starts_on}` : 'no cohort: commission one'}`,
            );
        }
      });
    });
  skills
    .command('import')
    .description(
      'import ratings (audit, person, competency, self, self_note, validated, validator, evidence); all or nothing',
    )
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--dry-run', 'check and count, write nothing')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
      const { importRatings } = await import('./import.ts');
      const bytes = fs.readFileSync(file);
      const report = await withContext((context) =>
        importRatings(context, { name: path.basename(file), bytes }, { dryRun: options.dryRun }),
      );
      console.log(JSON.stringify(report, null, 2));
    });
}
