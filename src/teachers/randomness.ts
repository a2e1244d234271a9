// The degree of randomness in teacher allocation (UNESCO IIEP Pôle de Dakar): 1 − R² of teachers on
// pupils across schools, 0 when every school's teachers follow its enrolment. For the authority and each
// area the caller sees, month by month so that improvement shows; and the scatter IIEP draws with it.

import { requirePermission, requireVisible } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { parsePeriod } from '../kpi/periods.ts';
import type { ResolvedUnits } from '../kpi/unit-totals.ts';
import type { Randomness, RandomnessQuery, Scatter, ScatterQuery } from './contract.ts';
import { gapUnits, monthOrLatest, schoolGaps, staffingMonths, toUnitGap } from './gaps.ts';
import { unitGapsQuery } from './queries.ts';

const joined = (a: ResolvedUnits, b: ResolvedUnits): ResolvedUnits => ({
  units: [...a.units, ...b.units],
  unitCodes: [...a.unitCodes, ...b.unitCodes],
  schoolIds: [...a.schoolIds, ...b.schoolIds],
});

/** GET /teachers/randomness: the authority (for those who see it whole) and each area, by month. */
export async function teacherRandomness(context: Context, query: RandomnessQuery): Promise<Randomness> {
  const { db, actor } = context;
  requirePermission(actor, 'kpi:read');
  if (query.area) requireVisible(actor, query.area, `Area ${query.area}`);
  const months = (await staffingMonths(db)).slice(0, query.months).reverse();
  const filter = { area: query.area, phase: query.phase };
  const units = query.area
    ? await gapUnits(context, 'area', filter)
    : joined(await gapUnits(context, 'authority', filter), await gapUnits(context, 'area', filter));
  const { rows } =
    months.length && units.unitCodes.length
      ? await unitGapsQuery(
          units,
          months.map((m) => parsePeriod(m)),
        ).execute(db)
      : { rows: [] };
  const byKey = new Map(rows.map((r) => [`${r.unit_code}|${r.period}`, r]));
  return {
    months,
    series: units.units.map((unit) => ({
      code: unit.code,
      name: unit.name,
      level: unit.level,
      points: months.map((month) => {
        const figures = toUnitGap(unit, byKey.get(`${unit.code}|${month}`));
        return { month, schools: figures.schools, randomness: figures.randomness };
      }),
    })),
  };
}

/** GET /teachers/scatter: each school a point (pupils, teachers), with the norm to draw as a line. */
export async function teacherScatter(context: Context, query: ScatterQuery): Promise<Scatter> {
  const month = await monthOrLatest(context, query.month);
  const { schools } = await schoolGaps(context, { area: query.area, month, phase: query.phase });
  const ratios = new Set(schools.map((s) => s.max_ratio));
  const minimums = new Set(schools.map((s) => s.min_teachers));
  const units = query.area
    ? await gapUnits(context, 'area', query)
    : context.actor.scope.all
      ? await gapUnits(context, 'authority', query)
      : undefined;
  const unit = units?.units[0];
  const figures =
    units && unit
      ? toUnitGap(unit, (await unitGapsQuery(units, [parsePeriod(month)]).execute(context.db)).rows[0])
      : undefined;
  return {
    month,
    max_ratio: ratios.size === 1 ? ([...ratios][0] as number) : null,
    min_teachers: minimums.size === 1 ? ([...minimums][0] as number) : null,
    randomness: figures?.randomness ?? null,
    points: schools.map((s) => ({
      code: s.code,
      name: s.name,
      pupils: s.pupils,
      teachers: s.teachers,
      required: s.required,
      above: s.above,
    })),
  };
}
