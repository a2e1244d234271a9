// `headway import inspection-frameworks`: an authority's own inspection framework (or school-quality
// rubric), one row per evaluation area or grade. A file defines each framework it names whole: areas
// and grades it leaves out are removed, unless an inspection is graded with them.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/types.ts';
import { cells } from '../tabular/cells.ts';
import type { Importer } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/problems.ts';
import type { FrameworkDefinition } from './frameworks.ts';
import { frameworkForms, legacyGrades } from './schema.ts';

const yesNo = ['yes', 'no'] as const;
const yesNoAliases = { true: 'yes', false: 'no', y: 'yes', n: 'no', '1': 'yes', '0': 'no' } as const;

const frameworkRow = z.object({
  framework: cells.code(),
  framework_name: cells.text(200),
  form: cells.oneOf(frameworkForms),
  leadership_area: cells.optionalCode(),
  safeguarding: cells.optionalOneOf(yesNo, yesNoAliases),
  part: cells.oneOf(['area', 'grade'] as const),
  code: cells.code(),
  name: cells.text(200),
  optional: cells.optionalOneOf(yesNo, yesNoAliases),
  good_or_better: cells.optionalOneOf(yesNo, yesNoAliases),
  legacy: cells.optionalOneOf(legacyGrades, { ri: 'requires_improvement' }),
  aliases: cells.optionalText(200),
  position: cells.optionalInteger(1, 1000),
});
type FrameworkRow = z.infer<typeof frameworkRow>;

const columns = Object.keys(frameworkRow.shape);

/** Area and grade codes each framework's inspections use: those must stay. */
async function codesInUse(db: Db, frameworks: string[]) {
  const { rows } = await sql<{ framework: string; part: 'area' | 'grade'; code: string }>`
    select distinct framework, 'area' as part, key as code from inspection, jsonb_object_keys(grades) as key
    where framework = any(${frameworks}::text[])
    union select distinct framework, 'grade', value from inspection, jsonb_each_text(grades)
    where framework = any(${frameworks}::text[])
    union select distinct framework, 'grade', g from inspection, unnest(array[overall, leadership]) as g
    where framework = any(${frameworks}::text[]) and g is not null`.execute(db);
  return rows;
}

