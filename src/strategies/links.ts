// Links between strategies: a strand or measure of one strategy contributes to another strategy's strand
// or measure (the leadership strategy's strands to the improving-standards strategy's good-or-better
// target), so a strategy page shows what it contributes to and what contributes to it.
import { sql } from 'kysely';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { requireStrand, requireStrategyEditor, type StrategyFacts } from './access.ts';
import type { LinkInput, StrategyLink } from './contract.ts';

/** Every link from or to the strategy, in id order. */
export async function strategyLinks(db: Db, strategyId: number): Promise<StrategyLink[]> {
  const end = (prefix: 'from' | 'to') => {
    const st = sql.raw(`${prefix}_st`);
    const m = sql.raw(`${prefix}_m`);
    const s = sql.raw(`${prefix}_s`);
    const u = sql.raw(`${prefix}_u`);
    const i = sql.raw(`${prefix}_i`);
    return sql`json_build_object(
      'strategy', json_build_object('code', ${s}.code, 'name', ${s}.name),
      'strand', case when ${st}.id is null then null
        else json_build_object('id', ${st}.id, 'code', ${st}.code, 'name', ${st}.name) end,
      'measure', case when ${m}.id is null then null
        else json_build_object('id', ${m}.id, 'indicator', ${i}.name, 'org_unit', ${u}.name) end)`;
  };
  const joins = (prefix: 'from' | 'to') => {
    const [st, m, s, u, i] = ['st', 'm', 's', 'u', 'i'].map((x) => sql.raw(`${prefix}_${x}`));
    const strandCol = sql.raw(`l.${prefix}_strand_id`);
    const measureCol = sql.raw(`l.${prefix}_measure_id`);
    return sql`left join strategy_strand ${st} on ${st}.id = ${strandCol}
      left join strategy_measure ${m} on ${m}.id = ${measureCol}
      left join org_unit ${u} on ${u}.id = ${m}.org_unit_id
      left join indicator ${i} on ${i}.id = ${m}.indicator_id
      join strategy ${s} on ${s}.id = coalesce(${st}.strategy_id, ${m}.strategy_id)`;
  };
  const { rows } = await sql<StrategyLink>`
    select l.id, ${end('from')} as from, ${end('to')} as to, l.note
    from strategy_link l ${joins('from')} ${joins('to')}
    where from_s.id = ${strategyId} or to_s.id = ${strategyId}
    order by l.id`.execute(db);
  return rows;
}

/** The strategy a link end belongs to, checking the caller may see it. */
async function endOf(
  context: Context,
  strand: number | undefined,
  measure: number | undefined,
  side: string,
) {
  if ((strand === undefined) === (measure === undefined))
    throw new HeadwayError('invalid', `${side}: give either a strand or a measure`);
  if (strand !== undefined) return (await requireStrand(context, strand)).strategy;
  const row = await context.db
    .selectFrom('strategy_measure')
    .select('strand_id')
    .select(
      sql<number | null>`(select strand_id from strategy_action where id = action_id)`.as('action_strand'),
    )
    .where('id', '=', measure as number)
    .executeTakeFirst();
  const strandId = row?.strand_id ?? row?.action_strand;
  if (!strandId) throw notFound(`Measure ${measure}`);
  return (await requireStrand(context, strandId)).strategy;
}

/** Links are declared by the contributing strategy's editors; the strategy contributed to must be visible. */
export async function addLink(context: Context, input: LinkInput): Promise<number> {
  const from: StrategyFacts = await endOf(context, input.from_strand, input.from_measure, 'from');
  const to = await endOf(context, input.to_strand, input.to_measure, 'to');
  requireStrategyEditor(context.actor, from);
  if (from.id === to.id)
    throw new HeadwayError(
      'invalid',
      'A link joins two different strategies; within one, use strands and actions',
    );
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_link')
      .values({
        from_strand_id: input.from_strand ?? null,
        from_measure_id: input.from_measure ?? null,
        to_strand_id: input.to_strand ?? null,
        to_measure_id: input.to_measure ?? null,
        note: input.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'link', 'strategy', { id, from: from.code, to: to.code });
    return id;
  });
}

export async function deleteLink(context: Context, id: number): Promise<void> {
  const link = await context.db
    .selectFrom('strategy_link')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!link) {
    throw notFound(`Link ${id}`);
  }
  const from = await endOf(
    context,
    link.from_strand_id ?? undefined,
    link.from_measure_id ?? undefined,
    'from',
  ).catch(() => {
    throw notFound(`Link ${id}`);
  });
  requireStrategyEditor(context.actor, from);
  await context.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('strategy_link').where('id', '=', id).execute();
    await recordAudit(trx, context.actor, 'unlink', 'strategy', { id, from: from.code });
  });
}
