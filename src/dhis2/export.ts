// Headway's figures as a DHIS2 dataValueSets payload, for a ministry that keeps DHIS2 as its system of
// record: indicators' values per school (the roll-up's, as the explorer shows them) and data elements'
// values as imported, for one period, named by Headway codes or, with idScheme=UID, by the mapping's
// UIDs (a code without one is refused by name rather than sent as something DHIS2 cannot match).
import { sql } from 'kysely';
import { requireWholeSystem } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { indicatorAnalytics } from '../kpi/analytics.ts';
import { parsePeriod } from '../kpi/periods.ts';
import type { Dhis2DataValueSet, Dhis2MappingKind, ExportQuery } from './contract.ts';
import { loadMapping } from './mapping.ts';
import { DEFAULT_COMBO_UID } from './payload.ts';
import { dhis2PeriodOf } from './periods.ts';

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A number as DHIS2 keeps a value: text, without a float's noise. */
const valueText = (value: number) => String(Math.round(value * 1e6) / 1e6);

/** The org units under a root (the root itself too), by code: whose values an export holds. */
async function unitsUnder(context: Context, root: string): Promise<Set<string>> {
  const { rows } = await sql<{ code: string }>`
    with recursive under as (
      select id, code from org_unit where code = ${root}
      union all
      select o.id, o.code from org_unit o join under u on o.parent_id = u.id
    )
    select code from under`.execute(context.db);
  return new Set(rows.map((r) => r.code));
}

/**
 * The element values of one month held for the given units, as imported: an element's own value, or its
 * values by category option combo (its total and options are derived from those, migration 0045).
 */
async function elementValues(context: Context, elements: string[], month: string, units: string[]) {
  const { rows } = await sql<{ org_unit: string; element: string; combo: string | null; value: number }>`
    select o.code as org_unit, e.code as element, v.combo, v.value
    from (
      select dv.org_unit_id, dv.element_id, null::text as combo, dv.value
      from data_value dv
      where dv.month = ${`${month}-01`}::date and not exists (select from data_value_option x
        where x.element_id = dv.element_id and x.org_unit_id = dv.org_unit_id and x.month = dv.month)
      union all
      select dvo.org_unit_id, dvo.element_id, coc.code, dvo.value
      from data_value_option dvo join category_option_combo coc on coc.id = dvo.option_combo_id
      where dvo.month = ${`${month}-01`}::date
    ) v
    join org_unit o on o.id = v.org_unit_id
    join data_element e on e.id = v.element_id
    where e.operand_of is null and e.code = any(${elements}::text[]) and o.code = any(${units}::text[])
    order by o.code, e.code, v.combo`.execute(context.db);
  return rows;
}

export async function exportDataValueSet(context: Context, query: ExportQuery): Promise<Dhis2DataValueSet> {
  const { db, actor, settings } = context;
  // A ministry's copy is the whole authority's figures, named: for roles held for the whole authority.
  requireWholeSystem(actor, 'kpi:read');
  const indicators = list(query.indicator);
  const elements = list(query.element);
  if (indicators.length === 0 && elements.length === 0)
    throw new HeadwayError(
      'invalid',
      'Name the indicators (indicator=) or data elements (element=) to export',
    );
  const period = parsePeriod(query.period, settings.academicYearStart);
  const dhis2Period = dhis2PeriodOf(period);
  const root =
    query.orgUnit ??
    (await db.selectFrom('org_unit').select('code').where('level', '=', 'authority').executeTakeFirst())
      ?.code;
  if (!root || !(await db.selectFrom('org_unit').select('id').where('code', '=', root).executeTakeFirst()))
    throw notFound(`Org unit ${query.orgUnit ?? '(the authority)'}`);
  const children = query.children !== 'false';
  // Every school under the root (any depth: an area's clusters' schools too), or the unit's own figure.
  const units = children ? await unitsUnder(context, root) : new Set([root]);

  const rows: { orgUnit: string; dataElement: string; combo: string | null; value: number }[] = [];
  if (elements.length > 0) {
    if (period.type !== 'month')
      throw new HeadwayError(
        'invalid',
        `Data element values are kept by month: export ${query.period}'s months one at a time`,
      );
    const known = await db.selectFrom('data_element').select('code').where('code', 'in', elements).execute();
    const missing = elements.filter((e) => !known.some((k) => k.code === e));
    if (missing.length > 0) throw new HeadwayError('invalid', `Not data elements: ${missing.join(', ')}`);
    for (const r of await elementValues(context, elements, period.id, [...units]))
      rows.push({ orgUnit: r.org_unit, dataElement: r.element, combo: r.combo, value: r.value });
  }
  for (const indicator of indicators) {
    const results = await indicatorAnalytics(
      context,
      children
        ? { indicator, period: query.period, level: 'school' }
        : { indicator, period: query.period, orgUnit: root },
    );
    for (const r of results)
      if (r.value !== null && units.has(r.org_unit))
        rows.push({ orgUnit: r.org_unit, dataElement: indicator, combo: null, value: r.value });
  }

  const byUid = query.idScheme === 'UID';
  const mapping = byUid ? await loadMapping(db) : null;
  const unmapped = new Map<Dhis2MappingKind, Set<string>>();
  const idOf = (kind: Dhis2MappingKind, code: string) => {
    if (!mapping) return code;
    const uid = mapping.uidOf(kind, code);
    if (uid) return uid;
    unmapped.set(kind, (unmapped.get(kind) ?? new Set()).add(code));
    return code;
  };
  const dataValues = rows.map((r) => ({
    dataElement: idOf('data_element', r.dataElement),
    period: dhis2Period,
    orgUnit: idOf('org_unit', r.orgUnit),
    categoryOptionCombo:
      r.combo === null ? (byUid ? DEFAULT_COMBO_UID : 'default') : idOf('category_option_combo', r.combo),
    attributeOptionCombo: byUid ? DEFAULT_COMBO_UID : 'default',
    value: valueText(r.value),
  }));
  const rootId = idOf('org_unit', root);
  if (unmapped.size > 0)
    throw new HeadwayError(
      'invalid',
      `These codes have no DHIS2 UID in the mapping: ${[...unmapped]
        .map(
          ([kind, codes]) =>
            `${kind.replace('_', ' ')}s ${[...codes].slice(0, 10).join(', ')}${codes.size > 10 ? ` and ${codes.size - 10} more` : ''}`,
        )
        .join('; ')} (map them, or export with idScheme=CODE)`,
    );
  const dataSet =
    query.dataSet && mapping ? (mapping.uidOf('data_set', query.dataSet) ?? query.dataSet) : query.dataSet;
  return {
    ...(dataSet ? { dataSet } : {}),
    period: dhis2Period,
    orgUnit: rootId,
    dataValues,
  };
}
