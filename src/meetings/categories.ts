// Challenge categories are configurable: the nine a new authority starts with can be renamed, new ones
// added and old ones retired (kept for the challenges that used them, offered for no new ones).
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { requireReader } from './access.ts';
import type { Category } from './challenge-contract.ts';

export async function listCategories({ db, actor }: Context): Promise<Category[]> {
  requireReader(actor);
  return db
    .selectFrom('challenge_category')
    .select(['code', 'name', 'retired'])
    .orderBy('position')
    .orderBy('code')
    .execute();
}

/** Adds or renames a category, or retires or restores it. */
export async function saveCategory({ db, actor }: Context, category: Category): Promise<void> {
  requireWholeSystem(actor, 'meetings:write');
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('challenge_category')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    await trx
      .insertInto('challenge_category')
      .values({ ...category, position: Number(last?.position ?? 0) + 1 })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: category.name, retired: category.retired }))
      .execute();
    await recordAudit(trx, actor, 'save', 'challenge_category', { ...category });
  });
}
