// `headway projection --years 5 [--json]`: the headteacher-shortage projection, as the page shows it.
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import { phases } from '../registry/contract.ts';
import type { Projection, ProjectionYear } from './contract.ts';

const cell = (n: number, width = 8) => String(n).padStart(width);

function yearLines(rows: ProjectionYear[]): string[] {
  return rows.map(
    (r) =>
      `  year ${r.year} (to ${r.ends_on})  ${cell(r.leavers)} leave ${cell(r.supply)} supply ${cell(r.gap)} gap ${cell(r.cumulative_gap)} cumulative`,
  );
}

function formatProjection(p: Projection): string {
  const lines = [
    `Headteacher-shortage projection from ${p.as_of}, ${p.years} years: ${p.heads} heads in post; pipeline ${p.pipeline.associate_head} associate heads, ${p.pipeline.npqh} NPQH holders, ${p.pipeline.deputy_head} deputies, ${p.pipeline.aspiring} aspiring leaders, ${p.pipeline.assistant_head} assistant heads (${p.in_several} in several groups, each counted once)`,
    '',
  ];
  for (const scenario of ['low', 'central', 'high'] as const)
    lines.push(`${scenario}:`, ...yearLines(p.totals[scenario]));
  lines.push('', 'By area and phase (central; gap over the years in total):');
  for (const g of p.groups) {
    const last = g.scenarios.central.at(-1);
    const low = g.scenarios.low.at(-1)?.cumulative_gap ?? 0;
    const high = g.scenarios.high.at(-1)?.cumulative_gap ?? 0;
    lines.push(
      `  ${(g.area ?? '-').padEnd(8)} ${(g.phase ?? 'no school post').padEnd(22)} ${cell(g.heads, 5)} ${g.heads === 1 ? 'head ' : 'heads'} ${cell(last?.cumulative_gap ?? 0)} gap (low ${low}, high ${high})`,
    );
  }
  lines.push('', 'Method:', ...p.method.map((m) => `  ${m}`));
  return lines.join('\n');
}

export function registerProjectionCommand(program: Command): void {
  program
    .command('projection')
    .description(
      'the headteacher-shortage projection: heads leaving, pipeline supply and the gap, by phase and area',
    )
    .option('--years <n>', 'years ahead, 1 to 15', '5')
    .option('--as-of <date>', 'project from this date (default: today)')
    .option('--area <code>', 'only this area')
    .option('--phase <phase>', `only this phase (${phases.join(', ')})`)
    .option('--json', 'print the same JSON as the API')
    .action(
      async (options: { years: string; asOf?: string; area?: string; phase?: string; json?: boolean }) => {
        const { shortageProjection } = await import('./projection.ts');
        const { ProjectionQuery } = await import('./contract.ts');
        const parsed = ProjectionQuery.safeParse({
          years: options.years,
          as_of: options.asOf,
          area: options.area,
          phase: options.phase,
        });
        if (!parsed.success)
          throw new HeadwayError(
            'invalid',
            parsed.error.issues
              .map((i) => `--${String(i.path[0]).replace('_', '-')}: ${i.message}`)
              .join('; '),
          );
        const projection = await withContext((context) => shortageProjection(context, parsed.data));
        console.log(options.json ? JSON.stringify(projection, null, 2) : formatProjection(projection));
      },
    );
}
