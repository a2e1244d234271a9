// A DHIS2 dataValueSets payload, JSON or CSV, made into the rows of Headway's data-value import. The set's
// period, orgUnit and attributeOptionCombo stand for every value that does not name its own; ids are
// translated through the mapping by the id scheme (UID, CODE, or AUTO: a mapped UID, else a code); a
// period must be monthly. What does not translate is a problem of that value, by row and DHIS2's column.
import { HeadwayError } from '../errors.ts';
import type { RowProblem } from '../tabular/problems.ts';
import { readCsv, type Table, wholeTable } from '../tabular/read.ts';
import type { Dhis2MappingKind, ImportQuery } from './contract.ts';
import type { idSchemes } from './lists.ts';
import type { Mapping } from './mapping.ts';
import { monthOfDhis2Period } from './periods.ts';

type IdScheme = (typeof idSchemes)[number];

/** One value as DHIS2 gives it, with the row it is named by in problems. */
interface Dhis2Value {
  row: number;
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  deleted: boolean;
}

export interface ParsedPayload {
  values: Dhis2Value[];
  dataSet: string | null;
  completeDate: string | null;
}

/** DHIS2's id of the default category option combo (the same in every DHIS2 database). */
export const DEFAULT_COMBO_UID = 'HllvX50cXC0';
const isDefaultCombo = (id: string) => id === '' || id === 'default' || id === DEFAULT_COMBO_UID;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** The JSON form: `{dataSet?, period?, orgUnit?, completeDate?, attributeOptionCombo?, dataValues: [...]}`. */
export function parseJsonPayload(body: unknown): ParsedPayload {
  const set = (body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body) || !Array.isArray(set.dataValues))
    throw new HeadwayError(
      'invalid',
      'Send a DHIS2 dataValueSets payload: {"period", "orgUnit", "dataValues": [{"dataElement", "value", …}]}',
    );
  const values = (set.dataValues as unknown[]).map((item, i): Dhis2Value => {
    const v = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    return {
      row: i + 1,
      dataElement: text(v.dataElement),
      period: text(v.period) || text(set.period),
      orgUnit: text(v.orgUnit) || text(set.orgUnit),
      categoryOptionCombo: text(v.categoryOptionCombo),
      attributeOptionCombo: text(v.attributeOptionCombo) || text(set.attributeOptionCombo),
      value: text(v.value),
      deleted: v.deleted === true || v.deleted === 'true',
    };
  });
  return { values, dataSet: text(set.dataSet) || null, completeDate: text(set.completeDate) || null };
}

const csvColumns = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
  'deleted',
] as const;

