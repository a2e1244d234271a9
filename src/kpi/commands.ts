// The KPI CLI: headway kpi <indicator> --period P [--level L | --org-unit CODE [--children]] [--json].
// The action imports its modules when it runs, so defining the command stays light (see cli.ts).
import type { Command } from 'commander';
import { parsedOptions, withContext } from '../cli-context.ts';
import { HeadwayError } from '../errors.ts';
import type { AnalyticsLevel, IndicatorResult } from './contract.ts';

// Listed here, not imported from the contract, so that defining the command does not load zod.
const levels = [
  'authority',
  'area',
  'cluster',
  'school',
  'trust',
] as const satisfies readonly AnalyticsLevel[];

function formatTable(results: IndicatorResult[], decimals: number): string {
  const fixed = (x: number | null, d = decimals) => (x === null ? '–' : x.toFixed(d));
  const rows = results.map((r) => [
    r.org_unit,
    r.name,
    fixed(r.value),
    r.band ?? '',
    fixed(r.target),
    `${r.trend.arrow ?? '·'} ${r.trend.direction}`,
    r.completeness.rate === null ? '–' : `${Math.round(r.completeness.rate * 100)}%`,
  ]);
  const header = ['code', 'name', 'value', 'band', 'target', 'trend', 'complete'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i >= 2 && i !== 3 && i !== 5 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number),
      )
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** `--min 0`, or `--min none` for no bound. */
function boundOption(text: string | undefined, flag: string): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'none') return null;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new HeadwayError('invalid', `${flag} must be a number or "none", not "${text}"`);
  return value;
}

