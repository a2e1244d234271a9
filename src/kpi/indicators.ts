// Indicator definitions as the roll-up uses them: parsed expressions, the elements they need, and bands.
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import type { Band } from './contract.ts';
import { merit, thresholdMerit } from './direction.ts';
import { type Expression, elementsOf, parseExpression } from './expression.ts';
import type { IndicatorDefinition } from './schema.ts';

export interface Indicator extends IndicatorDefinition {
  id: number;
  parsed: { numerator: Expression; denominator: Expression };
  /** The data elements the numerator and denominator use, sorted. */
  elements: string[];
}

function toIndicator(row: IndicatorDefinition & { id: number }): Indicator {
  const numerator = parseExpression(row.numerator);
  const denominator = parseExpression(row.denominator);
  return {
    ...row,
    parsed: { numerator, denominator },
    elements: [...new Set([...elementsOf(numerator), ...elementsOf(denominator)])].sort(),
  };
}

export async function listIndicators(db: Db): Promise<Indicator[]> {
  const rows = await db.selectFrom('indicator').selectAll().orderBy('id').execute();
  return rows.map(toIndicator);
}

export async function indicatorByCode(db: Db, code: string): Promise<Indicator> {
  const row = await db.selectFrom('indicator').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`Indicator ${code}`);
  return toIndicator(row);
}

/**
 * Red beyond the red threshold, amber beyond the amber one, green otherwise; "beyond" is below when
 * higher is better, above when lower is better, and further from 1 than the threshold (a distance) for a
 * parity index. A value exactly on a threshold is the better band.
 * Where the unit has a target, a value short of it is at best amber: green means on target, so 94.0%
 * attendance against a 95% target is amber even above the amber threshold (the packs' key says so),
 * unless the indicator's `below_target` is "thresholds" (its target is an aspiration, shown as such).
 * A parity index falls short of its target when it is further from 1 than the target is.
 */
export function bandOf(
  indicator: Pick<Indicator, 'direction' | 'red' | 'amber' | 'below_target'>,
  value: number | null,
  target: number | null = null,
): Band | null {
  if (value === null || (indicator.red === null && indicator.amber === null)) return null;
  const { direction } = indicator;
  const worse = (threshold: number | null) =>
    threshold !== null && merit(direction, value) < thresholdMerit(direction, threshold);
  if (worse(indicator.red)) return 'red';
  const short = target !== null && merit(direction, value) < merit(direction, target);
  if (worse(indicator.amber) || (indicator.below_target !== 'thresholds' && short)) return 'amber';
  return 'green';
}

/** A value as packs and messages show it: to the indicator's decimals, with % for a percentage. */
export function formatValue(indicator: Pick<Indicator, 'decimals' | 'unit'>, value: number | null): string {
  if (value === null) return '–';
  // Grouped as the web app shows it (46,553), so a pack, an agenda and a page print the same figure.
  const shown = value.toLocaleString('en-GB', {
    minimumFractionDigits: indicator.decimals,
    maximumFractionDigits: indicator.decimals,
  });
  return `${shown}${indicator.unit === '%' ? '%' : ''}`;
}
