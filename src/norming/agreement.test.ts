// The agreement statistics against R (psych::ICC and cohen.kappa, run by agreement-reference.R into
// agreement-reference.json), against published worked examples (Shrout and Fleiss 1979; Fleiss' kappa
// as Wikipedia works it), and against small cases worked by hand: a rater who gives one level to every
// case, a missing score, and scores that never vary.
import { describe, expect, test } from 'vitest';
import {
  agreementWithinOne,
  bias,
  exactAgreement,
  fleissKappa,
  intraclassCorrelations,
  type Pair,
  quadraticWeightedKappa,
} from './agreement.ts';
import reference from './agreement-reference.json' with { type: 'json' };

const shroutFleiss = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];
// Eight cases scored 1–4 by five raters: rater 2 harsh, rater 5 gives 3 to everything, rater 4 missed case 8.
const session = [
  [3, 2, 3, 3, 3],
  [4, 3, 4, 4, 3],
  [2, 1, 2, 3, 3],
  [1, 1, 2, 1, 3],
  [3, 3, 3, 4, 3],
  [4, 3, 3, 4, 3],
  [2, 2, 2, 2, 3],
  [3, 2, 4, null, 3],
];
const master = [3, 4, 2, 1, 3, 4, 2, 3];
const pairsOf = (rater: number): Pair[] =>
  session.map((row, i) => ({ rater: row[rater] ?? null, master: master[i] ?? null }));
const levels = [1, 2, 3, 4];

const expectInterval = (actual: { value: number; lower: number; upper: number }, r: number[]) => {
  expect(actual.value).toBeCloseTo(r[0] as number, 9);
  expect(actual.lower).toBeCloseTo(r[1] as number, 6);
  expect(actual.upper).toBeCloseTo(r[2] as number, 6);
};

describe('intraclass correlations', () => {
  test("Shrout and Fleiss's six targets and four judges: .17, .29, .71 as published, intervals as R's psych", () => {
    const icc = intraclassCorrelations(shroutFleiss);
    expect(icc).not.toBeNull();
    if (!icc) return;
    expect([icc.icc1.value, icc.icc2.value, icc.icc3.value].map((v) => v.toFixed(2))).toEqual([
      '0.17',
      '0.29',
      '0.71',
    ]);
    expectInterval(icc.icc1, reference.shrout_fleiss.icc1);
    expectInterval(icc.icc2, reference.shrout_fleiss.icc2);
    expectInterval(icc.icc3, reference.shrout_fleiss.icc3);
  });

  test('a session with a missing score uses the seven complete cases, as R does after na.omit', () => {
    const icc = intraclassCorrelations(session);
    expect(icc?.cases).toBe(7);
    expect(icc?.raters).toBe(5);
    if (!icc) return;
    expectInterval(icc.icc1, reference.session_icc.icc1);
    expectInterval(icc.icc2, reference.session_icc.icc2);
    expectInterval(icc.icc3, reference.session_icc.icc3);
  });

  test('no answer with one complete case, or scores that never vary', () => {
    expect(
      intraclassCorrelations([
        [1, 2],
        [3, null],
      ]),
    ).toBeNull();
    expect(
      intraclassCorrelations([
        [2, 2],
        [2, 2],
        [2, 2],
      ]),
    ).toBeNull();
  });
});

describe('against the master', () => {
  test('the harsh rater: 3 of 8 exact, all within one, a bias of −5/8 (by hand)', () => {
    expect(exactAgreement(pairsOf(1))).toBe(3 / 8);
    expect(agreementWithinOne(pairsOf(1))).toBe(1);
    expect(bias(pairsOf(1))).toBe(-5 / 8);
  });

  test('a missing score is left out: rater 4 agrees on 5 of the 7 cases scored', () => {
    expect(exactAgreement(pairsOf(3))).toBe(5 / 7);
    expect(bias(pairsOf(3))).toBe(2 / 7);
  });

  test("quadratic-weighted kappa for each rater equals R's cohen.kappa; one level throughout gives 0", () => {
    const kappas = [0, 1, 2, 3, 4].map((r) => quadraticWeightedKappa(pairsOf(r), levels));
    for (const [r, kappa] of kappas.entries())
      expect(kappa).toBeCloseTo(reference.session_qwk[r] as number, 9);
    expect(kappas[4]).toBeCloseTo(0, 12);
  });

  test('by hand: two cases in full agreement give 1; both giving one same level throughout has no kappa', () => {
    const pairs = [
      { rater: 1, master: 1 },
      { rater: 2, master: 2 },
    ];
    expect(quadraticWeightedKappa(pairs, levels)).toBe(1);
    expect(
      quadraticWeightedKappa(
        [
          { rater: 3, master: 3 },
          { rater: 3, master: 3 },
        ],
        levels,
      ),
    ).toBeNull();
    expect(exactAgreement([{ rater: null, master: 2 }])).toBeNull();
    expect(() => quadraticWeightedKappa([{ rater: 5, master: 1 }], levels)).toThrow('5 is not a level');
  });
});

describe("Fleiss' kappa", () => {
  test('the worked example (ten subjects, fourteen raters, five categories): P̄ 0.378, P̄e 0.213, κ 0.210', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(counts)?.toFixed(3)).toBe('0.210');
  });

  test('the session (one case with four raters) equals the formula written out in R', () => {
    const counts = session.map((row) => levels.map((l) => row.filter((v) => v === l).length));
    expect(fleissKappa(counts)).toBeCloseTo(reference.session_fleiss, 9);
  });

  test('every rating the same level: no kappa; a case with one rating is left out', () => {
    expect(
      fleissKappa([
        [0, 3, 0],
        [0, 3, 0],
      ]),
    ).toBeNull();
    expect(
      fleissKappa([
        [1, 0],
        [2, 0],
        [0, 2],
      ]),
    ).toBe(1);
  });
});
