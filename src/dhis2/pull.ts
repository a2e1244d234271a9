// The pull from a DHIS2 server: for each month of the range, `GET /api/dataValueSets.json` for the data set
// and the org unit root with its children, imported all or nothing as a payload pushed to Headway is.
// A month that fails (a conflict, a server error) is reported and leaves the others as they were. The
// credentials go in the Authorization header only: never in a URL, a message, a log or the run's row.
import { requireWholeSystem } from '../auth/actor.ts';
import type { Dhis2Config } from '../config.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import type { PullInput, PullOverview, PullPeriodResult, PullRun } from './contract.ts';
import { importDataValueSet } from './import.ts';
import { loadMapping } from './mapping.ts';
import { parseJsonPayload } from './payload.ts';
import { dhis2MonthsBetween } from './periods.ts';

const NOT_CONFIGURED =
  'The DHIS2 pull is not configured: set HEADWAY_DHIS2_URL, HEADWAY_DHIS2_DATA_SET, HEADWAY_DHIS2_ORG_UNIT and ' +
  'HEADWAY_DHIS2_TOKEN (or HEADWAY_DHIS2_USERNAME and HEADWAY_DHIS2_PASSWORD)';

/** How long one period's request may take before it counts as failed. */
const REQUEST_TIMEOUT_MS = 120_000;

function authorization(auth: Dhis2Config['auth']): string {
  return 'token' in auth
    ? `ApiToken ${auth.token}`
    : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

const credentialVariables = (auth: Dhis2Config['auth']) =>
  'token' in auth ? 'HEADWAY_DHIS2_TOKEN' : 'HEADWAY_DHIS2_USERNAME and HEADWAY_DHIS2_PASSWORD';

/** The last day of a DHIS2 month (202602 → 2026-02-28). */
function monthDates(period: string): { start: string; end: string } {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(4, 6));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The default range: the configured number of months ending with this one. */
function defaultRange(today: string, months: number): { from: string; to: string } {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const id = (i: number) => `${Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`;
  return { from: id(index - months + 1), to: id(index) };
}

class Unauthorised extends Error {}

async function fetchPeriod(config: Dhis2Config, orgUnit: string, period: string): Promise<unknown> {
  const { start, end } = monthDates(period);
  const query = new URLSearchParams({
    dataSet: config.dataSet,
    orgUnit,
    children: 'true',
    startDate: start,
    endDate: end,
  });
  const response = await fetch(`${config.url}/api/dataValueSets.json?${query}`, {
    headers: { authorization: authorization(config.auth), accept: 'application/json' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    redirect: 'error',
  });
  if (response.status === 401 || response.status === 403)
    throw new Unauthorised(
      `DHIS2 at HEADWAY_DHIS2_URL refused the credentials (${response.status}): check ${credentialVariables(config.auth)}`,
    );
  if (!response.ok) throw new Error(`DHIS2 answered ${response.status} ${response.statusText}`.trim());
  try {
    return await response.json();
  } catch {
    throw new Error('DHIS2 answered with something that is not JSON');
  }
}

const failed = (period: string, message: string): PullPeriodResult => ({
  period,
  status: 'failed',
  values: 0,
  imported: 0,
  updated: 0,
  ignored: 0,
  message,
});

async function pullPeriod(context: Context, config: Dhis2Config, orgUnit: string, period: string) {
  let body: unknown;
  try {
    body = await fetchPeriod(config, orgUnit, period);
  } catch (error) {
    if (error instanceof Unauthorised) throw error;
    const reason =
      (error as Error).name === 'TimeoutError' ? 'DHIS2 did not answer in time' : (error as Error).message;
    return failed(period, reason);
  }
  // A period without values is answered without a dataValues list.
  const payload = parseJsonPayload({ dataValues: [], ...(body as object) });
  if (payload.values.length === 0)
    return {
      period,
      status: 'imported' as const,
      values: 0,
      imported: 0,
      updated: 0,
      ignored: 0,
      message: null,
    };
  const summary = await importDataValueSet(context, payload, { idScheme: 'UID' });
  if (summary.status === 'ERROR') {
    const first = summary.conflicts.slice(0, 3).map((c) => c.value);
    return failed(
      period,
      `${summary.description}: ${first.join('; ')}${summary.conflicts.length > 3 ? '; …' : ''}`,
    );
  }
  return {
    period,
    status: 'imported' as const,
    values: payload.values.length,
    ...summary.importCount,
    message: null,
  };
}

/** Pulls each month of the range (default: the configured number of months ending with this one). */
export async function pullFromDhis2(context: Context, input: PullInput = {}): Promise<PullRun> {
  const { db, actor, settings, today } = context;
  requireWholeSystem(actor, 'kpi:write');
  const config = settings.dhis2;
  if (!config) throw new HeadwayError('invalid', NOT_CONFIGURED);
  const range = { ...defaultRange(today, config.months), ...input };
  const periods = dhis2MonthsBetween(range.from, range.to);
  // The root may be named by its Headway code when the mapping gives its UID.
  const orgUnit = (await loadMapping(db)).uidOf('org_unit', config.orgUnit) ?? config.orgUnit;
  const { id } = await db
    .insertInto('dhis2_pull_run')
    .values({ started_by: actor.name, status: 'running', from_period: range.from, to_period: range.to })
    .returning('id')
    .executeTakeFirstOrThrow();
  const results: PullPeriodResult[] = [];
  let message: string | null = null;
  for (const period of periods) {
    try {
      results.push(await pullPeriod(context, config, orgUnit, period));
    } catch (error) {
      if (!(error instanceof Unauthorised)) throw error;
      // Every later month would be refused the same way: the run stops here, saying what to fix.
      message = error.message;
      break;
    }
  }
  const ok = results.filter((r) => r.status === 'imported').length;
  const status = message || ok === 0 ? 'failed' : ok < periods.length ? 'partial' : 'succeeded';
  await db
    .updateTable('dhis2_pull_run')
    .set({ status, finished_at: new Date(), periods: JSON.stringify(results), message })
    .where('id', '=', id)
    .execute();
  return (await listRuns(context, id))[0] as PullRun;
}

async function listRuns({ db }: Context, id?: number): Promise<PullRun[]> {
  let query = db.selectFrom('dhis2_pull_run').selectAll();
  if (id !== undefined) query = query.where('id', '=', id);
  const rows = await query.orderBy('id', 'desc').limit(20).execute();
  return rows.map((r) => ({
    ...r,
    started_at: r.started_at.toISOString(),
    finished_at: r.finished_at?.toISOString() ?? null,
  }));
}

/** The pull as configured, without its credentials, and its last 20 runs. */
export async function pullOverview(context: Context): Promise<PullOverview> {
  requireWholeSystem(context.actor, 'kpi:write');
  const config = context.settings.dhis2;
  return {
    configured: config
      ? {
          url: config.url,
          dataSet: config.dataSet,
          orgUnit: config.orgUnit,
          months: config.months,
          everyHours: config.everyHours,
          auth: 'token' in config.auth ? 'token' : 'password',
        }
      : null,
    runs: await listRuns(context),
  };
}
