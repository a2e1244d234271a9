// The one request context every domain verb takes first: the database, who is asking, the
// installation's settings and the day it is. Built once per HTTP request (server.ts) and once per CLI
// command (cli-context.ts), so a handler passes one value instead of restating where each part lives.
import type { Actor } from './auth/actor.ts';
import { today as clockToday } from './clock.ts';
import { readConfig, type Settings, settingsOf } from './config.ts';
import type { Db } from './db/types.ts';

export interface Context {
  db: Db;
  actor: Actor;
  settings: Settings;
  /** The day the request is made (YYYY-MM-DD): the default for "as of" and the date a change is made on. */
  today: string;
}

/** The settings of an installation that sets none (config.ts's defaults). */
export const defaultSettings: Settings = settingsOf(readConfig({}));

/** A context for this database and caller; tests and the demo loader pass a fixed day. */
export function contextFor(
  db: Db,
  actor: Actor,
  options: { settings?: Settings; today?: string } = {},
): Context {
  return { db, actor, settings: options.settings ?? defaultSettings, today: options.today ?? clockToday() };
}

/** The same caller and day on another executor: a transaction, or a connection that outlives the request. */
export function withDb(context: Context, db: Db): Context {
  return { ...context, db };
}
