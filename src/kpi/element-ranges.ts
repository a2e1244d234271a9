// Each data element's valid range, set by the authority: imports refuse a value outside it (imports.ts),
// and a change says how many values already stored fall outside the new range rather than changing them.
import { sql } from 'kysely';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { computedSourceOf, isComputedElement } from './computed-elements.ts';
import type { DataElement, ElementRange, RangeSet } from './element-contract.ts';

/** Every element with the count of its stored values outside its range: one pass over the values outside. */
export function elementsWithOutsideQuery(db: Db) {
  return (
    db
      .selectFrom('data_element as e')
      .leftJoin('data_value as dv', (join) =>
        join
          .onRef('dv.element_id', '=', 'e.id')
          .on(sql<boolean>`(dv.value < e.min_value or dv.value > e.max_value)`),
      )
      .select(['e.code', 'e.name', 'e.aggregation', 'e.min_value', 'e.max_value'])
      .select(sql<number>`count(dv.element_id)::int`.as('outside'))
      // The elements derived from options (pupils_enrolled.FEMALE) take their parent's values and range.
      .where('e.operand_of', 'is', null)
      .groupBy('e.id')
      .orderBy('e.code')
  );
}

/** The stored values of one element outside a range, furthest out first. */
export function valuesOutsideQuery(db: Db, elementId: number, range: ElementRange) {
  const { min_value: min, max_value: max } = range;
  const below = min === null ? sql<boolean>`false` : sql<boolean>`dv.value < ${min}`;
  const above = max === null ? sql<boolean>`false` : sql<boolean>`dv.value > ${max}`;
  const distance = sql<number>`greatest(${min === null ? sql`0` : sql`${min} - dv.value`}, ${max === null ? sql`0` : sql`dv.value - ${max}`})`;
  return db
    .selectFrom('data_value as dv')
    .innerJoin('org_unit as o', 'o.id', 'dv.org_unit_id')
    .select(['o.code as school_code', 'o.name as school', 'dv.value'])
    .select(sql<string>`to_char(dv.month, 'YYYY-MM')`.as('period'))
    .select(sql<number>`count(*) over ()::int`.as('total'))
    .where('dv.element_id', '=', elementId)
    .where(sql<boolean>`(${below} or ${above})`)
    .orderBy(distance, 'desc')
    .orderBy('o.code')
    .orderBy('dv.month')
    .limit(20);
}

const describe = (r: Omit<DataElement, 'computed'>): DataElement => ({
  ...r,
  computed: isComputedElement(r.code),
});

export async function listDataElements(context: Context): Promise<DataElement[]> {
  requirePermission(context.actor, 'kpi:read');
  return (await elementsWithOutsideQuery(context.db).execute()).map(describe);
}

const bound = (value: number | null) => (value === null ? 'no bound' : String(value));

export async function setElementRange(
  context: Context,
  code: string,
  range: ElementRange,
): Promise<RangeSet> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'kpi:write');
  const { min_value: min, max_value: max } = range;
  if (min !== null && max !== null && min > max)
    throw new HeadwayError('invalid', `The smallest value (${min}) is above the largest (${max})`);
  const source = computedSourceOf(code);
  if (source)
    throw new HeadwayError(
      'invalid',
      `${code} is computed from ${source.from}: it is never imported, so it has no range`,
    );
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('data_element')
      .select(['id', 'min_value', 'max_value', 'operand_of'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound(`data element ${code}`);
    if (before.operand_of !== null)
      throw new HeadwayError(
        'invalid',
        `${code} is summed from an element's options: set that element's range`,
      );
    await trx
      .updateTable('data_element')
      .set({ min_value: min, max_value: max })
      .where('id', '=', before.id)
      .execute();
    const examples = await valuesOutsideQuery(trx, before.id, range).execute();
    const outside = examples[0]?.total ?? 0;
    await recordAudit(trx, actor, 'update', 'data_element', {
      code,
      range: { from: [before.min_value, before.max_value], to: [min, max] },
      outside,
    });
    const element = await elementsWithOutsideQuery(trx).where('e.code', '=', code).executeTakeFirstOrThrow();
    return {
      element: describe(element),
      examples: examples.map(({ total: _total, ...value }) => value),
    };
  });
}

/** "from 0 to no bound": how the CLI says a range. */
export const describeRange = (range: ElementRange) =>
  `from ${bound(range.min_value)} to ${bound(range.max_value)}`;
