// Imports for KPIs: monthly data values per school, indicator definitions, and targets.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { upsertRows } from '../db/upsert.ts';
import type { HeadwayError } from '../errors.ts';
import { duplicateCodes, duplicateKeys, notASchoolProblem, orgUnitsByCode } from '../registry/lookups.ts';
import type { Importer } from '../tabular/importer.ts';
import { nextTurn, turnEvery } from '../tabular/pace.ts';
import { type ElementCombo, elementCombos } from './categories.ts';
import { computedSourceOf, isComputedElement } from './computed-elements.ts';
import { thresholdMerit } from './direction.ts';
import { elementsOf, parseExpression } from './expression.ts';
import {
  type DataValueRow,
  dataValueRow,
  type IndicatorRow,
  indicatorRow,
  type TargetRow,
  targetRow,
} from './schema.ts';

/** The values each element with a bound can take, by code. */
async function elementRanges(db: Db): Promise<Map<string, { min: number | null; max: number | null }>> {
  const rows = await db
    .selectFrom('data_element')
    .select(['code', 'min_value', 'max_value'])
    .where((eb) => eb.or([eb('min_value', 'is not', null), eb('max_value', 'is not', null)]))
    .execute();
  return new Map(rows.map((r) => [r.code, { min: r.min_value, max: r.max_value }]));
}

/** "-5 is below the smallest sessions_attended can be (0)", or null within the element's range. */
function outsideRange(
  element: string,
  value: number,
  range: { min: number | null; max: number | null } | undefined,
): { message: string; reason: string } | null {
  if (range?.min != null && value < range.min)
    return {
      message: `${value} is below the smallest ${element} can be (${range.min})`,
      reason: `is below the smallest ${element} can be (${range.min})`,
    };
  if (range?.max != null && value > range.max)
    return {
      message: `${value} is above the largest ${element} can be (${range.max})`,
      reason: `is above the largest ${element} can be (${range.max})`,
    };
  return null;
}

