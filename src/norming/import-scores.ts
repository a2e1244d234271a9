// Imports a long file of scores into an open session, all or nothing: `case` a case title of the
// session, `rater` a rater's person code (or `master` for the lead assessors' level), `criterion` a
// criterion code of the session's rubric, `score` the level; an optional `master` column gives the
// master's level on any row. Read and checked by read-scores.ts (the scale, a level given twice, two
// masters that differ), then every reference is checked; each problem is named by row and column.
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ProblemCollector } from '../tabular/problems.ts';
import type { UploadedFile } from '../tabular/read.ts';
import { requireOpen, requireRuns, sessionFor } from './access.ts';
import { readNormingScores } from './read-scores.ts';

export async function importSessionScores(
  context: Context,
  id: number,
  file: UploadedFile,
): Promise<{ scores: number; masters: number }> {
  const { db, actor } = context;
  const { session, role } = await sessionFor(context, id);
  requireRuns(role, 'import scores');
  requireOpen(session);
  const { scale_max } = await db
    .selectFrom('rubric')
    .select('scale_max')
    .where('id', '=', session.rubric_id)
    .executeTakeFirstOrThrow();
  const problems = new ProblemCollector();
  const read = await readNormingScores(
    file,
    Array.from({ length: scale_max }, (_, i) => i + 1),
    problems,
  );
  const cases = new Map(
    (await db.selectFrom('norming_case').select(['id', 'title']).where('session_id', '=', id).execute()).map(
      (c) => [c.title, c.id],
    ),
  );
  const raters = new Map(
    (
      await db
        .selectFrom('norming_rater as nr')
        .innerJoin('person as p', 'p.id', 'nr.person_id')
        .select(['p.id', 'p.code'])
        .where('nr.session_id', '=', id)
        .execute()
    ).map((r) => [r.code, r.id]),
  );
  const criteria = new Map(
    (
      await db
        .selectFrom('rubric_criterion as c')
        .innerJoin('rubric_section as s', 's.id', 'c.section_id')
        .select(['c.id', 'c.code'])
        .where('s.rubric_id', '=', session.rubric_id)
        .execute()
    ).map((c) => [c.code, c.id]),
  );
  const scores: { case_id: number; person_id: number; criterion_id: number; level: number }[] = [];
  const masters = new Map<string, { case_id: number; criterion_id: number; level: number }>();
  read.scores.forEach((score, i) => {
    const row = read.rows[i] ?? null;
    const caseId = cases.get(score.case);
    const criterionId = criteria.get(score.criterion);
    const isMaster = score.rater.toLowerCase() === 'master';
    const personId = raters.get(score.rater);
    if (caseId === undefined)
      problems.add({
        row,
        column: 'case',
        message: `"${score.case}" is not a case of this session`,
        reason: 'is not a case of this session',
      });
    if (criterionId === undefined)
      problems.add({
        row,
        column: 'criterion',
        message: `"${score.criterion}" is not a criterion of the session's rubric`,
        reason: 'is not a criterion of the rubric',
      });
    if (!isMaster && personId === undefined)
      problems.add({
        row,
        column: 'rater',
        message: `"${score.rater}" is not a rater of this session (give a person code, or master)`,
        reason: 'is not a rater of this session',
      });
    if (caseId === undefined || criterionId === undefined) return;
    const master = isMaster ? score.score : score.master;
    if (master !== null)
      masters.set(`${caseId}:${criterionId}`, { case_id: caseId, criterion_id: criterionId, level: master });
    if (!isMaster && personId !== undefined && score.score !== null)
      scores.push({ case_id: caseId, person_id: personId, criterion_id: criterionId, level: score.score });
  });
  if (problems.total > 0) throw new ImportRejected(problems.report(), 'norming scores', 'file');
  return db.transaction().execute(async (trx) => {
    if (scores.length)
      await trx
        .insertInto('norming_score')
        .values(scores)
        .onConflict((oc) =>
          oc
            .columns(['case_id', 'person_id', 'criterion_id'])
            .doUpdateSet((eb) => ({ level: eb.ref('excluded.level') })),
        )
        .execute();
    if (masters.size)
      await trx
        .insertInto('norming_master')
        .values([...masters.values()])
        .onConflict((oc) =>
          oc.columns(['case_id', 'criterion_id']).doUpdateSet((eb) => ({ level: eb.ref('excluded.level') })),
        )
        .execute();
    await recordAudit(trx, actor, 'import', 'norming_session', {
      id,
      scores: scores.length,
      masters: masters.size,
    });
    return { scores: scores.length, masters: masters.size };
  });
}
