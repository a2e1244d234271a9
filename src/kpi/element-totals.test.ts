// The maintained totals (migration 0009) stay equal to a computation from scratch, whatever is written:
// random sequences of imports, re-imports, corrections, deletions, schools moving and opening or closing,
// checked after every step against a GROUP BY over data_value, and the roll-ups of the authority, its
// areas, clusters and schools against figures computed here from the raw rows.
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { seededRandom } from '../random.ts';
import { evaluate } from './expression.ts';
import { indicatorByCode } from './indicators.ts';
import { parsePeriod } from './periods.ts';
import { rollupIndicators } from './rollup.ts';
import { csv } from './test-fixtures.ts';

const actor = operator('test');
let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(() => database.close());

const AREAS = { A: ['CA'], B: ['CB'] } as const;
const UNITS = ['T', 'A', 'B', 'CA', 'CB'];
const SCHOOLS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'];
const MONTHS = ['2026-08', '2026-09', '2026-10', '2026-11'];
// Flows in hundredths (their sums are exact in numeric, and here when counted in hundredths); stocks,
// which take the latest month over a term, in whole numbers.
const FLOWS = ['sessions_possible', 'sessions_attended'];
const STOCKS = ['pupils_enrolled', 'teachers_in_post'];
const ELEMENTS = [...FLOWS, ...STOCKS];

interface Place {
  area: keyof typeof AREAS;
  cluster: string;
  opened: string;
  closed: string;
}

async function loadRegistry(db: Db, places: Map<string, Place>) {
  await importFile(
    contextFor(db, actor),
    'org-units',
    csv('o.csv', [
      'code,name,level,parent_code',
      'T,Tiny,authority,',
      'A,Area A,area,T',
      'B,Area B,area,T',
      'CA,Cluster A,cluster,A',
      'CB,Cluster B,cluster,B',
    ]),
  );
  await writeSchools(db, places, [...places.keys()]);
}

function writeSchools(db: Db, places: Map<string, Place>, codes: string[]) {
  return importFile(
    contextFor(db, actor),
    'schools',
    csv('s.csv', [
      'code,name,phase,area_code,cluster_code,opened_on,closed_on',
      ...codes.map((code) => {
        const p = places.get(code) as Place;
        return `${code},School ${code},primary,${p.area},${p.cluster},${p.opened},${p.closed}`;
      }),
    ]),
  );
}

/** Rows where a maintained table and the same figures computed from scratch differ (none expected). */
async function differences(db: Db) {
  const { rows } = await sql<{ what: string }>`
    with recursive up(school_id, ancestor_id) as (
      select s.org_unit_id, o.parent_id from school s join org_unit o on o.id = s.org_unit_id
      where o.parent_id is not null
      union
      select up.school_id, o.parent_id from up join org_unit o on o.id = up.ancestor_id where o.parent_id is not null
    ),
    open_months as (
      select s.org_unit_id as school_id, m.month,
        (s.opened_on is null or s.opened_on < m.month + interval '1 month')
          and (s.closed_on is null or s.closed_on >= m.month) as open
      from school s cross join (select distinct month from data_value) m
    ),
    totals as (
      select up.ancestor_id as org_unit_id, dv.element_id, dv.month,
        sum(dv.value::numeric) as total, count(*)::int as schools
      from data_value dv join up on up.school_id = dv.org_unit_id
      group by 1, 2, 3
    ),
    sets as (
      select org_unit_id as school_id, month, array_agg(element_id order by element_id) as elements
      from data_value group by 1, 2
    ),
    reported as (
      select up.ancestor_id as org_unit_id, s.month, s.elements, count(*)::int as schools
      from sets s join up on up.school_id = s.school_id
      join open_months o on o.school_id = s.school_id and o.month = s.month
      where o.open
      group by 1, 2, 3
    ),
    spans as (
      select up.ancestor_id as org_unit_id,
        coalesce(date_trunc('month', s.opened_on::timestamp)::date, '-infinity') as opened,
        coalesce(date_trunc('month', s.closed_on::timestamp)::date, 'infinity') as closed,
        count(*)::int as schools
      from up join school s on s.org_unit_id = up.school_id
      group by 1, 2, 3
    )
    select 'element_total ' || coalesce(a.org_unit_id, b.org_unit_id) || ' ' || coalesce(a.month, b.month)
      || ': ' || coalesce(a.total::text, '-') || ' vs ' || coalesce(b.total::text, '-') as what
    from totals a full join element_total b using (org_unit_id, element_id, month)
    where a.total is distinct from b.total or a.schools is distinct from b.schools
    union all
    select 'reported_total ' || coalesce(a.org_unit_id, b.org_unit_id) || ' ' || coalesce(a.month, b.month)
    from reported a full join reported_total b using (org_unit_id, month, elements)
    where a.schools is distinct from b.schools
    union all
    select 'school_span ' || coalesce(a.org_unit_id, b.org_unit_id)
    from spans a full join school_span b using (org_unit_id, opened, closed)
    where a.schools is distinct from b.schools
    union all
    select 'school_ancestor ' || coalesce(a.school_id, b.school_id)
    from up a full join school_ancestor b using (school_id, ancestor_id)
    where a.school_id is null or b.school_id is null
    union all
    select 'school_reported ' || coalesce(a.school_id, b.school_id)
    from sets a full join school_reported b using (school_id, month)
    where a.elements is distinct from b.elements`.execute(db);
  return rows.map((r) => r.what);
}

