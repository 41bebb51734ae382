import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { swedishGrades, type CjFit, type CjJudgements } from '../../../shared/contracts/cj';
import cjWorker from '../../../src-workers/cj/worker';

/** Eight scripts s0..s7, judged by two judges; the higher number wins three times in four. */
function judgements(): CjJudgements {
  const winner: number[] = [];
  const loser: number[] = [];
  const judge: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (let a = 0; a < 8; a++) {
      for (let b = a + 1; b < 8; b++) {
        const upset = (a + b + round) % 4 === 0;
        winner.push(upset ? a : b);
        loser.push(upset ? b : a);
        judge.push((a + b) % 2);
      }
    }
  }
  return {
    scripts: Array.from({ length: 8 }, (_, i) => `s${i}`),
    judges: ['anna', 'bo'],
    winner: Int32Array.from(winner),
    loser: Int32Array.from(loser),
    judge: Int32Array.from(judge),
  };
}

const fit = (extra: object = {}) => cjWorker({ kind: 'fit', judgements: judgements(), ...extra }) as CjFit;

describe('the cj worker', () => {
  it('fits a session and reports the scale, per script and per judge, with the fit time', () => {
    const result = fit({ splitHalf: { splits: 10 } });
    expect(result.kind).toBe('fit');
    expect(result.theta).toHaveLength(8);
    expect(result.theta[7]).toBeGreaterThan(result.theta[0]);
    expect(result.ssr).toBeGreaterThan(0.5);
    expect(result.splitHalf).not.toBeNull();
    expect(Array.from(result.judgeJudgements)).toEqual([48, 64]);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('warm-starts from a previous fit matched by script id, in any order', () => {
    const cold = fit();
    const order = [3, 1, 7, 0, 2, 6, 5, 4];
    const warm = fit({ warmStart: { scripts: order.map((i) => `s${i}`), theta: Float64Array.from(order, (i) => cold.theta[i]) } });
    expect(warm.iterations).toBe(0);
    for (let i = 0; i < 8; i++) expect(warm.theta[i]).toBeCloseTo(cold.theta[i], 9);
  });

  it('refuses judgements that do not hold together', () => {
    const bad = judgements();
    expect(() => cjWorker({ kind: 'fit', judgements: { ...bad, loser: Int32Array.from(bad.winner) } })).toThrow(ZodError);
    expect(() => cjWorker({ kind: 'fit', judgements: { ...bad, winner: Int32Array.of(9, ...bad.winner.subarray(1)) } })).toThrow(/outside/);
    expect(() => cjWorker({ kind: 'fit', judgements: { ...bad, judge: bad.judge.subarray(1) } })).toThrow(/one entry per judgement/);
    expect(() => cjWorker({ kind: 'fit', judgements: { ...bad, winner: Array.from(bad.winner) } })).toThrow(/Int32Array/);
  });

  it('offers the next pair by script id, never one already shown while unused pairs remain, and respects quotas', () => {
    const session = judgements();
    const few = { ...session, winner: session.winner.subarray(0, 3), loser: session.loser.subarray(0, 3), judge: session.judge.subarray(0, 3) };
    // s0–s1, s0–s2 and s0–s3 have been judged; s0–s4 … s0–s7 are on other judges' screens now.
    const shown = { left: Int32Array.of(0, 0, 0, 0, 0, 0, 0), right: Int32Array.of(1, 2, 3, 4, 5, 6, 7), judge: Int32Array.of(0, 0, 0, 1, 1, 1, 1) };
    for (let seed = 1; seed <= 20; seed++) {
      const next = cjWorker({ kind: 'next-pair', judgements: few, shown, judge: 0, seed });
      expect(next).toMatchObject({ kind: 'next-pair', outcome: 'pair' });
      if (next.kind === 'next-pair' && next.outcome === 'pair') expect([next.left, next.right]).not.toContain('s0');
    }
    expect(cjWorker({ kind: 'next-pair', judgements: few, shown, judge: 0, quotas: [3, null] })).toEqual({
      kind: 'next-pair',
      outcome: 'none',
      reason: 'quota-reached',
    });
  });

  it('grades from the judgements and anchors: a probability per grade, preliminary below 0.9, anchors keep their known grade', () => {
    const base = { kind: 'grades', judgements: judgements(), scale: swedishGrades };
    const projected = cjWorker({ ...base, anchors: [{ script: 's0', grade: 'E' }, { script: 's7', grade: 'A' }] });
    if (projected.kind !== 'grades' || projected.outcome !== 'projected') throw new Error('expected a projection');
    expect(projected.boundaries.map((b) => `${b.below}|${b.above}`)).toEqual(['F|E', 'E|D', 'D|C', 'C|B', 'B|A']);
    for (const b of projected.boundaries) {
      expect(b.low).toBeLessThanOrEqual(b.theta);
      expect(b.theta).toBeLessThanOrEqual(b.high);
    }
    expect(projected.essays.find((e) => e.script === 's7')).toMatchObject({ grade: 'A', anchorGrade: 'A', preliminary: false });
    const pupils = projected.essays.filter((e) => e.anchorGrade === null);
    for (const essay of pupils) {
      expect(essay.probabilities).toHaveLength(6);
      expect(essay.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(essay.preliminary).toBe(Math.max(...essay.probabilities) < 0.9);
    }
    // The judgements rank s1 … s6 in order, and so do their posterior means.
    const theta = pupils.map((e) => e.theta);
    expect(theta).toEqual([...theta].sort((a, b) => a - b));
    // A stricter threshold leaves every pupil's grade preliminary; none is exactly certain.
    const strict = cjWorker({ ...base, anchors: [{ script: 's0', grade: 'E' }, { script: 's7', grade: 'A' }], preliminaryBelow: 0.999999 });
    if (strict.kind !== 'grades' || strict.outcome !== 'projected') throw new Error('expected a projection');
    expect(strict.essays.filter((e) => !e.anchorGrade).every((e) => e.preliminary)).toBe(true);
  });

  it('says when anchors cannot set boundaries, and refuses anchors that are not the session’s', () => {
    const base = { kind: 'grades', judgements: judgements(), scale: swedishGrades };
    expect(cjWorker({ ...base, anchors: [{ script: 's0', grade: 'C' }, { script: 's7', grade: 'C' }] })).toEqual({
      kind: 'grades',
      outcome: 'unavailable',
      reason: 'TOO_FEW_ANCHORED_GRADES',
    });
    // s7 beats s0 three times in four, so the judgements contradict s7 being the E and s0 the A.
    expect(cjWorker({ ...base, anchors: [{ script: 's7', grade: 'E' }, { script: 's0', grade: 'A' }] })).toEqual({
      kind: 'grades',
      outcome: 'unavailable',
      reason: 'ANCHORS_DO_NOT_SEPARATE',
    });
    expect(() => cjWorker({ ...base, anchors: [{ script: 's0', grade: 'X' }, { script: 's9', grade: 'A' }] })).toThrow(ZodError);
    expect(() => cjWorker({ ...base, anchors: [{ script: 's0', grade: 'E' }, { script: 's0', grade: 'A' }] })).toThrow(/an anchor once/);
  });

  it('gives a stopping verdict with its reason and the honest reliability', () => {
    const verdict = cjWorker({ kind: 'stop-check', judgements: judgements(), stopping: { budgetPerScript: 10 } });
    expect(verdict).toMatchObject({ kind: 'stop-check', stop: true, reason: 'budget-spent', perScript: 28, targetReached: false });
    if (verdict.kind !== 'stop-check') throw new Error('expected a verdict');
    expect(verdict.reliability.method).toBe('simulated-true-r2');
    expect(verdict.reliability.lowerBound).toBeLessThan(verdict.reliability.reported!);
  });

  it('simulates a whole session of exactly round(K × scripts / 2) judgements', () => {
    const truth = { scripts: Array.from({ length: 21 }, (_, i) => `e${i}`), theta: Float64Array.from({ length: 21 }, (_, i) => (i - 10) / 4) };
    const result = cjWorker({ kind: 'simulate', truth, perScript: 7, judges: 2, splitHalf: { splits: 5 } });
    expect(result).toMatchObject({ kind: 'simulate', comparisons: 74 });
    if (result.kind === 'simulate') expect(result.truthSpearman).toBeGreaterThan(0.7);
  });
});
