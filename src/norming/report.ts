// A closed session's report: the statistics of its scores (session-stats.ts, the same code `headway
// norming stats --input` runs), with the installation's tolerance. Who runs the session sees every
// rater; a rater sees the raters-together figures and only their own agreement.
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { sessionFor } from './access.ts';
import type { NormingReport } from './contract.ts';
import { sessionScores } from './session-scores.ts';
import { sessionStatistics } from './session-stats.ts';
import { sessionSummary } from './sessions.ts';
import { toleranceOf } from './settings.ts';

export async function sessionReport(context: Context, id: number): Promise<NormingReport> {
  const { session, role } = await sessionFor(context, id);
  if (session.status !== 'closed')
    throw new HeadwayError(
      'conflict',
      `Norming session "${session.title}" is still open: close it for its report`,
    );
  const { scores, levels, raters } = await sessionScores(context.db, id);
  const statistics = sessionStatistics(scores, levels, toleranceOf(context.settings));
  const summary = await sessionSummary(context, id);
  const named = raters.map((r) => ({ code: r.code, name: r.key }));
  const criteria = await context.db
    .selectFrom('rubric_criterion as c')
    .innerJoin('rubric_section as s', 's.id', 'c.section_id')
    .select(['c.code', 'c.name', 's.name as section'])
    .where('s.rubric_id', '=', session.rubric_id)
    .orderBy('s.position')
    .orderBy('c.position')
    .execute();
  if (role === 'runs') return { session: summary, statistics, raters: named, criteria };
  const me = raters.find((r) => r.id === context.actor.personId)?.key;
  const own = <T extends { rater: string }>(rows: T[]) => rows.filter((r) => r.rater === me);
  return {
    session: summary,
    statistics: {
      ...statistics,
      criteria: statistics.criteria.map((c) => ({ ...c, raters: own(c.raters) })),
      overall: own(statistics.overall),
    },
    raters: named.filter((r) => r.name === me),
    criteria,
  };
}
