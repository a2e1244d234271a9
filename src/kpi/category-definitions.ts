// Categories an authority defines for itself, as DHIS2 lets it (issue 25): a category with its options
// (a language of instruction, a special-needs status) and a combination of categories an element can be
// kept by. Saving one writes its option combinations (the cross product, in the categories' order) and
// derives again every element kept by it, so `#{element.OPTION}` follows at once. An option or a
// category that values are already kept by is never dropped: that would lose them.
import { sql } from 'kysely';
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { syncOperands } from './categories.ts';
import type { CategoryDefinition, ComboDefinition } from './categories-contract.ts';
import { writeOptionCombos } from './option-combos.ts';

const invalid = (message: string) => new HeadwayError('invalid', message);

/** The elements kept by a combination that contains `category` (or is `combo`), each derived again. */
async function deriveElementsOf(db: Db, where: { category?: number; combo?: number }): Promise<string[]> {
  const elements = await db
    .selectFrom('data_element as e')
    .innerJoin('category_combo as cc', 'cc.id', 'e.category_combo_id')
    .select(['e.id', 'e.code', 'cc.code as combo'])
    .where('e.operand_of', 'is', null)
    .$if(where.category !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('category_combo_category as m')
            .whereRef('m.combo_id', '=', 'cc.id')
            .where('m.category_id', '=', where.category as number),
        ),
      ),
    )
    .$if(where.combo !== undefined, (q) => q.where('cc.id', '=', where.combo as number))
    .orderBy('e.code')
    .execute();
  for (const element of elements) await syncOperands(db, element.id);
  return elements.map((e) => e.code);
}

