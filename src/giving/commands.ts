// `headway giving [--level area] [--area A] [--year 2025-26] [--json]`: give and receive by level, as the
// page shows it. The action imports its modules when it runs, so defining the command stays light.
import type { Command } from 'commander';
import { parsedOptions, withContext } from '../cli-context.ts';
import type { GivingRollup, GivingUnit } from './contract.ts';

const pct = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)}%`);

function line(u: GivingUnit): string {
  return `  ${u.code.padEnd(10)} ${u.name.slice(0, 28).padEnd(28)} ${String(u.schools).padStart(5)} ${String(u.both).padStart(5)} ${pct(u.share_both).padStart(7)} ${(u.target === null ? '-' : `${u.target}%`).padStart(7)} ${String(u.only_received).padStart(6)} ${String(u.only_gave).padStart(6)} ${String(u.neither).padStart(7)} ${String(u.strong_never_gave).padStart(6)}`;
}

function format(rollup: GivingRollup): string {
  const head = `  ${'unit'.padEnd(10)} ${'name'.padEnd(28)} ${'open'.padStart(5)} ${'both'.padStart(5)} ${'share'.padStart(7)} ${'target'.padStart(7)} ${'only R'.padStart(6)} ${'only G'.padStart(6)} ${'neither'.padStart(7)} ${'strong, gave none'}`;
  return [
    `Give and receive, ${rollup.year} (${rollup.starts_on} to ${rollup.ends_on}): schools that gave and received support`,
    '',
    head,
    line(rollup.top),
    ...rollup.units.filter((u) => u.code !== rollup.top.code).map(line),
  ].join('\n');
}

export function registerGivingCommands(program: Command): void {
  program
    .command('giving')
    .description('give and receive: schools that gave and received support in the year, by level')
    .option('--level <level>', 'authority, area, cluster or trust', 'area')
    .option('--area <code>', 'only this area')
    .option('--year <year>', 'the academic year, e.g. 2025-26 (default: the current one)')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { level: string; area?: string; year?: string; json?: boolean }) => {
      const { givingRollup } = await import('./giving.ts');
      const { GivingQuery } = await import('./contract.ts');
      const query = parsedOptions(
        GivingQuery.safeParse({ level: options.level, area: options.area, year: options.year }),
      );
      const rollup = await withContext((context) => givingRollup(context, query));
      console.log(options.json ? JSON.stringify(rollup, null, 2) : format(rollup));
    });
}
