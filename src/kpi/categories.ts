// Categories on data values (issue 25): which elements are kept by which category combination, the
// derived elements that make `#{element.OPTION}` an ordinary element (migration 0045), and what the
// data-value importer needs to know to refuse a value without options by name.
import { sql } from 'kysely';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { Categories, CategoryAssignment, ElementCategories } from './categories-contract.ts';
import { isComputedElement } from './computed-elements.ts';

/** An element with categories as the importer checks it. */
export interface ElementCombo {
  combo: string;
  /** The combination's categories by code, in order ("sex, grade"), for a message. */
  categories: string[];
  /** Its option combinations: code to id. */
  optionCombos: Map<string, number>;
}

/** Every element kept by category, by element code. */
export async function elementCombos(db: Db): Promise<Map<string, ElementCombo>> {
  const rows = await db
    .selectFrom('data_element as e')
    .innerJoin('category_combo as cc', 'cc.id', 'e.category_combo_id')
    .innerJoin('category_option_combo as coc', 'coc.combo_id', 'cc.id')
    .select(['e.code as element', 'cc.code as combo', 'coc.code as option_combo', 'coc.id'])
    .select(
      sql<string[]>`array(select c.code from category_combo_category m join category c on c.id = m.category_id
        where m.combo_id = cc.id order by m.position)`.as('categories'),
    )
    .where('e.operand_of', 'is', null)
    .execute();
  const combos = new Map<string, ElementCombo>();
  for (const row of rows) {
    let combo = combos.get(row.element);
    if (!combo) {
      combo = { combo: row.combo, categories: row.categories, optionCombos: new Map() };
      combos.set(row.element, combo);
    }
    combo.optionCombos.set(row.option_combo, row.id);
  }
  return combos;
}

/**
 * Gives an element a category combination ("default": none) and says whether its total is the sum of
 * its options. Its derived elements (one per option, one per option combination when the combination has
 * several categories) are made or taken away, and derived again from the option values already stored.
 * Values stored before as totals are kept as they are: new imports give options.
 */
export async function assignCategoryCombo(
  context: Context,
  code: string,
  assignment: CategoryAssignment,
): Promise<ElementCategories> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'kpi:write');
  if (isComputedElement(code))
    throw new HeadwayError('invalid', `${code} is computed by Headway: it has no categories`);
  return db.transaction().execute(async (trx) => {
    const element = await trx
      .selectFrom('data_element')
      .select(['id', 'operand_of', 'category_combo_id', 'category_aggregation'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!element) throw notFound(`data element ${code}`);
    if (element.operand_of !== null)
      throw new HeadwayError('invalid', `${code} is derived from another element's options`);
    const combo =
      assignment.combo === 'default'
        ? null
        : await trx
            .selectFrom('category_combo')
            .select('id')
            .where('code', '=', assignment.combo)
            .executeTakeFirst();
    if (combo === undefined)
      throw new HeadwayError('invalid', `${assignment.combo} is not a category combination`);
    if (assignment.combo === 'default') {
      const kept = await trx
        .selectFrom('data_value_option')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('element_id', '=', element.id)
        .executeTakeFirstOrThrow();
      if (kept.n > 0)
        throw new HeadwayError(
          'invalid',
          `${code} has ${kept.n} values kept by option: delete them before taking its categories away`,
        );
    } else if (element.category_combo_id !== null && element.category_combo_id !== combo?.id) {
      const kept = await trx
        .selectFrom('data_value_option')
        .select('element_id')
        .where('element_id', '=', element.id)
        .limit(1)
        .executeTakeFirst();
      if (kept)
        throw new HeadwayError(
          'invalid',
          `${code} has values kept by its present categories: they would not fit ${assignment.combo}`,
        );
    }
    await trx
      .updateTable('data_element')
      .set({ category_combo_id: combo?.id ?? null, category_aggregation: assignment.aggregation })
      .where('id', '=', element.id)
      .execute();
    await syncOperands(trx, element.id);
    await recordAudit(trx, actor, 'update', 'data_element', {
      code,
      categories: { to: assignment },
    });
    const described = (await describeElements(trx)).find((e) => e.element === code);
    return described as ElementCategories;
  });
}

