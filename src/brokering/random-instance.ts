// Random matching instances of a given size, for the benchmark and the solver's tests: leaders with
// days and school places, needs of a few sizes, and for each need a random set of eligible leaders.
import type { Random } from '../demo/random.ts';
import type { AssignmentProblem } from './solve.ts';

export function randomAssignment(
  random: Random,
  size: { leaders: number; needs: number; eligiblePerNeed: number },
): AssignmentProblem {
  const leaders = Array.from({ length: size.leaders }, () => ({
    days: random.pick([10, 15, 20, 30, 40]),
    slots: random.int(1, 4),
  }));
  const pairs: AssignmentProblem['pairs'] = [];
  for (let need = 0; need < size.needs; need++) {
    const days = random.pick([4, 6, 6, 12, 20]);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(size.eligiblePerNeed, size.leaders))
      chosen.add(random.int(0, size.leaders - 1));
    for (const leader of [...chosen].sort((a, b) => a - b))
      pairs.push({ need, leader, days, fit: Math.round((0.2 + 0.8 * random.float()) * 10_000) / 10_000 });
  }
  return { needCount: size.needs, leaders, pairs };
}
