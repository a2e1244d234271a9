// What every capability's CLI commands share: opening the configured database (migrated), reporting
// errors as a person can act on them, and the exit codes (1: the input was wrong, 2: Headway failed).
import { type Actor, operator } from './auth/actor.ts';
import { readConfig } from './config.ts';
import { type Database, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { HeadwayError } from './errors.ts';
import { ImportRejected } from './tabular/importer.ts';
import { describeMore, describeProblem } from './tabular/problems.ts';

export const cliActor: Actor = operator('cli');

export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

export function reportFailure(error: unknown): number {
  if (error instanceof ImportRejected) {
    console.error(error.message);
    for (const problem of error.report.listed) console.error(`  ${describeProblem(problem)}`);
    for (const line of describeMore(error.report)) console.error(`  ${line}`);
    return 1;
  }
  if (error instanceof HeadwayError) {
    console.error(error.message);
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
