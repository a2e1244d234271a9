// The KPI capability's tables, and the shapes of its import rows.
import type { ColumnType, Generated } from 'kysely';
import { z } from 'zod';
import { cells } from '../tabular/cells.ts';
import { belowTargetRules, type Indicator, indicatorDirections } from './contract.ts';

const aggregations = ['sum', 'last', 'average'] as const;
export type Aggregation = (typeof aggregations)[number];

interface DataElementTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** How months combine into a longer period: flows are summed, stocks take the latest month. */
  aggregation: Aggregation;
  /** The values an element can take (a count's smallest is 0); null: no bound. Imports outside are refused. */
  min_value: ColumnType<number | null, number | null | undefined, number | null>;
  max_value: ColumnType<number | null, number | null | undefined, number | null>;
  /** Its category combination; null: the default (one value, no categories). */
  category_combo_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Whether its total is the sum over its option combinations ('sum') or it has none ('none'). */
  category_aggregation: ColumnType<CategoryAggregation, CategoryAggregation | undefined, CategoryAggregation>;
  /** Set on a derived element ("pupils_enrolled.FEMALE"): the element whose option values it sums. */
  operand_of: ColumnType<number | null, number | null | undefined, number | null>;
}

const categoryAggregations = ['sum', 'none'] as const;
type CategoryAggregation = (typeof categoryAggregations)[number];

interface CategoryTable {
  id: Generated<number>;
  code: string;
  name: string;
}

interface CategoryOptionTable {
  id: Generated<number>;
  category_id: number;
  code: string;
  name: string;
  position: number;
}

interface CategoryComboTable {
  id: Generated<number>;
  code: string;
  name: string;
}

interface CategoryComboCategoryTable {
  combo_id: number;
  category_id: number;
  position: number;
}

interface CategoryOptionComboTable {
  id: Generated<number>;
  combo_id: number;
  code: string;
  name: string;
  option_ids: number[];
}

interface ElementOperandTable {
  element_id: number;
  operand_element_id: number;
  option_combo_id: number;
}

/** A value of an element with categories, for one option combination (data_value holds what is derived). */
interface DataValueOptionTable {
  org_unit_id: number;
  element_id: number;
  month: string;
  option_combo_id: number;
  value: number;
}

interface DataValueTable {
  org_unit_id: number;
  element_id: number;
  /** The month, as its first day. */
  month: string;
  value: number;
}

/** An indicator as defined (the API's catalogue entry): what the catalogue ships and the table's columns. */
export type IndicatorDefinition = Indicator;

interface IndicatorTable extends IndicatorDefinition {
  id: Generated<number>;
}

interface TargetTable {
  indicator_id: number;
  org_unit_id: number;
  academic_year: string;
  value: number;
}

export interface KpiTables {
  data_element: DataElementTable;
  data_value: DataValueTable;
  data_value_option: DataValueOptionTable;
  category: CategoryTable;
  category_option: CategoryOptionTable;
  category_combo: CategoryComboTable;
  category_combo_category: CategoryComboCategoryTable;
  category_option_combo: CategoryOptionComboTable;
  element_operand: ElementOperandTable;
  indicator: IndicatorTable;
  target: TargetTable;
}

const month = () =>
  cells.text(20).transform((text, ctx) => {
    const m = /^(\d{4})-?(\d{2})$/.exec(text);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      const reason = "is not a month (use YYYY-MM, or DHIS2's YYYYMM)";
      ctx.addIssue({ code: 'custom', message: `"${text}" ${reason}`, params: { reason } });
      return '';
    }
    // The text itself when it is YYYY-MM already: the reader gives one string to a month on many rows.
    return text.length === 7 ? text : `${m[1]}-${m[2]}`;
  });

export const dataValueRow = z.object({
  school_code: cells.code(),
  period: month(),
  element: cells.code(),
  /** The option combination ("FEMALE", "FEMALE_G1"); blank or "default" for an element without categories. */
  category_option_combo: cells.optionalText(64),
  value: cells.optionalNumber(-1e12, 1e12).refine((v) => v !== null && v !== undefined, 'is required'),
});

export const targetRow = z.object({
  indicator: cells.code(),
  org_unit_code: cells.code(),
  academic_year: cells.academicYear(),
  value: cells.optionalNumber(-1e12, 1e12).refine((v) => v !== null && v !== undefined, 'is required'),
});

export const indicatorRow = z.object({
  code: cells.code(),
  name: cells.text(),
  numerator: cells.text(500),
  denominator: cells.optionalText(500),
  factor: cells.optionalNumber(-1e9, 1e9),
  decimals: cells.optionalInteger(0, 6),
  direction: cells.oneOf(indicatorDirections),
  red: cells.optionalNumber(-1e12, 1e12),
  amber: cells.optionalNumber(-1e12, 1e12),
  below_target: cells.optionalOneOf(belowTargetRules),
  unit: cells.optionalText(20),
  stable_slope: cells.optionalNumber(0, 1e9),
  concern_drop: cells.optionalNumber(0, 1e9),
});

export type DataValueRow = z.infer<typeof dataValueRow>;
export type TargetRow = z.infer<typeof targetRow>;
export type IndicatorRow = z.infer<typeof indicatorRow>;
