// Generates the demo authority's monthly KPI data: three academic years and the current one so far for
// every school, with school effects, a winter dip, a few schools steadily improving and a few declining,
// assessments each term, and about 3% of school-months not reported.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Random } from '../random.ts';
import type { Row } from './registry.ts';

/** School days by calendar month (index 0 = January). August has a short summer programme. */
const SCHOOL_DAYS = [19, 15, 20, 12, 18, 21, 15, 5, 20, 21, 20, 14];
/** Attendance points lost to winter illness, by calendar month. */
const WINTER = [-1.5, -1.2, -0.4, 0, 0, 0, 0, 0, 0, 0, -0.4, -1.2];
const ASSESSMENT_MONTHS = new Set([12, 3, 7]);

export interface DemoDataValues {
  school: string[];
  element: string[];
  month: string[];
  value: number[];
}

export interface KpiDemoOptions {
  referenceDate: string;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The demo's months: three academic years before the reference date, and September and October after it. */
function demoMonths(referenceDate: string): string[] {
  const year = Number(referenceDate.slice(0, 4));
  const months: string[] = [];
  for (let i = 0; i < 38; i++) {
    const index = (year - 3) * 12 + 8 + i; // September three years before
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

export function generateDataValues(random: Random, schools: Row[], options: KpiDemoOptions): DemoDataValues {
  const out: DemoDataValues = { school: [], element: [], month: [], value: [] };
  const months = demoMonths(options.referenceDate);
  const push = (school: string, month: string, element: string, value: number) => {
    out.school.push(school);
    out.month.push(`${month}-01`);
    out.element.push(element);
    out.value.push(value);
  };
  for (const school of schools) {
    const code = school.code as string;
    const capacity = Number(school.capacity) || 210;
    const secondary = school.phase === 'secondary';
    const attendanceEffect = random.normal(secondary ? 93.5 : 95, 1.4);
    const teacherEffect = random.normal(95.5, 1.5);
    const deliveryEffect = random.normal(92, 3.5);
    const standardEffect = random.normal(secondary ? 58 : 66, 9);
    const pupilsPerTeacher = secondary
      ? random.normal(17, 2)
      : random.normal(school.phase === 'special' ? 7 : 27, 3);
    // A few schools change steadily over the last year: improving or declining.
    const roll = random.float();
    const change = roll < 0.04 ? 0.4 : roll < 0.08 ? -0.5 : 0;
    let enrolled = Math.round(capacity * clamp(random.normal(0.9, 0.1), 0.5, 1.1));
    // A few schools stop reporting for the last two months.
    const silentAtEnd = random.chance(0.01);
    months.forEach((month, i) => {
      if (school.closed_on && `${month}-01` > (school.closed_on as string)) return;
      if (silentAtEnd && i >= months.length - 2) return;
      if (random.chance(0.03)) return; // not reported
      const calendarMonth = Number(month.slice(5));
      const days = SCHOOL_DAYS[calendarMonth - 1] as number;
      const monthsFromEnd = months.length - 1 - i;
      const drift = change !== 0 && monthsFromEnd < 12 ? change * (12 - monthsFromEnd) : 0;
      if (calendarMonth === 9) enrolled = Math.max(20, Math.round(enrolled * random.normal(1, 0.03)));
      const teachers = Math.max(1, Math.round(enrolled / clamp(pupilsPerTeacher, 5, 45)));
      const attendance = clamp(
        attendanceEffect + (WINTER[calendarMonth - 1] as number) + drift + random.normal(0, 0.5),
        70,
        99.5,
      );
      const possible = enrolled * 2 * days;
      push(code, month, 'pupils_enrolled', enrolled);
      push(code, month, 'teachers_in_post', teachers);
      push(code, month, 'sessions_possible', possible);
      push(code, month, 'sessions_attended', Math.round((possible * attendance) / 100));
      const teacherDays = teachers * days;
      push(code, month, 'teacher_days_possible', teacherDays);
      push(
        code,
        month,
        'teacher_days_present',
        Math.round((teacherDays * clamp(teacherEffect + drift / 2 + random.normal(0, 0.6), 70, 100)) / 100),
      );
      const planned = teacherDays * 5;
      push(code, month, 'lessons_planned', planned);
      push(
        code,
        month,
        'lessons_delivered',
        Math.round((planned * clamp(deliveryEffect + drift + random.normal(0, 1.2), 50, 100)) / 100),
      );
      if (ASSESSMENT_MONTHS.has(calendarMonth)) {
        const assessed = Math.max(5, Math.round(enrolled / (secondary ? 5 : 7)));
        push(code, month, 'pupils_assessed', assessed);
        push(
          code,
          month,
          'pupils_at_expected_standard',
          Math.round((assessed * clamp(standardEffect + drift * 2 + random.normal(0, 4), 5, 100)) / 100),
        );
      }
    });
  }
  return out;
}

const CHUNK = 20_000;

/** Writes the values in large batches (the rows are generated, so the importer's checks are not needed). */
export async function writeDataValues(
  db: Db,
  values: DemoDataValues,
): Promise<{ inserted: number; updated: number }> {
  const total = values.value.length;
  const counts = { inserted: 0, updated: 0 };
  // Month by month: a statement then adds to a few months' totals of every unit (migration 0009)
  // rather than to every month's of a few schools, and updates a tenth as many total rows.
  const order = values.month
    .map((_, i) => i)
    .sort((a, b) => (values.month[a] as string).localeCompare(values.month[b] as string) || a - b);
  const slice = <T>(column: T[], start: number, end: number) =>
    order.slice(start, end).map((i) => column[i] as T);
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK);
    const { rows } = await sql<{ inserted: number; updated: number }>`
      with written as (
      insert into data_value (org_unit_id, element_id, month, value)
      select o.id, e.id, v.month, v.value
      from unnest(${slice(values.school, start, end)}::text[], ${slice(values.element, start, end)}::text[],
                  ${slice(values.month, start, end)}::date[], ${slice(values.value, start, end)}::float8[])
        as v(school, element, month, value)
      join org_unit o on o.code = v.school
      join data_element e on e.code = v.element
      on conflict (element_id, org_unit_id, month) do update set value = excluded.value
        where data_value.value is distinct from excluded.value
      returning (xmax = 0) as inserted)
      select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated from written`.execute(
      db,
    );
    counts.inserted += rows[0]?.inserted ?? 0;
    counts.updated += rows[0]?.updated ?? 0;
  }
  return counts;
}

/** Authority-wide targets for the current academic year. */
export function demoTargets(authority: string, academicYear: string): Row[] {
  const targets: [string, number][] = [
    ['attendance_rate', 95],
    ['absence_rate', 5],
    ['teacher_attendance_rate', 96],
    ['lesson_completion_rate', 92],
    ['expected_standard_rate', 70],
    ['pupil_teacher_ratio', 28],
    // The leadership strategy's own measure: "80% good or better primary schools".
    ['good_or_better_schools_primary', 80],
    ['good_or_better_schools', 80],
  ];
  return targets.map(([indicator, value]) => ({
    indicator,
    org_unit_code: authority,
    academic_year: academicYear,
    value: String(value),
  }));
}
