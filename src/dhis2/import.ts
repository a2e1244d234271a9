// A DHIS2 dataValueSets payload imported all or nothing through Headway's data-value import (the same
// checks and scope as a file: a head sends their own school's values), answered in DHIS2's import summary
// shape beside Headway's own report: counts on success; on any problem, every problem as a conflict and
// nothing written.
import type { Context } from '../context.ts';
import { importTable } from '../exchange/exchange.ts';
import { ImportRejected } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/problems.ts';
import type { Dhis2ImportSummary, ImportQuery } from './contract.ts';
import { loadMapping } from './mapping.ts';
import { dhis2Column, type ParsedPayload, parseJsonPayload, translatePayload } from './payload.ts';

/** A problem as DHIS2 says a conflict: what it is about, and what is wrong, by the payload's value. */
function conflictOf(problem: RowProblem, payload: ParsedPayload) {
  const column = problem.column === null ? null : (dhis2Column[problem.column] ?? problem.column);
  const value = payload.values.find((v) => v.row === problem.row);
  const object =
    value && column && column in value ? String(value[column as keyof typeof value]) : (column ?? 'payload');
  const where = [problem.row === null ? null : `row ${problem.row}`, column && `column ${column}`]
    .filter(Boolean)
    .join(', ');
  return {
    object,
    value: where ? `${where}: ${problem.message}` : problem.message,
    indexes: problem.row === null || !value ? [] : [payload.values.indexOf(value)],
  };
}

export async function importDataValueSet(
  context: Context,
  payload: ParsedPayload,
  query: ImportQuery,
): Promise<Dhis2ImportSummary> {
  const translated = translatePayload(payload, await loadMapping(context.db), query);
  const base = {
    responseType: 'ImportSummary' as const,
    dataSetComplete: payload.completeDate ?? (false as const),
  };
  try {
    const report = await importTable(context, 'data-values', translated.table, {
      dryRun: query.dry_run === 'true',
      found: translated.problems,
    });
    return {
      ...base,
      status: 'SUCCESS',
      description: report.dryRun
        ? 'Dry run: checked, nothing written'
        : 'Import process completed successfully',
      importCount: {
        imported: report.inserted,
        updated: report.updated,
        ignored: report.unchanged,
        deleted: 0,
      },
      conflicts: [],
      report,
    };
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    const rejected = error;
    return {
      ...base,
      status: 'ERROR',
      description: rejected.message,
      importCount: { imported: 0, updated: 0, ignored: payload.values.length, deleted: 0 },
      conflicts: rejected.problems.map((p) => conflictOf(p, payload)),
      report: null,
    };
  }
}

/**
 * `POST /data-values` with a DHIS2 payload: the same translation, answered as Headway's own import is
 * (its report, or the 422 of a rejected import with every problem).
 */
export async function importDhis2AsDataValues(context: Context, body: unknown, dryRun: boolean) {
  const translated = translatePayload(parseJsonPayload(body), await loadMapping(context.db), {});
  return importTable(context, 'data-values', translated.table, { dryRun, found: translated.problems });
}