/** Data element ids by code. */
export async function elementIds(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('data_element').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function indicatorIds(db: Db, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('indicator')
    .select(['id', 'code'])
    .where(sql<boolean>`code = any(${[...new Set(codes)]}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

interface DataValuePlan {
  rows: { org_unit_id: number; element_id: number; month: string; value: number }[];
  /** Values of elements with categories, one per option combination (their totals are derived). */
  optionRows: {
    org_unit_id: number;
    element_id: number;
    month: string;
    option_combo_id: number;
    value: number;
  }[];
}

/** The derived elements ("pupils_enrolled.FEMALE") by code, with the element each is derived from. */
async function derivedElements(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('data_element as d')
    .innerJoin('data_element as e', 'e.id', 'd.operand_of')
    .select(['d.code', 'e.code as parent'])
    .execute();
  return new Map(rows.map((r) => [r.code, r.parent]));
}

const isDefaultCombo = (text: string | null | undefined) => !text || text.toLowerCase() === 'default';

/**
 * What is wrong with a row's option combination for its element, or null: an element with categories
 * needs one of its own ("pupils_enrolled has categories sex; row 4 gives none"), one without takes none.
 */
function optionComboProblem(
  element: string,
  given: string | null | undefined,
  combo: ElementCombo | undefined,
): { message: string; reason: string } | null {
  if (!combo) {
    if (isDefaultCombo(given)) return null;
    const reason = `gives an option combination to an element without categories (leave it blank)`;
    return { message: `${element} has no categories; this row gives ${given}`, reason };
  }
  const known = [...combo.optionCombos.keys()];
  const listed = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
  if (isDefaultCombo(given)) {
    const reason = `is required for an element with categories (${combo.categories.join(', ')})`;
    return {
      message: `${element} has categories ${combo.categories.join(', ')}; this row gives none (one of ${listed})`,
      reason,
    };
  }
  if (combo.optionCombos.has(given as string) || combo.optionCombos.has((given as string).toUpperCase()))
    return null;
  const reason = `is not an option combination of the element's categories (${combo.categories.join(', ')})`;
  return { message: `${given} is not an option combination of ${element} (one of ${listed})`, reason };
}

export const dataValueImporter: Importer<DataValueRow, DataValuePlan> = {
  kind: 'data-values',
  columns: {
    all: ['school_code', 'period', 'element', 'value', 'category_option_combo'],
    required: ['school_code', 'period', 'element', 'value'],
  },
  shape: dataValueRow,
  async check(db, records, _columns, problems) {
    // Two option combinations of one element, school and month are two values, not a duplicate.
    const comboOf = (r: DataValueRow) =>
      isDefaultCombo(r.category_option_combo) ? '' : (r.category_option_combo as string).toUpperCase();
    await duplicateKeys(
      records,
      (r) => [r.element, r.period, r.school_code, comboOf(r)],
      'element',
      (r) => `${r.element}${comboOf(r) ? ` ${comboOf(r)}` : ''} for ${r.school_code} in ${r.period}`,
      problems,
    );
    const [combos, derived] = await Promise.all([elementCombos(db), derivedElements(db)]);
    const schools = await orgUnitsByCode(
      db,
      records.map((r) => r.value.school_code),
    );
    const elements = await elementIds(db);
    const ranges = await elementRanges(db);
    // Said once here, not built again for every row that names an unknown element.
    const unknownElement = `is not a data element (known: ${[...elements.keys()].filter((e) => !isComputedElement(e) && !derived.has(e)).join(', ')})`;
    const plan: DataValuePlan = { rows: [], optionRows: [] };
    const due = turnEvery();
    for (const { row, value } of records) {
      if (due()) await nextTurn();
      const school = schools.get(value.school_code);
      const elementId = elements.get(value.element);
      const wrongSchool = notASchoolProblem(
        row,
        value.school_code,
        school,
        'data values are entered for schools',
      );
      if (wrongSchool) problems.add(wrongSchool);
      const source = computedSourceOf(value.element);
      if (elementId === undefined) {
        problems.add({
          row,
          column: 'element',
          message: `${value.element} ${unknownElement}`,
          reason: 'is not a data element',
        });
      } else if (source) {
        const computed = `is computed from ${source.from} and cannot be imported`;
        problems.add({ row, column: 'element', message: `${value.element} ${computed}`, reason: computed });
      } else if (derived.has(value.element)) {
        const reason = `is summed from ${derived.get(value.element)}'s options and cannot be imported`;
        problems.add({ row, column: 'element', message: `${value.element} ${reason}`, reason });
      } else {
        const outside = outsideRange(value.element, value.value as number, ranges.get(value.element));
        if (outside) problems.add({ row, column: 'value', ...outside });
        const wrongCombo = optionComboProblem(
          value.element,
          value.category_option_combo,
          combos.get(value.element),
        );
        if (wrongCombo) problems.add({ row, column: 'category_option_combo', ...wrongCombo });
      }
      // A file with any problem writes nothing: its rows are not gathered for writing.
      const combo = combos.get(value.element);
      if (problems.total === 0 && school?.level === 'school' && elementId !== undefined && combo) {
        plan.optionRows.push({
          org_unit_id: school.id,
          element_id: elementId,
          month: `${value.period}-01`,
          option_combo_id: (combo.optionCombos.get(value.category_option_combo as string) ??
            combo.optionCombos.get((value.category_option_combo as string).toUpperCase())) as number,
          value: value.value as number,
        });
      } else if (problems.total === 0 && school?.level === 'school' && elementId !== undefined) {
        plan.rows.push({
          org_unit_id: school.id,
          element_id: elementId,
          month: `${value.period}-01`,
          value: value.value as number,
        });
      }
    }
    return plan;
  },
  async write(db, plan) {
    const plain = await upsertRows(db, 'data_value', plan.rows, {
      key: ['element_id', 'org_unit_id', 'month'],
      update: ['value'],
    });
    // Their totals and options are derived in data_value by the table's trigger (migration 0045).
    const byOption = await upsertRows(db, 'data_value_option', plan.optionRows, {
      key: ['element_id', 'org_unit_id', 'month', 'option_combo_id'],
      update: ['value'],
    });
    return { inserted: plain.inserted + byOption.inserted, updated: plain.updated + byOption.updated };
  },
};

/** Every category option's code and every option combination's (FEMALE, G1, FEMALE_G1). */
async function optionCodes(db: Db): Promise<Set<string>> {
  const { rows } = await sql<{ code: string }>`
    select code from category_option union select code from category_option_combo`.execute(db);
  return new Set(rows.map((r) => r.code));
}

/** Values a blank cell stands for in columns the database requires. */
const indicatorDefaults: Partial<Record<keyof IndicatorRow, unknown>> = {
  denominator: '1',
  factor: 1,
  decimals: 1,
  unit: '',
  stable_slope: 0.1,
  below_target: 'amber',
};

export const indicatorImporter: Importer<
  IndicatorRow,
  { rows: Record<string, unknown>[]; columns: string[] }
> = {
  kind: 'indicators',
  columns: {
    all: [
      'code',
      'name',
      'numerator',
      'denominator',
      'factor',
      'decimals',
      'direction',
      'red',
      'amber',
      'below_target',
      'unit',
      'stable_slope',
      'concern_drop',
    ],
    required: ['code', 'name', 'numerator', 'direction'],
  },
  shape: indicatorRow,
  async check(db, records, columns, problems) {
    await duplicateCodes(records, problems);
    const elements = await elementIds(db);
    // #{pupils_enrolled.FEMALE} before pupils_enrolled is kept by sex: a formula to be, read as "–" until then.
    const options = await optionCodes(db);
    const known = (element: string) => {
      if (elements.has(element)) return true;
      const dot = element.lastIndexOf('.');
      return dot > 0 && elements.has(element.slice(0, dot)) && options.has(element.slice(dot + 1));
    };
    const present = [...columns].filter((c) => c !== 'code');
    const rows: Record<string, unknown>[] = [];
    for (const { row, value } of records) {
      for (const column of ['numerator', 'denominator'] as const) {
        const text = value[column];
        if (!text) continue;
        try {
          for (const element of elementsOf(parseExpression(text))) {
            if (!known(element))
              problems.add({
                row,
                column,
                message: `#{${element}} is not a data element`,
                reason: 'names an element that is not a data element',
              });
          }
        } catch (error) {
          problems.add({
            row,
            column,
            message: (error as HeadwayError).message,
            reason: 'is not a formula (use #{element}, numbers, + - * / and parentheses)',
          });
        }
      }
      const { red, amber, direction } = value;
      if (direction === 'parity')
        for (const [column, threshold] of [
          ['red', red],
          ['amber', amber],
        ] as const)
          if (threshold != null && threshold < 0) {
            const reason =
              'is a distance from 1 for a parity index, so 0 or more (0.03: within 0.97 to 1.03)';
            problems.add({ row, column, message: `${threshold} ${reason}`, reason });
          }
      const negative = direction === 'parity' && ((red ?? 0) < 0 || (amber ?? 0) < 0);
      // Amber must be no worse than red, by the same merit bands use (a distance from 1 for parity).
      if (
        red != null &&
        amber != null &&
        !negative &&
        thresholdMerit(direction, red) > thresholdMerit(direction, amber)
      ) {
        const reason =
          direction === 'parity'
            ? 'for a parity index the amber distance from 1 must be at or within the red one'
            : `when ${direction} is better the amber threshold must be ${direction === 'higher' ? 'at or above' : 'at or below'} red`;
        problems.add({ row, column: 'amber', message: `${reason} (${red})`, reason });
      }
      rows.push({
        code: value.code,
        ...Object.fromEntries(
          present.map((c) => [
            c,
            value[c as keyof IndicatorRow] ?? indicatorDefaults[c as keyof IndicatorRow] ?? null,
          ]),
        ),
      });
    }
    return { rows, columns: present };
  },
  write: (db, plan) => upsertRows(db, 'indicator', plan.rows, { key: ['code'], update: plan.columns }),
};

export const targetImporter: Importer<TargetRow, { rows: Record<string, unknown>[] }> = {
  kind: 'targets',
  columns: {
    all: ['indicator', 'org_unit_code', 'academic_year', 'value'],
    required: ['indicator', 'org_unit_code', 'academic_year', 'value'],
  },
  shape: targetRow,
  async check(db, records, _columns, problems) {
    await duplicateKeys(
      records,
      (r) => [r.academic_year, r.indicator, r.org_unit_code],
      'academic_year',
      (r) => `a ${r.academic_year} target for ${r.indicator} at ${r.org_unit_code}`,
      problems,
    );
    const indicators = await indicatorIds(
      db,
      records.map((r) => r.value.indicator),
    );
    const units = await orgUnitsByCode(
      db,
      records.map((r) => r.value.org_unit_code),
    );
    const rows: Record<string, unknown>[] = [];
    for (const { row, value } of records) {
      const indicatorId = indicators.get(value.indicator);
      const unit = units.get(value.org_unit_code);
      if (indicatorId === undefined) {
        const reason = 'is not an indicator';
        problems.add({ row, column: 'indicator', message: `${value.indicator} ${reason}`, reason });
      }
      if (!unit) {
        const reason = 'is not an org unit in Headway';
        problems.add({ row, column: 'org_unit_code', message: `${value.org_unit_code} ${reason}`, reason });
      }
      if (problems.total === 0 && indicatorId !== undefined && unit) {
        rows.push({
          indicator_id: indicatorId,
          org_unit_id: unit.id,
          academic_year: value.academic_year,
          value: value.value,
        });
      }
    }
    return { rows };
  },
  write: (db, plan) =>
    upsertRows(db, 'target', plan.rows, {
      key: ['indicator_id', 'org_unit_id', 'academic_year'],
      update: ['value'],
    }),
};