export function registerKpiCommands(program: Command): void {
  program
    .command('element-range')
    .description("set a data element's valid range (imports refuse values outside it)")
    .argument('<element>', 'the element code, e.g. sessions_attended')
    .option('--min <number>', 'the smallest value ("none": no bound; left out: unchanged)')
    .option('--max <number>', 'the largest value ("none": no bound; left out: unchanged)')
    .action(async (element: string, options: { min?: string; max?: string }) => {
      const { listDataElements, setElementRange, describeRange } = await import('./element-ranges.ts');
      const result = await withContext(async (context) => {
        const current = (await listDataElements(context)).find((e) => e.code === element);
        const min = boundOption(options.min, '--min');
        const max = boundOption(options.max, '--max');
        return setElementRange(context, element, {
          min_value: min === undefined ? (current?.min_value ?? null) : min,
          max_value: max === undefined ? (current?.max_value ?? null) : max,
        });
      });
      const { element: e, examples } = result;
      console.log(`${e.code}: ${describeRange(e)}. ${e.outside} stored value(s) fall outside it.`);
      for (const x of examples) console.log(`  ${x.school_code} ${x.period}: ${x.value}`);
    });
  program
    .command('categories')
    .description('the categories with their options, the combinations, and the elements kept by them')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { listCategories } = await import('./categories.ts');
      const all = await withContext((context) => listCategories(context));
      if (options.json) return console.log(JSON.stringify(all, null, 2));
      for (const c of all.categories)
        console.log(`${c.code} (${c.name}): ${c.options.map((o) => `${o.code} ${o.name}`).join(', ')}`);
      for (const combo of all.combos)
        console.log(
          `combination ${combo.code}: ${combo.categories.join(' × ')}, ${combo.option_combos.length} option combinations`,
        );
      for (const e of all.elements) console.log(`${e.element} kept by ${e.combo}`);
    });
  program
    .command('category')
    .description("define a category of the authority's own, or change one (its options in order)")
    .argument('<code>', 'e.g. language')
    .requiredOption('--name <name>', 'e.g. "Language of instruction"')
    .requiredOption(
      '--options <list>',
      'CODE=Name pairs, comma-separated: "ENGLISH=English,KISWAHILI=Kiswahili"',
    )
    .action(async (code: string, options: { name: string; options: string }) => {
      const { saveCategory } = await import('./category-definitions.ts');
      const { CategoryDefinition } = await import('./categories-contract.ts');
      const pairs = options.options.split(',').map((pair) => {
        const [option = '', ...name] = pair.split('=');
        return { code: option.trim(), name: (name.join('=') || option).trim() };
      });
      const definition = parsedOptions(CategoryDefinition.safeParse({ name: options.name, options: pairs }));
      const saved = await withContext((context) => saveCategory(context, code, definition));
      console.log(
        `${saved.category}: ${saved.options.join(', ')}` +
          (saved.combos.length ? `; combinations written again: ${saved.combos.join(', ')}` : '') +
          (saved.elements.length ? `; elements derived again: ${saved.elements.join(', ')}` : ''),
      );
    });
  program
    .command('category-combo')
    .description('define a combination of categories an element can be kept by, or change one')
    .argument('<code>', 'e.g. sex_language')
    .requiredOption('--name <name>', 'e.g. "Sex and language"')
    .requiredOption('--categories <list>', 'category codes in order, comma-separated: sex,language')
    .action(async (code: string, options: { name: string; categories: string }) => {
      const { saveCombo } = await import('./category-definitions.ts');
      const { ComboDefinition } = await import('./categories-contract.ts');
      const definition = parsedOptions(
        ComboDefinition.safeParse({
          name: options.name,
          categories: options.categories.split(',').map((c) => c.trim()),
        }),
      );
      const saved = await withContext((context) => saveCombo(context, code, definition));
      console.log(
        `${saved.combo}: ${saved.categories.join(' × ')}, ${saved.option_combos} option combinations`,
      );
    });
  program
    .command('element-categories')
    .description(
      'keep a data element by category: imports then give each value an option combination (issue 25)',
    )
    .argument('<element>', 'the element code, e.g. pupils_enrolled')
    .argument('<combo>', 'a category combination: sex, grade, sex_grade, ... ("default": none)')
    .option('--no-total', "the element's total is not the sum of its options (it has none)")
    .action(async (element: string, combo: string, options: { total: boolean }) => {
      const { assignCategoryCombo } = await import('./categories.ts');
      const result = await withContext((context) =>
        assignCategoryCombo(context, element, { combo, aggregation: options.total ? 'sum' : 'none' }),
      );
      console.log(
        result
          ? `${result.element}: kept by ${result.combo}; formulas may use ${result.operands.map((o) => `#{${o}}`).join(', ')}`
          : `${element}: no categories`,
      );
    });
  program
    .command('kpi')
    .description('an indicator for org units and a period (ratio of sums, band, target, trend, completeness)')
    .argument('<indicator>', 'indicator code, e.g. attendance_rate')
    .requiredOption(
      '--period <period>',
      'a month 2026-10, a term 2025-26T1, an academic year 2025-26 or a year 2026',
    )
    .option('--level <level>', `one of ${levels.join(', ')}`, 'area')
    .option('--org-unit <code>', 'one org unit (with --children: the units directly under it)')
    .option('--children', 'the children of --org-unit')
    .option('--json', 'print the same JSON as the API')
    .action(
      async (
        indicator: string,
        options: { period: string; level: string; orgUnit?: string; children?: boolean; json?: boolean },
      ) => {
        if (!(levels as readonly string[]).includes(options.level)) {
          throw new HeadwayError(
            'invalid',
            `--level must be one of ${levels.join(', ')}, not "${options.level}"`,
          );
        }
        const { indicatorAnalytics } = await import('./analytics.ts');
        const { indicatorByCode } = await import('./indicators.ts');
        const { results, decimals } = await withContext(async (context) => ({
          results: await indicatorAnalytics(context, {
            indicator,
            period: options.period,
            level: options.level as AnalyticsLevel,
            orgUnit: options.orgUnit,
            children: options.children,
          }),
          decimals: (await indicatorByCode(context.db, indicator)).decimals,
        }));
        console.log(options.json ? JSON.stringify({ results }, null, 2) : formatTable(results, decimals));
      },
    );
}
