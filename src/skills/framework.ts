// The competency framework: every role reads it; a whole-authority director adds, rewords and retires
// competencies and says which programmes develop each. A competency that has been rated is retired,
// never deleted, so past audits keep their meaning.
import { sql } from 'kysely';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import {
  type Competency,
  type CompetencyChange,
  type CompetencyDetail,
  type CompetencyInput,
  scaleLevels,
} from './contract.ts';

/** Every competency in the framework's order, with its programmes and how often it has been rated. */
async function competencies(db: Db): Promise<(CompetencyDetail & { id: number })[]> {
  const rows = await db
    .selectFrom('competency as c')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.description',
      'c.evidence',
      'c.levels',
      sql<boolean>`c.retired_on is not null`.as('retired'),
      sql<
        string[]
      >`coalesce((select array_agg(p.code order by p.position, p.code) from competency_programme cp
        join programme p on p.id = cp.programme_id where cp.competency_id = c.id), '{}')`.as('programmes'),
      sql<number>`(select count(*)::int from skill_rating r where r.competency_id = c.id
        and (r.self_rating is not null or r.validated_rating is not null))`.as('ratings'),
    ])
    .orderBy('c.position')
    .orderBy('c.code')
    .execute();
  return rows;
}

export async function listFramework(
  context: Context,
): Promise<{ scale: (typeof scaleLevels)[number][]; competencies: CompetencyDetail[] }> {
  requirePermission(context.actor, 'kpi:read');
  const rows = await competencies(context.db);
  return { scale: [...scaleLevels], competencies: rows.map(({ id: _, ...c }) => c) };
}

async function programmeIds(db: Db, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('programme').select(['id', 'code']).where('code', 'in', codes).execute();
  const missing = codes.filter((code) => !rows.some((r) => r.code === code));
  if (missing.length > 0) throw notFound(`Programme ${missing.join(', ')}`);
  return rows.map((r) => r.id);
}

async function setProgrammes(db: Db, competencyId: number, ids: number[]): Promise<void> {
  await db.deleteFrom('competency_programme').where('competency_id', '=', competencyId).execute();
  if (ids.length > 0)
    await db
      .insertInto('competency_programme')
      .values(ids.map((programme_id) => ({ competency_id: competencyId, programme_id })))
      .execute();
}

export async function addCompetency(context: Context, input: CompetencyInput): Promise<Competency> {
  const { db, actor, today } = context;
  requireWholeSystem(actor, 'programmes:write');
  const competency: Competency = { description: '', evidence: '', programmes: [], retired: false, ...input };
  const ids = await programmeIds(db, competency.programmes);
  try {
    await db.transaction().execute(async (trx) => {
      const { position } = await trx
        .selectFrom('competency')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('position'))
        .executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('competency')
        .values({
          code: competency.code,
          name: competency.name,
          description: competency.description,
          evidence: competency.evidence,
          levels: competency.levels,
          position,
          retired_on: competency.retired ? today : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await setProgrammes(trx, id, ids);
      await recordAudit(trx, actor, 'add', 'competency', competency);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new HeadwayError('conflict', `Competency code ${competency.code} is taken`);
    throw error;
  }
  return competency;
}

export async function changeCompetency(
  context: Context,
  code: string,
  change: CompetencyChange,
): Promise<Competency> {
  const { db, actor, today } = context;
  requireWholeSystem(actor, 'programmes:write');
  const before = (await competencies(db)).find((c) => c.code === code);
  if (!before) throw notFound(`Competency ${code}`);
  const ids = change.programmes === undefined ? undefined : await programmeIds(db, change.programmes);
  const { programmes: _, retired, ...columns } = change;
  await db.transaction().execute(async (trx) => {
    const set = {
      ...columns,
      ...(retired === undefined || retired === before.retired ? {} : { retired_on: retired ? today : null }),
    };
    if (Object.keys(set).length > 0)
      await trx.updateTable('competency').set(set).where('id', '=', before.id).execute();
    if (ids) await setProgrammes(trx, before.id, ids);
    await recordAudit(trx, actor, 'change', 'competency', { code, change });
  });
  const { id: __, ratings: ___, ...rest } = before;
  return { ...rest, ...change };
}
