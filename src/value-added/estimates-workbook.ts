// The pupil estimates as a workbook a head can work in: one row per pupil on the first sheet, and a
// second saying what each column means and which model and percentile the figures come from, so the file
// still explains itself when it is forwarded or opened next term.
import { type Cell, writeWorkbook } from '../tabular/write.ts';
import type { SchoolPupilEstimates } from './estimates-contract.ts';
import { ordinal } from './ordinal.ts';

const words = (name: string) => name.replaceAll('_', ' ');

/** The pupils sheet's columns, each with what it means. */
function columnsOf(result: SchoolPupilEstimates): [string, string][] {
  const p = result.percentile;
  return [
    ['pupil', 'The pupil’s pseudonym, as in the imported results (Headway holds no names)'],
    ...result.covariates.map((name): [string, string] => [
      name,
      `${name === 'prior_attainment' ? 'Prior attainment' : `Context: ${words(name)}`}, as imported (a covariate of the model; blank: not known, so the pupil has no estimate)`,
    ]),
    [
      'estimate',
      `The ${result.outcome} pupils like this one reach on average in an average school: the model’s fixed part at the pupil’s covariates`,
    ],
    [
      `estimate_p${p}`,
      `The estimate in a school at the ${ordinal(p)} percentile of value added (better than ${100 - p}% of schools): estimate ${result.shift >= 0 ? '+' : '−'} ${Math.abs(result.shift).toFixed(3)}`,
    ],
    ['outcome', `The pupil’s actual ${result.outcome}`],
    ['difference', `outcome − estimate_p${p}: above zero, the pupil reached more than the target`],
    ['missing', 'The covariates the pupil has no value for (why there is no estimate)'],
  ];
}

export async function pupilEstimatesWorkbook(result: SchoolPupilEstimates, made: string): Promise<Buffer> {
  const columns = columnsOf(result);
  const names = columns.map(([name]) => name);
  const p = `estimate_p${result.percentile}`;
  const pupils = result.pupils.map((pupil) => {
    const row: Record<string, Cell> = {
      pupil: pupil.pupil_id,
      estimate: pupil.estimate,
      [p]: pupil.target,
      outcome: pupil.outcome,
      difference: pupil.difference,
      missing: pupil.missing.join(', '),
    };
    for (const name of result.covariates) row[name] = pupil.covariates[name] ?? null;
    return row;
  });
  const about: Record<string, Cell>[] = [
    ...columns.map(([item, meaning]) => ({ item, meaning })),
    { item: '', meaning: '' },
    { item: 'school', meaning: result.school },
    { item: 'stage', meaning: result.stage },
    { item: 'academic year', meaning: result.academicYear },
    { item: 'outcome measure', meaning: result.outcome },
    {
      item: 'model',
      meaning: `The published value-added model: ${result.outcome} on ${result.covariates.join(', ')}, each school’s value added a random effect, fitted on the cohort’s ${result.schools} schools`,
    },
    ...Object.entries(result.fixed).map(([name, value]) => ({
      item: `coefficient: ${name}`,
      meaning: value,
    })),
    { item: 'percentile', meaning: result.percentile },
    {
      item: 'shift',
      meaning: `${result.shift} (the ${ordinal(100 - result.percentile)} percentile of the ${result.schools} schools’ effects, R’s quantile type 7)`,
    },
    { item: 'made on', meaning: made },
  ];
  // Figures shown to one decimal, as the outcome is reported; the cells keep every digit.
  const figures = Object.fromEntries(['estimate', p, 'difference'].map((c) => [c, '0.0']));
  const widths = Object.fromEntries(names.map((c) => [c, Math.max(10, c.length + 2)]));
  return writeWorkbook([
    { name: 'pupils', columns: names, rows: pupils, formats: figures, widths: { ...widths, pupil: 20 } },
    { name: 'about', columns: ['item', 'meaning'], rows: about, widths: { item: 28, meaning: 110 } },
  ]);
}
