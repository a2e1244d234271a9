// The value-added CLI: `headway va` fits a cohort's model (or any CSV's), and `headway low-attainment`
// sets the threshold below which an outcome counts as achieving very little.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { ModelFit } from './mixed-model.ts';
import { INTERCEPT } from './sufficient-stats.ts';
import type { CohortFit } from './value-added.ts';

interface VaOptions {
  stage?: string;
  year?: string;
  outcome: string;
  covariates?: string;
  randomSlope?: string;
  ml?: boolean;
  json?: boolean;
  input?: string;
  group: string;
}

const signed = (x: number, d = 3) => (x >= 0 ? ' ' : '') + x.toFixed(d);

function formatModel(fit: ModelFit): string {
  const lines = [
    `${fit.reml ? 'REML' : 'ML'} fit on ${fit.pupils} pupils in ${fit.schools.length} schools; log-likelihood ${fit.logLik.toFixed(3)}`,
    '',
  ];
  const width = Math.max(...Object.keys(fit.fixed).map((k) => k.length), 8);
  lines.push(`${'fixed'.padEnd(width)}  estimate        se`);
  for (const [name, { estimate, se }] of Object.entries(fit.fixed))
    lines.push(`${name.padEnd(width)}  ${signed(estimate, 4).padStart(9)}  ${se.toFixed(4).padStart(8)}`);
  lines.push(
    '',
    'variance',
    ...Object.entries(fit.variance).map(([k, v]) => `  ${k.padEnd(10)} ${v.toFixed(4)}`),
  );
  const { icc } = fit;
  const interval =
    icc.lower === null || icc.upper === null
      ? 'no interval: the likelihood is flat at the fit'
      : `95% CI ${icc.lower.toFixed(3)} to ${icc.upper.toFixed(3)}`;
  lines.push(
    '',
    `intraclass correlation ${icc.estimate.toFixed(3)} (${interval}; ${icc.method === 'wald-logit' ? 'Wald on the logit scale, at the slope covariate\u2019s mean' : 'profile likelihood'})`,
  );
  const counts = { above: 0, in_line: 0, below: 0 };
  for (const s of fit.schools) counts[s.band]++;
  lines.push(
    '',
    `schools: ${counts.above} significantly above, ${counts.in_line} in line, ${counts.below} significantly below`,
  );
  lines.push('', 'school        n    effect   95% interval');
  for (const s of [...fit.schools].sort((a, b) => b.effect - a.effect))
    lines.push(
      `${(s.school || 'another school').padEnd(12)} ${String(s.n).padStart(4)}  ${signed(s.effect).padStart(8)}  [${signed(s.lower)}, ${signed(s.upper)}]  ${s.band === 'in_line' ? '' : s.band}`,
    );
  return lines.join('\n');
}

/** The JSON the issue documents: the model, plus progress scores when fitted from the database. */
function modelJson(fit: ModelFit, extra: Partial<CohortFit> = {}) {
  const { theta: _theta, evaluations: _evaluations, ...model } = fit;
  return { ...model, ...extra };
}

export function registerValueAddedCommands(program: Command): void {
  program
    .command('va')
    .description('contextual value added: a REML (or ML) mixed model of outcome on covariates by school')
    .option(
      '--stage <stage>',
      'the stage of the imported results, e.g. KS4 (with --input: of the file\u2019s rows, by its stage column)',
    )
    .option('--year <year>', 'the academic year, e.g. 2025-26')
    .option('--outcome <column>', 'the outcome', 'outcome')
    .option(
      '--covariates <list>',
      'comma-separated, e.g. prior_attainment,disadvantaged; "" or none for the null (intercept-only) model (default: with --input, none; otherwise prior attainment and the context most pupils have)',
    )
    .option('--random-slope <covariate>', 'also let the slope of this covariate vary by school')
    .option('--ml', 'maximum likelihood instead of REML')
    .option('--input <file.csv>', 'fit a CSV of pupils instead of imported results')
    .option('--group <column>', 'with --input: the column naming each pupil\u2019s school', 'school_code')
    .option('--json', 'print JSON')
    .action(async (options: VaOptions) => {
      // Not given means the default; given empty (or "none") means no covariates: the null model.
      const covariates =
        options.covariates?.trim() === 'none'
          ? []
          : options.covariates
              ?.split(',')
              .map((c) => c.trim())
              .filter(Boolean);
      const random = options.randomSlope ? [INTERCEPT, options.randomSlope] : [INTERCEPT];
      if (options.input) {
        const { statisticsOfCsv } = await import('./read-file.ts');
        const { fitMixedModel } = await import('./mixed-model.ts');
        const { stats, incomplete } = await statisticsOfCsv(options.input, {
          group: options.group,
          outcome: options.outcome,
          // A file has no default context: without --covariates it is the null model.
          covariates: covariates ?? [],
          stage: options.stage,
        });
        const fit = fitMixedModel(stats, { random, reml: !options.ml });
        if (incomplete > 0) console.error(`${incomplete} rows with a blank cell were left out`);
        const stage = options.stage ? ` (${options.stage})` : '';
        const formula = `${options.outcome} ~ ${[...(covariates ?? [])].join(' + ') || '1'}`;
        console.log(
          options.json
            ? JSON.stringify(modelJson(fit), null, 2)
            : `${options.input}${stage}: ${formula}\n${formatModel(fit)}`,
        );
        return;
      }
      if (!options.stage || !options.year)
        throw new HeadwayError('invalid', 'Give --stage and --year, or --input FILE.csv');
      const { valueAddedFor } = await import('./value-added.ts');
      const result = await withContext((context) =>
        valueAddedFor(context, {
          stage: options.stage as string,
          academicYear: options.year as string,
          outcome: options.outcome,
          covariates,
          randomSlope: options.randomSlope ?? null,
          reml: !options.ml,
        }),
      );
      console.log(
        options.json
          ? JSON.stringify(
              modelJson(result.model, { covariates: result.covariates, progress: result.progress }),
              null,
              2,
            )
          : `${result.stage} ${result.academicYear}: ${result.outcome} ~ ${result.covariates.join(' + ') || '1'}\n${formatModel(result.model)}`,
      );
    });

  program
    .command('low-attainment')
    .description('set the outcome below which a pupil of a stage counts as achieving very little')
    .requiredOption('--stage <stage>', 'e.g. KS4')
    .requiredOption('--below <number>', 'the threshold', Number)
    .action(async (options: { stage: string; below: number }) => {
      if (!Number.isFinite(options.below)) throw new HeadwayError('invalid', '--below must be a number');
      const { setLowAttainment } = await import('./value-added.ts');
      await withContext((context) => setLowAttainment(context, options.stage, options.below));
      console.log(
        `Low attainment in ${options.stage} is now an outcome below ${options.below}; its KPIs are republished.`,
      );
    });
}
