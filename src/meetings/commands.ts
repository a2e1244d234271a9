// The meetings CLI: `headway challenges` lists the log (filtered, as a table, JSON, CSV or XLSX),
// `headway challenge-measures` prints the measures by area, owner or category per month or term, and
// `headway reminders send` emails owners their overdue actions and challenges (a scheduler runs it daily).
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import fs from 'node:fs';
import type { Command } from 'commander';
import { parsePositiveInteger, withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { ChallengeStatus, ChallengeSummary } from './challenge-contract.ts';
import { challengeStatuses } from './lists.ts';

interface ChallengesOptions {
  area?: string;
  status?: string;
  category?: string;
  owner?: string;
  overdue?: boolean;
  json?: boolean;
  format?: string;
  out?: string;
}

function statuses(text: string | undefined): ChallengeStatus[] | undefined {
  if (!text) return undefined;
  const list = text.split(',').map((s) => s.trim());
  const wrong = list.filter((s) => !(challengeStatuses as readonly string[]).includes(s));
  if (wrong.length)
    throw new HeadwayError(
      'invalid',
      `--status: ${wrong.join(', ')} is not a status (use ${challengeStatuses.join(', ')})`,
    );
  return list as ChallengeStatus[];
}

function formatChallenges(challenges: ChallengeSummary[]): string {
  if (challenges.length === 0) return 'No challenges match.';
  const lines = challenges.map((c) =>
    [
      String(c.id).padStart(5),
      c.status.padEnd(11),
      (c.overdue ? 'OVERDUE' : '').padEnd(7),
      `${c.age_days}d`.padStart(5),
      (c.due_on ?? '').padEnd(10),
      c.areas.join(' ').padEnd(8),
      (c.owner?.name ?? '').padEnd(20),
      c.title,
    ].join('  '),
  );
  const header = [
    '   id',
    'status     ',
    '       ',
    '  age',
    'due       ',
    'areas   ',
    'owner'.padEnd(20),
    'title',
  ].join('  ');
  return [
    header,
    ...lines,
    '',
    `${challenges.length} challenges, ${challenges.filter((c) => c.overdue).length} overdue`,
  ].join('\n');
}

export function registerMeetingsCommands(program: Command): void {
  program
    .command('challenges')
    .description('the challenges log, filtered: a table, JSON, or a CSV/XLSX export')
    .option('--area <code>', 'challenges affecting this area (or school)')
    .option('--status <list>', `comma-separated: ${challengeStatuses.join(', ')}`)
    .option('--category <code>', 'one category')
    .option('--owner <code>', 'the owner’s person code')
    .option('--overdue', 'only those past their due date and not resolved')
    .option('--json', 'print the same JSON as the API')
    .option('--format <format>', 'csv or xlsx: a spreadsheet instead of a table')
    .option('--out <file>', 'with --format: write to this file (default: standard output, CSV only)')
    .action(async (options: ChallengesOptions) => {
      if (options.format && options.format !== 'csv' && options.format !== 'xlsx')
        throw new HeadwayError('invalid', `--format must be csv or xlsx, not "${options.format}"`);
      if (options.format === 'xlsx' && !options.out)
        throw new HeadwayError('invalid', 'Give --out FILE for an XLSX export');
      const { listChallenges } = await import('./challenges.ts');
      const challenges = await withContext((context) =>
        listChallenges(context, {
          area: options.area,
          status: statuses(options.status),
          category: options.category,
          owner: options.owner,
          overdue: options.overdue,
        }),
      );
      if (options.format) {
        const { writeChallenges } = await import('./export.ts');
        const bytes = await writeChallenges(challenges, options.format as 'csv' | 'xlsx');
        if (options.out) {
          fs.writeFileSync(options.out, bytes);
          console.error(`Wrote ${challenges.length} challenges to ${options.out}`);
        } else process.stdout.write(bytes);
      } else
        console.log(options.json ? JSON.stringify({ challenges }, null, 2) : formatChallenges(challenges));
    });

  program
    .command('reminders')
    .description('reminders of overdue actions and challenges')
    .command('send')
    .description(
      'email each owner their overdue actions and challenges, and each lead the termly updates due, not yet emailed today (run it daily; a rerun sends nothing new; without SMTP the mail goes to the outbox)',
    )
    .option('--dry-run', 'say who would be emailed about how many items; send and record nothing')
    .option('--json', 'print the run as JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      const { sendReminders } = await import('./reminders.ts');
      const { mailerFor } = await import('./outbox.ts');
      const { run, channel } = await withContext(async (context) => {
        const mailer = mailerFor(context);
        try {
          const run = await sendReminders(context, mailer.send, {
            publicUrl: context.settings.publicUrl,
            dryRun: options.dryRun,
          });
          return { run, channel: mailer.channel };
        } finally {
          mailer.close();
        }
      });
      if (options.json) console.log(JSON.stringify({ ...run, channel }, null, 2));
      else {
        const verb = options.dryRun
          ? 'Would email'
          : channel === 'outbox'
            ? 'Wrote to the outbox (SMTP is not configured) emails for'
            : 'Emailed';
        console.log(`${verb} ${run.people} people about ${run.items} items (overdue, or updates due).`);
        if (run.no_address) console.log(`${run.no_address} items have an owner with no email address.`);
        for (const f of run.failed) console.error(`Could not email ${f.to}: ${f.error}`);
      }
      if (run.failed.length)
        throw new HeadwayError(
          'unavailable',
          `${run.failed.length} reminder emails failed; the next run tries them again`,
        );
    });

  program
    .command('challenge-measures')
    .description(
      'raised, open, overdue, days to resolution (median, p90) and share on time, by area, owner or category',
    )
    .option('--by <dimension>', 'area, owner or category', 'area')
    .option('--period <period>', 'the last month (2026-10) or term (2026-27T1); default: this month')
    .option('--periods <n>', 'how many periods, ending with --period', parsePositiveInteger('--periods'), 6)
    .option('--json', 'print the same JSON as the API')
    .action(async (options: { by: string; period?: string; periods: number; json?: boolean }) => {
      if (!['area', 'owner', 'category'].includes(options.by))
        throw new HeadwayError('invalid', `--by must be area, owner or category, not "${options.by}"`);
      const { challengeMeasures } = await import('./board.ts');
      const measures = await withContext((context) =>
        challengeMeasures(context, {
          by: options.by as 'area',
          period: options.period,
          periods: options.periods,
        }),
      );
      if (options.json) {
        console.log(JSON.stringify(measures, null, 2));
        return;
      }
      const days = (d: number | null) => (d === null ? '–' : d.toFixed(0));
      console.log(
        `${'period'.padEnd(11)}${'raised'.padStart(7)}${'open'.padStart(6)}${'overdue'.padStart(8)}${'resolved'.padStart(9)}${'median'.padStart(8)}${'p90'.padStart(6)}${'on time'.padStart(9)}`,
      );
      for (const group of measures.groups) {
        console.log(`\n${group.name}${group.key && group.key !== group.name ? ` (${group.key})` : ''}`);
        for (const p of group.periods)
          console.log(
            `${p.period.padEnd(11)}${String(p.raised).padStart(7)}${String(p.open).padStart(6)}${String(p.overdue).padStart(8)}${String(p.resolved).padStart(9)}${days(p.median_days).padStart(8)}${days(p.p90_days).padStart(6)}${(p.due ? `${Math.round((100 * p.due_met) / p.due)}%` : '–').padStart(9)}`,
          );
      }
    });
}
