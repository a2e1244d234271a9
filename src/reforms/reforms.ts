// Reforms: the list, one reform with each school's latest fidelity, and saving a reform with its
// checklist (in place while no check has used it, else as a new version the later checks take).
// Everyone with visits:read reads them, limited to the schools in their scope; only a role held for
// the whole authority changes one.

import type { z } from '@hono/zod-openapi';
import { requirePermission, requireVisible, requireWholeSystem, visibleUnits } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import { type Context, withDb } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import {
  type Reform,
  ReformInput,
  type ReformInput as ReformInputType,
  type ReformSummary,
  type SavedReform,
  type SchoolFidelity,
} from './contract.ts';
import { type SchoolFidelityRow, schoolFidelityQuery } from './fidelity-sql.ts';

/** Practices in place as a percentage of those checked, to one decimal. */
export const shareOf = (inPlace: number, practices: number): number =>
  Math.round((1000 * inPlace) / practices) / 10;

/** The reform by code with its current checklist's id and version, or not found. */
export async function requireReform(db: Db, code: string) {
  const reform = await db
    .selectFrom('reform as r')
    .innerJoin('reform_checklist as c', (j) =>
      j.onRef('c.reform_id', '=', 'r.id').on('c.superseded', '=', false),
    )
    .select([
      'r.id',
      'r.code',
      'r.name',
      'r.description',
      'r.phase',
      'r.starts_on',
      'c.id as checklist_id',
      'c.version',
    ])
    .where('r.code', '=', code)
    .executeTakeFirst();
  if (!reform) throw notFound(`Reform ${code}`);
  return reform;
}

function fidelityOf(row: SchoolFidelityRow): SchoolFidelity {
  const latest =
    row.visit_id === null || row.checked_on === null
      ? null
      : {
          visit_id: row.visit_id,
          checked_on: row.checked_on,
          in_place: row.in_place ?? 0,
          partly: row.partly ?? 0,
          not_yet: row.not_yet ?? 0,
          share: shareOf(row.in_place ?? 0, row.practices ?? 1),
        };
  return {
    code: row.code,
    name: row.name,
    area: row.area_code === null ? null : { code: row.area_code, name: row.area_name ?? '' },
    latest,
    checks: row.checks,
  };
}

async function summaryOf(
  context: Context,
  reform: Awaited<ReturnType<typeof requireReform>>,
  schools: SchoolFidelity[],
): Promise<ReformSummary> {
  const { db } = context;
  const units = await db
    .selectFrom('reform_unit as ru')
    .innerJoin('org_unit as o', 'o.id', 'ru.org_unit_id')
    .select(['o.code', 'o.name'])
    .where('ru.reform_id', '=', reform.id)
    .orderBy('o.name')
    .execute();
  const practices = await db
    .selectFrom('reform_practice')
    .select(db.fn.countAll<number>().as('n'))
    .where('checklist_id', '=', reform.checklist_id)
    .executeTakeFirstOrThrow();
  const checked = schools.flatMap((s) => (s.latest ? [s.latest] : []));
  const inPlace = checked.reduce((sum, c) => sum + c.in_place, 0);
  const total = checked.reduce((sum, c) => sum + c.in_place + c.partly + c.not_yet, 0);
  return {
    code: reform.code,
    name: reform.name,
    phase: reform.phase,
    starts_on: reform.starts_on,
    // The units named, limited to those the caller sees (a head is not told which other areas take part).
    units: units.filter((u) => visibleUnits(context.actor)?.includes(u.code) ?? true),
    checklist_version: reform.version,
    practices: Number(practices.n),
    schools: schools.length,
    checked: checked.length,
    share: total ? shareOf(inPlace, total) : null,
  };
}

async function schoolsOf(context: Context, reformId: number, area: string | null): Promise<SchoolFidelity[]> {
  const { rows } = await schoolFidelityQuery(reformId, visibleUnits(context.actor), area).execute(context.db);
  return rows.map(fidelityOf);
}

/** Every reform, newest start first, with the schools it covers in the caller's scope. */
export async function listReforms(context: Context): Promise<ReformSummary[]> {
  requirePermission(context.actor, 'visits:read');
  const codes = await context.db
    .selectFrom('reform')
    .select('code')
    .orderBy('starts_on', 'desc')
    .orderBy('code')
    .execute();
  const out: ReformSummary[] = [];
  for (const { code } of codes) {
    const reform = await requireReform(context.db, code);
    out.push(await summaryOf(context, reform, await schoolsOf(context, reform.id, null)));
  }
  return out;
}

