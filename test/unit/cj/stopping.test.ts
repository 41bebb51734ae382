import { describe, expect, it } from 'vitest';
import { StoppingSettings as StoppingContract } from '../../../shared/contracts/cj';
import type { SelectorSettings } from '../../../src-workers/cj/pair-selection';
import { fitScale } from '../../../src-workers/cj/scale';
import { simulatedReliability } from '../../../src-workers/cj/simulated-reliability';
import { simulateSession } from '../../../src-workers/cj/simulation';
import { pearson } from '../../../src-workers/cj/statistics';
import { LOWER_BOUND_SDS, stoppingVerdict, type StoppingSettings } from '../../../src-workers/cj/stopping';

const selector: SelectorSettings = { method: 'adaptive', budgetPerScript: 20, boundaries: [] };

/** A session of 30 essays (a class) at `perScript` comparisons each, against judges who follow the model. */
function classSession(spread: number, perScript: number, seed = 1) {
  const truth = Float64Array.from({ length: 30 }, (_, i) => (spread * (i - 14.5)) / 8.7);
  const session = simulateSession(truth, { judgements: Math.round((perScript * 30) / 2), judges: 2, selector, eps: 0.3, seed });
  const previous = fitScale({ ...session.judgements, winner: session.judgements.winner.slice(0, -15), loser: session.judgements.loser.slice(0, -15) });
  return { truth, judgements: session.judgements, fit: fitScale(session.judgements), previous };
}

function verdict(session: ReturnType<typeof classSession>, settings: Partial<StoppingSettings> = {}, previous = true) {
  return stoppingVerdict({
    judgements: session.judgements,
    theta: session.fit.theta,
    comparisons: session.fit.comparisons,
    ssr: session.fit.ssr,
    previousTheta: previous ? session.previous.theta : null,
    selector,
    settings: { ...StoppingContract.parse({}), lowerBoundSds: LOWER_BOUND_SDS, ...settings },
    eps: 0.3,
    seed: 1,
  });
}

describe('stopping rule', () => {
  it('stops when the reliability’s lower bound reaches the target and the order has settled', () => {
    const result = verdict(classSession(3, 16));
    expect(result).toMatchObject({ stop: true, reason: 'reliability-reached', targetReached: true });
    expect(result.lowerBound).toBeGreaterThanOrEqual(0.8);
    expect(result.reported).toBeGreaterThan(result.lowerBound!);
    expect(result.stability).toBeGreaterThanOrEqual(0.97);
  });

  it('goes on when the order is still moving, or when there is nothing to compare it with', () => {
    expect(verdict(classSession(3, 16), {}, false)).toMatchObject({ stop: false, reason: 'not-stable', targetReached: true, stability: null });
    expect(verdict(classSession(3, 16), { stability: 0.9999 })).toMatchObject({ stop: false, reason: 'not-stable', targetReached: true });
  });

  it('cannot tell whether the order settled against a reference with no spread: stability null, never NaN', () => {
    const session = classSession(3, 16);
    const flat = { ...session, previous: { ...session.previous, theta: new Float64Array(30) } };
    const result = verdict(flat);
    expect(result.stability).toBeNull();
    expect(result).toMatchObject({ stop: false, reason: 'not-stable' });
  });

  it('goes on when the estimate reaches the target but its lower bound does not', () => {
    const result = verdict(classSession(3, 16), { lowerBoundSds: 20 });
    expect(result).toMatchObject({ stop: false, reason: 'target-uncertain', targetReached: false });
    expect(result.reported).toBeGreaterThanOrEqual(0.8);
  });

  it('goes on below the target, and says so', () => {
    const result = verdict(classSession(0.8, 8));
    expect(result).toMatchObject({ stop: false, reason: 'below-target', targetReached: false });
    expect(result.reported).toBeLessThan(0.8);
  });

  it('stops when the budget is spent, and says whether the target was reached', () => {
    expect(verdict(classSession(0.8, 8), { budgetPerScript: 8 })).toMatchObject({ stop: true, reason: 'budget-spent', perScript: 8, targetReached: false });
    // Reached but not settled: the budget ends the session, and the verdict still says the target was reached.
    expect(verdict(classSession(3, 16), { budgetPerScript: 16, stability: 0.9999 })).toMatchObject({ stop: true, reason: 'budget-spent', targetReached: true });
  });

  it('trusts no reliability below the minimum number of comparisons', () => {
    expect(verdict(classSession(3, 2))).toMatchObject({ stop: false, reason: 'too-few-comparisons', reported: null, lowerBound: null });
  });

  it('reports a reliability without SSR’s bias under adaptive pairing, and a lower bound the true r² mostly clears', () => {
    // Six sessions of 100 essays at 10 comparisons each, fully adaptive by the end.
    const adaptive: SelectorSettings = { ...selector, budgetPerScript: 10 };
    const truth = Float64Array.from({ length: 100 }, (_, i) => (1.5 * (i - 49.5)) / 29);
    let ssrBias = 0;
    let reportedBias = 0;
    let cleared = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const { judgements } = simulateSession(truth, { judgements: 500, judges: 3, selector: adaptive, eps: 0.3, seed });
      const fit = fitScale(judgements);
      const trueR2 = pearson(fit.theta, truth) ** 2;
      const { estimate, uncertainty } = simulatedReliability({
        theta: fit.theta,
        comparisons: fit.comparisons,
        ssr: fit.ssr,
        judgementCount: 500,
        judgeCount: 3,
        selector: adaptive,
        eps: 0.3,
        replicates: 4,
        seed: 100 * seed,
      });
      ssrBias += (fit.ssr - trueR2) / 6;
      reportedBias += (estimate - trueR2) / 6;
      if (trueR2 >= estimate - uncertainty) cleared++;
    }
    expect(ssrBias).toBeGreaterThan(0.05);
    expect(Math.abs(reportedBias)).toBeLessThan(ssrBias / 2);
    expect(cleared).toBeGreaterThanOrEqual(4);
  });
});
