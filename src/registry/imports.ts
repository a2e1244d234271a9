// The registry's import kinds, by the name used on the CLI and in the API path.
import type { Actor } from '../auth/actor.ts';
import { requirePermission } from '../auth/actor.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { type Importer, type ImportOptions, type ImportReport, runImport } from '../tabular/importer.ts';
import { readTable, type Table, type UploadedFile } from '../tabular/read.ts';
import { orgUnitImporter } from './import-org-units.ts';
import { designationImporter, personImporter, postImporter } from './import-people.ts';
import { schoolImporter } from './import-schools.ts';

export const registryImportKinds = ['org-units', 'schools', 'people', 'posts', 'designations'] as const;
export type RegistryImportKind = (typeof registryImportKinds)[number];

// biome-ignore lint/suspicious/noExplicitAny: each importer has its own record and plan types
const importers: Record<RegistryImportKind, Importer<any, any>> = {
  'org-units': orgUnitImporter,
  schools: schoolImporter,
  people: personImporter,
  posts: postImporter,
  designations: designationImporter,
};

export function registryImporter(kind: string) {
  const importer = importers[kind as RegistryImportKind];
  if (!importer) {
    throw new HeadwayError(
      'not_found',
      `There is no import kind "${kind}" (use one of: ${registryImportKinds.join(', ')})`,
    );
  }
  return importer;
}

export async function importRegistryTable(
  db: Db,
  actor: Actor,
  kind: string,
  table: Table,
  options?: ImportOptions,
): Promise<ImportReport> {
  requirePermission(actor, 'registry:write');
  return runImport(db, actor, registryImporter(kind), table, options);
}

export async function importRegistryFile(
  db: Db,
  actor: Actor,
  kind: string,
  file: UploadedFile,
  options?: ImportOptions,
): Promise<ImportReport> {
  requirePermission(actor, 'registry:write');
  const importer = registryImporter(kind);
  return runImport(db, actor, importer, await readTable(file), { fileName: file.name, ...options });
}
