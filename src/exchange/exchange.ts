// Imports and exports of every kind, by the name used on the CLI and in the API path.
import { type Actor, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { inspectionKinds } from '../inspections/importer.ts';
import { kpiKinds } from '../kpi/kinds.ts';
import { registryKinds } from '../registry/kinds.ts';
import type { ImportReport } from '../tabular/contract.ts';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import { type Importer, type ImportOptions, runImport } from '../tabular/importer.ts';
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

export function kindFor(kind: string): ExchangeKind {
  const found = kinds[kind];
  if (!found)
    throw new HeadwayError(
      'invalid',
      `There is no import kind "${kind}" (use one of: ${exchangeKinds.join(', ')})`,
    );
  return found;
}

/** The schools a headteacher leads: their own school's figures are theirs to import. */
function ownSchools(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === 'headteacher' && !g.group).map((g) => g.org_unit);
}

/**
 * Which schools the caller may import a kind for: every one (null) with the kind's write permission held
 * for the whole authority; their own (a head's, for a kind with a school column such as data values);
 * otherwise refused, saying why.
 */
export function uploadScope(actor: Actor, kind: string, found: ExchangeKind): ReadonlySet<string> | null {
  const permission = `${found.permission}:write` as const;
  if (actor.scope.all && actor.permissions.has(permission)) return null;
  const own = ownSchools(actor);
  if (found.ownSchoolColumn && own.length > 0) return new Set(own);
  requireWholeSystem(actor, permission);
  throw new HeadwayError('forbidden', `You may not import ${kind}`);
}

/** The kind's importer, refusing (by row and column) rows for schools other than `schools`. */
function ownSchoolsOnly<T, P>(
  importer: Importer<T, P>,
  column: string,
  schools: ReadonlySet<string>,
): Importer<T, P> {
  const yours = [...schools].sort().join(', ');
  const reason = `is not your school: a head imports figures for their own school only (${yours})`;
  return {
    ...importer,
    async check(db, records, columns, problems, today) {
      for (const { row, value } of records) {
        const code = (value as Record<string, unknown>)[column];
        if (typeof code === 'string' && !schools.has(code))
          problems.add({ row, column, message: `${code} ${reason}`, reason });
      }
      return importer.check(db, records, columns, problems, today);
    },
  };
}

/** The importer the caller may use: the kind's own, or a head's limited to their schools. */
function importerFor(actor: Actor, kind: string): Importer<unknown, unknown> {
  const found = kindFor(kind);
  const only = uploadScope(actor, kind, found);
  return only && found.ownSchoolColumn
    ? ownSchoolsOnly(found.importer, found.ownSchoolColumn, only)
    : found.importer;
}

export async function importTable(
  context: Context,
  kind: string,
  table: Table,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runImport(context, importerFor(context.actor, kind), table, options);
}

export async function importFile(
  context: Context,
  kind: string,
  file: UploadedFile,
  options?: ImportOptions,
): Promise<ImportReport> {
  const importer = importerFor(context.actor, kind);
  return runImport(context, importer, await readTable(file), { fileName: file.name, ...options });
}

export async function exportKind({ db, actor }: Context, kind: string) {
  const { importer, permission, exportQuery, exportColumns } = kindFor(kind);
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
