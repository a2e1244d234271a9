// Rubrics: read the current versions, one version whole, and save a rubric. Saving one that no visit
// has been scored on replaces its content in place; saving one in use adds the next version and marks
// the old one superseded, so every visit keeps the descriptors it was scored against.
import { sql } from 'kysely';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import { type Context, withDb } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { Rubric, RubricInput, RubricSummary, SavedRubric } from './contract.ts';

function summaries(db: Db) {
  return db.selectFrom('rubric as r').select([
    'r.id',
    'r.code',
    'r.version',
    'r.name',
    'r.scale_max',
    'r.visit_types',
    'r.superseded',
    sql<number>`(select count(*)::int from rubric_criterion c join rubric_section s on s.id = c.section_id
        where s.rubric_id = r.id)`.as('criteria'),
    sql<number>`(select count(*)::int from visit v where v.rubric_id = r.id)`.as('visits'),
  ]);
}

/** The rubrics offered for new visits (each code's current version), or every version with `all`. */
export async function listRubrics(context: Context, all = false): Promise<RubricSummary[]> {
  requirePermission(context.actor, 'visits:read');
  let query = summaries(context.db).orderBy('r.code').orderBy('r.version');
  if (!all) query = query.where('r.superseded', '=', false);
  return query.execute();
}

/** One version of a rubric whole: its sections, criteria and each level's descriptor (the current version by default). */
export async function rubricDetail(context: Context, code: string, version?: number): Promise<Rubric> {
  requirePermission(context.actor, 'visits:read');
  let query = summaries(context.db).where('r.code', '=', code);
  query = version ? query.where('r.version', '=', version) : query.where('r.superseded', '=', false);
  const rubric = await query.executeTakeFirst();
  if (!rubric) throw notFound(`Rubric ${code}${version ? ` version ${version}` : ''}`);
  const rows = await context.db
    .selectFrom('rubric_section as s')
    .innerJoin('rubric_criterion as c', 'c.section_id', 's.id')
    .select([
      's.id as section_id',
      's.code as section_code',
      's.name as section_name',
      'c.id',
      'c.code',
      'c.name',
      'c.evidence_prompt',
      sql<{ level: number; descriptor: string }[]>`(select json_agg(json_build_object('level', l.level,
        'descriptor', l.descriptor) order by l.level) from rubric_level l where l.criterion_id = c.id)`.as(
        'levels',
      ),
    ])
    .where('s.rubric_id', '=', rubric.id)
    .orderBy('s.position')
    .orderBy('c.position')
    .execute();
  const sections: Rubric['sections'] = [];
  for (const row of rows) {
    const last = sections.at(-1);
    const section =
      last?.id === row.section_id
        ? last
        : { id: row.section_id, code: row.section_code, name: row.section_name, criteria: [] };
    if (section !== last) sections.push(section);
    section.criteria.push({
      id: row.id,
      code: row.code,
      name: row.name,
      evidence_prompt: row.evidence_prompt,
      levels: row.levels ?? [],
    });
  }
  return { ...rubric, sections };
}

/** Problems with a rubric's content, each naming where: codes repeated, descriptors not matching the scale. */
export function rubricProblems(input: RubricInput): string[] {
  const problems: string[] = [];
  const sections = new Set<string>();
  const criteria = new Set<string>();
  for (const section of input.sections) {
    if (sections.has(section.code)) problems.push(`section ${section.code}: the code is used twice`);
    sections.add(section.code);
    for (const criterion of section.criteria) {
      if (criteria.has(criterion.code)) problems.push(`criterion ${criterion.code}: the code is used twice`);
      criteria.add(criterion.code);
      if (criterion.levels.length !== input.scale_max)
        problems.push(
          `criterion ${criterion.code}: has ${criterion.levels.length} level descriptors; the scale 1–${input.scale_max} needs ${input.scale_max}`,
        );
    }
  }
  return problems;
}

/** Writes a rubric's sections, criteria and levels under a version (emptied first). */
async function writeContent(db: Db, rubricId: number, input: RubricInput): Promise<void> {
  await db.deleteFrom('rubric_section').where('rubric_id', '=', rubricId).execute();
  for (const [s, section] of input.sections.entries()) {
    const { id: sectionId } = await db
      .insertInto('rubric_section')
      .values({ rubric_id: rubricId, code: section.code, name: section.name, position: s })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [c, criterion] of section.criteria.entries()) {
      const { id } = await db
        .insertInto('rubric_criterion')
        .values({
          section_id: sectionId,
          code: criterion.code,
          name: criterion.name,
          evidence_prompt: criterion.evidence_prompt,
          position: c,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('rubric_level')
        .values(criterion.levels.map((descriptor, l) => ({ criterion_id: id, level: l + 1, descriptor })))
        .execute();
    }
  }
}

/**
 * Creates a rubric, or saves a new content for one: in place while no visit is scored on the current
 * version, otherwise as the next version. Answers the version saved.
 */
export async function saveRubric(context: Context, input: RubricInput): Promise<SavedRubric> {
  requireWholeSystem(context.actor, 'visits:write');
  const problems = rubricProblems(input);
  if (problems.length) throw new HeadwayError('invalid', `Rubric ${input.code}: ${problems.join('; ')}`);
  return context.db.transaction().execute((trx) => writeRubric(withDb(context, trx), input));
}

/** Saves one checked rubric on the context's executor (a transaction: the workbook import saves several in one). */
export async function writeRubric(context: Context, input: RubricInput): Promise<SavedRubric> {
  const { db: trx, actor, today } = context;
  const current = await trx
    .selectFrom('rubric as r')
    .select([
      'r.id',
      'r.version',
      sql<boolean>`exists (select 1 from visit v where v.rubric_id = r.id)`.as('used'),
    ])
    .where('r.code', '=', input.code)
    .where('r.superseded', '=', false)
    .forUpdate()
    .executeTakeFirst();
  const fields = { name: input.name, scale_max: input.scale_max, visit_types: input.visit_types };
  let id: number;
  let version: number;
  if (current && !current.used) {
    ({ id, version } = current);
    await trx.updateTable('rubric').set(fields).where('id', '=', id).execute();
  } else {
    if (current)
      await trx.updateTable('rubric').set({ superseded: true }).where('id', '=', current.id).execute();
    version = (current?.version ?? 0) + 1;
    ({ id } = await trx
      .insertInto('rubric')
      .values({ ...fields, code: input.code, version, created_on: today })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  await writeContent(trx, id, input);
  const newVersion = !current || current.used;
  await recordAudit(trx, actor, newVersion ? 'create' : 'update', 'rubric', {
    id,
    code: input.code,
    version,
  });
  return { id, code: input.code, version, new_version: newVersion };
}
