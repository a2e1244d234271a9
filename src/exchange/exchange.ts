// Imports and exports of every kind, by the name used on the CLI and in the API path.
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { inspectionKinds } from '../inspections/importer.ts';
import { kpiKinds } from '../kpi/kinds.ts';
import { registryKinds } from '../registry/kinds.ts';
import type { ImportReport } from '../tabular/contract.ts';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import { type ImportOptions, runImport } from '../tabular/importer.ts';
import { readTable, type Table, type UploadedFile } from '../tabular/read.ts';
import type { Cell } from '../tabular/write.ts';
import { valueAddedKinds } from '../value-added/imports.ts';

// In the order a new installation imports them: each kind refers to the ones before.
const kinds: Record<string, ExchangeKind> = {
  ...registryKinds,
  ...kpiKinds,
  ...valueAddedKinds,
  ...inspectionKinds,
};
export const exchangeKinds = Object.keys(kinds) as [string, ...string[]];

function kindNamed(kind: string): ExchangeKind {
  const found = kinds[kind];
  if (!found)
    throw new HeadwayError(
      'invalid',
      `There is no import kind "${kind}" (use one of: ${exchangeKinds.join(', ')})`,
    );
  return found;
}

export async function importTable(
  context: Context,
  kind: string,
  table: Table,
  options?: ImportOptions,
): Promise<ImportReport> {
  const { importer, permission } = kindNamed(kind);
  requireWholeSystem(context.actor, `${permission}:write`);
  return runImport(context, importer, table, options);
}

export async function importFile(
  context: Context,
  kind: string,
  file: UploadedFile,
  options?: ImportOptions,
): Promise<ImportReport> {
  const { importer, permission } = kindNamed(kind);
  requireWholeSystem(context.actor, `${permission}:write`);
  return runImport(context, importer, await readTable(file), { fileName: file.name, ...options });
}

export async function exportKind({ db, actor }: Context, kind: string) {
  const { importer, permission, exportQuery, exportColumns } = kindNamed(kind);
  // Exports are whole tables, so they are for roles held for the whole authority.
  requireWholeSystem(actor, `${permission}:read`);
  const { rows } = await exportQuery.execute(db);
  // Every view of pupil rows is audited.
  if (permission === 'pupils')
    await recordAudit(db, actor, 'view', kind, { export: true, rows: rows.length });
  const table = exportColumns
    ? exportColumns(rows as Record<string, unknown>[])
    : { columns: [...importer.columns.all], rows: rows as Record<string, unknown>[] };
  return { columns: table.columns, rows: table.rows as Record<string, Cell>[] };
}