export const frameworkImporter: Importer<FrameworkRow, FrameworkDefinition[]> = {
  kind: 'inspection-frameworks',
  columns: { all: columns, required: ['framework', 'framework_name', 'form', 'part', 'code', 'name'] },
  shape: frameworkRow,
  async check(db, records, _columns, problems) {
    const add = (p: RowProblem) => problems.add(p);
    const byCode = new Map<string, { def: FrameworkDefinition; row: number; order: Map<string, number> }>();
    const seen = new Set<string>();
    for (const { row, value } of records) {
      let entry = byCode.get(value.framework);
      if (!entry) {
        entry = {
          row,
          order: new Map(),
          def: {
            code: value.framework,
            name: value.framework_name,
            form: value.form,
            leadership_area: value.leadership_area ?? null,
            safeguarding: value.safeguarding === 'yes',
            areas: [],
            grades: [],
          },
        };
        byCode.set(value.framework, entry);
      }
      const { def } = entry;
      for (const [column, mine, first] of [
        ['framework_name', value.framework_name, def.name],
        ['form', value.form, def.form],
        ['leadership_area', value.leadership_area ?? null, def.leadership_area],
        ['safeguarding', value.safeguarding === 'yes', def.safeguarding],
      ] as const)
        if (mine !== first) {
          const reason = `differs from row ${entry.row} for the same framework`;
          add({ row, column, message: `${String(mine)} ${reason} (${String(first)})`, reason });
        }
      const key = `${value.framework}\u0000${value.part}\u0000${value.code}`;
      if (seen.has(key)) {
        const reason = `already appears for this framework's ${value.part}s`;
        add({ row, column: 'code', message: `${value.code} ${reason}`, reason });
        continue;
      }
      seen.add(key);
      entry.order.set(`${value.part}:${value.code}`, value.position ?? 1000 + row);
      if (value.part === 'area')
        def.areas.push({ code: value.code, name: value.name, optional: value.optional === 'yes' });
      else {
        for (const column of ['good_or_better', 'legacy'] as const)
          if (!value[column]) {
            const reason = 'is required for a grade';
            add({ row, column, message: reason, reason });
          }
        def.grades.push({
          code: value.code,
          name: value.name,
          good_or_better: value.good_or_better === 'yes',
          legacy: value.legacy ?? 'inadequate',
          aliases: (value.aliases ?? '')
            .split(';')
            .map((a) => a.trim())
            .filter(Boolean),
        });
      }
    }
    const inUse = await codesInUse(db, [...byCode.keys()]);
    for (const { def, row, order } of byCode.values()) {
      const place = (part: string) => (a: { code: string }, b: { code: string }) =>
        (order.get(`${part}:${a.code}`) ?? 0) - (order.get(`${part}:${b.code}`) ?? 0);
      def.areas.sort(place('area'));
      def.grades.sort(place('grade'));
      const wrong = (column: string, reason: string) =>
        add({ row, column, message: `${def.code} ${reason}`, reason });
      if (def.grades.length < 2) wrong('part', 'needs at least two grades');
      if (def.form === 'report_card' && def.areas.length === 0)
        wrong('part', 'is a report card with no evaluation areas (add rows with part "area")');
      if (def.form === 'overall' && def.areas.length > 0)
        wrong('form', 'grades one overall judgement, so it has no areas (use form report_card)');
      if (def.leadership_area && !def.areas.some((a) => a.code === def.leadership_area))
        wrong('leadership_area', `names ${def.leadership_area}, which is not one of its areas`);
      for (const used of inUse.filter((u) => u.framework === def.code)) {
        const kept = used.part === 'area' ? def.areas : def.grades;
        if (!kept.some((k) => k.code === used.code))
          wrong('code', `leaves out ${used.part} ${used.code}, which inspections are graded with`);
      }
    }
    return [...byCode.values()].map((e) => e.def);
  },
  async write(db, frameworks) {
    let inserted = 0;
    let updated = 0;
    for (const f of frameworks) {
      const { rows } = await sql<{ inserted: boolean }>`
        insert into inspection_framework (code, name, form, leadership_area, safeguarding)
        values (${f.code}, ${f.name}, ${f.form}, ${f.leadership_area}, ${f.safeguarding})
        on conflict (code) do update set name = excluded.name, form = excluded.form,
          leadership_area = excluded.leadership_area, safeguarding = excluded.safeguarding
        where (inspection_framework.name, inspection_framework.form, inspection_framework.leadership_area,
          inspection_framework.safeguarding) is distinct from
          (excluded.name, excluded.form, excluded.leadership_area, excluded.safeguarding)
        returning (xmax = 0) as inserted`.execute(db);
      if (rows[0]) rows[0].inserted ? inserted++ : updated++;
      const areaCodes = f.areas.map((a) => a.code);
      const gradeCodes = f.grades.map((g) => g.code);
      const removed = await sql`
        with a as (delete from inspection_area where framework = ${f.code} and not code = any(${areaCodes}::text[]) returning 1),
        g as (delete from inspection_grade where framework = ${f.code} and not code = any(${gradeCodes}::text[]) returning 1)
        select (select count(*) from a) + (select count(*) from g) as n`.execute(db);
      updated += Number((removed.rows[0] as { n: number } | undefined)?.n ?? 0);
      for (const [i, a] of f.areas.entries()) {
        const { rows: r } = await sql<{ inserted: boolean }>`
          insert into inspection_area (framework, code, name, position, optional)
          values (${f.code}, ${a.code}, ${a.name}, ${i + 1}, ${a.optional})
          on conflict (framework, code) do update set name = excluded.name, position = excluded.position, optional = excluded.optional
          where (inspection_area.name, inspection_area.position, inspection_area.optional)
            is distinct from (excluded.name, excluded.position, excluded.optional)
          returning (xmax = 0) as inserted`.execute(db);
        if (r[0]) r[0].inserted ? inserted++ : updated++;
      }
      for (const [i, g] of f.grades.entries()) {
        const { rows: r } = await sql<{ inserted: boolean }>`
          insert into inspection_grade (framework, code, name, position, good_or_better, legacy, aliases)
          values (${f.code}, ${g.code}, ${g.name}, ${i + 1}, ${g.good_or_better}, ${g.legacy}, ${g.aliases}::text[])
          on conflict (framework, code) do update set name = excluded.name, position = excluded.position,
            good_or_better = excluded.good_or_better, legacy = excluded.legacy, aliases = excluded.aliases
          where (inspection_grade.name, inspection_grade.position, inspection_grade.good_or_better,
            inspection_grade.legacy, inspection_grade.aliases)
            is distinct from (excluded.name, excluded.position, excluded.good_or_better, excluded.legacy, excluded.aliases)
          returning (xmax = 0) as inserted`.execute(db);
        if (r[0]) r[0].inserted ? inserted++ : updated++;
      }
    }
    return { inserted, updated };
  },
};
