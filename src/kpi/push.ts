// Indicators and data values sent as JSON to the API: the same importers, checks and all-or-nothing
// writes as a file, so a value pushed by DHIS2 and a row of a spreadsheet are held to one standard.
import type { Context } from '../context.ts';
import { importTable } from '../exchange/exchange.ts';
import type { ImportReport } from '../tabular/contract.ts';
import { recordsToTable } from '../tabular/read.ts';
import { dataValuesPayloadToTable } from './dhis2.ts';

/** Add or edit indicators by code, each row as an indicators import row. */
export function saveIndicators(
  context: Context,
  rows: Record<string, unknown>[],
  options: { dryRun: boolean },
): Promise<ImportReport> {
  return importTable(context.db, context.actor, 'indicators', recordsToTable(rows), options);
}

/** Monthly data values: Headway's own rows or a DHIS2 dataValueSets payload. */
export function pushDataValues(
  context: Context,
  payload: unknown,
  options: { dryRun: boolean },
): Promise<ImportReport> {
  return importTable(context.db, context.actor, 'data-values', dataValuesPayloadToTable(payload), options);
}
