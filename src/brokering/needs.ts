// Support needs: found by the rules and kept in step with them, raised by hand, listed within scope.
import { sql } from 'kysely';
import { type Actor, canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { orgUnitsByCode } from '../registry/lookups.ts';
import type { BrokeringSettings } from './contract.ts';
import type { Need, NeedQuery, RaiseNeed, RefreshResult } from './need-contract.ts';
import { needPageQuery } from './need-queries.ts';
import { type FoundNeed, needsOf } from './need-rules.ts';
import type { SchoolFacts } from './school-facts.ts';
import { brokeringSettings } from './settings.ts';

/** A need is one per school, kind, rule and indicator; an internship or placement need, one per person. */
const needKey = (n: {
  school: string;
  kind: string;
  rule: string;
  indicator: string | null;
  person: string | null;
}) => `${n.school}|${n.kind}|${n.rule}|${n.indicator ?? ''}|${n.person ?? ''}`;
const personOf = (n: FoundNeed) => {
  const person = n.figures.person;
  return typeof person === 'string' ? person : null;
};

/** The last date the rules raised or lapsed a need on, if any: a refresh may not go back before it. */
export async function lastNeedsRefresh(db: Db): Promise<string | null> {
  const { rows } = await sql<{ on: string | null }>`
    select to_char(max(greatest(raised_on, case when status = 'lapsed' then closed_on end)), 'YYYY-MM-DD') as on
    from support_need where rule <> 'manual'`.execute(db);
  return rows[0]?.on ?? null;
}

/**
 * The date a refresh (or a match, which refreshes first) reads the data on: today unless the caller
 * names an earlier day. Never a future one: the needs it raised then could not be refreshed before it.
 */
export function refreshDate(context: Context, asOf: string | undefined): string {
  if (asOf === undefined) return context.today;
  if (asOf > context.today) {
    const why = 'a refresh reads the data as it stands: not a future date';
    throw new HeadwayError('invalid', `as_of: ${why}`, [{ parameter: 'as_of', message: why }]);
  }
  return asOf;
}

/** A specialism a need may ask for: one in the catalogue and not retired. */
async function requireSpecialism(db: Db, code: string): Promise<void> {
  const known = await db
    .selectFrom('specialism')
    .select(['code', 'retired'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!known) throw new HeadwayError('invalid', `specialism: "${code}" is not in the specialisms catalogue`);
  if (known.retired) throw new HeadwayError('invalid', `specialism: "${code}" is retired`);
}

/**
 * The specialism a weak indicator asks for, from the catalogue (attendance for a red attendance rate):
 * a need the rules raise for that indicator names it. The first specialism in the catalogue's order wins.
 */
async function specialismsByIndicator(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('specialism')
    .select(['code', 'indicators'])
    .where('retired', '=', false)
    .orderBy('position')
    .execute();
  const byIndicator = new Map<string, string>();
  for (const row of rows)
    for (const indicator of row.indicators)
      if (!byIndicator.has(indicator)) byIndicator.set(indicator, row.code);
  return byIndicator;
}

/** A need the rules lapsed this recently and now find again is reopened, not raised anew (one term). */
const REOPEN_WITHIN_DAYS = 92;

interface LiveNeed {
  id: number;
  school: string;
  kind: string;
  rule: string;
  indicator: string | null;
  person: string | null;
  status: string;
}

/**
 * Brings the rule-found needs of the caller's schools up to date: a need the rules now find is added
 * once (or, lapsed within a term, reopened); an open one they no longer find lapses (one being met
 * stays). Schools outside the caller's scope are not touched, and the date cannot go back before the
 * last refresh, so a refresh cannot rewind what others see. Every row it changes is in the audit log.
 */
export async function refreshNeeds(
  context: Context,
  facts: SchoolFacts[],
  settings: BrokeringSettings,
  asOf: string,
): Promise<RefreshResult> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:write');
  const found = facts
    .filter((f) => canSee(actor, f.code))
    .flatMap((f) => needsOf(f, settings, asOf))
    .map((n) => ({ ...n, person: personOf(n) }));
  return db.transaction().execute(async (trx) => {
    const lastOn = await lastNeedsRefresh(trx);
    if (lastOn && asOf < lastOn)
      throw new HeadwayError(
        'invalid',
        `as_of: the needs were last brought up to date on ${lastOn}; a refresh cannot go back to ${asOf}`,
      );
    const { rows } = await sql<LiveNeed & { closed_on: string | null }>`
      select n.id, o.code as school, n.kind, n.rule, n.indicator, n.figures->>'person' as person, n.status, to_char(n.closed_on, 'YYYY-MM-DD') as closed_on
      from support_need n join org_unit o on o.id = n.school_id
      where n.rule <> 'manual' and (n.status in ('open', 'supported')
        or (n.status = 'lapsed' and n.closed_on >= ${asOf}::date - ${REOPEN_WITHIN_DAYS}::int))
      order by n.closed_on desc nulls last, n.id desc`.execute(trx);
    const mine = rows.filter((n) => canSee(actor, n.school));
    const live = mine.filter((n) => n.status !== 'lapsed');
    const liveKeys = new Set(live.map(needKey));
    const lapsedByKey = new Map<string, number>();
    for (const n of mine)
      if (n.status === 'lapsed' && !lapsedByKey.has(needKey(n))) lapsedByKey.set(needKey(n), n.id);
    const foundKeys = new Set(found.map(needKey));
    const missing = found.filter((n) => !liveKeys.has(needKey(n)));
    const reopened = missing.flatMap((n) => lapsedByKey.get(needKey(n)) ?? []);
    const fresh = missing.filter((n) => !lapsedByKey.has(needKey(n)));
    const gone = live.filter((n) => n.status === 'open' && !foundKeys.has(needKey(n)));
    let added: number[] = [];
    const askedFor = await specialismsByIndicator(trx);
    if (fresh.length > 0) {
      const ids = await orgUnitsByCode(
        trx,
        fresh.map((n) => n.school),
      );
      added = (
        await trx
          .insertInto('support_need')
          .values(
            fresh.map((n) => ({
              school_id: ids.get(n.school)?.id as number,
              kind: n.kind,
              rule: n.rule,
              indicator: n.indicator,
              specialism: n.indicator ? (askedFor.get(n.indicator) ?? null) : null,
              evidence: n.evidence,
              figures: JSON.stringify(n.figures),
              days: n.days,
              raised_on: asOf,
              raised_by: 'rules',
            })),
          )
          .returning('id')
          .execute()
      ).map((r) => r.id);
    }
    if (reopened.length > 0)
      await trx
        .updateTable('support_need')
        .set({ status: 'open', closed_on: null })
        .where('id', 'in', reopened)
        .execute();
    if (gone.length > 0)
      await trx
        .updateTable('support_need')
        .set({ status: 'lapsed', closed_on: asOf })
        .where(
          'id',
          'in',
          gone.map((g) => g.id),
        )
        .execute();
    if (added.length + reopened.length + gone.length > 0)
      await recordAudit(trx, actor, 'refresh', 'support-needs', {
        on: asOf,
        scope: actor.scope.all ? 'all' : actor.grants.map((g) => g.org_unit),
        added,
        reopened,
        lapsed: gone.map((g) => g.id),
      });
    return { added: added.length, reopened: reopened.length, lapsed: gone.length };
  });
}

export interface NeedFilter extends Partial<Pick<NeedQuery, 'area' | 'school' | 'status' | 'kind'>> {
  id?: number;
}

export function requireVisibleFilters(actor: Actor, filter: { area?: string; school?: string }): void {
  for (const code of [filter.area, filter.school])
    if (code && !canSee(actor, code)) throw notFound(`${code === filter.area ? 'Area' : 'School'} ${code}`);
}

/** Needs of the schools the caller may see (or of one area or school within them), every one of them. */
export async function listNeeds(context: Context, filter: NeedFilter = {}): Promise<Need[]> {
  const { db, actor, today } = context;
  requirePermission(actor, 'brokering:read');
  requireVisibleFilters(actor, filter);
  // The authority's needs as stored, kept per data version and day; each caller sees those in their scope.
  const { id, school, status, kind } = filter;
  const rows = await computedOnce(
    db,
    `needs ${JSON.stringify({ id, school, status, kind, today })}`,
    async () =>
      (
        await needPageQuery(
          { scope: null, today, id, school, status, kind },
          { limit: null, offset: 0 },
        ).execute(db)
      ).rows,
  );
  return rows.filter((n) => canSee(actor, n.school) && (!filter.area || n.area === filter.area));
}

async function needById(context: Context, id: number): Promise<Need> {
  const [need] = await listNeeds(context, { id });
  if (!need) throw notFound(`Need ${id}`);
  return need;
}

function requireBroker(actor: Actor, school: string): void {
  requirePermission(actor, 'brokering:write');
  if (!canSee(actor, school)) throw notFound(`School ${school}`);
}

/** A need raised by hand (coaching for a head, say), for a school in the caller's scope. */
export async function raiseNeed(context: Context, input: RaiseNeed): Promise<Need> {
  const { db, actor } = context;
  requireBroker(actor, input.school);
  const [school] = [...(await orgUnitsByCode(db, [input.school])).values()];
  if (school?.level !== 'school')
    throw new HeadwayError('invalid', `school: ${input.school} is not a school`);
  if (input.kind === 'practice' && !input.indicator && !input.specialism)
    throw new HeadwayError(
      'invalid',
      'indicator: a practice-sharing need names the indicator to improve or the specialism it asks for',
    );
  if (input.specialism) await requireSpecialism(db, input.specialism);
  if (input.indicator) {
    const known = await db
      .selectFrom('indicator')
      .select('code')
      .where('code', '=', input.indicator)
      .executeTakeFirst();
    if (!known) throw new HeadwayError('invalid', `indicator: "${input.indicator}" is not an indicator`);
  }
  const settings = await brokeringSettings(db);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('support_need')
      .values({
        school_id: school.id,
        kind: input.kind,
        rule: 'manual',
        indicator: input.indicator ?? null,
        specialism: input.specialism ?? null,
        evidence: input.evidence,
        figures: '{}',
        days: input.days ?? settings.days[input.kind],
        raised_on: context.today,
        raised_by: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'raise', 'support-need', {
      id: row.id,
      school: input.school,
      kind: input.kind,
      ...(input.specialism && { specialism: input.specialism }),
    });
    return row.id;
  });
  return needById(context, id);
}

