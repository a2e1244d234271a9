// A norming session's statistics as the CLI prints them: per criterion a table of raters against the
// master and the raters' agreement with each other; then each rater over all criteria.
import type { NormingStatistics, RaterAgreement } from './contract.ts';

const percent = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const fixed = (v: number | null, places = 2) => (v === null ? '–' : v.toFixed(places));

function raterLines(raters: RaterAgreement[]): string[] {
  const width = Math.max(5, ...raters.map((r) => r.rater.length));
  const head = `  ${'rater'.padEnd(width)}  cases  exact  within 1   bias  kappa`;
  return [
    head,
    ...raters.map(
      (r) =>
        `  ${r.rater.padEnd(width)}  ${String(r.cases).padStart(5)}  ${percent(r.exact).padStart(5)}  ${percent(r.within_one).padStart(8)}  ${fixed(r.bias).padStart(5)}  ${fixed(r.kappa).padStart(5)}` +
        (r.flags.length ? `  FLAGGED: ${r.flags.join('; ')}` : ''),
    ),
  ];
}

export function formatStatistics(statistics: NormingStatistics): string {
  const lines = [`Scale: ${statistics.levels.join(', ')}`];
  for (const c of statistics.criteria) {
    lines.push('', `${c.criterion}`);
    if (c.raters.length) lines.push(...raterLines(c.raters));
    else lines.push('  no master scores: agreement with the master not computed');
    const a = c.across;
    if (a) {
      const interval = (i: { value: number; lower: number; upper: number }) =>
        `${fixed(i.value)} (95% CI ${fixed(i.lower)} to ${fixed(i.upper)})`;
      lines.push(
        `  across ${a.raters} raters on the ${a.cases} cases all scored: ICC(1,1) ${interval(a.icc1)}; ICC(2,1) ${interval(a.icc2)}; ICC(3,1) ${interval(a.icc3)}`,
      );
    } else lines.push('  ICC: too few cases scored by every rater');
    lines.push(`  Fleiss' kappa ${fixed(c.fleiss_kappa)}`);
  }
  if (statistics.overall.length)
    lines.push('', 'Each rater over every criterion', ...raterLines(statistics.overall));
  return lines.join('\n');
}
