// The specialists capability's table: the catalogue of specialisms designations list and needs ask for.
import type { ColumnType, Generated } from 'kysely';
import type { SpecialismFamily } from './lists.ts';

interface SpecialismTable {
  code: string;
  name: string;
  family: SpecialismFamily;
  description: Generated<string>;
  /** Indicators whose weakness asks for the specialism: a need the rules raise for one names it. */
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  retired: Generated<boolean>;
  position: number;
}

export interface SpecialistTables {
  specialism: SpecialismTable;
}
