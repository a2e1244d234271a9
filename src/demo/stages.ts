// The demo's stages of the improvement journey: each school's stage recorded at the end of the last three
// terms before the reference date, by the default rules, from the demo's own inspections, indicators and
// value added as they stood then, so the movement page opens on two transitions (a fourth term is recorded when first read). Nothing is invented
// here: the movement is what the demo's data says (its inspections and trends move schools on, and a
// few slip), so the stages, the attention watchlist and the needs never disagree.
import type { Actor } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Db } from '../db/types.ts';
import { recordStages } from '../stages/history.ts';
import { endedTerms } from '../stages/terms.ts';

const TERMS = 3;

export async function loadDemoStages(db: Db, actor: Actor, referenceDate: string): Promise<void> {
  const context = contextFor(db, actor, { today: referenceDate });
  for (const term of endedTerms(referenceDate, TERMS, context.settings.academicYearStart))
    await recordStages(context, { term: term.id, recompute: false });
}
