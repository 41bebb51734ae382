import { describe, expect, it } from 'vitest';
import { CjGradeTask, swedishGrades } from '../../../shared/contracts/cj';
import { cholesky, choleskyInverse, choleskySolve } from '../../../src-workers/cj/dense';
import { calibrateGrades, type GradeCalibrationScenario } from '../../../src-workers/cj/grade-calibration';
import { gradePosterior, mostLikelyGrade, type Anchor } from '../../../src-workers/cj/grade-posterior';
import { seededRandom, standardNormal, truncatedStandardNormal } from '../../../src-workers/cj/random';
import { simulateSession } from '../../../src-workers/cj/simulation';
import { runGrades } from '../../../src-workers/cj/tasks';

const GRADES = 6;
const DRAWS = 2000;
/** One anchor per grade F..A, scripts 0..5, then the pupils. */
const anchors: Anchor[] = Array.from({ length: GRADES }, (_, g) => ({ script: g, grade: g }));

/** Anchors at −2.5 … 2.5 logits and pupils spread between them; random pairs judged by the model, perScript each. */
function session(perScript: number, pupils = 24, seed = 3) {
  const random = seededRandom(seed);
  const truth = Float64Array.from({ length: GRADES + pupils }, (_, i) => (i < GRADES ? i - 2.5 : 1.5 * standardNormal(random)));
  const { judgements } = simulateSession(truth, {
    judgements: Math.round((perScript * truth.length) / 2),
    judges: 1,
    selector: { method: 'random', budgetPerScript: perScript, boundaries: [] },
    eps: 0.3,
    seed,
  });
  return { truth, winner: judgements.winner, loser: judgements.loser };
}

const posteriorOf = (s: ReturnType<typeof session>, seed = 1) =>
  gradePosterior(s.truth.length, s.winner, s.loser, anchors, GRADES, { draws: DRAWS, seed });

const row = (probabilities: Float64Array, script: number) => Array.from(probabilities.subarray(script * GRADES, (script + 1) * GRADES));

