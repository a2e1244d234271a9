// The value-added CLI: `headway va` fits a cohort's model (or any CSV's), and `headway low-attainment`
// sets the threshold below which an outcome counts as achieving very little.
// Each action imports its modules when it runs, so defining the commands stays light (see cli.ts).
import type { Command } from 'commander';
import { withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { NationalComparison } from './contract.ts';
import type { CohortEstimates, SchoolPupilEstimates, UnitEstimate } from './estimates-contract.ts';
import type { ModelFit } from './mixed-model.ts';
import { registerStageModelCommands } from './model-commands.ts';
import { ordinal } from './ordinal.ts';
import { INTERCEPT } from './sufficient-stats.ts';
import type { CohortFit } from './value-added.ts';

interface VaOptions {
  stage?: string;
  year?: string;
  outcome?: string;
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

/** The authority against the national reference: what the within-authority model cannot say. */
function nationalLine(national: NationalComparison | null): string {
  if (!national)
    return '\n\nNo national reference covers this cohort (import one: headway import national-reference)';
  const { score, lower, upper, n } = national.authority;
  return `\n\nAgainst ${national.reference}: the authority's ${n} pupils ${signed(score)} [${signed(lower)}, ${signed(upper)}] against pupils nationally with the same prior attainment${national.unmatched > 0 ? ` (${national.unmatched} pupils without an expectation left out)` : ''}`;
}

/** The JSON the issue documents: the model, plus progress scores when fitted from the database. */
function modelJson(fit: ModelFit, extra: Partial<CohortFit> & { national?: NationalComparison | null } = {}) {
  const { theta: _theta, evaluations: _evaluations, ...model } = fit;
  return { ...model, ...extra };
}

export function registerValueAddedCommands(program: Command): void {
  const va = program
    .command('va')
    .description('contextual value added: a REML (or ML) mixed model of outcome on covariates by school')
    .option(
      '--stage <stage>',
      'the stage of the imported results, e.g. KS4 (with --input: of the file\u2019s rows, by its stage column)',
    )
    .option('--year <year>', 'the academic year, e.g. 2025-26')
    .option(
      '--outcome <column>',
      'the outcome (default: outcome; for imported results, as the stage\u2019s model says)',
    )
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
          outcome: options.outcome ?? 'outcome',
          // A file has no default context: without --covariates it is the null model.
          covariates: covariates ?? [],
          stage: options.stage,
        });
        const fit = fitMixedModel(stats, { random, reml: !options.ml });
        if (incomplete > 0) console.error(`${incomplete} rows with a blank cell were left out`);
        const stage = options.stage ? ` (${options.stage})` : '';
        const formula = `${options.outcome ?? 'outcome'} ~ ${[...(covariates ?? [])].join(' + ') || '1'}`;
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
          // What is not given is left undefined: the stage's published model is fitted (and kept).
          outcome: options.outcome,
          covariates,
          randomSlope: options.randomSlope,
          reml: options.ml ? false : undefined,
        }),
      );
      console.log(
        options.json
          ? JSON.stringify(
              modelJson(result.model, {
                covariates: result.covariates,
                progress: result.progress,
                national: result.national,
              }),
              null,
              2,
            )
          : `${result.stage} ${result.academicYear}: ${result.outcome} ~ ${result.covariates.join(' + ') || '1'}\n${formatModel(result.model)}${nationalLine(result.national)}`,
      );
    });

  va.enablePositionalOptions();
  registerStageModelCommands(va);
  registerEstimatesCommand(va);

  program
    .command('low-attainment')
    .description('set the outcome below which a pupil of a stage counts as achieving very little')
    .requiredOption('--stage <stage>', 'e.g. KS4')
    .requiredOption('--below <number>', 'the threshold', Number)
    .action(async (options: { stage: string; below: number }) => {
      if (!Number.isFinite(options.below)) throw new HeadwayError('invalid', '--below must be a number');
      const { setLowAttainment } = await import('./publish.ts');
      await withContext((context) => setLowAttainment(context, options.stage, options.below));
      console.log(
        `Low attainment in ${options.stage} is now an outcome below ${options.below}; its KPIs are republished.`,
      );
    });
}

interface EstimatesOptions {
  stage: string;
  year: string;
  percentile: string;
  school?: string;
  json?: boolean;
}

const figure = (x: number | null, width: number) => (x === null ? '' : x.toFixed(2)).padStart(width);

