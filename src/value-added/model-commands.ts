// `headway va model`: a stage's value-added specification, previewed or published; `headway va
// publish`: every cohort republished from the pupils (after an upgrade, or to redo the KPIs).
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { FitSummary } from './model-contract.ts';

interface ModelOptions {
  stage: string;
  outcome?: string;
  outcomeLabel?: string;
  covariates?: string;
  randomSlope?: string;
  red?: string;
  amber?: string;
  reference?: string;
  publish?: boolean;
  json?: boolean;
}

const percent = (x: number | null) => (x === null ? '?' : `${(100 * x).toFixed(1)}%`);

function percentWithInterval(icc: FitSummary['icc']): string {
  return `${percent(icc.estimate)} (95% CI ${percent(icc.lower)} to ${percent(icc.upper)})`;
}

function describeFit(title: string, fit: FitSummary | null): string {
  if (!fit) return `${title}: cannot be fitted`;
  const { above, in_line, below } = fit.bands;
  return [
    `${title}: ${fit.outcome} ~ ${fit.covariates.length > 0 ? fit.covariates.join(' + ') : '1 (the null model)'}${fit.random_slope ? `, slope of ${fit.random_slope} by school` : ''}`,
    `  ${fit.pupils} pupils in ${fit.schools} schools; log-likelihood ${fit.logLik.toFixed(3)}; variance ${Object.entries(
      fit.variance,
    )
      .map(([k, v]) => `${k} ${v.toFixed(4)}`)
      .join(', ')}`,
    `  intraclass correlation ${percentWithInterval(fit.icc)} of the variance between schools`,
    `  schools: ${above} significantly above, ${in_line} in line, ${below} significantly below`,
  ].join('\n');
}

export function registerStageModelCommands(va: Command): void {
  va.command('model')
    .description(
      'a stage’s value-added model: shows the published specification and a preview of the one given; --publish publishes it and republishes the stage',
    )
    .requiredOption('--stage <stage>', 'e.g. KS4')
    .option('--outcome <column>', 'the outcome (default: as published)')
    .option(
      '--outcome-label <words>',
      'what the outcome is, in the indicators\u2019 names: "Attainment 8"; "none" for none',
    )
    .option('--covariates <list>', 'comma-separated; "none" for the null model; "default" for the default')
    .option('--random-slope <covariate>', 'a covariate whose slope varies by school; "none" for none')
    .option('--red <number>', 'value added below this is red')
    .option('--amber <number>', 'below this (and not red) amber')
    .option('--reference <name>', 'the national reference to compare with; "none" for the only or first')
    .option('--publish', 'publish it (otherwise only a preview)')
    .option('--json', 'print JSON')
    .action(async (options: ModelOptions) => {
      const { StageModelInput } = await import('./model-contract.ts');
      const { previewStageModel, publishStageModel } = await import('./stage-models.ts');
      const { stageModel } = await import('./settings.ts');
      await withContext(async (context) => {
        const published = await stageModel(context.db, options.stage);
        const number = (text: string | undefined, fallback: number, name: string) => {
          if (text === undefined) return fallback;
          const value = Number(text);
          if (!Number.isFinite(value)) throw new HeadwayError('invalid', `--${name} must be a number`);
          return value;
        };
        const list = (text: string | undefined) =>
          text === undefined
            ? published.covariates
            : text === 'default'
              ? null
              : text === 'none'
                ? []
                : text
                    .split(',')
                    .map((c) => c.trim())
                    .filter(Boolean);
        const parsed = StageModelInput.safeParse({
          outcome: options.outcome ?? published.outcome,
          outcome_label:
            options.outcomeLabel === undefined
              ? published.outcome_label
              : options.outcomeLabel === 'none'
                ? null
                : options.outcomeLabel,
          covariates: list(options.covariates),
          random_slope:
            options.randomSlope === undefined
              ? published.random_slope
              : options.randomSlope === 'none'
                ? null
                : options.randomSlope,
          red: number(options.red, published.red, 'red'),
          amber: number(options.amber, published.amber, 'amber'),
          national_reference:
            options.reference === undefined
              ? published.national_reference
              : options.reference === 'none'
                ? null
                : options.reference,
        });
        if (!parsed.success)
          throw new HeadwayError(
            'invalid',
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        const preview = await previewStageModel(context, options.stage, parsed.data);
        if (options.publish) {
          const done = await publishStageModel(context, options.stage, parsed.data);
          console.log(
            options.json
              ? JSON.stringify({ preview, ...done }, null, 2)
              : `${describeFit(`${options.stage} as published now`, preview.proposed)}\nRepublished ${options.stage} ${done.republished.join(', ')}; ${preview.changes.schools} schools changed band.`,
          );
          return;
        }
        console.log(
          options.json
            ? JSON.stringify(preview, null, 2)
            : [
                `Preview on ${options.stage} ${preview.academicYear} (nothing is written; add --publish to publish)`,
                describeFit('published', preview.published),
                describeFit('proposed', preview.proposed),
                `${preview.changes.schools} schools would change band${
                  preview.changes.examples.length > 0
                    ? `, e.g. ${preview.changes.examples
                        .slice(0, 5)
                        .map((e) => `${e.school} ${e.from} -> ${e.to}`)
                        .join(', ')}`
                    : ''
                }`,
              ].join('\n'),
        );
      });
    });

  va.command('publish')
    .description('republish every stage’s cohorts from the pupils (after an upgrade, or to redo the KPIs)')
    .action(async () => {
      const { republishAll } = await import('./publish.ts');
      const done = await withContext((context) => republishAll(context));
      for (const { stage, years } of done) console.log(`${stage}: republished ${years.join(', ')}`);
      if (done.length === 0) console.log('There are no pupil results to publish.');
    });
}
