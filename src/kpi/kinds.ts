// The KPI capability's import and export kinds: data values, indicators and targets.
import { sql } from 'kysely';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import { dataValueImporter, indicatorImporter, targetImporter } from './imports.ts';

export const kpiKinds: Record<string, ExchangeKind> = {
  'data-values': {
    importer: dataValueImporter,
    permission: 'kpi',
    ownSchoolColumn: 'school_code',
    exportQuery: sql`
      select o.code as school_code, to_char(dv.month, 'YYYY-MM') as period, e.code as element, dv.value
      from data_value dv join org_unit o on o.id = dv.org_unit_id join data_element e on e.id = dv.element_id
      order by o.code, dv.month, e.code`,
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
