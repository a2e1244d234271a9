// What the roll-up's queries pass between them: the units a question is about, with the schools beneath
// each, and element totals per unit and period. Kept apart from queries.ts so that a computed element
// source (computed-elements.ts) can speak them without importing the queries that call it.

export interface UnitRow {
  code: string;
  name: string;
  level: string;
  /** Counting only its schools of this phase (`ofPhase`): read from values, not the maintained totals. */
  phase?: string;
}

/** The units a selector names, and which schools lie beneath each (a school counts for itself). */
export interface ResolvedUnits {
  units: UnitRow[];
  /** Parallel arrays: pair i says school schoolIds[i] lies beneath unit unitCodes[i]. */
  unitCodes: string[];
  schoolIds: number[];
}

export interface ElementTotal {
  unit_code: string;
  period: string;
  element: string;
  total: number;
}