/** How many values are kept by option combinations containing these options. */
async function valuesKeptBy(db: Db, optionIds: number[]): Promise<number> {
  if (optionIds.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from data_value_option v
    join category_option_combo coc on coc.id = v.option_combo_id
    where coc.option_ids && ${optionIds}::int[]`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Makes a category or changes it: its name, its options' names and order, options added, and options
 * taken away where no value is kept by them. Every combination containing it gets its option combinations
 * again, and every element kept by one is derived again.
 */
export async function saveCategory(
  context: Context,
  code: string,
  definition: CategoryDefinition,
): Promise<{ category: string; options: string[]; combos: string[]; elements: string[] }> {
  const { actor } = context;
  requireWholeSystem(actor, 'kpi:write');
  const codes = definition.options.map((o) => o.code);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) throw invalid(`Option ${repeated} is listed twice`);
  return context.db.transaction().execute(async (db) => {
    const existing = await db
      .selectFrom('category')
      .select(['id', 'name'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    const elsewhere = await db
      .selectFrom('category_option as o')
      .innerJoin('category as c', 'c.id', 'o.category_id')
      .select(['o.code', 'c.code as category'])
      .where('o.code', 'in', codes)
      .where('c.code', '<>', code)
      .executeTakeFirst();
    // Option codes are unique across categories, so #{pupils_enrolled.FEMALE} names one option.
    if (elsewhere)
      throw invalid(
        `Option ${elsewhere.code} belongs to the category ${elsewhere.category}: option codes are unique`,
      );
    const id =
      existing?.id ??
      (
        await db
          .insertInto('category')
          .values({ code, name: definition.name })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const before = await db
      .selectFrom('category_option')
      .select(['id', 'code', 'name'])
      .where('category_id', '=', id)
      .orderBy('position')
      .execute();
    const dropped = before.filter((o) => !codes.includes(o.code));
    const kept = await valuesKeptBy(
      db,
      dropped.map((o) => o.id),
    );
    if (kept > 0)
      throw invalid(
        `${kept} values are kept by ${dropped.map((o) => o.code).join(', ')} of ${code}: delete them before taking the option away`,
      );
    if (dropped.length > 0) {
      await sql`delete from category_option_combo where option_ids && ${dropped.map((o) => o.id)}::int[]`.execute(
        db,
      );
      await db
        .deleteFrom('category_option')
        .where(
          'id',
          'in',
          dropped.map((o) => o.id),
        )
        .execute();
    }
    await db.updateTable('category').set({ name: definition.name }).where('id', '=', id).execute();
    for (const [position, option] of definition.options.entries())
      await db
        .insertInto('category_option')
        .values({ category_id: id, code: option.code, name: option.name, position })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: option.name, position }))
        .execute();
    const combos = await db
      .selectFrom('category_combo as cc')
      .innerJoin('category_combo_category as m', 'm.combo_id', 'cc.id')
      .select('cc.code')
      .where('m.category_id', '=', id)
      .orderBy('cc.code')
      .execute();
    for (const combo of combos) await writeOptionCombos(db, combo.code);
    const elements = await deriveElementsOf(db, { category: id });
    await recordAudit(db, actor, existing ? 'update' : 'create', 'category', {
      code,
      name: definition.name,
      options: { from: before.map((o) => o.code), to: codes },
    });
    return { category: code, options: codes, combos: combos.map((c) => c.code), elements };
  });
}

/**
 * Makes a combination of categories or changes it. Its categories change only while no element is kept
 * by it (the values would not fit); its name may always change.
 */
export async function saveCombo(
  context: Context,
  code: string,
  definition: ComboDefinition,
): Promise<{ combo: string; categories: string[]; option_combos: number }> {
  const { actor } = context;
  requireWholeSystem(actor, 'kpi:write');
  if (code === 'default') throw invalid('"default" means no categories: choose another code');
  const repeated = definition.categories.find((c, i) => definition.categories.indexOf(c) !== i);
  if (repeated) throw invalid(`The category ${repeated} is listed twice`);
  return context.db.transaction().execute(async (db) => {
    const categories = await db
      .selectFrom('category')
      .select(['id', 'code'])
      .where('code', 'in', definition.categories)
      .execute();
    const unknown = definition.categories.filter((c) => !categories.some((k) => k.code === c));
    if (unknown.length > 0)
      throw invalid(
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a category' : 'are not categories'}`,
      );
    const existing = await db
      .selectFrom('category_combo as cc')
      .select(['cc.id'])
      .select(
        sql<
          string[]
        >`array(select c.code from category_combo_category m join category c on c.id = m.category_id
          where m.combo_id = cc.id order by m.position)`.as('categories'),
      )
      .where('cc.code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    const changed = existing !== undefined && existing.categories.join() !== definition.categories.join();
    if (changed) {
      const given = await db
        .selectFrom('data_element')
        .select('code')
        .where('category_combo_id', '=', existing.id)
        .where('operand_of', 'is', null)
        .orderBy('code')
        .execute();
      if (given.length > 0)
        throw invalid(
          `${code} keeps ${given.map((e) => e.code).join(', ')}: give ${given.length === 1 ? 'it' : 'them'} another combination before changing its categories`,
        );
      await db.deleteFrom('category_option_combo').where('combo_id', '=', existing.id).execute();
      await db.deleteFrom('category_combo_category').where('combo_id', '=', existing.id).execute();
    }
    const id =
      existing?.id ??
      (
        await db
          .insertInto('category_combo')
          .values({ code, name: definition.name })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await db.updateTable('category_combo').set({ name: definition.name }).where('id', '=', id).execute();
    if (!existing || changed)
      await db
        .insertInto('category_combo_category')
        .values(
          definition.categories.map((c, position) => ({
            combo_id: id,
            category_id: categories.find((k) => k.code === c)?.id as number,
            position: position + 1,
          })),
        )
        .execute();
    await writeOptionCombos(db, code);
    await deriveElementsOf(db, { combo: id });
    const { n } = await db
      .selectFrom('category_option_combo')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('combo_id', '=', id)
      .executeTakeFirstOrThrow();
    await recordAudit(db, actor, existing ? 'update' : 'create', 'category_combo', {
      code,
      name: definition.name,
      categories: { from: existing?.categories ?? [], to: definition.categories },
    });
    return { combo: code, categories: definition.categories, option_combos: n };
  });
}
