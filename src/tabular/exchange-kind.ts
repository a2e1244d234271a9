// What a kind of file exchanged with Headway is: an importer, the permission it needs, and the query
// that exports it in the same format.
import type { RawBuilder } from 'kysely';
import type { Importer } from './importer.ts';

export interface ExchangeKind {
  // biome-ignore lint/suspicious/noExplicitAny: each importer has its own record and plan types
  importer: Importer<any, any>;
  /** The capability whose read and write permissions govern this kind. */
  permission: 'registry' | 'kpi' | 'pupils';
  exportQuery: RawBuilder<unknown>;
  /**
   * The column naming each row's school, for a kind a head may import for their own school (data
   * values): a headteacher's rows for any other school are refused by row and column.
   */
  ownSchoolColumn?: string;
  /** Columns beyond the format's own, from the exported rows (a pupil's context columns). */
  exportColumns?: (rows: Record<string, unknown>[]) => { columns: string[]; rows: Record<string, unknown>[] };
}
