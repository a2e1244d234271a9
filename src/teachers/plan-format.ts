// The redeployment plan as `headway teachers plan` and `plans` print it: the figures before and after,
// each move with its reason, the recruits, and the schools no move could reach.
import type { PlanSummary, TeacherPlan } from './plan-contract.ts';

/** The plan as text: its proof, its limits, the figures before and after, the moves and the recruits. */
export function formatPlan(p: TeacherPlan): string {
  const f = (n: number | null) => (n === null ? '-' : String(n));
  const lines = [
    `Plan ${p.id} for ${p.unit.code} ${p.unit.name}, on ${p.month}'s data: ${p.objective} teachers moved (no plan under these limits moves more than ${p.bound}${p.optimal ? '; proved optimal' : ''}), ${p.km} km in all`,
    `Limits: ${p.limits.max_km} km (road as ${p.limits.detour} × the straight line), at most ${p.limits.max_moves_out} out of a school${p.limits.within_clusters ? ', within clusters' : ''}, ${p.limits.recruits} recruits`,
    '',
    '                          before    after',
    `  gap (teachers)        ${f(p.before.gap).padStart(8)} ${f(p.after.gap).padStart(8)}`,
    `  surplus (teachers)    ${f(p.before.surplus).padStart(8)} ${f(p.after.surplus).padStart(8)}`,
    `  schools above ratio   ${f(p.before.schoolsAboveMaxRatio).padStart(8)} ${f(p.after.schoolsAboveMaxRatio).padStart(8)}`,
    `  degree of randomness  ${f(p.before.degreeOfRandomness).padStart(8)} ${f(p.after.degreeOfRandomness).padStart(8)}`,
    '',
    `Moves (${p.moves.length}):`,
    ...p.moves.map((m) => `  ${String(m.teachers).padStart(3)} ${m.reason}`),
  ];
  if (p.recruits.length > 0)
    lines.push(
      '',
      'Recruits:',
      ...p.recruits.map((r) => `  ${String(r.teachers).padStart(3)} to ${r.school.code} ${r.school.name}`),
    );
  if (p.unlocated.length > 0) lines.push('', `No coordinates, so in no move: ${p.unlocated.join(', ')}`);
  return lines.join('\n');
}

/** One line a plan: when, for which unit, what it moved and what was accepted. */
export function formatPlans(plans: PlanSummary[]): string {
  if (plans.length === 0) return 'No plan has been made yet.';
  return plans
    .map(
      (p) =>
        `${String(p.id).padStart(4)}  ${p.made_on}  ${p.unit.code.padEnd(8)} ${p.month}  ${p.objective} of ${p.bound} teachers moved, ${p.accepted} of ${p.moves} moves accepted${p.challenge_id ? `, challenge ${p.challenge_id}` : ''}`,
    )
    .join('\n');
}