interface Raw {
  parent: Map<string, string | null>;
  schools: Map<string, { opened: string | null; closed: string | null }>;
  values: { school: string; element: string; month: string; hundredths: number }[];
}

async function readRaw(db: Db): Promise<Raw> {
  const units = await sql<{ code: string; parent: string | null }>`
    select o.code, p.code as parent from org_unit o left join org_unit p on p.id = o.parent_id`.execute(db);
  const schools = await sql<{ code: string; opened_on: string | null; closed_on: string | null }>`
    select o.code, s.opened_on, s.closed_on from school s join org_unit o on o.id = s.org_unit_id`.execute(
    db,
  );
  const values = await sql<{ school: string; element: string; month: string; value: number }>`
    select o.code as school, e.code as element, to_char(dv.month, 'YYYY-MM') as month, dv.value
    from data_value dv join org_unit o on o.id = dv.org_unit_id join data_element e on e.id = dv.element_id`.execute(
    db,
  );
  return {
    parent: new Map(units.rows.map((u) => [u.code, u.parent])),
    schools: new Map(schools.rows.map((s) => [s.code, { opened: s.opened_on, closed: s.closed_on }])),
    values: values.rows.map((v) => ({ ...v, hundredths: Math.round(v.value * 100) })),
  };
}

/** An indicator's numerator, denominator and completeness for a unit and period, from the raw rows. */
function fromScratch(
  raw: Raw,
  unit: string,
  periodId: string,
  indicator: Awaited<ReturnType<typeof indicatorByCode>>,
) {
  const period = parsePeriod(periodId, 9);
  // A school counts for itself and for every unit above it.
  const beneath = (school: string) => {
    for (let p: string | null = school; p; p = raw.parent.get(p) ?? null) if (p === unit) return true;
    return false;
  };
  const schools = [...raw.schools.keys()].filter(beneath);
  const totals = new Map<string, number>();
  for (const element of indicator.elements) {
    let hundredths = 0;
    let any = false;
    for (const school of schools) {
      const rows = raw.values
        .filter((v) => v.school === school && v.element === element && period.months.includes(v.month))
        .sort((a, b) => a.month.localeCompare(b.month));
      if (rows.length === 0) continue;
      any = true;
      // A flow adds up over the months; a stock is its latest month's value.
      hundredths += STOCKS.includes(element)
        ? (rows.at(-1)?.hundredths as number)
        : rows.reduce((sum, r) => sum + r.hundredths, 0);
    }
    if (any) totals.set(element, hundredths / 100);
  }
  let expected = 0;
  let reported = 0;
  for (const school of schools) {
    const { opened, closed } = raw.schools.get(school) as { opened: string | null; closed: string | null };
    for (const month of period.months) {
      if ((opened && opened.slice(0, 7) > month) || (closed && closed.slice(0, 7) < month)) continue;
      expected++;
      if (
        raw.values.some(
          (v) => v.school === school && v.month === month && indicator.elements.includes(v.element),
        )
      )
        reported++;
    }
  }
  return {
    numerator: evaluate(indicator.parsed.numerator, totals),
    denominator: evaluate(indicator.parsed.denominator, totals),
    reported,
    expected,
  };
}

