import { describe, expect, it } from 'vitest';
import { boundaryUncertainty, createPairSelector, gradeUncertainties, selectionFit, type PairSelector, type SelectorSettings } from '../../../src-workers/cj/pair-selection';
import { seededRandom, type Random } from '../../../src-workers/cj/random';
import { simulateSession } from '../../../src-workers/cj/simulation';
import { mean } from '../../../src-workers/cj/statistics';

const adaptive: SelectorSettings = { method: 'adaptive', budgetPerScript: 100, boundaries: [] };
const random: SelectorSettings = { ...adaptive, method: 'random' };

const key = (a: number, b: number): string => (a < b ? `${a}-${b}` : `${b}-${a}`);

/** Takes `count` pairs for judge 0, recording each as shown. */
function take(selector: PairSelector, count: number, rng: Random, judge = 0): { left: number; right: number }[] {
  const pairs: { left: number; right: number }[] = [];
  for (let k = 0; k < count; k++) {
    const choice = selector.next(judge, rng);
    if (choice.kind !== 'pair') throw new Error(`no pair: ${choice.reason}`);
    selector.record(choice.left, choice.right, judge);
    pairs.push(choice);
  }
  return pairs;
}

describe('pair selection', () => {
  for (const settings of [random, adaptive]) {
    it(`(${settings.method}) repeats no pair until every pair has been used`, () => {
      const n = 8;
      const selector = createPairSelector(n, 1, settings);
      selector.useFit({ theta: Float64Array.from({ length: n }, (_, i) => i / 2), precision: 1 });
      const uses = new Map<string, number>();
      for (const { left, right } of take(selector, 56, seededRandom(1))) {
        expect(left).not.toBe(right);
        uses.set(key(left, right), (uses.get(key(left, right)) ?? 0) + 1);
        // At every point, no pair is ahead of another by more than one use.
        expect(Math.max(...uses.values()) - (uses.size < 28 ? 0 : Math.min(...uses.values()))).toBeLessThanOrEqual(1);
      }
      expect([...uses.values()].every((u) => u === 2)).toBe(true);
    });
  }

  it('balances left and right for every script, and exposure across scripts', () => {
    const n = 12;
    const selector = createPairSelector(n, 1, adaptive);
    selector.useFit({ theta: Float64Array.from({ length: n }, (_, i) => (i - 6) / 3), precision: 1 });
    const left = new Int32Array(n);
    const shown = new Int32Array(n);
    for (const pair of take(selector, 240, seededRandom(2))) {
      left[pair.left]++;
      shown[pair.left]++;
      shown[pair.right]++;
      expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(2);
    }
    for (let i = 0; i < n; i++) expect(Math.abs(2 * left[i] - shown[i])).toBeLessThanOrEqual(2);
  });

  it('gives a judge nothing once the quota is used, and others go on', () => {
    const selector = createPairSelector(10, 2, random, [3, null]);
    const rng = seededRandom(3);
    take(selector, 3, rng, 0);
    expect(selector.next(0, rng)).toEqual({ kind: 'none', reason: 'quota-reached' });
    expect(take(selector, 10, rng, 1)).toHaveLength(10);
  });

  it('stops offering pairs when the budget per script is spent', () => {
    const selector = createPairSelector(10, 1, { ...random, budgetPerScript: 4 });
    const rng = seededRandom(4);
    take(selector, 20, rng);
    expect(selector.next(0, rng)).toEqual({ kind: 'none', reason: 'budget-spent' });
  });

  it('starts random and ends pairing scripts near the target gap, unlike random choice', () => {
    // A fit the selector can trust (precision 1): only the budget spent sets the pace.
    const theta = Float64Array.from({ length: 60 }, (_, i) => (i - 30) / 6);
    const gap = (settings: SelectorSettings, from: number, to: number): number => {
      const selector = createPairSelector(60, 1, { ...settings, budgetPerScript: 20 });
      selector.useFit({ theta, precision: 1 });
      const pairs = take(selector, 600, seededRandom(5));
      return mean(pairs.slice(from, to).map(({ left, right }) => Math.abs(theta[left] - theta[right])));
    };
    // θ runs from −5 to 5: random pairs are about 3.3 apart.
    const adaptiveLate = gap(adaptive, 450, 600);
    expect(gap(adaptive, 0, 30)).toBeGreaterThan(1.8 * adaptiveLate);
    expect(adaptiveLate).toBeLessThan(gap(random, 450, 600) / 2);
    // Not coin tosses: the target is a 70/30 pair, 0.85 logits apart.
    expect(adaptiveLate).toBeGreaterThan(0.6);
  });

  it('with boundary focus, spends more comparisons on scripts whose grade is uncertain', () => {
    const theta = Float64Array.from({ length: 40 }, (_, i) => (i - 20) / 4);
    const se = new Float64Array(40).fill(0.5);
    const selector = createPairSelector(40, 1, { ...random, budgetPerScript: 20 });
    selector.useFit({ theta, precision: 1 }, gradeUncertainties(theta, se, [0]));
    const shown = new Int32Array(40);
    for (const { left, right } of take(selector, 400, seededRandom(6))) {
      shown[left]++;
      shown[right]++;
    }
    const nearBoundary = mean([18, 19, 20, 21].map((i) => shown[i]));
    const farFromIt = mean([0, 1, 38, 39].map((i) => shown[i]));
    expect(nearBoundary).toBeGreaterThan(1.8 * farFromIt);
  });

  it('measures grade uncertainty from 1 on a boundary to near 0 several SEs away', () => {
    expect(boundaryUncertainty(1, 0.5, [1])).toBeCloseTo(1, 6);
    expect(boundaryUncertainty(3, 0.5, [1])).toBeLessThan(0.001);
    expect(boundaryUncertainty(3, Infinity, [1])).toBe(1);
    expect(gradeUncertainties([0], [1], [])).toBeUndefined();
  });

  it('is repeatable for a seed', () => {
    const run = () => take(createPairSelector(15, 1, adaptive), 30, seededRandom(9));
    expect(run()).toEqual(run());
  });
});

