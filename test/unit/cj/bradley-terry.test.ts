import { describe, expect, it } from 'vitest';
import { adjustedScores, solveTheta } from '../../../src-workers/cj/bradley-terry';
import { buildComparisonGraph } from '../../../src-workers/cj/comparison-graph';
import { seededRandom, shuffle } from '../../../src-workers/cj/random';
import { fitScale } from '../../../src-workers/cj/scale';
import { simulateSession } from '../../../src-workers/cj/simulation';
import { mean, pearson } from '../../../src-workers/cj/statistics';

const EPS = 0.3;

function normalTruth(n: number, sd: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/** A random-pairs session against judges who follow the model. */
function session(truth: Float64Array, perScript: number, seed = 1) {
  return simulateSession(truth, {
    judgements: Math.round((perScript * truth.length) / 2),
    judges: 5,
    selector: { method: 'random', budgetPerScript: perScript, boundaries: [] },
    eps: EPS,
    seed,
  }).judgements;
}

/** Expected score and information of each script at θ, computed judgement by judgement (independently of the solver). */
function expectedAndInformation(theta: ArrayLike<number>, winner: Int32Array, loser: Int32Array) {
  const expected = new Float64Array(theta.length);
  const information = new Float64Array(theta.length);
  for (let j = 0; j < winner.length; j++) {
    const p = 1 / (1 + Math.exp(theta[loser[j]] - theta[winner[j]]));
    expected[winner[j]] += p;
    expected[loser[j]] += 1 - p;
    information[winner[j]] += p * (1 - p);
    information[loser[j]] += p * (1 - p);
  }
  return { expected, information };
}

describe('Bradley–Terry with sirt’s ε-adjusted scores', () => {
  it('recovers the true values of a simulated session, centred', () => {
    const truth = normalTruth(60, 1.5, 7);
    const fit = fitScale(session(truth, 40));
    expect(fit.converged).toBe(true);
    expect(pearson(fit.theta, truth)).toBeGreaterThan(0.95);
    expect(Math.abs(mean(fit.theta))).toBeLessThan(1e-12);
  });

  it('shrinks each score by ε as sirt does: ε + (n − 2ε)·wins/n', () => {
    const graph = buildComparisonGraph(3, Int32Array.of(0, 0, 1), Int32Array.of(1, 2, 2));
    expect(Array.from(adjustedScores(graph, EPS))).toEqual([EPS + (2 - 2 * EPS), EPS + (2 - 2 * EPS) / 2, EPS]);
  });

  it('reduces judgements to unique pairs, grouped by their lower script', () => {
    // 2 beat 0, 0 beat 2, 1 beat 3, 0 beat 1, 3 beat 1: three pairs.
    const graph = buildComparisonGraph(4, Int32Array.of(2, 0, 1, 0, 3), Int32Array.of(0, 2, 3, 1, 1));
    const pairs = Array.from({ length: graph.pairCount }, (_, e) => `${graph.pairA[e]}-${graph.pairB[e]}:${graph.pairWinsA[e]}/${graph.pairTotal[e]}`);
    expect(pairs.sort()).toEqual(['0-1:1/1', '0-2:1/2', '1-3:1/2']);
    expect(Array.from(graph.pairStart)).toEqual([0, 2, 3, 3, 3]);
    for (let a = 0; a < 4; a++) for (let e = graph.pairStart[a]; e < graph.pairStart[a + 1]; e++) expect(graph.pairA[e]).toBe(a);
  });

  it('solves sirt’s fixed point: s − E(θ) is the same multiple of the information for every script', () => {
    const judgements = session(normalTruth(40, 2, 3), 8);
    const graph = buildComparisonGraph(40, judgements.winner, judgements.loser);
    const fit = solveTheta(graph, { eps: EPS });
    const scores = adjustedScores(graph, EPS);
    const { expected, information } = expectedAndInformation(fit.theta, judgements.winner, judgements.loser);
    const ratios = Array.from(scores, (s, i) => (s - expected[i]) / information[i]);
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeLessThan(1e-6);
  });

  it('gives a script that won every comparison a finite θ above all others', () => {
    // Script 0 beats everyone; the rest play a cycle.
    const winner = Int32Array.of(0, 0, 0, 1, 2, 3);
    const loser = Int32Array.of(1, 2, 3, 2, 3, 1);
    const fit = fitScale({ scriptCount: 4, judgeCount: 1, winner, loser, judge: new Int32Array(6) });
    expect(Number.isFinite(fit.theta[0])).toBe(true);
    expect(fit.theta[0]).toBeGreaterThan(Math.max(fit.theta[1], fit.theta[2], fit.theta[3]));
    expect(fit.separated).toBe(false);
  });

  it('has SEs of 1/√(∂E_i/∂θ_i), checked by finite differences', () => {
    const judgements = session(normalTruth(30, 1.5, 11), 12);
    const fit = fitScale(judgements);
    const h = 1e-5;
    for (const i of [0, 7, 19]) {
      const up = Float64Array.from(fit.theta);
      const down = Float64Array.from(fit.theta);
      up[i] += h;
      down[i] -= h;
      const slope =
        (expectedAndInformation(up, judgements.winner, judgements.loser).expected[i] -
          expectedAndInformation(down, judgements.winner, judgements.loser).expected[i]) /
        (2 * h);
      expect(fit.se[i]).toBeCloseTo(1 / Math.sqrt(slope), 6);
    }
  });

  it('converges from a cold start, and from a warm start in fewer steps to the same θ', () => {
    const truth = normalTruth(200, 1.5, 5);
    const all = session(truth, 20, 2);
    const earlier = all.winner.length - 50;
    const before = buildComparisonGraph(200, all.winner.subarray(0, earlier), all.loser.subarray(0, earlier));
    const after = buildComparisonGraph(200, all.winner, all.loser);
    const cold = solveTheta(after, { eps: EPS });
    const warm = solveTheta(after, { eps: EPS }, solveTheta(before, { eps: EPS }).theta);
    expect(cold.converged && warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (let i = 0; i < 200; i++) expect(warm.theta[i]).toBeCloseTo(cold.theta[i], 6);
  });

  it('does not depend on the order of the judgements', () => {
    const judgements = session(normalTruth(25, 1, 9), 10);
    const order = shuffle(seededRandom(4), Array.from({ length: judgements.winner.length }, (_, j) => j));
    const first = fitScale(judgements);
    const shuffled = fitScale({
      ...judgements,
      winner: Int32Array.from(order, (j) => judgements.winner[j]),
      loser: Int32Array.from(order, (j) => judgements.loser[j]),
      judge: Int32Array.from(order, (j) => judgements.judge[j]),
    });
    for (let i = 0; i < 25; i++) expect(shuffled.theta[i]).toBeCloseTo(first.theta[i], 9);
  });

  it('keeps θ finite when a group won every comparison with the rest, and says so', () => {
    // {0, 1, 2} won their only game against {3, 4}, and the adjustment of 0's wins is outweighed by 1's and 2's losses.
    const winner = Int32Array.of(0, 0, 0, 3, 4);
    const loser = Int32Array.of(1, 2, 3, 4, 3);
    const fit = fitScale({ scriptCount: 5, judgeCount: 1, winner, loser, judge: new Int32Array(5) });
    expect(fit.separated).toBe(true);
    expect(fit.converged).toBe(true);
    expect(fit.theta.every((t) => Math.abs(t) < 30)).toBe(true);
    expect(fit.theta[0]).toBeGreaterThan(Math.max(fit.theta[3], fit.theta[4]));
  });

  it('centres each part of a disconnected session on its own and counts the parts', () => {
    const winner = Int32Array.of(0, 1, 0, 3, 4, 3);
    const loser = Int32Array.of(1, 2, 2, 4, 5, 5);
    const fit = fitScale({ scriptCount: 7, judgeCount: 1, winner, loser, judge: new Int32Array(6) });
    expect(fit.components).toBe(3);
    expect(fit.theta[0] + fit.theta[1] + fit.theta[2]).toBeCloseTo(0, 12);
    expect(fit.theta[3] + fit.theta[4] + fit.theta[5]).toBeCloseTo(0, 12);
    // The script nobody judged: no information, no fit statistics.
    expect(fit.se[6]).toBe(Infinity);
    expect(fit.infit[6]).toBeNaN();
  });

  it('refuses a judgement of a script against itself', () => {
    expect(() => buildComparisonGraph(2, Int32Array.of(1), Int32Array.of(1))).toThrow(RangeError);
  });
});
