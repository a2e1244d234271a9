// A norming session's statistics from its scores (case, rater, criterion, score, the master's score):
// per criterion each rater against the master and the raters against each other; each rater over all
// criteria; raters outside the tolerance flagged with the reason.
import {
  agreementWithinOne,
  bias,
  exactAgreement,
  fleissKappa,
  intraclassCorrelations,
  type Pair,
  quadraticWeightedKappa,
} from './agreement.ts';
import type { CriterionAgreement, NormingStatistics, RaterAgreement, Tolerance } from './contract.ts';

export interface Score {
  case: string;
  rater: string;
  criterion: string;
  /** Null: the rater did not score this case. */
  score: number | null;
  master: number | null;
}

/** Flagged when under 80% within one level, biased by more than half a level, or kappa under 0.6. */
export const defaultTolerance: Tolerance = { within_one: 0.8, bias: 0.5, kappa: 0.6 };

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function flagsOf(agreement: Omit<RaterAgreement, 'flags'>, tolerance: Tolerance): string[] {
  const flags: string[] = [];
  const percent = (v: number) => `${Math.round(v * 100)}%`;
  if (agreement.within_one !== null && agreement.within_one < tolerance.within_one)
    flags.push(`${percent(agreement.within_one)} within one level (under ${percent(tolerance.within_one)})`);
  if (agreement.bias !== null && Math.abs(agreement.bias) > tolerance.bias)
    flags.push(
      `${agreement.bias > 0 ? 'lenient' : 'harsh'} by ${Math.abs(agreement.bias).toFixed(2)} levels`,
    );
  if (agreement.kappa !== null && agreement.kappa < tolerance.kappa)
    flags.push(`weighted kappa ${agreement.kappa.toFixed(2)} (under ${tolerance.kappa})`);
  return flags;
}

function raterAgreement(
  rater: string,
  pairs: Pair[],
  levels: number[],
  tolerance: Tolerance,
): RaterAgreement {
  const agreement = {
    rater,
    cases: pairs.filter((p) => p.rater !== null && p.master !== null).length,
    exact: exactAgreement(pairs),
    within_one: agreementWithinOne(pairs),
    bias: bias(pairs),
    kappa: quadraticWeightedKappa(pairs, levels),
  };
  return { ...agreement, flags: flagsOf(agreement, tolerance) };
}

export function sessionStatistics(
  scores: readonly Score[],
  levels: number[],
  tolerance: Tolerance = defaultTolerance,
): NormingStatistics {
  const raters = [...new Set(scores.map((s) => s.rater))].sort(byText);
  const criteria = [...new Set(scores.map((s) => s.criterion))].sort(byText);
  const pairsOverall = new Map<string, Pair[]>(raters.map((r) => [r, []]));
  const perCriterion: CriterionAgreement[] = criteria.map((criterion) => {
    const rows = scores.filter((s) => s.criterion === criterion);
    const cases = [...new Set(rows.map((s) => s.case))].sort(byText);
    const scoreOf = new Map(rows.map((s) => [`${s.case}\u0000${s.rater}`, s.score]));
    const masterOf = new Map<string, number>();
    for (const s of rows) if (s.master !== null) masterOf.set(s.case, s.master);
    const against =
      masterOf.size === 0
        ? []
        : raters.map((rater) => {
            const pairs = cases.map((c) => ({
              rater: scoreOf.get(`${c}\u0000${rater}`) ?? null,
              master: masterOf.get(c) ?? null,
            }));
            pairsOverall.get(rater)?.push(...pairs);
            return raterAgreement(rater, pairs, levels, tolerance);
          });
    const table = cases.map((c) => raters.map((r) => scoreOf.get(`${c}\u0000${r}`) ?? null));
    const counts = table.map((row) => levels.map((level) => row.filter((v) => v === level).length));
    return {
      criterion,
      raters: against,
      across: intraclassCorrelations(table),
      fleiss_kappa: fleissKappa(counts),
    };
  });
  const overall = raters
    .filter((r) => (pairsOverall.get(r) ?? []).length > 0)
    .map((r) => raterAgreement(r, pairsOverall.get(r) ?? [], levels, tolerance));
  return { levels, tolerance, criteria: perCriterion, overall };
}
