// `headway stages [--area CODE] [--term T] [--json]`, `headway stages movement`, `headway stages rules`
// and `headway stages record`: the stages pages and the history's recording in a terminal. The actions
// import their modules when they run, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import type { StageList, StageMovement, StageRules } from './contract.ts';

function formatList(list: StageList): string {
  const lines = [
    `Stages of the improvement journey, ${list.term ? `at the end of ${list.term}` : 'today'} (${list.as_of})`,
    list.counts.map((c) => `${c.name} ${c.schools}`).join(' · '),
    '',
  ];
  for (const s of list.schools) {
    lines.push(
      `${s.school_code.padEnd(8)} ${s.school_name.slice(0, 32).padEnd(32)} ${s.stage_name.padEnd(18)} ${s.since ? `since ${s.since}` : ''}`,
    );
    for (const r of s.reasons) lines.push(`${''.padEnd(9)}${r}`);
  }
  if (list.total > list.schools.length)
    lines.push('', `${list.schools.length} of ${list.total} schools (--all)`);
  return lines.join('\n');
}

function formatMovement(m: StageMovement): string {
  const width = Math.max(...m.stages.map((s) => s.name.length), 10);
  const lines = [
    `Movement between stages${m.area ? ` in ${m.area}` : ''}: ${m.terms.join(', ') || 'no term recorded'}`,
    '',
  ];
  lines.push(`${'stage'.padEnd(width)} ${m.terms.map((t) => t.padStart(10)).join('')}`);
  for (const s of m.stages)
    lines.push(
      `${s.name.padEnd(width)} ${m.terms.map((t) => String(m.counts.find((c) => c.term === t && c.stage === s.code)?.schools ?? 0).padStart(10)).join('')}`,
    );
  lines.push(
    '',
    `from \\ to ${''.padEnd(Math.max(0, width - 10))} ${m.stages.map((s) => s.name.slice(0, 10).padStart(11)).join('')}`,
  );
  for (const from of m.stages)
    lines.push(
      `${from.name.padEnd(width)} ${m.stages.map((to) => String(m.transitions.find((t) => t.from_stage === from.code && t.to_stage === to.code)?.schools ?? 0).padStart(11)).join('')}`,
    );
  lines.push('');
  for (const s of m.summary)
    lines.push(`${s.from_term} → ${s.to_term}: ${s.up} moved on, ${s.down} slipped back, ${s.same} stayed`);
  if (m.flows.length === 0) lines.push('No flows: fewer than two terms recorded');
  return lines.join('\n');
}

function formatRules(r: StageRules): string {
  const lines = ['Stages, in journey order:'];
  for (const s of r.stages)
    lines.push(
      `  ${s.name} (${s.code}): ${s.may_offer_practice ? 'may offer practice' : 'offers no practice'}, ${s.may_host_placements ? 'may host placements' : 'hosts no placements'}; raises ${s.raises.length ? s.raises.join(', ') : 'no improvement needs'}`,
    );
  lines.push('', 'Rules, first match wins:');
  for (const rule of r.rules) lines.push(`  ${String(rule.position).padStart(2)}. ${rule.words}`);
  if (r.changed_on) lines.push('', `Last changed on ${r.changed_on} by ${r.changed_by}`);
  return lines.join('\n');
}

export function registerStageCommands(program: Command): void {
  const stages = program
    .command('stages')
    .description(
      "each school's stage of the improvement journey with its reasons (subcommands: movement, rules, record)",
    )
    .option('--area <code>', "only this area's schools")
    .option('--term <term>', 'a term that has ended, e.g. 2025-26T2, read from the history')
    .option('--stage <code>', 'only schools at this stage')
    .option('--all', 'every school, not only the first 50')
    .option('--json', 'print the same JSON as the API')
    .action(
      async (options: { area?: string; term?: string; stage?: string; all?: boolean; json?: boolean }) => {
        const { listStages } = await import('./stages.ts');
        const list = await withContext((context) =>
          listStages(context, {
            area: options.area,
            term: options.term,
            stage: options.stage,
            page: 1,
            page_size: options.all || options.json ? 100_000 : 50,
          }),
        );
        console.log(options.json ? JSON.stringify(list, null, 2) : formatList(list));
      },
    );
  stages
    .command('movement')
    .description('schools at each stage term by term, and the transition table between consecutive terms')
    .option('--area <code>', "only this area's schools")
    .option('--terms <n>', 'how many ended terms (default 4)', '4')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { area?: string; terms: string; json?: boolean }) => {
      const { stageMovement } = await import('./movement.ts');
      const { StageMovementQuery } = await import('./contract.ts');
      const query = StageMovementQuery.parse({ area: options.area, terms: options.terms });
      const movement = await withContext((context) => stageMovement(context, query));
      console.log(options.json ? JSON.stringify(movement, null, 2) : formatMovement(movement));
    });
  stages
    .command('rules')
    .description('the stages and the rules that place a school in one, in plain words')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { json?: boolean }) => {
      const { getStageRules } = await import('./definitions.ts');
      const rules = await withContext((context) => getStageRules(context));
      console.log(options.json ? JSON.stringify(rules, null, 2) : formatRules(rules));
    });
  stages
    .command('record')
    .description("record the stages at the end of ended terms not yet recorded (or recompute one term's)")
    .option('--term <term>', 'one ended term, e.g. 2025-26T2')
    .option('--recompute', "replace the term's recorded stages with the rules in force now")
    .action(async (options: { term?: string; recompute?: boolean }) => {
      const { recordStages } = await import('./history.ts');
      const { recorded } = await withContext((context) =>
        recordStages(context, { term: options.term, recompute: options.recompute ?? false }),
      );
      if (recorded.length === 0) console.log('Every ended term is recorded already');
      for (const r of recorded)
        console.log(`${r.term}: ${r.schools} schools ${r.replaced ? 'recomputed' : 'recorded'}`);
    });
}