/** Withdraws an open need (met some other way, or not wanted), with the reason. */
export async function withdrawNeed(context: Context, id: number, reason: string): Promise<Need> {
  const { db, actor } = context;
  const need = await needById(context, id);
  requireBroker(actor, need.school);
  if (need.status !== 'open')
    throw new HeadwayError('conflict', `Need ${id} is ${need.status}: only an open need can be withdrawn`);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('support_need')
      .set({ status: 'withdrawn', closed_on: context.today })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'withdraw', 'support-need', { id, reason });
  });
  return needById(context, id);
}

/** Reopens a lapsed or withdrawn need (lapsed by mistake, or wanted after all), with the reason. */
export async function reopenNeed(context: Context, id: number, reason: string): Promise<Need> {
  const { db, actor } = context;
  const need = await needById(context, id);
  requireBroker(actor, need.school);
  if (need.status !== 'lapsed' && need.status !== 'withdrawn')
    throw new HeadwayError(
      'conflict',
      `Need ${id} is ${need.status}: only a lapsed or withdrawn need can be reopened`,
    );
  // The rules keep one live need per school, kind and indicator; needs raised by hand may repeat.
  const twin = await listNeeds(context, { school: need.school, status: ['open', 'supported'] });
  const same = twin.find(
    (n) =>
      n.rule !== 'manual' && n.kind === need.kind && n.rule === need.rule && n.indicator === need.indicator,
  );
  if (same)
    throw new HeadwayError(
      'conflict',
      `Need ${same.id} already stands for the same thing at ${need.school_name}`,
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('support_need')
      .set({ status: 'open', closed_on: null })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'reopen', 'support-need', { id, reason, was: need.status });
  });
  return needById(context, id);
}