/** The schools and areas (and the authority) with actual, estimate and target, a table to read. */
function formatUnits(result: CohortEstimates): string {
  const width = Math.max(12, ...result.units.map((u) => u.code.length + u.name.length + 3));
  const lines = [`${'unit'.padEnd(width)}  pupils    actual  estimate    target  actual − target`];
  const line = (u: UnitEstimate) => {
    const gap = u.actual === null || u.target === null ? null : u.actual - u.target;
    const indent = u.level === 'school' ? '  ' : '';
    lines.push(
      `${`${indent}${u.code} ${u.name}`.padEnd(width)}  ${String(u.pupils).padStart(6)}  ${figure(u.actual, 8)}  ${figure(u.estimate, 8)}  ${figure(u.target, 8)}  ${figure(gap, 15)}`,
    );
  };
  // Each area followed by its schools; schools whose area is not listed (a head's own) at the end.
  const areas = new Set(result.units.filter((u) => u.level === 'area').map((u) => u.code));
  for (const u of result.units.filter((u) => u.level !== 'school')) {
    line(u);
    for (const s of result.units) if (s.level === 'school' && s.area === u.code) line(s);
  }
  for (const s of result.units) if (s.level === 'school' && !(s.area !== null && areas.has(s.area))) line(s);
  const missing = result.units.find((u) => u.level !== 'school')?.withoutEstimate;
  if (missing) lines.push('', `${missing} pupils have a covariate missing and no estimate.`);
  return lines.join('\n');
}

/** One school's pupils, a row each. */
function formatPupils(result: SchoolPupilEstimates): string {
  const target = `estimate_p${result.percentile}`;
  const header = ['pupil', ...result.covariates, 'estimate', target, 'outcome', 'difference'];
  const text = (x: number | null) => (x === null ? '' : Number.isInteger(x) ? String(x) : x.toFixed(2));
  const rows = [
    header,
    ...result.pupils.map((p) => [
      p.pupil_id,
      ...result.covariates.map((c) => text(p.covariates[c] ?? null)),
      text(p.estimate),
      text(p.target),
      text(p.outcome),
      p.missing.length > 0 ? `no estimate: ${p.missing.join(', ')} missing` : text(p.difference),
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  // The pseudonym reads left to right; figures line up on the right.
  return rows
    .map((r) =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  '),
    )
    .join('\n');
}

function estimatesHeading(result: CohortEstimates | SchoolPupilEstimates): string {
  const sign = result.shift >= 0 ? '+' : '−';
  return [
    `${result.stage} ${result.academicYear}: estimates and targets at the ${ordinal(result.percentile)} percentile of value added (a school better than ${100 - result.percentile}% of schools)`,
    `estimate = the fixed part of ${result.outcome} ~ ${result.covariates.join(' + ')}; target = estimate ${sign} ${Math.abs(result.shift).toFixed(3)} (the ${ordinal(100 - result.percentile)} percentile of ${result.schools} schools’ effects)`,
    '',
    '',
  ].join('\n');
}

/** `headway va estimates`: a subcommand of `va`, whose own options and action stay as they are. */
function registerEstimatesCommand(va: Command): void {
  va.command('estimates')
    .description(
      'estimates and targets: what pupils would reach in an average school, and in one at a percentile of value added',
    )
    .requiredOption('--stage <stage>', 'e.g. KS4')
    .requiredOption('--year <year>', 'the academic year, e.g. 2025-26')
    .option(
      '--percentile <p>',
      'the percentile of schools’ value added targets are set at, 1 to 99: 20 is a school better than 80% of schools (FFT20)',
      '50',
    )
    .option('--school <code>', 'that school’s pupils, one row each (audited)')
    .option('--json', 'print JSON')
    .action(async (raw: EstimatesOptions) => {
      const percentile = Number(raw.percentile);
      if (!Number.isInteger(percentile) || percentile < 1 || percentile > 99)
        throw new HeadwayError(
          'invalid',
          `--percentile must be a whole number of 1 to 99, not "${raw.percentile}"`,
        );
      const request = { stage: raw.stage, academicYear: raw.year, percentile };
      const { cohortEstimates, pupilEstimates } = await import('./estimates.ts');
      if (raw.school) {
        const school = raw.school;
        const result = await withContext((context) => pupilEstimates(context, school, request));
        console.log(
          raw.json ? JSON.stringify(result, null, 2) : estimatesHeading(result) + formatPupils(result),
        );
        return;
      }
      const result = await withContext((context) => cohortEstimates(context, request));
      console.log(
        raw.json ? JSON.stringify(result, null, 2) : estimatesHeading(result) + formatUnits(result),
      );
    });
}