describe('simulated sessions', () => {
  it('make exactly the judgements asked for, with judges taking turns', () => {
    const truth = Float64Array.from({ length: 31 }, (_, i) => i / 10);
    const { judgements, left, right } = simulateSession(truth, {
      judgements: 155,
      judges: 3,
      selector: { method: 'adaptive', budgetPerScript: 10, boundaries: [] },
      eps: 0.3,
      seed: 1,
    });
    expect(judgements.winner).toHaveLength(155);
    expect(Array.from(judgements.judge.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    for (let j = 0; j < 155; j++) {
      expect([left[j], right[j]]).toContain(judgements.winner[j]);
      expect([left[j], right[j]]).toContain(judgements.loser[j]);
    }
  });

  it('let the better script win as often as the model says', () => {
    // Two scripts one logit apart: the better one should win about 73% of 2,000 judgements.
    const { judgements } = simulateSession(Float64Array.of(1, 0), {
      judgements: 2000,
      judges: 1,
      selector: { method: 'random', budgetPerScript: 2000, boundaries: [] },
      eps: 0.3,
      seed: 2,
    });
    const share = judgements.winner.filter((w) => w === 0).length / 2000;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.76);
  });
});

describe('the running fit the selector pairs by', () => {
  it('is trusted more as judgements accumulate, and not at all before any', () => {
    const truth = Float64Array.from({ length: 40 }, (_, i) => (i - 19.5) / 8);
    const { judgements } = simulateSession(truth, { judgements: 400, judges: 1, selector: random, eps: 0.3, seed: 3 });
    const precisionAfter = (count: number) => selectionFit(40, judgements.winner.subarray(0, count), judgements.loser.subarray(0, count), 0.3).precision;
    expect(precisionAfter(0)).toBe(0);
    expect(precisionAfter(40)).toBeLessThan(precisionAfter(400));
    expect(precisionAfter(400)).toBeGreaterThan(0.6);
  });

  it('keeps adaptive choice random while the fit means little', () => {
    const theta = Float64Array.from({ length: 60 }, (_, i) => (i - 30) / 6);
    const lateGap = (precision: number): number => {
      const selector = createPairSelector(60, 1, { ...adaptive, budgetPerScript: 20 });
      selector.useFit({ theta, precision });
      return mean(take(selector, 600, seededRandom(5)).slice(450).map(({ left, right }) => Math.abs(theta[left] - theta[right])));
    };
    expect(lateGap(0)).toBeGreaterThan(2 * lateGap(1));
  });
});
