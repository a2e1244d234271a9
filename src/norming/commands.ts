// `headway norming stats --input FILE`: a norming session's agreement statistics from a long file of
// scores, without importing anything (as `headway va --input` fits a file).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { Tolerance } from './contract.ts';

interface StatsOptions {
  input: string;
  levels?: string;
  withinOne?: string;
  bias?: string;
  kappa?: string;
  json?: boolean;
}

function share(name: string, text: string | undefined, fallback: number, low: number, high: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < low || n > high)
    throw new HeadwayError('invalid', `--${name} must be a number from ${low} to ${high}, not "${text}"`);
  return n;
}

export function registerNormingCommands(program: Command): void {
  const norming = program.command('norming').description('norming sessions: how far raters agree');
  norming
    .command('stats')
    .description('agreement statistics of a long file of scores (case,rater,criterion,score[,master])')
    .requiredOption('--input <file>', 'a .csv or .xlsx file')
    .option('--levels <scale>', 'the scale, e.g. 1-4 (default: the lowest to the highest score in the file)')
    .option(
      '--within-one <share>',
      'flag a rater under this share within one level of the master (default 0.8)',
    )
    .option('--bias <levels>', 'flag a rater biased by more than this many levels (default 0.5)')
    .option('--kappa <value>', 'flag a rater whose weighted kappa is under this (default 0.6)')
    .option('--json', 'print JSON')
    .action(async (options: StatsOptions) => {
      const { defaultTolerance, sessionStatistics } = await import('./session-stats.ts');
      const { parseLevels, readNormingScores } = await import('./read-scores.ts');
      const { formatStatistics } = await import('./stats-text.ts');
      let levels: number[] | undefined;
      try {
        levels = options.levels === undefined ? undefined : parseLevels(options.levels);
      } catch (error) {
        throw new HeadwayError('invalid', `--${(error as Error).message}`);
      }
      const tolerance: Tolerance = {
        within_one: share('within-one', options.withinOne, defaultTolerance.within_one, 0, 1),
        bias: share('bias', options.bias, defaultTolerance.bias, 0, 100),
        kappa: share('kappa', options.kappa, defaultTolerance.kappa, -1, 1),
      };
      const bytes = await readFile(options.input).catch(() => {
        throw new HeadwayError('invalid', `${options.input}: no such file`);
      });
      const file = { name: basename(options.input), bytes: new Uint8Array(bytes) };
      const read = await readNormingScores(file, levels);
      const statistics = sessionStatistics(read.scores, read.levels, tolerance);
      console.log(options.json ? JSON.stringify(statistics, null, 2) : formatStatistics(statistics));
    });
  norming
    .command('report <session>')
    .description("a closed norming session's report: each rater against the master, the raters together")
    .option('--json', 'print JSON')
    .action(async (session: string, options: { json?: boolean }) => {
      const id = Number(session);
      if (!Number.isInteger(id) || id < 1)
        throw new HeadwayError('invalid', `${session} is not a session number`);
      const { sessionReport } = await import('./report.ts');
      const { formatStatistics } = await import('./stats-text.ts');
      const report = await withContext((context) => sessionReport(context, id));
      if (options.json) return console.log(JSON.stringify(report, null, 2));
      const s = report.session;
      console.log(
        `${s.title} (${s.held_on}, ${s.rubric.name} v${s.rubric.version}, led by ${s.led_by.name})`,
      );
      console.log(formatStatistics(report.statistics));
    });
  norming
    .command('drift')
    .description("each rater's agreement across closed sessions, drift and calibration, worst first")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { normingDrift } = await import('./drift.ts');
      const answer = await withContext((context) => normingDrift(context));
      if (options.json) return console.log(JSON.stringify(answer, null, 2));
      for (const r of answer.raters) {
        const last = r.sessions.at(-1);
        console.log(
          `${r.rater.name.padEnd(28)} ${(last?.held_on ?? '').padEnd(10)}  kappa ${last?.kappa?.toFixed(2) ?? '–'}  ${r.calibrated ? 'calibrated' : 'NOT calibrated'}${r.drifting ? `  DRIFTING: ${r.drift_reason}` : ''}`,
        );
      }
    });
}