describe('the grade posterior', () => {
  it('gives every essay a probability per grade that sums to 1, and each anchor its own grade', () => {
    const s = session(6);
    const posterior = posteriorOf(s);
    for (let i = 0; i < s.truth.length; i++) {
      const p = row(posterior.probabilities, i);
      expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
    for (const anchor of anchors) expect(row(posterior.probabilities, anchor.script)[anchor.grade]).toBe(1);
    expect(mostLikelyGrade(posterior, 5)).toEqual({ grade: 5, probability: 1 });
  });

  it('keeps the anchors in their known order even when the judgements put two of them the other way round', () => {
    // A chain F < E < D < C < B < A, each neighbour beaten three times, but D beat C five times.
    const pairs: [number, number][] = [];
    for (let g = 0; g + 1 < GRADES; g++) for (let k = 0; k < 3; k++) pairs.push([g + 1, g]);
    for (let k = 0; k < 5; k++) pairs.push([2, 3]);
    const [winner, loser] = [pairs.map(([w]) => w), pairs.map(([, l]) => l)];
    const posterior = gradePosterior(GRADES, Int32Array.from(winner), Int32Array.from(loser), anchors, GRADES, { draws: DRAWS, seed: 1 });
    for (let g = 1; g < GRADES; g++) expect(posterior.mean[g]).toBeGreaterThan(posterior.mean[g - 1]);
    posterior.boundaries.forEach((b, k) => {
      expect(b.low).toBeLessThanOrEqual(b.median);
      expect(b.median).toBeLessThanOrEqual(b.high);
      if (k > 0) expect(b.median).toBeGreaterThan(posterior.boundaries[k - 1].median);
    });
    expect(posterior.boundaries.map((b) => b.source)).toEqual(Array(5).fill('anchors'));
  });

  it('is sure of a pupil far above the top anchor, but never says exactly 1', () => {
    const s = session(10);
    const star = s.truth.length;
    // A new pupil who beat the A anchor and the best pupils 40 times.
    const winner = Int32Array.from([...s.winner, ...Array<number>(40).fill(star)]);
    const loser = Int32Array.from([...s.loser, ...Array.from({ length: 40 }, (_, k) => (k % 2 ? 5 : 6 + (k % 10)))]);
    const posterior = gradePosterior(star + 1, winner, loser, anchors, GRADES, { draws: DRAWS, seed: 1 });
    const p = row(posterior.probabilities, star);
    expect(p[5]).toBeGreaterThan(0.99);
    expect(p[5]).toBeLessThan(1);
  });

  it('sharpens with more comparisons, on the same pupils', () => {
    const sharpness = (perScript: number) => {
      const posterior = posteriorOf(session(perScript));
      const pupils = Array.from({ length: 24 }, (_, k) => row(posterior.probabilities, GRADES + k));
      return {
        stated: pupils.reduce((sum, p) => sum + Math.max(...p), 0) / pupils.length,
        entropy: pupils.reduce((sum, p) => sum - p.reduce((h, x) => h + (x > 0 ? x * Math.log(x) : 0), 0), 0) / pupils.length,
      };
    };
    const [few, many] = [sharpness(2), sharpness(20)];
    expect(many.stated).toBeGreaterThan(few.stated + 0.15);
    expect(many.entropy).toBeLessThan(few.entropy - 0.3);
  });

  it('gives an essay nobody has judged the prior’s grades, spread over the scale and marked preliminary', () => {
    const s = session(10);
    const unjudged = s.truth.length;
    const posterior = gradePosterior(unjudged + 1, s.winner, s.loser, anchors, GRADES, { draws: DRAWS, seed: 1 });
    const p = row(posterior.probabilities, unjudged);
    expect(Math.min(...p)).toBeGreaterThan(0.03);
    expect(Math.max(...p)).toBeLessThan(0.5);
    expect(posterior.comparisons[unjudged]).toBe(0);

    const scripts = Array.from({ length: unjudged + 1 }, (_, i) => `s${i}`);
    const task = CjGradeTask.parse({
      kind: 'grades',
      judgements: { scripts, judges: ['j'], winner: s.winner, loser: s.loser, judge: new Int32Array(s.winner.length) },
      anchors: anchors.map((a) => ({ script: scripts[a.script], grade: swedishGrades[a.grade] })),
      scale: swedishGrades,
      // Even a threshold every judged pupil clears does not make a grade from no judgement final.
      preliminaryBelow: 0.01,
    });
    const result = runGrades(task);
    if (result.outcome !== 'projected') throw new Error('expected grades');
    expect(result.essays.at(-1)).toMatchObject({ preliminary: true, comparisons: 0 });
    expect(result.essays.slice(GRADES, -1).every((e) => !e.preliminary)).toBe(true);
  });

  it('is the same for the same seed, and differs little between seeds', () => {
    const s = session(4);
    const [a, b, c] = [posteriorOf(s, 1), posteriorOf(s, 1), posteriorOf(s, 2)];
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    let largest = 0;
    for (let i = 0; i < a.probabilities.length; i++) largest = Math.max(largest, Math.abs(a.probabilities[i] - c.probabilities[i]));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(0.03);
  });

  it('learns how spread out the session is from the judgements', () => {
    const spreadFor = (scale: number) => {
      const random = seededRandom(11);
      const truth = Float64Array.from({ length: 36 }, (_, i) => scale * (i < GRADES ? (i - 2.5) / 1.7 : standardNormal(random)));
      const { judgements } = simulateSession(truth, {
        judgements: 360,
        judges: 1,
        selector: { method: 'random', budgetPerScript: 20, boundaries: [] },
        eps: 0.3,
        seed: 5,
      });
      return gradePosterior(36, judgements.winner, judgements.loser, anchors, GRADES, { draws: 200, seed: 1 }).spread;
    };
    expect(spreadFor(0.5)).toBeLessThan(0.9);
    expect(spreadFor(3)).toBeGreaterThan(2);
  });
});

describe('grade probabilities against a known truth (seed 1)', () => {
  const scenario = (perScript: number): GradeCalibrationScenario => ({
    pupils: 24,
    gradeCount: GRADES,
    anchorsPerGrade: 1,
    perScript,
    replicates: 60,
    method: 'random',
    trueSpread: { min: 0.6, max: 3 },
    draws: DRAWS,
    finalAt: 0.9,
    seed: 1,
  });

  it('at 2 comparisons per script: calibrated, better than an even guess, where the earlier method was neither', () => {
    const { posterior, earlier } = calibrateGrades(scenario(2));
    expect(posterior.grades).toBe(60 * 24);
    expect(posterior.ece).toBeLessThanOrEqual(0.07);
    expect(posterior.logLoss).toBeLessThan(Math.log(GRADES));
    expect(posterior.accuracy).toBeGreaterThanOrEqual(earlier.accuracy);
    // What the issue reported: the earlier method stated twice the probability it earned.
    expect(earlier.ece).toBeGreaterThan(0.2);
    expect(earlier.logLoss).toBeGreaterThan(Math.log(GRADES));
  }, 30_000);

  it('at 20 comparisons per script: calibrated, and the grades shown as final are right at least 9 times in 10', () => {
    const { posterior, earlier } = calibrateGrades(scenario(20));
    expect(posterior.ece).toBeLessThanOrEqual(0.05);
    expect(posterior.logLoss).toBeLessThan(earlier.logLoss);
    expect(posterior.accuracy).toBeGreaterThanOrEqual(earlier.accuracy - 0.01);
    expect(posterior.final.share).toBeGreaterThan(0.02);
    expect(posterior.final.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 30_000);
});

describe('the pieces underneath', () => {
  it('solves and inverts a symmetric positive definite matrix by Cholesky', () => {
    const a = Float64Array.of(4, 2, 0.6, 2, 5, 1, 0.6, 1, 3);
    const factor = Float64Array.from(a);
    expect(cholesky(factor, 3)).toBe(true);
    const x = Float64Array.of(1, 2, 3);
    choleskySolve(factor, 3, x);
    const back = [0, 1, 2].map((i) => a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]);
    expect(back).toEqual([1, 2, 3].map((v) => expect.closeTo(v, 12)));
    const inverse = choleskyInverse(factor, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(a[i * 3] * inverse[j] + a[i * 3 + 1] * inverse[3 + j] + a[i * 3 + 2] * inverse[6 + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    }
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
  });

  it('draws a truncated normal with the right mean, however far out the interval is', () => {
    const random = seededRandom(3);
    const meanOf = (low: number, high: number) => {
      let sum = 0;
      for (let k = 0; k < 50_000; k++) sum += truncatedStandardNormal(random, low, high);
      return sum / 50_000;
    };
    // E[Z | a < Z < b] = (φ(a) − φ(b)) / (Φ(b) − Φ(a)).
    expect(meanOf(1, 2)).toBeCloseTo(1.3832, 2);
    expect(meanOf(6, Infinity)).toBeCloseTo(6.1583, 2);
    expect(meanOf(-Infinity, -8)).toBeCloseTo(-8.1211, 2);
    expect(meanOf(-Infinity, Infinity)).toBeCloseTo(0, 1);
  });
});
