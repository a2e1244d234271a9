// Data values pushed as JSON: Headway's own rows, or DHIS2's dataValueSets payload (codes, not UIDs:
// export from DHIS2 with idScheme=CODE), so a ministry already on DHIS2 can push its data unchanged.
import { HeadwayError } from '../errors.ts';
import { recordsToTable, type Table } from '../tabular/read.ts';
import { fromDhis2Period } from './periods.ts';

interface Dhis2DataValue {
  dataElement?: unknown;
  period?: unknown;
  orgUnit?: unknown;
  categoryOptionCombo?: unknown;
  value?: unknown;
}

/** Either `[{school_code, period, element, value}]` or `{ "dataValues": [{dataElement, period, orgUnit, value}] }`. */
export function dataValuesPayloadToTable(body: unknown): Table {
  if (Array.isArray(body)) return recordsToTable(body);
  const values = (body as { dataValues?: unknown })?.dataValues;
  if (!Array.isArray(values)) {
    throw new HeadwayError(
      'invalid',
      'Send a JSON array of {school_code, period, element, value}, or DHIS2 {"dataValues": [...]}',
    );
  }
  return recordsToTable(
    values.map((v: Dhis2DataValue) => ({
      school_code: v.orgUnit,
      period: typeof v.period === 'string' ? fromDhis2Period(v.period) : v.period,
      element: v.dataElement,
      category_option_combo: v.categoryOptionCombo,
      value: v.value,
    })),
  );
}
