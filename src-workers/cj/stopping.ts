import type { CjStopVerdict } from '../../shared/contracts/cj';
import type { SelectorSettings } from './pair-selection';
import type { IndexedJudgements } from './scale';
import { simulatedReliability } from './simulated-reliability';
import { spearman } from './statistics';

export interface StoppingSettings {
  /** Stop when the honestly measured reliability is, with confidence, at least this. */
  targetReliability: number;
  /** Stop when the session has spent this many comparisons per script, whatever the reliability. */
  budgetPerScript: number;
  /** The order must have settled: Spearman between this fit and the one a round earlier. */
  stability: number;
  /** Below this many comparisons per script no reliability is trusted. */
  minimumPerScript: number;
  replicates: number;
  /** The lower bound is the estimate less this many of its uncertainties (SDs). */
  lowerBoundSds: number;
}

/**
 * One SD below the estimate: in about 5 sessions of 6 the true r² is above
 * the bound. Stopping on the estimate itself stopped the first time noise
 * carried it over the target: classes of 30 then stopped reporting 0.82 at a
 * true r² of 0.77 (random pairing) and 0.74 (adaptive). On the bound the mean
 * true r² at the stop is at the target (docs/cj.md).
 */
export const LOWER_BOUND_SDS = 1;

export interface StoppingVerdict {
  stop: boolean;
  /** Why the session stops, or why it goes on (the contract's StopReason and ContinueReason). */
  reason: CjStopVerdict['reason'];
  perScript: number;
  /** The reliability the teacher is shown: the simulated true r², not SSR. Null below the minimum. */
  reported: number | null;
  /** What the true r² is, with confidence, at least. Null below the minimum. */
  lowerBound: number | null;
  /** The lower bound has reached the target (also when the budget ends the session first, or the order is still moving). */
  targetReached: boolean;
  /** Spearman with the fit a round earlier; null when there is none yet. */
  stability: number | null;
}

export interface StoppingInput {
  judgements: IndexedJudgements;
  /** The current fit, in logits. */
  theta: ArrayLike<number>;
  comparisons: ArrayLike<number>;
  ssr: number;
  /** The fit about a round (scripts/2 judgements) earlier, or null. */
  previousTheta: ArrayLike<number> | null;
  selector: SelectorSettings;
  settings: StoppingSettings;
  eps: number;
  seed: number;
}

/**
 * The stopping rule. The session stops with `reliability-reached` once the
 * lower bound of the reliability (measured so that adaptive pairing cannot
 * inflate it) reaches the target and the order of the scripts has stopped
 * moving; otherwise with `budget-spent` when the budget is spent. Below the
 * minimum no reliability is measured.
 */
export function stoppingVerdict(input: StoppingInput): StoppingVerdict {
  const { settings } = input;
  const { scriptCount, winner } = input.judgements;
  const perScript = (2 * winner.length) / scriptCount;
  const stability = input.previousTheta ? orderStability(input.previousTheta, input.theta, input.comparisons) : null;
  const reliability =
    perScript < settings.minimumPerScript
      ? null
      : simulatedReliability({
          theta: input.theta,
          comparisons: input.comparisons,
          ssr: input.ssr,
          judgementCount: winner.length,
          judgeCount: input.judgements.judgeCount,
          selector: input.selector,
          eps: input.eps,
          replicates: settings.replicates,
          seed: input.seed,
        });
  const reported = reliability?.estimate ?? null;
  const lowerBound = reliability ? Math.max(0, reliability.estimate - settings.lowerBoundSds * reliability.uncertainty) : null;
  const targetReached = lowerBound !== null && lowerBound >= settings.targetReliability;
  const settled = stability !== null && stability >= settings.stability;
  const verdict = (stop: boolean, reason: StoppingVerdict['reason']): StoppingVerdict => ({
    stop,
    reason,
    perScript,
    reported,
    lowerBound,
    targetReached,
    stability,
  });

  if (targetReached && settled) return verdict(true, 'reliability-reached');
  if (perScript >= settings.budgetPerScript) return verdict(true, 'budget-spent');
  if (reported === null) return verdict(false, 'too-few-comparisons');
  if (reported < settings.targetReliability) return verdict(false, 'below-target');
  if (!targetReached) return verdict(false, 'target-uncertain');
  return verdict(false, 'not-stable');
}

function orderStability(previous: ArrayLike<number>, current: ArrayLike<number>, comparisons: ArrayLike<number>): number | null {
  const before: number[] = [];
  const now: number[] = [];
  for (let i = 0; i < current.length; i++) {
    if (comparisons[i] === 0) continue;
    before.push(previous[i]);
    now.push(current[i]);
  }
  // A reference (or a fit) with every θ the same has no order to compare with: nothing can be said yet.
  const rho = spearman(before, now);
  return Number.isFinite(rho) ? rho : null;
}
