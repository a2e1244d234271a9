// `headway governance boards|board CODE|not-ready [--json]`: governing boards as the pages show them.
// The actions import their modules when they run, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { parsedOptions, withContext } from '../cli-context.ts';
import type { BoardDetail, BoardPage, BoardSummary } from './contract.ts';

const reasonWords: Record<BoardSummary['reasons'][number], string> = {
  no_plan: 'no succession plan',
  plan_out_of_date: 'plan not reviewed this year',
  no_chair: 'no chair',
  chair_term_ending: "chair's term ending",
  many_vacancies: 'many vacancies',
  no_recruitment_training: 'nobody trained in headteacher recruitment',
};

const why = (b: BoardSummary) =>
  b.reasons.length ? b.reasons.map((r) => reasonWords[r]).join('; ') : 'ready';

function formatPage(page: BoardPage): string {
  const f = page.figures;
  const lines = [
    `${f.boards} boards, ${f.not_ready} not ready, ${f.with_plan} with a succession plan; ${f.vacancies} of ${f.places} places vacant; ${f.trained} of ${f.serving} governors up to date with mandatory training`,
    '',
  ];
  for (const b of page.boards)
    lines.push(
      `  ${b.code.padEnd(14)} ${b.name.slice(0, 40).padEnd(40)} ${String(b.vacancies).padStart(2)}/${String(b.places).padEnd(2)} vacant  chair: ${b.chair ? `${b.chair.name} (to ${b.chair.term_ends_on})` : '-'}  ${why(b)}`,
    );
  return lines.join('\n');
}

function formatBoard(b: BoardDetail): string {
  const lines = [
    `${b.code}  ${b.name}  (${b.schools.map((s) => s.name).join(', ')})`,
    `Clerk: ${b.clerk_name || '-'}   ${b.vacancies} of ${b.places} places vacant   ${why(b)}`,
    `Places: ${b.by_category.map((c) => `${c.category} ${c.serving}/${c.places}`).join(', ')}`,
    `Succession: ${b.succession?.has_plan ? `plan reviewed ${b.succession.reviewed_on}; chair's successor ${b.succession.chair_successor?.name ?? '-'}; head's ${b.succession.headship_successor?.name ?? (b.succession.headship_successor_note || '-')}` : 'no plan'}`,
    '',
    'Members:',
  ];
  for (const m of b.members)
    lines.push(
      `  ${m.name.padEnd(28)} ${m.category.padEnd(10)} ${m.status.padEnd(10)} to ${m.term_ends_on}${m.term_ending ? ' (ending)' : ''}  ${m.roles.join(', ')}${m.overdue.length ? `  overdue: ${m.overdue.join(', ')}` : ''}`,
    );
  const gaps = b.skills.filter((s) => s.gap);
  lines.push(
    '',
    `Skills gaps: ${gaps.length ? gaps.map((s) => `${s.name} (${s.gap === 'none' ? 'nobody' : 'one member'})`).join(', ') : 'none'}`,
  );
  return lines.join('\n');
}

export function registerGovernanceCommands(program: Command): void {
  const governance = program
    .command('governance')
    .description('governing boards: members, vacancies, training, succession');
  governance
    .command('boards')
    .description('the boards, with vacancies, chair, plan and why each is not ready')
    .option('--area <code>', 'only this area')
    .option('--not-ready', 'only boards not ready for succession')
    .option('--vacancies', 'only boards with a vacancy')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { area?: string; notReady?: boolean; vacancies?: boolean; json?: boolean }) => {
      const page = await boards({
        area: options.area,
        not_ready: options.notReady ? 'true' : undefined,
        vacancies: options.vacancies ? 'true' : undefined,
      });
      console.log(options.json ? JSON.stringify(page, null, 2) : formatPage(page));
    });
  governance
    .command('not-ready')
    .description("the director's list: boards not ready for succession, with the reasons")
    .option('--area <code>', 'only this area')
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { area?: string; json?: boolean }) => {
      const page = await boards({ area: options.area, not_ready: 'true', sort: '-reasons' });
      console.log(options.json ? JSON.stringify(page, null, 2) : formatPage(page));
    });
  governance
    .command('board <code>')
    .description('one board: places, members, skills gaps, training and succession')
    .option('--json', 'print the same JSON as the API')
    .action(async (code: string, options: { json?: boolean }) => {
      const { boardDetail } = await import('./boards.ts');
      const board = await withContext((context) => boardDetail(context, code));
      console.log(options.json ? JSON.stringify(board, null, 2) : formatBoard(board));
    });
}

async function boards(raw: Record<string, string | undefined>): Promise<BoardPage> {
  const { listBoards } = await import('./boards.ts');
  const { BoardFilter } = await import('./contract.ts');
  const filter = parsedOptions(BoardFilter.safeParse({ ...raw, page_size: 500 }));
  return withContext((context) => listBoards(context, filter));
}
