import { solveTheta } from './bradley-terry';
import { buildComparisonGraph } from './comparison-graph';
import type { SelectorSettings } from './pair-selection';
import { simulateSession } from './simulation';
import { mean, pearson, variance } from './statistics';

export interface SimulatedReliabilityInput {
  /** The session's fitted θ (logits) and each script's comparisons. */
  theta: ArrayLike<number>;
  comparisons: ArrayLike<number>;
  ssr: number;
  judgementCount: number;
  judgeCount: number;
  selector: SelectorSettings;
  eps: number;
  /** Simulated sessions per pass; two passes are run. */
  replicates: number;
  seed: number;
}

export interface SimulatedReliability {
  /** The true r² we expect of this session. */
  estimate: number;
  /**
   * How far this session's true r² may lie from the estimate: the spread of
   * the true r² between simulated sessions of the same truth, with the
   * estimate's own Monte Carlo error added (a prediction interval's SD).
   */
  uncertainty: number;
}

/**
 * Reliability that adaptivity does not inflate.
 *
 * SSR divides by SEs from the diagonal of the information, and adaptive
 * pairing raises that information while the real error grows: pairs of
 * near-equal scripts chain up small-sample bias, and the spread of θ
 * stretches (Bramley & Vitello 2019). So instead we re-run the session —
 * same scripts, judges and number of judgements, the engine's own selector
 * and fitter — against simulated judges whose true values are the fitted θ,
 * shrunk by a factor k, and measure the true r²: the squared correlation of
 * the refitted θ with those true values.
 *
 * k is set so that the simulated sessions stretch their truth as much as the
 * real one stretched. A first pass at k = √SSR measures how the refit
 * stretches the truth (slope b) and how much error it adds (variance e); the
 * second pass deconvolves the observed spread with them, k² = (var θ̂ − e) /
 * (b²·var θ̂), and r² is interpolated between the passes at the observed
 * spread. (Rescaling k by the ratio of spreads alone barely moved the
 * simulated spread when error dominates it, and overstated r² by 0.03 at 5
 * comparisons per script; shrinking by √SSR alone overstated it by 0.1 under
 * adaptive selection.)
 */
export function simulatedReliability(input: SimulatedReliabilityInput): SimulatedReliability {
  const judged: number[] = [];
  for (let i = 0; i < input.theta.length; i++) if (input.comparisons[i] > 0) judged.push(i);
  if (judged.length < 3 || !(input.ssr > 0)) return { estimate: 0, uncertainty: 0 };
  let centre = 0;
  for (const i of judged) centre += input.theta[i] / judged.length;
  const observedSpread = variance(judged.map((i) => input.theta[i]));

  const pass = (shrink: number, seed: number): Pass => {
    const truth = new Float64Array(input.theta.length);
    for (const i of judged) truth[i] = shrink * (input.theta[i] - centre);
    const result: Pass = { r2: [], spread: [], slope: [], error: [] };
    for (let replicate = 0; replicate < input.replicates; replicate++) {
      const { judgements } = simulateSession(truth, {
        judgements: input.judgementCount,
        judges: input.judgeCount,
        selector: input.selector,
        eps: input.eps,
        seed: seed + replicate,
      });
      const refitted = solveTheta(buildComparisonGraph(truth.length, judgements.winner, judgements.loser), { eps: input.eps }).theta;
      const fitted = judged.map((i) => refitted[i]);
      const r = pearson(
        fitted,
        judged.map((i) => truth[i]),
      );
      const r2 = Number.isFinite(r) ? r * r : 0;
      const spread = variance(fitted);
      result.r2.push(r2);
      result.spread.push(spread);
      result.slope.push(Number.isFinite(r) ? r * Math.sqrt(spread / (shrink * shrink * observedSpread)) : 0);
      result.error.push(spread * (1 - r2));
    }
    return result;
  };

  const firstShrink = Math.sqrt(Math.min(1, input.ssr));
  const first = pass(firstShrink, input.seed);
  const signal = Math.max(MIN_SIGNAL * observedSpread, observedSpread - mean(first.error));
  const secondShrink = Math.sqrt(signal / (mean(first.slope) ** 2 * observedSpread)) || firstShrink;
  const second = pass(secondShrink, input.seed + input.replicates);

  // Interpolate, allowing a little extrapolation when noise puts the observed spread outside the two passes.
  const firstSpread = mean(first.spread);
  const secondSpread = mean(second.spread);
  const t = secondSpread !== firstSpread ? (observedSpread - firstSpread) / (secondSpread - firstSpread) : 1;
  const at = Math.min(1.5, Math.max(-0.5, t));
  const estimate = Math.min(1, Math.max(0, (1 - at) * mean(first.r2) + at * mean(second.r2)));
  const betweenSessions = (variance(first.r2) + variance(second.r2)) / 2;
  const monteCarlo = ((1 - at) ** 2 * variance(first.r2) + at * at * variance(second.r2)) / input.replicates;
  return { estimate, uncertainty: Math.sqrt(betweenSessions + monteCarlo) || 0 };
}

interface Pass {
  r2: number[];
  spread: number[];
  /** Regression slope of the refitted θ on the truth: how much the refit stretches it. */
  slope: number[];
  /** Variance of the refitted θ the truth does not explain. */
  error: number[];
}

/** The truth keeps at least this share of the observed spread, so a session of pure noise still has a truth to simulate. */
const MIN_SIGNAL = 0.01;
