// Data elements Headway computes rather than imports, such as the challenges log's measures. The
// capability that computes them registers a source at the composition root (src/capabilities.ts), so
// the roll-up, completeness, concerns and the data-value importer treat them as computed without the
// KPI capability knowing the capabilities above it.
import type { Db } from '../db/types.ts';
import type { Period } from './periods.ts';
import type { ElementTotal, ResolvedUnits } from './unit-totals.ts';

export interface ComputedElementSource {
  /** What its elements are computed from, for a message: "the challenges log". */
  from: string;
  owns(element: string): boolean;
  /**
   * True for an element whose value at one school says something of that school (a school's teachers
   * short of its norm), so its indicators raise concerns and reasons for attention. Left out, the
   * source's elements describe how work is run (the challenges log's measures) or a group of schools
   * (a percentile, a regression), and raise none.
   */
  describesSchool?(element: string): boolean;
  /** The totals of its own elements among `elements`, in the shape of imported totals. */
  totals(db: Db, units: ResolvedUnits, elements: string[], periods: Period[]): Promise<ElementTotal[]>;
}

const sources: ComputedElementSource[] = [];

export function registerComputedElements(source: ComputedElementSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** The source that computes this element, if it is computed. */
export const computedSourceOf = (element: string): ComputedElementSource | undefined =>
  sources.find((source) => source.owns(element));

export const isComputedElement = (element: string): boolean => computedSourceOf(element) !== undefined;

/** True for an indicator measured on computed elements alone: not a school's own performance data. */
export const isComputedIndicator = (indicator: { elements: readonly string[] }): boolean =>
  indicator.elements.every(isComputedElement);

/**
 * True for an indicator whose value at one school says nothing of that school: computed elements alone,
 * none of which its source says describes a school. Concerns and attention pass over it.
 */
export const describesNoSchool = (indicator: { elements: readonly string[] }): boolean =>
  indicator.elements.every((element) => {
    const source = computedSourceOf(element);
    return source !== undefined && !source.describesSchool?.(element);
  });

/** The computed elements among `elements`, each from its source (imported ones are left to the caller). */
export async function computedElementTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const parts = await Promise.all(
    sources.map((source) => {
      const own = elements.filter((element) => source.owns(element));
      return own.length ? source.totals(db, units, own, periods) : Promise.resolve([]);
    }),
  );
  return parts.flat();
}
