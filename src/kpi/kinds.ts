// The KPI capability's import and export kinds: data values, indicators and targets.
import { sql } from 'kysely';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import { dataValueImporter, indicatorImporter, targetImporter } from './imports.ts';

export const kpiKinds: Record<string, ExchangeKind> = {
  'data-values': {
    importer: dataValueImporter,
    permission: 'kpi',
    ownSchoolColumn: 'school_code',
    // Values as imported: an element's own values, or its option values (its total and options are
    // derived from them, migration 0045); a total stored before the element had categories stays a total.
    exportQuery: sql`
      select o.code as school_code, to_char(v.month, 'YYYY-MM') as period, e.code as element, v.value,
        v.category_option_combo
      from (
        select dv.org_unit_id, dv.element_id, dv.month, null::text as category_option_combo, dv.value
        from data_value dv
        where not exists (select from data_value_option x
          where x.element_id = dv.element_id and x.org_unit_id = dv.org_unit_id and x.month = dv.month)
        union all
        select dvo.org_unit_id, dvo.element_id, dvo.month, coc.code, dvo.value
        from data_value_option dvo join category_option_combo coc on coc.id = dvo.option_combo_id
      ) v
      join org_unit o on o.id = v.org_unit_id join data_element e on e.id = v.element_id
      where e.operand_of is null
      order by o.code, v.month, e.code, v.category_option_combo`,
  },
  indicators: {
    importer: indicatorImporter,
    permission: 'kpi',
    exportQuery: sql`
      select code, name, numerator, denominator, factor, decimals, direction, red, amber, below_target, unit, stable_slope, concern_drop
      from indicator order by id`,
  },
  targets: {
    importer: targetImporter,
    permission: 'kpi',
    exportQuery: sql`
      select i.code as indicator, o.code as org_unit_code, t.academic_year, t.value
      from target t join indicator i on i.id = t.indicator_id join org_unit o on o.id = t.org_unit_id
      order by i.code, o.code, t.academic_year`,
  },
};
