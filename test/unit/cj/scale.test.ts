import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src-workers/cj/random';
import { fitScale, type IndexedJudgements } from '../../../src-workers/cj/scale';
import { simulateSession } from '../../../src-workers/cj/simulation';
import { splitHalfReliability } from '../../../src-workers/cj/split-half';
import { mean, variance } from '../../../src-workers/cj/statistics';

const truth = Float64Array.from({ length: 40 }, (_, i) => (i - 19.5) / 6);

function session(judges: number, perScript: number, seed = 1): IndexedJudgements {
  return simulateSession(truth, {
    judgements: Math.round((perScript * truth.length) / 2),
    judges,
    selector: { method: 'random', budgetPerScript: perScript, boundaries: [] },
    eps: 0.3,
    seed,
  }).judgements;
}

/** Makes judge k toss a coin: each decision is swapped with probability ½, whatever it was. */
function withCoinTossingJudge(judgements: IndexedJudgements, k: number): IndexedJudgements {
  const random = seededRandom(5);
  const winner = Int32Array.from(judgements.winner);
  const loser = Int32Array.from(judgements.loser);
  for (let j = 0; j < winner.length; j++) {
    if (judgements.judge[j] === k && random() < 0.5) [winner[j], loser[j]] = [loser[j], winner[j]];
  }
  return { ...judgements, winner, loser };
}

describe('scale statistics', () => {
  it('reports SSR = 1 − mean(SE²)/var(θ) and G = √(var(θ)/mean(SE²))', () => {
    const fit = fitScale(session(4, 15));
    const noise = mean(Array.from(fit.se, (se) => se * se));
    expect(fit.ssr).toBeCloseTo(1 - noise / variance(fit.theta), 12);
    expect(fit.sepG).toBeCloseTo(Math.sqrt(variance(fit.theta) / noise), 12);
  });

  it('computes infit and outfit from each judgement’s standardised residual', () => {
    const judgements = session(3, 10);
    const fit = fitScale(judgements);
    const squaredZ = new Float64Array(40);
    const squaredResidual = new Float64Array(40);
    const information = new Float64Array(40);
    for (let j = 0; j < judgements.winner.length; j++) {
      const p = 1 / (1 + Math.exp(fit.theta[judgements.loser[j]] - fit.theta[judgements.winner[j]]));
      for (const i of [judgements.winner[j], judgements.loser[j]]) {
        squaredZ[i] += (1 - p) / p;
        squaredResidual[i] += (1 - p) ** 2;
        information[i] += p * (1 - p);
      }
    }
    for (const i of [0, 13, 39]) {
      expect(fit.outfit[i]).toBeCloseTo(squaredZ[i] / fit.comparisons[i], 9);
      expect(fit.infit[i]).toBeCloseTo(squaredResidual[i] / information[i], 9);
    }
  });

  it('shows a judge who tosses coins by a high infit, and model-following judges near 1', () => {
    const fit = fitScale(withCoinTossingJudge(session(5, 30), 2));
    expect(fit.judgeInfit[2]).toBeGreaterThan(1.3);
    for (const k of [0, 1, 3, 4]) expect(fit.judgeInfit[k]).toBeLessThan(1.15);
    expect(Array.from(fit.judgeJudgements).reduce((a, b) => a + b)).toBe(600);
  });
});

describe('split-half reliability', () => {
  it('is high when every judge follows the same scale, and repeatable for a seed', () => {
    const judgements = session(10, 30);
    const first = splitHalfReliability(judgements, { splits: 20, seed: 3, eps: 0.3 });
    expect(first).toBeGreaterThan(0.8);
    expect(splitHalfReliability(judgements, { splits: 20, seed: 3, eps: 0.3 })).toBe(first);
  });

  it('is near zero when the judges toss coins', () => {
    let judgements = session(10, 30);
    for (let k = 0; k < 10; k++) judgements = withCoinTossingJudge(judgements, k);
    const noise = splitHalfReliability(judgements, { splits: 20, seed: 3, eps: 0.3 });
    expect(Math.abs(noise!)).toBeLessThan(0.3);
  });

  it('needs two judges', () => {
    expect(splitHalfReliability(session(1, 10), { splits: 5, seed: 1, eps: 0.3 })).toBeNull();
  });
});
