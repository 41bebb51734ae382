import { solveTheta } from './bradley-terry';
import { buildComparisonGraph } from './comparison-graph';
import { createPairSelector, gradeUncertainties, selectionFit, type SelectorSettings } from './pair-selection';
import { seededRandom } from './random';
import type { IndexedJudgements } from './scale';

export interface SessionPlan {
  /** The most judgements to make. */
  judgements: number;
  judges: number;
  selector: SelectorSettings;
  eps: number;
  seed: number;
  /** Asked after every round (scripts/2 judgements); true ends the session early. */
  shouldStop?: (session: SimulatedSession) => boolean;
  /** How sharply each judge tells scripts apart (1 for all if absent): judge k picks by σ(a_k·(θ_left − θ_right)). */
  judgeDiscrimination?: ArrayLike<number>;
}

export interface SimulatedSession {
  judgements: IndexedJudgements;
  left: Int32Array;
  right: Int32Array;
}

/**
 * Runs a whole session with the engine's own selector against simulated
 * judges, who pick the left script with the Bradley–Terry probability of the
 * true values, σ(θ_left − θ_right), or σ(a_k·(θ_left − θ_right)) for judges
 * who differ in how sharply they discriminate. Judges take turns. The selector's fit is
 * refreshed every twentieth of a round, warm-started, as the app refreshes it
 * while the teacher reads.
 */
export function simulateSession(truth: Float64Array, plan: SessionPlan): SimulatedSession {
  const scriptCount = truth.length;
  const random = seededRandom(plan.seed);
  const selector = createPairSelector(scriptCount, plan.judges, plan.selector);
  const winner = new Int32Array(plan.judgements);
  const loser = new Int32Array(plan.judgements);
  const judge = new Int32Array(plan.judgements);
  const left = new Int32Array(plan.judgements);
  const right = new Int32Array(plan.judgements);
  const round = Math.max(1, Math.ceil(scriptCount / 2));
  const refitEvery = Math.max(1, Math.round(scriptCount / 20));

  let made = 0;
  let fittedAt = 0;
  let runningTheta: Float64Array | undefined;
  let reportedTheta: Float64Array | undefined;
  const session = (): SimulatedSession => ({
    judgements: {
      scriptCount,
      judgeCount: plan.judges,
      winner: winner.subarray(0, made),
      loser: loser.subarray(0, made),
      judge: judge.subarray(0, made),
    },
    left: left.subarray(0, made),
    right: right.subarray(0, made),
  });
  const refit = (): void => {
    if (fittedAt === made) return;
    fittedAt = made;
    const running = selectionFit(scriptCount, winner.subarray(0, made), loser.subarray(0, made), plan.eps, runningTheta);
    runningTheta = running.theta;
    let uncertainty: Float64Array | undefined;
    if (plan.selector.boundaries.length) {
      // Boundaries are on the reported scale, so grade uncertainty comes from the reported fit.
      const reported = solveTheta(buildComparisonGraph(scriptCount, winner.subarray(0, made), loser.subarray(0, made)), { eps: plan.eps }, reportedTheta);
      reportedTheta = reported.theta;
      const se = reported.information.map((information) => 1 / Math.sqrt(information));
      uncertainty = gradeUncertainties(reported.theta, se, plan.selector.boundaries);
    }
    selector.useFit(running, uncertainty);
  };

  while (made < plan.judgements) {
    const judgeNow = made % plan.judges;
    const choice = selector.next(judgeNow, random);
    if (choice.kind === 'none') break;
    selector.record(choice.left, choice.right, judgeNow);
    const discrimination = plan.judgeDiscrimination?.[judgeNow] ?? 1;
    const leftWins = random() < 1 / (1 + Math.exp(discrimination * (truth[choice.right] - truth[choice.left])));
    left[made] = choice.left;
    right[made] = choice.right;
    winner[made] = leftWins ? choice.left : choice.right;
    loser[made] = leftWins ? choice.right : choice.left;
    judge[made] = judgeNow;
    made++;
    if (made % refitEvery === 0) refit();
    if (made % round === 0 && plan.shouldStop?.(session())) break;
  }
  return session();
}
