// Random staffing for the plan's property tests and benchmark: schools scattered round a few towns over a
// square region, with the maldistribution such systems have (town schools over their norm, remote ones
// under it), seeded so a run can be repeated.
import type { Random } from '../random.ts';
import type { StaffedSchool } from './plan-solver-pairs.ts';

export function randomStaffing(
  random: Random,
  options: { schools: number; sideKm: number; towns: number; maxRatio?: number; minimum?: number },
): StaffedSchool[] {
  const maxRatio = options.maxRatio ?? 40;
  const minimum = options.minimum ?? 2;
  const degrees = options.sideKm / 111;
  const towns = Array.from({ length: options.towns }, () => ({
    lat: 10 + random.float() * degrees,
    lon: 30 + random.float() * degrees,
  }));
  return Array.from({ length: options.schools }, (_, i) => {
    const inTown = random.chance(0.4);
    const town = random.pick(towns);
    const spread = inTown ? 0.03 : 0.25;
    const latitude = Math.round((town.lat + random.normal(0, spread)) * 1e5) / 1e5;
    const longitude = Math.round((town.lon + random.normal(0, spread)) * 1e5) / 1e5;
    const pupils = Math.max(20, Math.round(random.normal(inTown ? 420 : 180, inTown ? 120 : 70)));
    const required = Math.max(minimum, Math.ceil(pupils / maxRatio));
    // Towns attract teachers; remote schools lose them.
    const teachers = Math.max(
      1,
      Math.round(required * (inTown ? random.normal(1.25, 0.15) : random.normal(0.8, 0.2))),
    );
    return {
      code: `S${String(i + 1).padStart(5, '0')}`,
      pupils,
      teachers,
      required,
      maxRatio,
      latitude,
      longitude,
      group: `C${towns.indexOf(town) + 1}`,
    };
  });
}
