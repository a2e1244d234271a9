// The brokering match (a generalized assignment problem, NP-hard) solved as a MIP by HiGHS (WASM) on
// random instances: an authority (150 leaders, 300 needs, 20 eligible each) and a national one (3,000
// leaders, 5,000 needs, 50 eligible each, eligibility mostly within 100 areas). Each run reports time,
// objective, HiGHS's bound and the proven gap, beside a greedy baseline in the same run (ratios). The
// national instance is also solved area by area; what that costs is bounded by the whole problem's LP
// relaxation. When glpsol (Debian's glpk-utils) is installed it solves the same LP file, same time limit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AssignmentProblem } from '../src/brokering/assignment-problem.ts';
import { randomAssignment } from '../src/brokering/random-instance.ts';
import { solveAssignment } from '../src/brokering/solve.ts';
import { seededRandom } from '../src/random.ts';
import { writeResults } from './measure.ts';

const TIME_LIMIT = 60;

/** Best fit first, taken while the leader has days and places: what a broker with a spreadsheet does. */
function greedy(problem: AssignmentProblem) {
  const started = performance.now();
  const days = problem.leaders.map((l) => l.days);
  const slots = problem.leaders.map((l) => l.slots);
  const met = new Set<number>();
  let objective = 0;
  for (const p of [...problem.pairs].sort((a, b) => b.fit - a.fit)) {
    if (met.has(p.need) || (days[p.leader] as number) < p.days || (slots[p.leader] as number) < 1) continue;
    met.add(p.need);
    (days[p.leader] as number) -= p.days;
    (slots[p.leader] as number) -= 1;
    objective += p.fit;
  }
  return { objective: Math.round(objective * 1e4) / 1e4, seconds: (performance.now() - started) / 1000 };
}

/** The same model in CPLEX LP format, for glpsol. */
function lpFile(problem: AssignmentProblem): string {
  const x = (j: number) => `x${j}`;
  const lines = [
    'Maximize',
    ` fit: ${problem.pairs.map((p, j) => `${p.fit} ${x(j)}`).join(' + ')}`,
    'Subject To',
  ];
  const byNeed = new Map<number, number[]>();
  const byLeader = new Map<number, number[]>();
  problem.pairs.forEach((p, j) => {
    if (!byNeed.has(p.need)) byNeed.set(p.need, []);
    byNeed.get(p.need)?.push(j);
    if (!byLeader.has(p.leader)) byLeader.set(p.leader, []);
    byLeader.get(p.leader)?.push(j);
  });
  for (const [n, js] of byNeed) lines.push(` n${n}: ${js.map(x).join(' + ')} <= 1`);
  for (const [l, js] of byLeader) {
    lines.push(
      ` d${l}: ${js.map((j) => `${problem.pairs[j]?.days} ${x(j)}`).join(' + ')} <= ${problem.leaders[l]?.days}`,
    );
    lines.push(` s${l}: ${js.map(x).join(' + ')} <= ${problem.leaders[l]?.slots}`);
  }
  lines.push('Binary');
  for (let j = 0; j < problem.pairs.length; j++) lines.push(` ${x(j)}`);
  lines.push('End');
  return lines.join('\n');
}

function glpsol(problem: AssignmentProblem) {
  try {
    execFileSync('glpsol', ['--version'], { stdio: 'ignore' });
  } catch {
    return { installed: false };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glpsol-'));
  fs.writeFileSync(path.join(dir, 'match.lp'), lpFile(problem));
  const started = performance.now();
  const log = execFileSync('glpsol', ['--lp', 'match.lp', '--tmlim', String(TIME_LIMIT), '-o', 'out.txt'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - started) / 1000;
  // The last progress line: "+  1234: mip =   3.456e+02 <=   3.460e+02   0.1% (...)".
  const last =
    log
      .split('\n')
      .filter((l) => /mip =/.test(l))
      .at(-1) ?? '';
  const m = /mip =\s+(\S+)\s+<=\s+(\S+)\s+(\S+)/.exec(last);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    installed: true,
    seconds,
    objective: m ? Number(m[1]) : null,
    bound: m ? Number(m[2]) : null,
    gap: m?.[3] ?? null,
  };
}

async function solveAndCompare(name: string, problem: AssignmentProblem) {
  const highs = await solveAssignment(problem, { timeLimitSeconds: TIME_LIMIT, mipGap: 1e-4 });
  const baseline = greedy(problem);
  return {
    instance: name,
    leaders: problem.leaders.length,
    needs: problem.needCount,
    pairs: problem.pairs.length,
    highs: {
      status: highs.status,
      method: highs.method,
      seconds: highs.seconds,
      objective: highs.objective,
      bound: highs.bound,
      gap: highs.gap,
    },
    greedy: baseline,
    objective_ratio_greedy_to_highs: highs.objective > 0 ? baseline.objective / highs.objective : null,
  };
}

export async function run(): Promise<void> {
  // Leaders take 1-4 schools at once, so the places rows bind as well as the days.
  const authority = randomAssignment(seededRandom(1), { leaders: 150, needs: 300, eligiblePerNeed: 20 });
  const national = randomAssignment(seededRandom(2), {
    leaders: 3000,
    needs: 5000,
    eligiblePerNeed: 50,
    areas: 100,
  });
  writeResults('brokering', {
    time_limit_seconds: TIME_LIMIT,
    authority: { ...(await solveAndCompare('authority', authority)), glpsol: glpsol(authority) },
    national: { ...(await solveAndCompare('national', national)), glpsol: glpsol(national) },
  });
}