test.each([15, 16])(
  'the maintained totals equal a computation from scratch after every import, correction, deletion and move (seed %i)',
  async (seed) => {
    const db = database.db;
    const random = seededRandom(seed);
    const places = new Map<string, Place>(
      SCHOOLS.map((code, i) => {
        const area = i % 2 ? 'B' : 'A';
        return [code, { area, cluster: i % 3 ? AREAS[area][0] : '', opened: '', closed: '' }];
      }),
    );
    await loadRegistry(db, places);
    const indicators = await Promise.all(
      ['attendance_rate', 'pupil_teacher_ratio'].map((c) => indicatorByCode(db, c)),
    );
    const randomValue = (element: string) =>
      STOCKS.includes(element) ? random.int(1, 400) : random.int(0, 200_000) / 100;
    let lastFile: string[] = [];
    const importValues = (lines: string[]) =>
      importFile(
        contextFor(db, actor),
        'data-values',
        csv('v.csv', ['school_code,period,element,value', ...lines]),
      );
    const existing = async () =>
      (
        await sql<{ org_unit_id: number; element_id: number; month: string }>`
        select org_unit_id, element_id, month from data_value order by 1, 2, 3`.execute(db)
      ).rows;

    const steps: [string, () => Promise<unknown>][] = [
      [
        'import',
        async () => {
          const keys = new Set<string>();
          for (let n = random.int(1, 25); n > 0; n--)
            keys.add(`${random.pick(SCHOOLS)},${random.pick(MONTHS)},${random.pick(ELEMENTS)}`);
          lastFile = [...keys].map((k) => `${k},${randomValue(k.split(',')[2] as string)}`);
          return importValues(lastFile);
        },
      ],
      ['re-import unchanged', () => importValues(lastFile)],
      [
        're-import changed',
        () => {
          lastFile = lastFile.map((line) => {
            const [school, month, element] = line.split(',') as [string, string, string];
            return random.chance(0.5) ? `${school},${month},${element},${randomValue(element)}` : line;
          });
          return importValues(lastFile);
        },
      ],
      [
        'correct one value',
        async () => {
          const rows = await existing();
          if (rows.length === 0) return;
          const row = random.pick(rows);
          const element = await sql<{
            code: string;
          }>`select code from data_element where id = ${row.element_id}`.execute(db);
          await sql`update data_value set value = ${randomValue(element.rows[0]?.code as string)}
          where org_unit_id = ${row.org_unit_id} and element_id = ${row.element_id} and month = ${row.month}`.execute(
            db,
          );
        },
      ],
      [
        'delete values',
        async () => {
          const rows = random.shuffle(await existing()).slice(0, random.int(1, 6));
          for (const row of rows)
            await sql`delete from data_value where org_unit_id = ${row.org_unit_id} and element_id = ${row.element_id}
            and month = ${row.month}`.execute(db);
        },
      ],
      [
        "delete a school's month",
        () =>
          sql`delete from data_value where month = ${`${random.pick(MONTHS)}-01`}
          and org_unit_id = (select id from org_unit where code = ${random.pick(SCHOOLS)})`.execute(db),
      ],
      [
        'move a value to another month',
        async () => {
          // A key that changes: the update's old row leaves one month and its new row joins another.
          const rows = await existing();
          if (rows.length === 0) return;
          const row = random.pick(rows);
          const to = `${random.pick(MONTHS)}-01`;
          await sql`update data_value set month = ${to}
            where org_unit_id = ${row.org_unit_id} and element_id = ${row.element_id} and month = ${row.month}
              and not exists (select from data_value d where d.org_unit_id = ${row.org_unit_id}
                and d.element_id = ${row.element_id} and d.month = ${to})`.execute(db);
        },
      ],
      [
        'move a school',
        () => {
          const school = random.pick(SCHOOLS);
          const area = random.pick(['A', 'B'] as const);
          places.set(school, {
            ...(places.get(school) as Place),
            area,
            cluster: random.chance(0.5) ? AREAS[area][0] : '',
          });
          return writeSchools(db, places, [school]);
        },
      ],
      [
        'open or close a school',
        () => {
          const school = random.pick(SCHOOLS);
          places.set(school, {
            ...(places.get(school) as Place),
            opened: random.pick(['', '2026-09-15', '2026-10-01']),
            closed: random.pick(['', '', '2026-10-20', '2026-11-30']),
          });
          return writeSchools(db, places, [school]);
        },
      ],
    ];

    for (let step = 0; step < 60; step++) {
      // Every step is tried early on; then at random.
      const [name, run] = step < steps.length ? (steps[step] as (typeof steps)[0]) : random.pick(steps);
      await run();
      expect(await differences(db), `after step ${step} (${name})`).toEqual([]);
      const raw = await readRaw(db);
      for (const periodId of ['2026-10', '2026-27T1']) {
        const units = { codes: [...UNITS, ...SCHOOLS] };
        const results = await rollupIndicators(db, indicators, units, parsePeriod(periodId, 9), {
          academicYearStart: 9,
        });
        for (const indicator of indicators) {
          for (const result of results.get(indicator.code) ?? []) {
            for (const s of result.series) {
              expect(
                {
                  numerator: s.numerator,
                  denominator: s.denominator,
                  reported: s.completeness.reported,
                  expected: s.completeness.expected,
                },
                `${indicator.code} ${result.org_unit} ${s.period} after step ${step} (${name})`,
              ).toEqual(fromScratch(raw, result.org_unit, s.period, indicator));
            }
          }
        }
      }
    }
  },
);

test('a school deleted from the registry takes its values out of every total', async () => {
  const db = database.db;
  const places = new Map<string, Place>([
    ['S1', { area: 'A', cluster: 'CA', opened: '', closed: '' }],
    ['S2', { area: 'A', cluster: '', opened: '', closed: '' }],
  ]);
  await loadRegistry(db, places);
  await importFile(
    contextFor(db, actor),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value',
      'S1,2026-10,sessions_possible,100',
      'S2,2026-10,sessions_possible,50',
    ]),
  );
  await sql`delete from org_unit where code = 'S1'`.execute(db);
  expect(await differences(db)).toEqual([]);
  const { rows } = await sql<{ code: string; total: number; schools: number }>`
    select o.code, t.total, t.schools from element_total t join org_unit o on o.id = t.org_unit_id order by o.code`.execute(
    db,
  );
  expect(rows).toEqual([
    { code: 'A', total: 50, schools: 1 },
    { code: 'T', total: 50, schools: 1 },
  ]);
});
