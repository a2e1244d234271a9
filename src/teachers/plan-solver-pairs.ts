// Which surplus school may send a teacher to which deficit school: within the plan's distance, and
// inside one cluster when the plan keeps moves there. Distances are along the ground (haversine) times a
// detour factor, because roads are unknown; a grid of cells the size of the distance keeps the search
// near-linear, so 25,000 schools do not mean 150 million comparisons.

/** A school in a redeployment plan: its enrolment, teachers in post and what its own norm requires. */
export interface StaffedSchool {
  code: string;
  pupils: number;
  teachers: number;
  /** Teachers the norm requires here (never below the per-school minimum). */
  required: number;
  /** The maximum pupil-teacher ratio that applies to this school's phase and type. */
  maxRatio: number;
  latitude: number | null;
  longitude: number | null;
  /** The cluster (or area) a plan "within clusters" keeps moves inside. */
  group?: string | null;
  /** Its phase: the degree of randomness is fitted within each (none given: all one). */
  phase?: string;
}

export interface PairLimits {
  /** Travel distance at most, in km. */
  maxKm: number;
  /** Road distance as a multiple of the straight line (1.3 by default: roads are unknown). */
  detour?: number;
  /** Only between schools of the same group (cluster). */
  withinGroup?: boolean;
}

export interface Pair {
  from: number;
  to: number;
  km: number;
}

const EARTH_KM = 6371.0088;
const radians = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = radians(lat2 - lat1);
  const dLon = radians(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const located = (s: StaffedSchool): s is StaffedSchool & { latitude: number; longitude: number } =>
  s.latitude !== null && s.longitude !== null;

/**
 * Every (sender, receiver) pair within the limits, by index into `schools`, with its travel km rounded to
 * 0.1. Schools without coordinates are in no pair.
 */
export function pairsWithin(
  schools: readonly StaffedSchool[],
  senders: readonly number[],
  receivers: readonly number[],
  limits: PairLimits,
): Pair[] {
  const detour = limits.detour ?? 1.3;
  const straightKm = limits.maxKm / detour;
  const at = senders.concat(receivers).map((i) => schools[i] as StaffedSchool);
  const lats = at.filter(located).map((s) => Math.abs(s.latitude));
  if (lats.length === 0) return [];
  // Cells a straight-line limit wide, so a pair is always in the same or a neighbouring cell.
  const cellLat = Math.max(straightKm / 111, 1e-6);
  const widest = Math.cos(
    radians(
      Math.min(
        89,
        lats.reduce((m, l) => Math.max(m, l), 0),
      ),
    ),
  );
  const cellLon = Math.max(cellLat / Math.max(widest, 0.01), 1e-6);
  const cellOf = (s: { latitude: number; longitude: number }) =>
    [Math.floor(s.latitude / cellLat), Math.floor(s.longitude / cellLon)] as const;
  const grid = new Map<string, number[]>();
  for (const r of receivers) {
    const s = schools[r] as StaffedSchool;
    if (!located(s)) continue;
    const [y, x] = cellOf(s);
    const key = `${y}:${x}`;
    const list = grid.get(key);
    if (list) list.push(r);
    else grid.set(key, [r]);
  }
  const pairs: Pair[] = [];
  for (const from of senders) {
    const a = schools[from] as StaffedSchool;
    if (!located(a)) continue;
    const [y, x] = cellOf(a);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const to of grid.get(`${y + dy}:${x + dx}`) ?? []) {
          const b = schools[to] as StaffedSchool & { latitude: number; longitude: number };
          if (limits.withinGroup && (a.group ?? null) !== (b.group ?? null)) continue;
          const km =
            Math.round(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude) * detour * 10) / 10;
          if (km <= limits.maxKm) pairs.push({ from, to, km });
        }
  }
  return pairs;
}
