// The skills a board's matrix rates and the courses its training records: shipped, and changed by a
// whole-authority director (a course made mandatory, or its renewal period changed, changes who is overdue
// everywhere at once). Retired skills leave the matrix but keep their ratings.
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { type Catalogue, CourseInput, SkillInput } from './contract.ts';

export async function catalogue(context: Context): Promise<Catalogue> {
  requirePermission(context.actor, 'governance:read');
  const [skills, courses] = await Promise.all([
    context.db
      .selectFrom('governance_skill')
      .select(['code', 'name', 'active'])
      .orderBy('position')
      .execute(),
    context.db
      .selectFrom('governance_course')
      .select(['code', 'name', 'mandatory', 'renew_months'])
      .orderBy('position')
      .execute(),
  ]);
  return { skills, courses };
}

const codeOf = (code: string) => code.trim().toLowerCase();

export async function putSkill(context: Context, code: string, raw: SkillInput): Promise<Catalogue> {
  requireWholeSystem(context.actor, 'governance:manage');
  const input = SkillInput.parse(raw);
  const key = codeOf(code);
  await context.db.transaction().execute(async (trx) => {
    const { next } = await trx
      .selectFrom('governance_skill')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('next'))
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('governance_skill')
      .values({ code: key, name: input.name, active: input.active, position: Number(next) + 1 })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name, active: input.active }))
      .execute();
    await recordAudit(trx, context.actor, 'update', 'governance_skill', { code: key, ...input });
  });
  return catalogue(context);
}

export async function putCourse(context: Context, code: string, raw: CourseInput): Promise<Catalogue> {
  requireWholeSystem(context.actor, 'governance:manage');
  const input = CourseInput.parse(raw);
  const key = codeOf(code);
  await context.db.transaction().execute(async (trx) => {
    const { next } = await trx
      .selectFrom('governance_course')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('next'))
      .executeTakeFirstOrThrow();
    const values = { name: input.name, mandatory: input.mandatory, renew_months: input.renew_months };
    await trx
      .insertInto('governance_course')
      .values({ code: key, position: Number(next) + 1, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
    await recordAudit(trx, context.actor, 'update', 'governance_course', { code: key, ...input });
  });
  return catalogue(context);
}
