// A session's scores in the long form the statistics take (and `headway norming stats --input` reads):
// one row per case, rater and criterion where the master or anyone gave a level, the rater's level or
// null. Cases are named by title, raters by name (with their code where two share one), criteria by code.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { personName } from '../registry/sql.ts';
import type { Score } from './session-stats.ts';

/** Every rater of the session against every case and criterion that has a master level or a score. */
export function sessionScoresQuery(db: Db, sessionId: number) {
  return db
    .with('cell', (w) =>
      w
        .selectFrom('norming_case as c')
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('norming_master')
              .select(['case_id', 'criterion_id'])
              .union(eb.selectFrom('norming_score').select(['case_id', 'criterion_id']))
              .as('given'),
          (j) => j.onRef('given.case_id', '=', 'c.id'),
        )
        .select(['c.id as case_id', 'c.title', 'c.position', 'given.criterion_id'])
        .where('c.session_id', '=', sessionId),
    )
    .selectFrom('cell')
    .innerJoin('rubric_criterion as k', 'k.id', 'cell.criterion_id')
    .innerJoin('rubric_section as sec', 'sec.id', 'k.section_id')
    .innerJoin('norming_rater as nr', (j) => j.on('nr.session_id', '=', sessionId))
    .innerJoin('person as p', 'p.id', 'nr.person_id')
    .leftJoin('norming_score as s', (j) =>
      j
        .onRef('s.case_id', '=', 'cell.case_id')
        .onRef('s.criterion_id', '=', 'cell.criterion_id')
        .onRef('s.person_id', '=', 'nr.person_id'),
    )
    .leftJoin('norming_master as m', (j) =>
      j.onRef('m.case_id', '=', 'cell.case_id').onRef('m.criterion_id', '=', 'cell.criterion_id'),
    )
    .select([
      'cell.title as case',
      'p.id as person_id',
      'p.code as person_code',
      personName('p').as('person_name'),
      'k.code as criterion',
      's.level as score',
      'm.level as master',
    ])
    .orderBy('cell.position')
    .orderBy('sec.position')
    .orderBy('k.position')
    .orderBy(sql`p.family_name`)
    .orderBy(sql`p.given_name`);
}

export interface SessionRater {
  id: number;
  code: string;
  name: string;
  /** The name the statistics know the rater by. */
  key: string;
}

export async function sessionScores(
  db: Db,
  sessionId: number,
): Promise<{ scores: Score[]; levels: number[]; raters: SessionRater[] }> {
  const rows = await sessionScoresQuery(db, sessionId).execute();
  const people = await db
    .selectFrom('norming_rater as nr')
    .innerJoin('person as p', 'p.id', 'nr.person_id')
    .select(['p.id', 'p.code', personName('p').as('name')])
    .where('nr.session_id', '=', sessionId)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
  const named = new Map<string, number>();
  for (const p of people) named.set(p.name, (named.get(p.name) ?? 0) + 1);
  const raters = people.map((p) => ({
    ...p,
    key: (named.get(p.name) ?? 0) > 1 ? `${p.name} (${p.code})` : p.name,
  }));
  const keyOf = new Map(raters.map((r) => [r.id, r.key]));
  // Raters who gave no level at all are not in the statistics (as a file without their rows).
  const scored = new Set(rows.filter((r) => r.score !== null).map((r) => r.person_id));
  const { scale_max } = await db
    .selectFrom('norming_session as s')
    .innerJoin('rubric as r', 'r.id', 's.rubric_id')
    .select('r.scale_max')
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return {
    scores: rows
      .filter((r) => scored.has(r.person_id))
      .map((r) => ({
        case: r.case,
        rater: keyOf.get(r.person_id) ?? r.person_name,
        criterion: r.criterion,
        score: r.score,
        master: r.master,
      })),
    levels: Array.from({ length: scale_max }, (_, i) => i + 1),
    raters,
  };
}
