// Random matching instances of a given size, for the benchmark and the solver's tests: leaders with
// days and school places, needs of a few sizes, and for each need a random set of eligible leaders.
import type { Random } from '../random.ts';
import type { AssignmentProblem } from './assignment-problem.ts';

export function randomAssignment(
  random: Random,
  /** With areas, leaders and needs each belong to one, and about nine in ten eligible leaders are from the need's own. */
  size: { leaders: number; needs: number; eligiblePerNeed: number; areas?: number },
): AssignmentProblem & { leaderArea: number[]; needArea: number[] } {
  const areas = size.areas ?? 1;
  const leaders = Array.from({ length: size.leaders }, () => ({
    days: random.pick([10, 15, 20, 30, 40]),
    slots: random.int(1, 4),
  }));
  const leaderArea = leaders.map((_, i) => i % areas);
  const needArea: number[] = [];
  const pairs: AssignmentProblem['pairs'] = [];
  for (let need = 0; need < size.needs; need++) {
    const days = random.pick([4, 6, 6, 12, 20]);
    const area = areas > 1 ? random.int(0, areas - 1) : 0;
    needArea.push(area);
    const local = leaderArea.flatMap((a, i) => (a === area ? [i] : []));
    const chosen = new Set<number>();
    while (chosen.size < Math.min(size.eligiblePerNeed, size.leaders))
      chosen.add(areas > 1 && random.chance(0.9) ? random.pick(local) : random.int(0, size.leaders - 1));
    for (const leader of [...chosen].sort((a, b) => a - b))
      pairs.push({ need, leader, days, fit: Math.round((0.2 + 0.8 * random.float()) * 10_000) / 10_000 });
  }
  return { needCount: size.needs, leaders, pairs, leaderArea, needArea };
}
