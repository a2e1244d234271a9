// The brokering CLI: `headway needs` lists support needs (after running the rules), `headway broker`
// prints an optimal proposal with each pair's reasons and the proven gap, and `headway roles` the role
// catalogue the match reads.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import type { Proposal } from './proposal-contract.ts';

function formatProposal(p: Proposal): string {
  const lines = [
    `Proposal ${p.id} for ${p.unit}: ${p.pairs.length} of ${p.needs} open needs matched from ${p.leaders} leaders (${p.candidates} eligible pairs)`,
    `Total fit ${p.objective.toFixed(4)}, proven bound ${p.bound.toFixed(4)}, gap ${(p.gap * 100).toFixed(3)}% (${p.status.replace('_', ' ')}, found by ${p.method.replaceAll('_', ' ')}, ${p.seconds.toFixed(2)} s)`,
    '',
  ];
  for (const pair of p.pairs) {
    lines.push(
      `${pair.school_name} (${pair.school}) — ${pair.kind}, ${pair.days} days: ${pair.leader_name} (${pair.leader}), fit ${pair.fit.toFixed(3)}`,
    );
    lines.push(`    need: ${pair.evidence}`);
    for (const reason of pair.reasons) lines.push(`    + ${reason}`);
    if (pair.next_best) lines.push(`    next best ${pair.next_best.leader_name}: ${pair.next_best.why_not}`);
  }
  if (p.unmet.length > 0) {
    lines.push('', `Unmet (${p.unmet.length}):`);
    for (const u of p.unmet) lines.push(`  ${u.school_name} (${u.school}) — ${u.kind}: ${u.why}`);
  }
  return lines.join('\n');
}

export function registerBrokeringCommands(program: Command): void {
  program
    .command('needs')
    .description('run the need rules, then list support needs (open ones first)')
    .option('--area <code>', 'needs of one area')
    .option('--all', 'every status, not only open and supported')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { area?: string; all?: boolean; json?: boolean }) => {
      const { listNeeds } = await import('./needs.ts');
      const { refreshNeedsNow } = await import('./proposals.ts');
      const needs = await withContext(async (context) => {
        await refreshNeedsNow(context, {});
        return listNeeds(context, {
          area: options.area,
          status: options.all ? undefined : ['open', 'supported'],
        });
      });
      if (options.json) return console.log(JSON.stringify({ needs }, null, 2));
      for (const n of needs)
        console.log(
          [
            String(n.id).padStart(5),
            n.status.padEnd(9),
            n.kind.padEnd(20),
            `${n.school_name} (${n.school})`,
            '—',
            n.evidence,
          ].join(' '),
        );
      console.log(`\n${needs.length} needs, ${needs.filter((n) => n.status === 'open').length} open`);
    });

  program
    .command('broker')
    .description(
      'match open support needs to system leaders optimally (HiGHS), with reasons and the proven gap',
    )
    .option('--area <code>', 'broker for one area (default: the whole authority)')
    .option('--as-of <date>', 'the date to match on (default: today)')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { area?: string; asOf?: string; json?: boolean }) => {
      const { propose } = await import('./proposals.ts');
      const proposal = await withContext((context) =>
        propose(context, { area: options.area, as_of: options.asOf }),
      );
      console.log(options.json ? JSON.stringify(proposal, null, 2) : formatProposal(proposal));
    });

  program
    .command('roles')
    .description(
      'list the system-leader role catalogue: the needs each role meets, who may hold it, days and limit',
    )
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { listRoles } = await import('./roles.ts');
      const { roles } = await withContext((context) => listRoles(context));
      if (options.json) return console.log(JSON.stringify({ roles }, null, 2));
      for (const role of roles) {
        console.log(`${role.name} (${role.code})`);
        console.log(`    meets: ${role.meets.join(', ') || 'nothing: a qualification'}`);
        console.log(`    who may hold it: ${role.holder_rules}`);
        if (role.meets.length > 0)
          console.log(`    ${role.funded_days} funded days a year; ${role.max_schools} at once in this role`);
      }
    });
}
