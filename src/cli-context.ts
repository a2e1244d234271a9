// What every capability's CLI commands share: opening the configured database (migrated), reporting
// errors as a person can act on them, and the exit codes (1: the input was wrong, 2: Headway failed).
// Only light modules are imported up front: the database layer loads when a command first needs it,
// so `headway --help` does not pay for it.
import { type Actor, operator } from './auth/actor.ts';
import { today } from './clock.ts';
import { readConfig, settingsOf } from './config.ts';
import type { Context } from './context.ts';
import type { Database } from './db/connection.ts';
import { HeadwayError } from './errors.ts';

export const cliActor: Actor = operator('cli');

/** The context a command acts in: the operator, the configured settings, today. */
export async function withContext<T>(work: (context: Context) => Promise<T>): Promise<T> {
  return withDatabase((database) =>
    work({ db: database.db, actor: cliActor, settings: settingsOf(readConfig()), today: today() }),
  );
}

export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('./db/connection.ts');
  const { migrateToLatest } = await import('./db/migrate.ts');
  const config = readConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function reportFailure(error: unknown): Promise<number> {
  if (error instanceof HeadwayError) {
    console.error(error.message);
    if ('problems' in error) {
      // An import refused the file: list its problems (the first 1,000, then counts). Only the importer throws ImportRejected, so its
      // modules are loaded already and importing them here costs nothing.
      const { ImportRejected } = await import('./tabular/importer.ts');
      const { describeMore, describeProblem } = await import('./tabular/problems.ts');
      if (error instanceof ImportRejected) {
        for (const problem of error.report.listed) console.error(`  ${describeProblem(problem)}`);
        for (const line of describeMore(error.report)) console.error(`  ${line}`);
      }
    }
    return 1;
  }
  console.error('Headway failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  return 2;
}

export function parsePositiveInteger(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new HeadwayError('invalid', `${name} must be a whole number of 1 or more, not "${value}"`);
    return n;
  };
}

/** A command's options checked by the API's schema, or refused naming each option as typed: "--max-km: ...". */
export function parsedOptions<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  throw new HeadwayError(
    'invalid',
    result.error.issues.map((i) => `--${String(i.path[0]).replaceAll('_', '-')}: ${i.message}`).join('; '),
  );
}
