// `headway teachers gaps` and `headway teachers randomness`: the Teachers page's figures in a terminal.
// The actions import their modules when they run, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { parsedOptions, withContext } from '../cli-context.ts';
import type { Gaps, Randomness, UnitGap } from './contract.ts';

const num = (n: number | null, digits = 0, width = 7) =>
  (n === null ? '-' : n.toFixed(digits)).padStart(width);

function unitLine(u: UnitGap): string {
  return `${u.code.padEnd(8)} ${u.name.slice(0, 28).padEnd(28)} ${num(u.schools, 0, 5)} ${num(u.schools_above, 0, 6)} ${num(u.pupils_above, 0, 8)} ${num(u.deficit)} ${num(u.surplus)} ${num(u.ptr_p10, 1, 6)} ${num(u.ptr_median, 1, 6)} ${num(u.ptr_p90, 1, 6)} ${num(u.randomness, 2, 6)}`;
}

function formatGaps(g: Gaps): string {
  const lines = [`Teachers against the staffing norms, ${g.month}`, ''];
  if (g.level === 'school') {
    lines.push(
      `${'school'.padEnd(8)} ${'name'.padEnd(28)} ${'pupils'.padStart(7)} ${'in post'.padStart(7)} ${'needed'.padStart(7)} ${'gap'.padStart(7)}   PTR`,
    );
    for (const s of g.schools)
      lines.push(
        `${s.code.padEnd(8)} ${s.name.slice(0, 28).padEnd(28)} ${num(s.pupils)} ${num(s.teachers)} ${num(s.required)} ${num(s.gap)} ${num(s.ptr, 1, 6)}${s.above ? '  above the maximum' : ''}`,
      );
    lines.push(
      '',
      `${g.schools.length} of ${g.total} schools (gap: above 0 short of the norm, below 0 over it)`,
    );
  } else {
    lines.push(
      `${'unit'.padEnd(8)} ${'name'.padEnd(28)} schools  above  pupils   short    over    P10 median    P90  1−R²`,
      ...g.units.map(unitLine),
    );
  }
  if (g.summary) lines.push('', 'All together:', unitLine(g.summary));
  return lines.join('\n');
}

function formatRandomness(r: Randomness): string {
  const lines = [
    'Degree of randomness in teacher allocation (1 − R² of teachers on pupils across schools)',
    '',
    `${''.padEnd(30)} ${r.months.map((m) => m.padStart(8)).join('')}`,
  ];
  for (const s of r.series)
    lines.push(
      `${`${s.code} ${s.name}`.slice(0, 30).padEnd(30)} ${s.points.map((p) => num(p.randomness, 2, 8)).join('')}`,
    );
  return lines.join('\n');
}

export function registerTeachersCommand(program: Command): void {
  const teachers = program
    .command('teachers')
    .description(
      'teachers where the pupils are: gaps against the staffing norms, the degree of randomness, redeployment plans',
    );
  teachers
    .command('gaps')
    .description("each school's teachers against the norm, or the roll-up by cluster, area or authority")
    .option('--level <level>', 'school, cluster, area or authority', 'school')
    .option('--area <code>', 'only this area')
    .option('--month <YYYY-MM>', 'this month (default: the latest with data)')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { level: string; area?: string; month?: string; json?: boolean }) => {
      const { GapsQuery } = await import('./contract.ts');
      const { teacherGaps } = await import('./gaps.ts');
      const query = parsedOptions(
        GapsQuery.safeParse({
          level: options.level,
          area: options.area,
          month: options.month,
          page_size: '2000',
        }),
      );
      const gaps = await withContext((context) => teacherGaps(context, query));
      console.log(options.json ? JSON.stringify(gaps, null, 2) : formatGaps(gaps));
    });
  teachers
    .command('randomness')
    .description('the degree of randomness (1 − R²) by month, for the authority and each area')
    .option('--months <n>', 'months back', '12')
    .option('--area <code>', 'only this area')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { months: string; area?: string; json?: boolean }) => {
      const { RandomnessQuery } = await import('./contract.ts');
      const { teacherRandomness } = await import('./randomness.ts');
      const query = parsedOptions(RandomnessQuery.safeParse({ months: options.months, area: options.area }));
      const result = await withContext((context) => teacherRandomness(context, query));
      console.log(options.json ? JSON.stringify(result, null, 2) : formatRandomness(result));
    });
  teachers
    .command('plan')
    .description('make and keep a redeployment plan: moves from schools over the norm to schools under it')
    .option('--area <code>', 'the area to plan for (default: the whole authority)')
    .option('--month <YYYY-MM>', 'the month of the data (default: the latest)')
    .option('--max-km <n>', 'travel distance at most, by road', '25')
    .option('--max-moves-out <n>', 'teachers leaving any one school at most', '2')
    .option('--recruits <n>', 'new teachers to post to the largest gaps left', '0')
    .option('--within-clusters', 'moves only within a cluster')
    .option('--json', 'print the same JSON as the API')
    .action(
      async (options: {
        area?: string;
        month?: string;
        maxKm: string;
        maxMovesOut: string;
        recruits: string;
        withinClusters?: boolean;
        json?: boolean;
      }) => {
        const { PlanInput } = await import('./plan-contract.ts');
        const { makePlan } = await import('./plans.ts');
        const { formatPlan } = await import('./plan-format.ts');
        const input = parsedOptions(
          PlanInput.safeParse({
            area: options.area,
            month: options.month,
            max_km: Number(options.maxKm),
            max_moves_out: Number(options.maxMovesOut),
            recruits: Number(options.recruits),
            within_clusters: options.withinClusters ?? false,
          }),
        );
        const plan = await withContext((context) => makePlan(context, input));
        console.log(options.json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
      },
    );
  teachers
    .command('plans')
    .description('the redeployment plans made, newest first')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listPlans } = await import('./plans.ts');
      const { formatPlans } = await import('./plan-format.ts');
      const plans = await withContext((context) => listPlans(context));
      console.log(options.json ? JSON.stringify({ plans }, null, 2) : formatPlans(plans));
    });
}
