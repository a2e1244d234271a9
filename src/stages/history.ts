// Each school's stage at each term's end, recorded once and then kept: a later rule change does not
// rewrite it. A term is recorded the first time anything reads it after it has ended (the movement, a
// school's history, the list for that term), by the rules in force then, from the data dated by its
// last day; the director or an admin may record ended terms, or recompute one on purpose, which
// replaces that term alone and is audited like every write.
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { type Period, parsePeriod } from '../kpi/periods.ts';
import type { RecordedStages, RecordStagesBody } from './contract.ts';
import { placedOn } from './placement.ts';
import { endedTerms } from './terms.ts';

/** Terms recorded without being asked for by name go back this far at most. */
const RECORDED_BACK = 9;

async function hasDataBy(context: Context, date: string): Promise<boolean> {
  const { db } = context;
  const [value, inspection] = await Promise.all([
    db.selectFrom('data_value').select('month').where('month', '<=', date).limit(1).executeTakeFirst(),
    db
      .selectFrom('inspection')
      .select('inspected_on')
      .where('inspected_on', '<=', date)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return value !== undefined || inspection !== undefined;
}

async function recordTerm(
  context: Context,
  term: Period,
  replace: boolean,
): Promise<{ schools: number; replaced: boolean }> {
  const { db, actor, settings, today } = context;
  const { schools } = await placedOn(db, settings, term.end);
  return db.transaction().execute(async (trx) => {
    let replaced = false;
    if (replace)
      replaced =
        (await trx.deleteFrom('school_stage').where('term', '=', term.id).executeTakeFirst()).numDeletedRows >
        0n;
    const rows = schools.map((s) => ({
      school_id: s.id,
      term: term.id,
      term_end: term.end,
      stage: s.stage,
      rule: s.rule,
      reasons: JSON.stringify(s.reasons),
      recorded_on: today,
      recorded_by: actor.name,
    }));
    let written = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const result = await trx
        .insertInto('school_stage')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.columns(['school_id', 'term']).doNothing())
        .executeTakeFirst();
      written += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    if (written > 0 || replaced)
      await recordAudit(trx, actor, replaced ? 'recompute' : 'record', 'school_stage', {
        term: term.id,
        schools: written,
      });
    return { schools: written, replaced };
  });
}

/** Records those of the ended terms not yet recorded that have any data by their end. */
export async function ensureRecorded(context: Context, terms: Period[]): Promise<void> {
  const { db } = context;
  if (terms.length === 0) return;
  const have = new Set(
    (
      await db
        .selectFrom('school_stage')
        .select('term')
        .distinct()
        .where(
          'term',
          'in',
          terms.map((t) => t.id),
        )
        .execute()
    ).map((r) => r.term),
  );
  for (const term of terms)
    if (!have.has(term.id) && term.end < context.today && (await hasDataBy(context, term.end)))
      await recordTerm(context, term, false);
}

/** `POST /stages/history`: the ended terms not yet recorded, or one term (recomputed if asked). */
export async function recordStages(context: Context, body: RecordStagesBody): Promise<RecordedStages> {
  requireWholeSystem(context.actor, 'brokering:write');
  const ays = context.settings.academicYearStart;
  if (body.term) {
    const term = parsePeriod(body.term, ays);
    if (term.end >= context.today)
      throw new HeadwayError(
        'invalid',
        `term: ${term.id} ends on ${term.end}; only an ended term is recorded`,
        [{ parameter: 'term', message: `ends on ${term.end}` }],
      );
    const done = await recordTerm(context, term, body.recompute);
    return { recorded: [{ term: term.id, ...done }] };
  }
  const recorded: RecordedStages['recorded'] = [];
  for (const term of endedTerms(context.today, RECORDED_BACK, ays)) {
    if (!(await hasDataBy(context, term.end))) continue;
    const done = await recordTerm(context, term, body.recompute);
    if (done.schools > 0 || done.replaced) recorded.push({ term: term.id, ...done });
  }
  return { recorded };
}