/** One reform: its current checklist and each covered school's latest fidelity (of one area, if named). */
export async function reformDetail(
  context: Context,
  code: string,
  query: { area?: string } = {},
): Promise<Reform> {
  requirePermission(context.actor, 'visits:read');
  if (query.area) requireVisible(context.actor, query.area, `Area ${query.area}`);
  const reform = await requireReform(context.db, code);
  const all = await schoolsOf(context, reform.id, null);
  const checklist = await context.db
    .selectFrom('reform_practice')
    .select(['code', 'name', 'look_for'])
    .where('checklist_id', '=', reform.checklist_id)
    .orderBy('position')
    .execute();
  return {
    ...(await summaryOf(context, reform, all)),
    description: reform.description,
    checklist,
    school_fidelity: query.area ? all.filter((s) => s.area?.code === query.area) : all,
  };
}

/** What is wrong with a reform as given: each problem names the field. */
export function reformProblems(input: ReformInputType): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, p] of input.practices.entries()) {
    if (seen.has(p.code)) problems.push(`practices[${i + 1}]: code ${p.code} is used twice`);
    seen.add(p.code);
  }
  if (new Set(input.units).size !== input.units.length) problems.push('units: a unit is named twice');
  return problems;
}

/** Creates or changes a reform; the checklist is changed in place while unused, else versioned. */
export async function saveReform(context: Context, raw: ReformInputType): Promise<SavedReform> {
  requireWholeSystem(context.actor, 'visits:write');
  const input = ReformInput.parse(raw);
  const problems = reformProblems(input);
  if (problems.length) throw new HeadwayError('invalid', problems.join('; '));
  return context.db.transaction().execute((trx) => writeReform(withDb(context, trx), input));
}

/** Saves a checked reform within the caller's transaction (the workbook import saves several at once). */
export async function writeReform(
  context: Context,
  input: z.output<typeof ReformInput>,
): Promise<SavedReform> {
  const trx = context.db;
  const units = await trx
    .selectFrom('org_unit')
    .select(['id', 'code'])
    .where('code', 'in', input.units)
    .execute();
  const missing = input.units.filter((code) => !units.some((u) => u.code === code));
  if (missing.length)
    throw new HeadwayError(
      'invalid',
      `units: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a unit`,
    );
  {
    const fields = {
      name: input.name,
      description: input.description,
      phase: input.phase,
      starts_on: input.starts_on,
    };
    const reform = await trx
      .insertInto('reform')
      .values({ code: input.code, ...fields, created_on: context.today })
      .onConflict((c) => c.column('code').doUpdateSet(fields))
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('reform_unit').where('reform_id', '=', reform.id).execute();
    await trx
      .insertInto('reform_unit')
      .values(units.map((u) => ({ reform_id: reform.id, org_unit_id: u.id })))
      .execute();
    const current = await trx
      .selectFrom('reform_checklist as c')
      .select(['c.id', 'c.version'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('reform_check as rc')
              .select('rc.visit_id')
              .whereRef('rc.checklist_id', '=', 'c.id'),
          )
          .as('used'),
      )
      .where('c.reform_id', '=', reform.id)
      .where('c.superseded', '=', false)
      .executeTakeFirst();
    const same = current && (await sameChecklist(trx, current.id, input.practices));
    let checklist = current;
    let newVersion = false;
    if (!current || (current.used && !same)) {
      if (current)
        await trx
          .updateTable('reform_checklist')
          .set({ superseded: true })
          .where('id', '=', current.id)
          .execute();
      checklist = await trx
        .insertInto('reform_checklist')
        .values({ reform_id: reform.id, version: (current?.version ?? 0) + 1, created_on: context.today })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow()
        .then((c) => ({ ...c, used: false }));
      newVersion = current !== undefined;
    } else if (!same)
      await trx.deleteFrom('reform_practice').where('checklist_id', '=', current.id).execute();
    if (!checklist) throw new Error('unreachable: a checklist was made above');
    if (!same)
      await trx
        .insertInto('reform_practice')
        .values(input.practices.map((p, position) => ({ checklist_id: checklist.id, ...p, position })))
        .execute();
    await recordAudit(trx, context.actor, current ? 'update' : 'create', 'reform', {
      code: input.code,
      checklist_version: checklist.version,
      new_version: newVersion,
    });
    return { code: input.code, checklist_version: checklist.version, new_version: newVersion };
  }
}

async function sameChecklist(
  db: Db,
  checklistId: number,
  practices: { code: string; name: string; look_for: string }[],
): Promise<boolean> {
  const stored = await db
    .selectFrom('reform_practice')
    .select(['code', 'name', 'look_for'])
    .where('checklist_id', '=', checklistId)
    .orderBy('position')
    .execute();
  return (
    JSON.stringify(stored) ===
    JSON.stringify(practices.map(({ code, name, look_for }) => ({ code, name, look_for })))
  );
}