/** Makes the element's derived elements and their mapping match its combination, and derives again. */
export async function syncOperands(db: Db, elementId: number): Promise<void> {
  await sql`delete from element_operand where element_id = ${elementId}`.execute(db);
  // Wanted: per option of each category (summing the combinations that contain it), per option
  // combination when there are several categories, and the element itself when its total is the sum.
  await sql`
    with e as (select * from data_element where id = ${elementId}),
    several as (select count(*) > 1 as yes from category_combo_category m, e where m.combo_id = e.category_combo_id),
    wanted as (
      select e.code || '.' || o.code as code, e.name || ', ' || o.name as name, coc.id as option_combo_id
      from e join category_option_combo coc on coc.combo_id = e.category_combo_id
      join category_option o on o.id = any(coc.option_ids)
      union all
      select e.code || '.' || coc.code, e.name || ', ' || coc.name, coc.id
      from e join category_option_combo coc on coc.combo_id = e.category_combo_id, several
      where several.yes
    )
    insert into data_element (code, name, aggregation, min_value, max_value, operand_of)
    select distinct w.code, w.name, e.aggregation, e.min_value, null::float8, e.id from wanted w, e
    on conflict (code) do update set name = excluded.name, aggregation = excluded.aggregation,
      min_value = excluded.min_value, operand_of = excluded.operand_of`.execute(db);
  await sql`
    with e as (select * from data_element where id = ${elementId}),
    several as (select count(*) > 1 as yes from category_combo_category m, e where m.combo_id = e.category_combo_id)
    insert into element_operand (element_id, operand_element_id, option_combo_id)
    select e.id, d.id, coc.id
    from e join category_option_combo coc on coc.combo_id = e.category_combo_id
    join category_option o on o.id = any(coc.option_ids)
    join data_element d on d.code = e.code || '.' || o.code
    union
    select e.id, d.id, coc.id
    from e join category_option_combo coc on coc.combo_id = e.category_combo_id
    join data_element d on d.code = e.code || '.' || coc.code, several
    where several.yes
    union
    select e.id, e.id, coc.id
    from e join category_option_combo coc on coc.combo_id = e.category_combo_id
    where e.category_aggregation = 'sum'`.execute(db);
  // Derived elements no longer wanted go, with their values.
  await sql`
    with gone as (
      select id from data_element d where d.operand_of = ${elementId}
        and not exists (select from element_operand eo where eo.operand_element_id = d.id)
    ),
    values_gone as (delete from data_value where element_id in (select id from gone))
    select 1`.execute(db);
  await sql`delete from data_element d where d.operand_of = ${elementId}
    and not exists (select from element_operand eo where eo.operand_element_id = d.id)`.execute(db);
  await sql`
    select derive_option_values(array_agg(element_id), array_agg(org_unit_id), array_agg(month))
    from (select distinct element_id, org_unit_id, month from data_value_option where element_id = ${elementId}) k`.execute(
    db,
  );
}

async function describeElements(db: Db): Promise<ElementCategories[]> {
  const rows = await db
    .selectFrom('data_element as e')
    .innerJoin('category_combo as cc', 'cc.id', 'e.category_combo_id')
    .select(['e.code as element', 'e.name', 'cc.code as combo', 'e.category_aggregation as aggregation'])
    .select(
      sql<string[]>`array(select d.code from data_element d where d.operand_of = e.id order by d.code)`.as(
        'operands',
      ),
    )
    .where('e.operand_of', 'is', null)
    .orderBy('e.code')
    .execute();
  return rows;
}

/** The categories with their options, the combinations with their option combinations, and the elements kept by them. */
export async function listCategories(context: Context): Promise<Categories> {
  requirePermission(context.actor, 'kpi:read');
  const { db } = context;
  const [categories, options, combos, optionCombos, elements] = await Promise.all([
    db.selectFrom('category').select(['id', 'code', 'name']).orderBy('code').execute(),
    db
      .selectFrom('category_option')
      .select(['category_id', 'code', 'name'])
      .orderBy('category_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('category_combo as cc')
      .select(['cc.id', 'cc.code', 'cc.name'])
      .select(
        sql<
          string[]
        >`array(select c.code from category_combo_category m join category c on c.id = m.category_id
          where m.combo_id = cc.id order by m.position)`.as('categories'),
      )
      .orderBy('cc.code')
      .execute(),
    db.selectFrom('category_option_combo').select(['combo_id', 'code', 'name']).orderBy('id').execute(),
    describeElements(db),
  ]);
  return {
    categories: categories.map((c) => ({
      code: c.code,
      name: c.name,
      options: options.filter((o) => o.category_id === c.id).map(({ code, name }) => ({ code, name })),
    })),
    combos: combos.map((combo) => ({
      code: combo.code,
      name: combo.name,
      categories: combo.categories,
      option_combos: optionCombos
        .filter((o) => o.combo_id === combo.id)
        .map(({ code, name }) => ({ code, name })),
    })),
    elements,
  };
}
