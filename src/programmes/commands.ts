// The programmes CLI: `headway programme list`, `headway programme cohorts [--programme]`, `headway
// programme cohort <id>` (participants and outcomes), `headway programme import|export <file>` (the
// cohorts workbook), `headway placement propose [--programme] [--accept]`, `headway placement list`
// and `headway growing-own [--years]`. Each action imports its modules when it runs.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';

const percent = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
const print = (json: boolean | undefined, value: unknown, lines: () => void) =>
  json ? console.log(JSON.stringify(value, null, 2)) : lines();

export function registerProgrammeCommands(program: Command): void {
  const programme = program.command('programme').description('leadership programmes, cohorts and outcomes');
  programme
    .command('list')
    .description('every programme: cohorts, participants, promoted within N years of completing')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listProgrammes } = await import('./programmes.ts');
      const answer = await withContext((context) => listProgrammes(context));
      print(options.json, answer, () => {
        for (const p of answer.programmes)
          console.log(
            [
              p.code.padEnd(22),
              `${p.cohorts} cohorts`.padEnd(11),
              `${p.outcomes.participants} participants`.padEnd(17),
              `promoted ${p.outcomes.counts.promoted} (${percent(p.outcomes.promoted_rate)} of known)`,
            ].join('  '),
          );
      });
    });
  programme
    .command('cohorts')
    .description('cohorts, latest first, with their outcomes')
    .option('--programme <code>', 'one programme')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { programme?: string; json?: boolean }) => {
      const { listCohorts } = await import('./programmes.ts');
      const answer = await withContext((context) => listCohorts(context, { programme: options.programme }));
      print(options.json, answer, () => {
        for (const c of answer.cohorts)
          console.log(
            [
              String(c.id).padStart(4),
              c.code.padEnd(14),
              `${c.starts_on}..${c.ends_on}`,
              `${c.outcomes.participants} participants, ${c.outcomes.counts.promoted} promoted (${percent(c.outcomes.promoted_rate)})`,
            ].join('  '),
          );
      });
    });
  programme
    .command('cohort')
    .description('one cohort: each participant with their school and post at entry and their outcome')
    .argument('<id>', 'the cohort’s id (see `headway programme cohorts`)')
    .option('--json', 'print the same JSON as the API')
    .action(async (id: string, options: { json?: boolean }) => {
      const { cohortDetail } = await import('./programmes.ts');
      const cohort = await withContext((context) => cohortDetail(context, Number(id)));
      print(options.json, cohort, () => {
        console.log(`${cohort.name} (${cohort.programme_name}), ${cohort.starts_on} to ${cohort.ends_on}`);
        for (const p of cohort.participants)
          console.log(
            [
              p.name.padEnd(26),
              (p.school ?? '-').padEnd(8),
              (p.post_role ?? '-').padEnd(22),
              p.status.padEnd(9),
              p.outcome,
              p.outcome_post
                ? `${p.outcome_post.role} at ${p.outcome_post.school} from ${p.outcome_post.starts_on}`
                : '',
            ].join('  '),
          );
      });
    });
  programme
    .command('import')
    .description(
      'import cohorts and participants from a workbook (sheets Cohorts, Participants); all or nothing',
    )
    .argument('<file>', 'a .xlsx file')
    .option('--dry-run', 'check and count, write nothing')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new HeadwayError('invalid', `There is no file ${file}`);
      const { importCohorts } = await import('./workbook.ts');
      const bytes = fs.readFileSync(file);
      const report = await withContext((context) =>
        importCohorts(context, { name: path.basename(file), bytes }, { dryRun: options.dryRun }),
      );
      console.log(JSON.stringify(report, null, 2));
    });
  programme
    .command('export')
    .description('every cohort and participant as a workbook (the format import reads)')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .action(async (options: { out: string }) => {
      const { exportCohorts } = await import('./workbook.ts');
      fs.writeFileSync(options.out, await withContext((context) => exportCohorts(context)));
      console.error(`Wrote the cohorts to ${options.out}`);
    });

  const placement = program
    .command('placement')
    .description('NPQH internships and associate head placements');
  placement
    .command('propose')
    .description(
      'match the candidates to host schools with the brokering solver, each pair and refusal with why',
    )
    .option('--programme <code>', 'only this programme’s candidates')
    .option('--accept', 'agree every proposed pair')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { programme?: string; accept?: boolean; json?: boolean }) => {
      const { proposePlacements, acceptPlacements } = await import('./placements.ts');
      const proposal = await withContext((context) =>
        proposePlacements(context, { programme: options.programme }),
      );
      print(options.json, proposal, () => {
        for (const p of proposal.pairs)
          console.log(
            `${p.name} (${p.school}) -> ${p.host_school_name}, ${p.days} days, fit ${p.fit.toFixed(3)}`,
          );
        for (const r of proposal.refused) console.log(`${r.name}: not placed: ${r.why}`);
      });
      if (options.accept && proposal.pairs.length > 0) {
        const { placements } = await withContext((context) =>
          acceptPlacements(context, {
            pairs: proposal.pairs.map((p) => ({ participant: p.participant, host: p.host })),
          }),
        );
        console.error(`Agreed ${placements.length} placements`);
      }
    });
  placement
    .command('list')
    .description('agreed, finished and cancelled placements')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listPlacements } = await import('./placements.ts');
      const answer = await withContext((context) => listPlacements(context));
      print(options.json, answer, () => {
        for (const p of answer.placements)
          console.log(
            `${p.agreed_on}  ${p.name.padEnd(26)} ${p.host_school_name.padEnd(30)} ${p.days} days  ${p.status}`,
          );
      });
    });

  program
    .command('growing-own')
    .description('per school, staff who moved from teaching into leadership posts, and how schools vary')
    .option('--years <n>', 'the window, in years back from today', '3')
    .option('--area <code>', 'one area')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { years: string; area?: string; json?: boolean }) => {
      const { growingOwn } = await import('./grown.ts');
      const page = await withContext((context) =>
        growingOwn(context, {
          years: Number(options.years),
          area: options.area,
          sort: 'grown',
          order: 'desc',
          page: 1,
          page_size: 500,
        }),
      );
      print(options.json, page, () => {
        const d = page.distribution;
        console.log(
          `${page.from} to ${page.to}: ${d.grown} grown across ${d.schools} schools; ${d.grew_none} grew none; median ${d.median}`,
        );
        for (const s of page.schools)
          console.log(
            `${s.school.padEnd(8)} ${s.school_name.padEnd(34)} ${String(s.grown).padStart(3)} grown (${s.grown_here} there) of ${s.teachers} teachers`,
          );
      });
    });
}
