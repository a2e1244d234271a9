// Runs an import all-or-nothing: parse every row, check every reference, and only when nothing is wrong
// write everything in one transaction (a dry run writes and rolls back, so its counts are exact). A
// rejected file is answered with its first 1,000 problems and the rest counted (problems.ts).
import type { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import type { ImportReport } from './contract.ts';
import {
  describeProblem,
  formatCount,
  ProblemCollector,
  type ProblemReport,
  type RowProblem,
} from './problems.ts';
import type { TableSource } from './read.ts';
import { type ColumnSpec, parseRecords } from './records.ts';

interface WriteCounts {
  inserted: number;
  updated: number;
}

export interface Importer<T, P> {
  kind: string;
  columns: ColumnSpec;
  shape: z.ZodType<T>;
  /**
   * Checks references and cross-row rules against the file and the database, adding what is wrong to
   * `problems`; writes nothing. The plan it gives is written only if no problem was found at all, so it
   * need not be built once `problems.total` is above 0.
   */
  check(
    db: Db,
    records: { row: number; value: T }[],
    columns: Set<string>,
    problems: ProblemCollector,
    /** The day the import is made (the context's today): a date after it is in the future. */
    today: string,
  ): Promise<P>;
  write(db: Db, plan: P): Promise<WriteCounts>;
}

export interface ImportOptions {
  dryRun?: boolean;
  fileName?: string;
  onProgress?: (stage: 'checking' | 'writing' | 'done', rows: number) => void;
  /**
   * Problems found before the rows were read (a DHIS2 payload's ids that do not translate): reported as
   * the import's own, and what the checks would say again of those cells is not added.
   */
  found?: readonly RowProblem[];
}

class DryRunRollback extends Error {
  constructor(readonly counts: WriteCounts) {
    super('dry run');
  }
}

export class ImportRejected extends HeadwayError {
  /** The problems listed in full: the first in row order. */
  readonly problems: RowProblem[];

  constructor(
    readonly report: ProblemReport,
    kind: string,
    /** A file, or values sent in an API request body. */
    source: 'file' | 'request',
  ) {
    const { total, listed } = report;
    const unlisted = total - listed.length;
    super(
      'unprocessable',
      `The ${kind} ${source} was not imported: ${formatCount(total)} problem${total === 1 ? '' : 's'} found, nothing was written` +
        (unlisted > 0
          ? `. The first ${formatCount(listed.length)} are listed; the other ${formatCount(unlisted)} are counted by column and reason`
          : ''),
      listed.map((p) => ({ ...p, reason: p.reason ?? p.message, text: describeProblem(p) })),
    );
    this.problems = listed;
  }

  override toJSON() {
    const { total, listed, more } = this.report;
    return { error: { ...super.toJSON().error, problems: { total, listed: listed.length, more } } };
  }
}

export async function runImport<T, P>(
  { db, actor, today }: Context,
  importer: Importer<T, P>,
  table: TableSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const problems = new ProblemCollector();
  for (const problem of options.found ?? []) {
    problems.add(problem);
    if (problem.row !== null && problem.column !== null) problems.reported(problem.row, problem.column);
  }
  const parsed = await parseRecords(table, importer.columns, importer.shape, problems);
  const rows = parsed.rows;
  options.onProgress?.('checking', rows);
  // References are checked on every row, those with a cell that did not parse too (with that cell's
  // text in its place, and nothing more said about that cell), so one pass reports every problem of a
  // row: a bad number and an unknown element on one row are two problems.
  const plan = await importer.check(db, parsed.records, parsed.columns, problems, today);
  const source = options.fileName ? 'file' : 'request';
  if (problems.total > 0) throw new ImportRejected(problems.report(), importer.kind, source);
  if (rows === 0) {
    problems.add({ row: null, column: null, message: `the ${source} has no rows` });
    throw new ImportRejected(problems.report(), importer.kind, source);
  }

  options.onProgress?.('writing', rows);
  let counts: WriteCounts;
  try {
    counts = await db.transaction().execute(async (trx) => {
      const { inserted, updated } = await importer.write(trx, plan);
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
