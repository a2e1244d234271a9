// Runs an import all-or-nothing: parse every row, check every reference, and only when nothing is wrong
// write everything in one transaction (a dry run writes and rolls back, so its counts are exact).
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import type { Table } from './read.ts';
import { type ColumnSpec, describeProblem, parseRecords, type RowProblem } from './records.ts';

export interface Checked<P> {
  problems: RowProblem[];
  plan: P;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
}

export interface Importer<T, P> {
  kind: string;
  columns: ColumnSpec;
  shape: z.ZodType<T>;
  /** Checks references and cross-row rules against the file and the database; writes nothing. */
  check(db: Db, records: { row: number; value: T }[], columns: Set<string>): Promise<Checked<P>>;
  write(db: Db, plan: P): Promise<WriteCounts>;
}

export interface ImportOptions {
  dryRun?: boolean;
  fileName?: string;
  onProgress?: (stage: 'checking' | 'writing' | 'done', rows: number) => void;
}

export interface ImportReport extends WriteCounts {
  kind: string;
  rows: number;
  unchanged: number;
  dryRun: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly counts: WriteCounts) {
    super('dry run');
  }
}

export class ImportRejected extends HeadwayError {
  constructor(
    readonly problems: RowProblem[],
    kind: string,
    /** A file, or values sent in an API request body. */
    source: 'file' | 'request',
  ) {
    super(
      'unprocessable',
      `The ${kind} ${source} was not imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was written`,
      problems.map((p) => ({ ...p, text: describeProblem(p) })),
    );
  }
}

export async function runImport<T, P>(
  db: Db,
  actor: Actor,
  importer: Importer<T, P>,
  table: Table,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const rows = table.rows.length;
  options.onProgress?.('checking', rows);
  const parsed = parseRecords(table, importer.columns, importer.shape);
  // References are checked on the rows that parsed even when others did not, so one pass reports as
  // much as it can (a row with a bad value is not also checked for an unknown code).
  const checked = await importer.check(db, parsed.records, parsed.columns);
  const problems = [...parsed.problems, ...checked.problems].sort(
    (a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''),
  );
  const source = options.fileName ? 'file' : 'request';
  if (problems.length > 0) throw new ImportRejected(problems, importer.kind, source);
  if (rows === 0)
    throw new ImportRejected(
      [{ row: null, column: null, message: `the ${source} has no rows` }],
      importer.kind,
      source,
    );

  options.onProgress?.('writing', rows);
  let counts: WriteCounts;
  try {
    counts = await db.transaction().execute(async (trx) => {
      const { inserted, updated } = await importer.write(trx, checked.plan);
      const written = { inserted, updated };
      if (options.dryRun) throw new DryRunRollback(written);
      await recordAudit(trx, actor, 'import', importer.kind, {
        file: options.fileName ?? null,
        rows,
        ...written,
      });
      return written;
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    counts = error.counts;
  }
  options.onProgress?.('done', rows);
  return {
    kind: importer.kind,
    rows,
    ...counts,
    unchanged: rows - counts.inserted - counts.updated,
    dryRun: options.dryRun ?? false,
  };
}
