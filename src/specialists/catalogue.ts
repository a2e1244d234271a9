// The specialisms catalogue: read by anyone who brokers (the forms and filters list it), extended by a
// whole-authority broker (a new subject, a support area), each change audited. Specialisms are retired,
// never deleted: designations and needs name them.
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { NewSpecialism, Specialism, SpecialismChange } from './contract.ts';

async function catalogue(db: Db): Promise<Specialism[]> {
  return db
    .selectFrom('specialism')
    .select(['code', 'name', 'family', 'description', 'indicators', 'retired'])
    .orderBy('position')
    .execute();
}

export async function listSpecialisms(context: Context): Promise<{ specialisms: Specialism[] }> {
  requirePermission(context.actor, 'brokering:read');
  return { specialisms: await catalogue(context.db) };
}

/** Each indicator named is one the KPIs know. */
async function checkIndicators(db: Db, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set(
    (await db.selectFrom('indicator').select('code').where('code', 'in', codes).execute()).map((r) => r.code),
  );
  const unknown = codes.find((c) => !known.has(c));
  if (unknown) throw new HeadwayError('invalid', `indicators: "${unknown}" is not an indicator`);
}

async function requireFreeName(db: Db, name: string, except?: string): Promise<void> {
  const taken = (await catalogue(db)).find(
    (s) => s.name.toLowerCase() === name.toLowerCase() && s.code !== except,
  );
  if (taken) throw new HeadwayError('conflict', `name: "${name}" is the specialism ${taken.code} already`);
}

export async function addSpecialism(context: Context, input: NewSpecialism): Promise<Specialism> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'brokering:write');
  const all = await catalogue(db);
  if (all.some((s) => s.code === input.code))
    throw new HeadwayError('conflict', `code: ${input.code} is in the catalogue already`);
  await requireFreeName(db, input.name);
  const indicators = input.indicators ?? [];
  await checkIndicators(db, indicators);
  const row = {
    code: input.code,
    name: input.name,
    family: input.family,
    description: input.description ?? '',
    indicators,
    retired: input.retired ?? false,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('specialism')
      .values({ ...row, position: all.length + 1 })
      .execute();
    await recordAudit(trx, actor, 'add', 'specialism', row);
  });
  return row;
}

export async function changeSpecialism(
  context: Context,
  code: string,
  change: SpecialismChange,
): Promise<Specialism> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'brokering:write');
  const before = (await catalogue(db)).find((s) => s.code === code);
  if (!before) throw notFound(`Specialism ${code}`);
  if (change.name) await requireFreeName(db, change.name, code);
  if (change.indicators) await checkIndicators(db, change.indicators);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('specialism').set(change).where('code', '=', code).execute();
    await recordAudit(trx, actor, 'change', 'specialism', { code, before, change });
  });
  return { ...before, ...change };
}
