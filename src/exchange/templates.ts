// A template per import kind: an XLSX workbook with the columns to fill in (and an example row), a sheet
// describing each column, and sheets of the codes the caller may use (their schools, the data elements
// with their ranges, recent months, the kind's fixed values), or the CSV header line alone.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { frameworkForms, inspectionCategories, legacyGrades } from '../inspections/schema.ts';
import { isComputedElement } from '../kpi/computed-elements.ts';
import { belowTargetRules, indicatorDirections } from '../kpi/contract.ts';
import { phases } from '../registry/contract.ts';
import { designationKinds, postRoles } from '../registry/schema.ts';
import { type Template, type TemplateList, writeTemplate } from '../tabular/template.ts';
import { type Cell, writeTable } from '../tabular/write.ts';
import type { ExchangeKindName, ImportFormat } from './contract.ts';
import { kindFor, uploadScope } from './exchange.ts';
import { exchangeKindNames } from './lists.ts';
import { listNames as L, templateColumns } from './template-columns.ts';

type ListName = (typeof L)[keyof typeof L];

const values = (name: ListName, list: readonly string[]): TemplateList => ({
  name,
  columns: ['value'],
  rows: list.map((value) => ({ value })),
});

/** The months a file most likely holds: this month and the 23 before it, newest first. */
function recentMonths(today: string): TemplateList {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const rows = Array.from({ length: 24 }, (_, i) => {
    const date = new Date(Date.UTC(year, month - 1 - i, 1));
    return {
      period: date.toISOString().slice(0, 7),
      month: date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
  });
  return { name: L.periods, columns: ['period', 'month'], rows };
}

/** The academic years around today's (which starts in September): three back, two ahead. */
function academicYears(today: string): TemplateList {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const current = month >= 9 ? year : year - 1;
  const rows = [-3, -2, -1, 0, 1, 2].map((offset) => {
    const start = current + offset;
    return { academic_year: `${start}-${String((start + 1) % 100).padStart(2, '0')}` };
  });
  return { name: L.academicYears, columns: ['academic_year'], rows };
}

/** Open schools, with their area, limited to `only` when the caller may use some schools alone. */
async function schools({ db, today }: Context, only: ReadonlySet<string> | null): Promise<TemplateList> {
  const { rows } = await sql<Record<string, Cell>>`
    select o.code, o.name, s.phase,
      case when p.level = 'area' then p.code else a.code end as area_code,
      case when p.level = 'area' then p.name else a.name end as area
    from school s
    join org_unit o on o.id = s.org_unit_id
    join org_unit p on p.id = o.parent_id
    left join org_unit a on a.id = p.parent_id
    where (s.closed_on is null or s.closed_on > ${today}::date)
      ${only ? sql`and o.code = any(${[...only]}::text[])` : sql``}
    order by o.code`.execute(db);
  return { name: L.schools, columns: ['code', 'name', 'phase', 'area_code', 'area'], rows };
}

async function orgUnits({ db }: Context, withSchools: boolean): Promise<TemplateList> {
  const { rows } = await sql<Record<string, Cell>>`
    select o.code, o.name, o.level, p.code as parent_code
    from org_unit o left join org_unit p on p.id = o.parent_id
    ${withSchools ? sql`` : sql`where o.level <> 'school'`}
    order by case o.level when 'authority' then 0 when 'area' then 1 when 'cluster' then 2 else 3 end, o.code`.execute(
    db,
  );
  return { name: L.orgUnits, columns: ['code', 'name', 'level', 'parent_code'], rows };
}

/** The elements a file may give (not those Headway computes), with the range each value must be in. */
async function elements({ db }: Context): Promise<TemplateList> {
  const rows = await db
    .selectFrom('data_element')
    .select(['code', 'name', 'aggregation', 'min_value', 'max_value'])
    // An element kept by category lists the option combinations its rows give (issue 25).
    .select(
      sql<string>`(select string_agg(c.code, ', ' order by c.id) from category_option_combo c
        where c.combo_id = data_element.category_combo_id)`.as('option_combos'),
    )
    // Derived from options (pupils_enrolled.FEMALE): used in formulas, never imported.
    .where('operand_of', 'is', null)
    .orderBy('code')
    .execute();
  return {
    name: L.elements,
    columns: ['code', 'name', 'months_combine_by', 'smallest', 'largest', 'category_option_combos'],
    rows: rows
      .filter((r) => !isComputedElement(r.code))
      .map((r) => ({
        code: r.code,
        name: r.name,
        months_combine_by: r.aggregation,
        smallest: r.min_value,
        largest: r.max_value,
        category_option_combos: r.option_combos ?? '',
      })),
  };
}

async function indicators({ db }: Context): Promise<TemplateList> {
  const rows = await db
    .selectFrom('indicator')
    .select(['code', 'name', 'direction', 'unit'])
    .orderBy('code')
    .execute();
  return { name: L.indicators, columns: ['code', 'name', 'direction', 'unit'], rows };
}

async function people({ db }: Context): Promise<TemplateList> {
  const { rows } = await sql<Record<string, Cell>>`
    select code, given_name || ' ' || family_name as name from person order by code`.execute(db);
  return { name: L.people, columns: ['code', 'name'], rows };
}

async function frameworks({ db }: Context): Promise<TemplateList[]> {
  const list = await db
    .selectFrom('inspection_framework')
    .select(['code', 'name', 'form'])
    .orderBy('code')
    .execute();
  const grades = await db
    .selectFrom('inspection_grade')
    .select(['framework', 'code', 'name'])
    .orderBy('framework')
    .orderBy('position')
    .execute();
  // The grade's code first: the drop-downs and a reader's eye go to column A.
  return [
    { name: L.frameworks, columns: ['code', 'name', 'form'], rows: list },
    { name: L.grades, columns: ['code', 'name', 'framework'], rows: grades },
  ];
}

const yesNo = ['yes', 'no'] as const;

/** The code sheets of each kind's template. */
async function listsOf(
  context: Context,
  kind: ExchangeKindName,
  only: ReadonlySet<string> | null,
): Promise<TemplateList[]> {
  switch (kind) {
    case 'org-units':
      return [await orgUnits(context, false), values(L.levels, ['authority', 'area', 'cluster'])];
    case 'schools':
      return [await orgUnits(context, false), values(L.phases, phases)];
    case 'people':
      return [];
    case 'posts':
      return [await people(context), await orgUnits(context, true), values(L.roles, postRoles)];
    case 'designations':
      return [await people(context), values(L.designationKinds, designationKinds)];
    case 'data-values':
      return [await schools(context, only), recentMonths(context.today), await elements(context)];
    case 'indicators':
      return [
        await elements(context),
        values(L.directions, indicatorDirections),
        values(L.belowTarget, belowTargetRules),
      ];
    case 'targets':
      return [await indicators(context), await orgUnits(context, true), academicYears(context.today)];
    case 'pupil-results':
      return [await schools(context, only), academicYears(context.today)];
    case 'national-reference':
      return [academicYears(context.today)];
    case 'inspection-frameworks':
      return [
        values(L.forms, frameworkForms),
        values(L.yesNo, yesNo),
        values(L.parts, ['area', 'grade']),
        values(L.legacyGrades, legacyGrades),
      ];
    case 'inspections':
      return [
        await schools(context, only),
        ...(await frameworks(context)),
        values(L.categories, inspectionCategories),
        values(L.safeguarding, ['met', 'not_met']),
      ];
  }
}

/**
 * The example row: each column's example, or where the column takes codes from a list that does not
 * hold it, the list's first code (so the example names one of the caller's own schools). The workbook
 * writes it with "e.g." before each cell, so a file that still holds it is refused rather than imported.
 */
function exampleRow(template: Omit<Template, 'examples'>): Record<string, Cell> {
  const firstColumn = new Map(
    template.lists.map((l) => [l.name, l.rows.map((r) => String(r[l.columns[0] as string] ?? ''))]),
  );
  return Object.fromEntries(
    template.columns.map((c) => {
      const codes = c.list ? firstColumn.get(c.list) : undefined;
      const example =
        codes && codes.length > 0 && !codes.includes(c.example) ? (codes[0] as string) : c.example;
      // A figure is a number cell, as a spreadsheet would hold it; a code of digits (a URN) stays text.
      const figure =
        /^(a number|a whole number)/.test(c.format) && example !== '' && Number.isFinite(Number(example));
      return [c.name, figure ? Number(example) : example];
    }),
  );
}

/** The template of an import kind, for the caller: the codes they may use, and only if they may import it. */
export async function importTemplate(
  context: Context,
  kind: ExchangeKindName,
  format: 'xlsx' | 'csv',
): Promise<Buffer> {
  const only = uploadScope(context.actor, kind, kindFor(kind));
  const columns = templateColumns[kind];
  if (format === 'csv')
    return writeTable(
      columns.map((c) => c.name),
      [],
      'csv',
    );
  const lists = await listsOf(context, kind, only);
  const example = exampleRow({ sheet: kind, columns, lists });
  return writeTemplate({
    sheet: kind,
    // The Columns sheet gives the same example as the first sheet's row.
    columns: columns.map((c) => ({ ...c, example: String(example[c.name] ?? '') })),
    lists,
    examples: [example],
  });
}

/** Whether the caller may import a kind: the template and the upload are theirs. */
function mayImport(context: Context, kind: ExchangeKindName): boolean {
  try {
    uploadScope(context.actor, kind, kindFor(kind));
    return true;
  } catch {
    return false;
  }
}

/** Every kind's columns as the templates describe them, and whether the caller may import it. */
export function importFormats(context: Context): ImportFormat[] {
  return exchangeKindNames.map((kind) => ({
    kind,
    columns: templateColumns[kind].map(({ list: _list, ...column }) => column),
    may_import: mayImport(context, kind),
  }));
}
