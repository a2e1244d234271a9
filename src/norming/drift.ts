// Each rater's agreement across closed sessions (as recorded at each close), whether they drift (their
// weighted kappa with the master fell by more than HEADWAY_NORMING_DRIFT from one session to the next)
// and whether they are calibrated today (their last closed session within HEADWAY_CALIBRATION_MONTHS
// found them within tolerance). The director sees the whole team worst first; a rater sees only themself.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { personName } from '../registry/sql.ts';
import { runsAll } from './access.ts';
import type { DriftAnswer, RaterHistory } from './contract.ts';
import { calibrationMonthsOf, driftOf } from './settings.ts';

/** Every closed session's recorded agreement per rater (or for one person), oldest first. */
export function raterHistoryQuery(db: Db, personId: number | null) {
  let query = db
    .selectFrom('norming_rater as nr')
    .innerJoin('norming_session as s', 's.id', 'nr.session_id')
    .innerJoin('person as p', 'p.id', 'nr.person_id')
    .select([
      'p.id as person_id',
      'p.code',
      personName('p').as('name'),
      's.id as session',
      's.title',
      sql<string>`to_char(s.held_on, 'YYYY-MM-DD')`.as('held_on'),
      'nr.exact',
      'nr.within_one',
      'nr.bias',
      'nr.kappa',
      'nr.flags',
    ])
    .where('s.status', '=', 'closed')
    .where('nr.flags', 'is not', null);
  if (personId !== null) query = query.where('nr.person_id', '=', personId);
  return query.orderBy('p.id').orderBy('s.held_on').orderBy('s.id');
}

const addMonths = (day: string, months: number): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
};

type Row = Awaited<ReturnType<ReturnType<typeof raterHistoryQuery>['execute']>>[number];

function historyOf(rows: Row[], today: string, months: number, fall: number): RaterHistory {
  const first = rows[0] as Row;
  const sessions = rows.map((r) => ({
    session: r.session,
    title: r.title,
    held_on: r.held_on,
    exact: r.exact,
    within_one: r.within_one,
    bias: r.bias,
    kappa: r.kappa,
    flags: r.flags ?? [],
  }));
  const past = sessions.filter((s) => s.held_on <= today);
  const last = past.at(-1);
  const before = past.at(-2);
  let drift: string | null = null;
  if (last && before) {
    const measure = last.kappa !== null && before.kappa !== null ? 'kappa' : 'exact';
    const now = last[measure];
    const then = before[measure];
    if (now !== null && then !== null && then - now > fall)
      drift = `${measure === 'kappa' ? 'weighted kappa' : 'exact agreement'} fell from ${then.toFixed(2)} (${before.title}) to ${now.toFixed(2)} (${last.title})`;
  }
  // Calibrated on a day strictly before the end of the window, as norming_calibrated() in SQL says.
  const until = last && last.flags.length === 0 ? addMonths(last.held_on, months) : null;
  return {
    rater: { code: first.code, name: first.name },
    sessions,
    drifting: drift !== null,
    drift_reason: drift,
    calibrated: until !== null && today < until,
    calibrated_until: until,
  };
}

/** Worst first: not calibrated, then drifting, then the lowest kappa at the last session. */
function worstFirst(a: RaterHistory, b: RaterHistory): number {
  const score = (h: RaterHistory) => [
    h.calibrated ? 1 : 0,
    h.drifting ? 0 : 1,
    h.sessions.at(-1)?.kappa ?? -2,
  ];
  const [x, y] = [score(a), score(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return a.rater.name.localeCompare(b.rater.name);
}

export async function raterHistories(context: Context, personId: number | null): Promise<RaterHistory[]> {
  const rows = await raterHistoryQuery(context.db, personId).execute();
  const byPerson = new Map<number, Row[]>();
  for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
  const months = calibrationMonthsOf(context.settings);
  const fall = driftOf(context.settings);
  return [...byPerson.values()].map((h) => historyOf(h, context.today, months, fall)).sort(worstFirst);
}

/** The team's calibration at a glance for the director; a rater's own history for anyone else. */
export async function normingDrift(context: Context): Promise<DriftAnswer> {
  const { actor } = context;
  if (runsAll(actor)) return { raters: await raterHistories(context, null) };
  if (actor.personId === null) return { raters: [] };
  return { raters: await raterHistories(context, actor.personId) };
}
