// The random slope's exact gradient against the deviance's own differences, REML and ML, at points near
// and far from the minimum (Richardson's extrapolation of central differences, whose own rounding is ~1e-7 of the gradient).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, slopeGradient, workspaceOf } from './deviance.ts';
import { statisticsOfCsv } from './read-file.ts';

describe('the profiled deviance’s gradient in theta', async () => {
  const { stats } = await statisticsOfCsv(fileURLToPath(new URL('reference/slope.csv', import.meta.url)), {
    group: 'school_code',
    outcome: 'outcome',
    covariates: ['prior_attainment', 'disadvantaged', 'sen', 'eal'],
  });
  const w = workspaceOf(stats, [0, 1]);
  for (const reml of [true, false])
    it(`${reml ? 'REML' : 'ML'}: equals the deviance's differences to 1e-6`, () => {
      for (const theta of [
        [0.4, 0.1, 0.3],
        [1, 0, 1],
        [0.2, -0.3, 0.05],
      ]) {
        const deviance = (t: number[]) => evaluate(w, t, reml)?.deviance as number;
        const exact = slopeGradient(
          w,
          theta,
          reml,
          evaluate(w, theta, reml) as NonNullable<ReturnType<typeof evaluate>>,
        );
        theta.forEach((_, k) => {
          const central = (h: number) => {
            const up = [...theta];
            const down = [...theta];
            up[k] = (up[k] as number) + h;
            down[k] = (down[k] as number) - h;
            return (deviance(up) - deviance(down)) / (2 * h);
          };
          const extrapolated = (4 * central(1e-4) - central(2e-4)) / 3;
          expect(
            Math.abs((exact[k] as number) - extrapolated),
            `theta ${theta}, component ${k}`,
          ).toBeLessThan(1e-6 * Math.max(1, Math.abs(extrapolated)));
        });
      }
    });
});