/** The CSV form, DHIS2's columns by name (a file without its header is read in DHIS2's column order). */
export async function parseCsvPayload(bytes: Uint8Array): Promise<ParsedPayload> {
  const table = await wholeTable(await readCsv(bytes));
  const header = table.header.map((h) => h.trim().toLowerCase().replace(/[\s_]/g, ''));
  const named = header.includes('dataelement');
  const rows = named ? table.rows : [{ row: 1, cells: table.header }, ...table.rows];
  const at = (name: (typeof csvColumns)[number]) => (named ? header.indexOf(name) : csvColumns.indexOf(name));
  for (const required of ['dataelement', 'period', 'orgunit', 'value'] as const)
    if (at(required) < 0)
      throw new HeadwayError(
        'invalid',
        `The CSV has no ${required} column (DHIS2's columns: ${csvColumns.join(',')})`,
      );
  const cell = (cells: string[], name: (typeof csvColumns)[number]) => {
    const i = at(name);
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  return {
    values: rows.map((r) => ({
      row: r.row,
      dataElement: cell(r.cells, 'dataelement'),
      period: cell(r.cells, 'period'),
      orgUnit: cell(r.cells, 'orgunit'),
      categoryOptionCombo: cell(r.cells, 'categoryoptioncombo'),
      attributeOptionCombo: cell(r.cells, 'attributeoptioncombo'),
      value: cell(r.cells, 'value'),
      deleted: cell(r.cells, 'deleted').toLowerCase() === 'true',
    })),
    dataSet: null,
    completeDate: null,
  };
}

/** DHIS2's name of each column of Headway's data-value import, for problems said in DHIS2's words. */
export const dhis2Column: Record<string, string> = {
  school_code: 'orgUnit',
  element: 'dataElement',
  period: 'period',
  value: 'value',
  category_option_combo: 'categoryOptionCombo',
  attribute_option_combo: 'attributeOptionCombo',
  deleted: 'deleted',
};

const kindNames: Record<Dhis2MappingKind, string> = {
  org_unit: 'org units',
  data_element: 'data elements',
  category_option_combo: 'category option combos',
  data_set: 'data sets',
};

export interface Translated {
  table: Table;
  /** Problems of translation, named by Headway's column (`dhis2Column` says DHIS2's). */
  problems: RowProblem[];
}

/** The import rows of a payload: Headway codes and months, and what could not be translated. */
export function translatePayload(payload: ParsedPayload, mapping: Mapping, query: ImportQuery): Translated {
  const schemeOf = (specific: IdScheme | undefined): IdScheme => specific ?? query.idScheme ?? 'AUTO';
  const schemes = {
    org_unit: schemeOf(query.orgUnitIdScheme),
    data_element: schemeOf(query.dataElementIdScheme),
    category_option_combo: schemeOf(query.categoryOptionComboIdScheme),
  };
  const problems: RowProblem[] = [];
  const translate = (kind: keyof typeof schemes, id: string, row: number, column: string): string => {
    if (id === '') return id;
    const scheme = schemes[kind];
    if (scheme === 'CODE') return id;
    const code = mapping.codeOf(kind, id);
    if (code !== undefined) return code;
    if (scheme === 'AUTO') return id;
    const reason = `is not a UID in the DHIS2 mapping of ${kindNames[kind]}`;
    problems.push({ row, column, message: `${id} ${reason}`, reason });
    return id;
  };
  let combos = false;
  const rows = payload.values.map((v) => {
    const month = monthOfDhis2Period(v.period);
    if ('refusal' in month && v.period !== '')
      problems.push({
        row: v.row,
        column: 'period',
        message: month.refusal,
        reason: month.refusal.replace(/^\S+ /, ''),
      });
    if (v.deleted) {
      const reason =
        'is marked deleted: Headway does not delete values from a push (import the corrected value)';
      problems.push({ row: v.row, column: 'deleted', message: `${v.dataElement} ${reason}`, reason });
    }
    if (
      !isDefaultCombo(v.attributeOptionCombo) &&
      mapping.codeOf('category_option_combo', v.attributeOptionCombo) !== 'default'
    ) {
      const reason = 'is not the default attribute option combo: Headway keeps no attribute options';
      problems.push({
        row: v.row,
        column: 'attribute_option_combo',
        message: `attributeOptionCombo ${v.attributeOptionCombo} ${reason}`,
        reason,
      });
    }
    const combo = isDefaultCombo(v.categoryOptionCombo)
      ? ''
      : translate('category_option_combo', v.categoryOptionCombo, v.row, 'category_option_combo');
    if (combo !== '' && combo !== 'default') combos = true;
    return {
      row: v.row,
      values: {
        school_code: translate('org_unit', v.orgUnit, v.row, 'school_code'),
        period: 'month' in month ? month.month : v.period,
        element: translate('data_element', v.dataElement, v.row, 'element'),
        value: v.value,
        category_option_combo: combo === 'default' ? '' : combo,
      },
    };
  });
  // The category option combo goes to the import only when a value has one: until categories are held,
  // the import refuses that column by name rather than adding the options up unasked.
  const header = ['school_code', 'period', 'element', 'value', ...(combos ? ['category_option_combo'] : [])];
  return {
    table: {
      header,
      rows: rows.map((r) => ({ row: r.row, cells: header.map((h) => r.values[h as keyof typeof r.values]) })),
    },
    problems,
  };
}
