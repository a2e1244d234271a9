// The staffing norms: the authority's default (the row with neither phase nor type) and the overrides
// for a phase, a type or both. Read by anyone who reads the KPIs; replaced whole by a director, analyst
// or admin for the whole authority, as the indicator catalogue is. Audited by the table's trigger and
// as one event; the data version rises with them, so every gap figure cached follows.
import { sql } from 'kysely';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { StaffingNorms, type StaffingNormsInput, type StaffingNormsView } from './contract.ts';

// numeric comes back from PostgreSQL as text.
const classSize = (value: number | string | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

/** GET /teachers/norms. */
export async function viewNorms(context: Context): Promise<StaffingNormsView> {
  const { db, actor } = context;
  requirePermission(actor, 'kpi:read');
  const [rows, types] = await Promise.all([
    db.selectFrom('staffing_norm').selectAll().orderBy('phase').orderBy('type').execute(),
    db.selectFrom('school').select('type').distinct().where('type', 'is not', null).orderBy('type').execute(),
  ]);
  const fallback = rows.find((r) => r.phase === null && r.type === null);
  return {
    default: {
      max_ratio: Number(fallback?.max_ratio ?? 40),
      min_teachers: fallback?.min_teachers ?? 2,
      max_class_size: classSize(fallback?.max_class_size),
    },
    overrides: rows
      .filter((r) => r.phase !== null || r.type !== null)
      .map((r) => ({
        phase: r.phase as StaffingNorms['overrides'][number]['phase'],
        type: r.type,
        max_ratio: Number(r.max_ratio),
        min_teachers: r.min_teachers,
        max_class_size: classSize(r.max_class_size),
      })),
    types: types.map((t) => t.type as string),
    can_edit: actor.scope.all && actor.permissions.has('kpi:write'),
  };
}

/** PUT /teachers/norms: the default and the overrides replace the ones before. */
export async function setNorms(context: Context, raw: StaffingNormsInput): Promise<StaffingNormsView> {
  const { db, actor } = context;
  const norms = StaffingNorms.parse(raw);
  requireWholeSystem(actor, 'kpi:write');
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('staffing_norm').selectAll().execute();
    const keys = new Set(norms.overrides.map((r) => `${r.phase}|${r.type}`));
    const gone = before.filter(
      (r) => (r.phase !== null || r.type !== null) && !keys.has(`${r.phase}|${r.type}`),
    );
    if (gone.length)
      await trx
        .deleteFrom('staffing_norm')
        .where(
          'id',
          'in',
          gone.map((r) => r.id),
        )
        .execute();
    const rows = [{ phase: null, type: null, ...norms.default }, ...norms.overrides];
    for (const row of rows)
      await sql`
        insert into staffing_norm (phase, type, max_ratio, min_teachers, max_class_size)
        values (${row.phase}, ${row.type}, ${row.max_ratio}, ${row.min_teachers}, ${row.max_class_size})
        on conflict (phase, type) do update set max_ratio = excluded.max_ratio,
          min_teachers = excluded.min_teachers, max_class_size = excluded.max_class_size
        where (staffing_norm.max_ratio, staffing_norm.min_teachers, staffing_norm.max_class_size)
          is distinct from (excluded.max_ratio, excluded.min_teachers, excluded.max_class_size)`.execute(trx);
    await recordAudit(trx, actor, 'set_staffing_norms', 'staffing_norm', norms);
  });
  return viewNorms(context);
}
