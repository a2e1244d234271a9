// The demo's teachers where such systems have them, not where the pupils are: town schools near their
// area's centre hold a surplus and remote ones run short, with a school-level scatter whose size
// differs by area, so the degree of randomness (1 − R² of teachers on pupils) sits near 0.4 and
// differs by area; over the last year each area redeploys a little and it improves month by month.
// Adjusts the generated values in place before they are written (src/demo/load.ts), and scales each
// school-month's teacher days and lessons with its teachers so the rates stay what kpi.ts drew.
import type { Random } from '../random.ts';
import type { DemoDataValues } from './kpi.ts';
import type { Row } from './registry.ts';

const FOLLOWS_TEACHERS = new Set([
  'teacher_days_possible',
  'teacher_days_present',
  'lessons_planned',
  'lessons_delivered',
]);

/** Kilometres between two points, on a sphere (the demo's areas span a few kilometres). */
function km(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad * Math.cos(((a[0] + b[0]) / 2) * rad);
  return 6371 * Math.hypot(dLat, dLon);
}

export function maldistributeTeachers(
  random: Random,
  schools: Row[],
  values: DemoDataValues,
): DemoDataValues {
  // Each school's remoteness: its rank by distance from its area's centre, 0 (the town) to 1.
  const byArea = new Map<string, Row[]>();
  for (const s of schools)
    byArea.set(s.area_code as string, [...(byArea.get(s.area_code as string) ?? []), s]);
  const tilt = new Map<string, number>();
  for (const members of byArea.values()) {
    const placed = members.filter((s) => s.latitude && s.longitude);
    const centre: [number, number] = [
      placed.reduce((t, s) => t + Number(s.latitude), 0) / placed.length,
      placed.reduce((t, s) => t + Number(s.longitude), 0) / placed.length,
    ];
    // How unevenly this area staffs its schools: some areas far more than others.
    const strength = 0.3 + 0.35 * random.float();
    const scatter = 0.18 + 0.2 * random.float();
    const ranked = placed
      .map((s) => ({ code: s.code as string, d: km(centre, [Number(s.latitude), Number(s.longitude)]) }))
      .sort((a, b) => a.d - b.d);
    ranked.forEach((s, i) => {
      const remoteness = ranked.length > 1 ? i / (ranked.length - 1) : 0.5;
      // Above 0: fewer teachers than the school's pupils would give it (remote); below 0: more (town).
      tilt.set(s.code, strength * (remoteness - 0.5) * 2 + random.normal(0, scatter));
    });
  }
  const months = [...new Set(values.month)].sort();
  const lastYear = months.slice(-12);
  const factor = new Map<string, number>();
  values.element.forEach((element, i) => {
    if (element !== 'teachers_in_post') return;
    const school = values.school[i] as string;
    const month = values.month[i] as string;
    // Redeployment closes about an eighth of the tilt over the last year, a little each month.
    const done = Math.max(0, lastYear.indexOf(month) + 1) / lastYear.length;
    const t = (tilt.get(school) ?? 0) * (1 - 0.12 * done);
    const before = values.value[i] as number;
    const after = Math.max(1, Math.round(before * Math.exp(-t)));
    values.value[i] = after;
    factor.set(`${school}|${month}`, after / before);
  });
  values.element.forEach((element, i) => {
    if (!FOLLOWS_TEACHERS.has(element)) return;
    const f = factor.get(`${values.school[i]}|${values.month[i]}`);
    if (f !== undefined) values.value[i] = Math.round((values.value[i] as number) * f);
  });
  return values;
}
