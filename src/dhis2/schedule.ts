// The scheduled pull: every HEADWAY_DHIS2_PULL_EVERY_HOURS the server pulls the configured range, as the
// DHIS2 pull's own operator. One run at a time; a run that fails is in the runs list like any other,
// and the schedule goes on. The credentials are never in what it logs.
import { operator } from '../auth/actor.ts';
import { today } from '../clock.ts';
import type { Settings } from '../config.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { pullFromDhis2 } from './pull.ts';

/** Starts the schedule when one is configured; gives the function that stops it. */
export function startDhis2Schedule(db: Db, settings: Settings, log: (line: string) => void): () => void {
  const hours = settings.dhis2?.everyHours;
  if (!hours) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const context = contextFor(db, operator('DHIS2 scheduled pull'), { settings, today: today() });
      const result = await pullFromDhis2(context);
      log(`DHIS2 pull ${result.from_period}-${result.to_period}: ${result.status}`);
    } catch (error) {
      log(`DHIS2 pull failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), hours * 3_600_000);
  timer.unref();
  log(`DHIS2 pull scheduled every ${hours} hour${hours === 1 ? '' : 's'}`);
  return () => clearInterval(timer);
}
