// An indicator split by a category's options (issue 25): each option's figure is the indicator with
// every element replaced by that option's derived element (#{sessions_attended} by #{sessions_attended.FEMALE}),
// rolled up like any indicator, so an area's girls' attendance is its girls' sessions over its girls'
// possible sessions, never a mean of schools' rates.
import { sql } from 'kysely';
import { requirePermission, requireVisible } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { Breakdown } from './categories-contract.ts';
import { isComputedElement } from './computed-elements.ts';
import type { IndicatorResult } from './contract.ts';
import { elementsOf, parseExpression } from './expression.ts';
import { type Indicator, indicatorByCode } from './indicators.ts';
import { parsePeriod } from './periods.ts';
import { rollupIndicators } from './rollup.ts';

/** The indicator on one option: each of `elements` in its formulas read as `element.OPTION`. */
function onOption(indicator: Indicator, elements: Set<string>, option: string): Indicator {
  const rewrite = (text: string) =>
    text.replace(/#\{([A-Za-z0-9_.-]+)\}/g, (whole, code: string) =>
      elements.has(code) ? `#{${code}.${option}}` : whole,
    );
  const numerator = rewrite(indicator.numerator);
  const denominator = rewrite(indicator.denominator);
  const parsed = { numerator: parseExpression(numerator), denominator: parseExpression(denominator) };
  return {
    ...indicator,
    code: `${indicator.code}.${option}`,
    numerator,
    denominator,
    parsed,
    elements: [...new Set([...elementsOf(parsed.numerator), ...elementsOf(parsed.denominator)])].sort(),
  };
}

export async function indicatorBreakdown(
  context: Context,
  q: { indicator: string; period: string; org_unit: string; by?: string },
): Promise<Breakdown> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, q.org_unit, `Org unit ${q.org_unit}`);
  const unit = await db.selectFrom('org_unit').select('id').where('code', '=', q.org_unit).executeTakeFirst();
  if (!unit) throw notFound(`Org unit ${q.org_unit}`);
  const indicator = await indicatorByCode(db, q.indicator);
  const period = parsePeriod(q.period, settings.academicYearStart);
  const imported = indicator.elements.filter((e) => !isComputedElement(e));
  // The categories every imported element of the indicator is kept by, with their options in order.
  const { rows } = await sql<{ category: string; name: string; options: { code: string; name: string }[] }>`
    select c.code as category, c.name,
      (select json_agg(json_build_object('code', o.code, 'name', o.name) order by o.position)
       from category_option o where o.category_id = c.id) as options
    from category c
    where ${imported.length} > 0 and ${imported.length} = (
      select count(distinct e.id) from data_element e
      join category_combo_category m on m.combo_id = e.category_combo_id
      where m.category_id = c.id and e.code = any(${imported}::text[]))
    order by c.code`.execute(db);
  const categories = rows.map((r) => ({ code: r.category, name: r.name }));
  const chosen = q.by ? rows.find((r) => r.category === q.by) : rows[0];
  if (q.by && !chosen)
    throw new HeadwayError(
      'invalid',
      `${indicator.code} cannot be split by ${q.by}: ${
        rows.length
          ? `it can be by ${categories.map((c) => c.code).join(', ')}`
          : 'its elements have no categories'
      }`,
    );
  const options = chosen?.options ?? [];
  const split = new Set(imported);
  const variants = options.map((o) => onOption(indicator, split, o.code));
  const results = await rollupIndicators(db, [indicator, ...variants], { codes: [q.org_unit] }, period, {
    academicYearStart: settings.academicYearStart,
  });
  const first = (code: string) => results.get(code)?.[0] as IndicatorResult;
  return {
    indicator: indicator.code,
    org_unit: q.org_unit,
    period: period.id,
    category: chosen?.category ?? '',
    categories,
    total: first(indicator.code),
    options: options.map((o, i) => ({
      ...first((variants[i] as Indicator).code),
      indicator: indicator.code,
      option: o.code,
      option_name: o.name,
    })),
  };
}
