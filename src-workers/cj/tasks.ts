import type { z } from 'zod';
import {
  ReliabilityMethod,
  type CjFit,
  type CjFitTask,
  type CjGradeCalibration,
  type CjGradeCalibrationTask,
  type CjGradeProjection,
  type CjGradeTask,
  type CjJudgements,
  type CjNextPair,
  type CjNextPairTask,
  type CjSimulateTask,
  type CjSimulation,
  type CjStopTask,
  type CjStopVerdict,
  type WarmStart,
} from '../../shared/contracts/cj';
import { comparisonBudget } from '../../shared/judging';
import { calibrateGrades } from './grade-calibration';
import { gradePosterior, mostLikelyGrade } from './grade-posterior';
import { AnchorError } from './grades';
import { createPairSelector, gradeUncertainties, selectionFit, type SelectorSettings as EngineSelector } from './pair-selection';
import { seededRandom, standardNormal } from './random';
import { fitScale, type IndexedJudgements } from './scale';
import { simulateSession } from './simulation';
import { splitHalfReliability } from './split-half';
import { pearson, spearman } from './statistics';
import { LOWER_BOUND_SDS, stoppingVerdict, type StoppingSettings } from './stopping';

/** The worker's tasks on parsed contract shapes: the glue between the contract and the engine. */
type Parsed<Schema extends z.ZodType> = z.output<Schema>;

const indexed = (judgements: CjJudgements): IndexedJudgements => ({
  scriptCount: judgements.scripts.length,
  judgeCount: judgements.judges.length,
  winner: judgements.winner,
  loser: judgements.loser,
  judge: judgements.judge,
});

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** A previous fit's θ moved onto this session's script order; scripts it did not know start at 0. */
function alignWarmStart(scripts: string[], warmStart: WarmStart | null): Float64Array | undefined {
  if (!warmStart) return undefined;
  const previous = new Map(warmStart.scripts.map((id, i) => [id, warmStart.theta[i]]));
  return Float64Array.from(scripts, (id) => previous.get(id) ?? 0);
}

export function runFit(task: Parsed<typeof CjFitTask>): CjFit {
  const judgements = indexed(task.judgements);
  const started = performance.now();
  const fit = fitScale(judgements, task.eps, alignWarmStart(task.judgements.scripts, task.warmStart));
  const ms = performance.now() - started;
  const splitHalf = task.splitHalf ? splitHalfReliability(judgements, { ...task.splitHalf, eps: task.eps }, fit.theta) : null;
  return {
    kind: 'fit',
    scripts: task.judgements.scripts,
    judges: task.judgements.judges,
    theta: fit.theta,
    se: fit.se,
    infit: fit.infit,
    outfit: fit.outfit,
    wins: fit.wins,
    comparisons: fit.comparisons,
    judgeInfit: fit.judgeInfit,
    judgeOutfit: fit.judgeOutfit,
    judgeJudgements: fit.judgeJudgements,
    ssr: finiteOrNull(fit.ssr),
    sepG: finiteOrNull(fit.sepG),
    splitHalf,
    iterations: fit.iterations,
    converged: fit.converged,
    separated: fit.separated,
    components: fit.components,
    ms,
  };
}

/** Rebuilds the selector from what has been shown, fits the running estimate warm from the last fit, and picks. */
export function runNextPair(task: Parsed<typeof CjNextPairTask>): CjNextPair {
  const { judgements, shown, lastFit } = task;
  const selector = createPairSelector(judgements.scripts.length, judgements.judges.length, task.selector, task.quotas);
  for (let k = 0; k < shown.left.length; k++) selector.record(shown.left[k], shown.right[k], shown.judge[k]);
  if (judgements.winner.length > 0) {
    const running = selectionFit(judgements.scripts.length, judgements.winner, judgements.loser, task.eps, lastFit?.theta);
    selector.useFit(running, lastFit ? gradeUncertainties(lastFit.theta, lastFit.se, task.selector.boundaries) : undefined);
  }
  const choice = selector.next(task.judge, seededRandom(task.seed));
  return choice.kind === 'pair'
    ? { kind: 'next-pair', outcome: 'pair', left: judgements.scripts[choice.left], right: judgements.scripts[choice.right] }
    : { kind: 'next-pair', outcome: 'none', reason: choice.reason };
}

const stoppingSettings = (settings: Parsed<typeof CjStopTask>['stopping']): StoppingSettings => ({ ...settings, lowerBoundSds: LOWER_BOUND_SDS });

export function runStopCheck(task: Parsed<typeof CjStopTask>): CjStopVerdict {
  const judgements = indexed(task.judgements);
  const fit = fitScale(judgements, task.eps, task.previousTheta ?? undefined);
  const verdict = stoppingVerdict({
    judgements,
    theta: fit.theta,
    comparisons: fit.comparisons,
    ssr: fit.ssr,
    previousTheta: task.previousTheta,
    selector: task.selector,
    settings: stoppingSettings(task.stopping),
    eps: task.eps,
    seed: task.seed,
  });
  return {
    kind: 'stop-check',
    stop: verdict.stop,
    reason: verdict.reason,
    perScript: verdict.perScript,
    reliability: { reported: verdict.reported, lowerBound: verdict.lowerBound, method: ReliabilityMethod.value, ssr: finiteOrNull(fit.ssr) },
    targetReached: verdict.targetReached,
    stability: verdict.stability,
    theta: fit.theta,
  };
}

export function runGrades(task: Parsed<typeof CjGradeTask>): CjGradeProjection {
  const { judgements, scale } = task;
  const index = new Map(judgements.scripts.map((id, i) => [id, i]));
  const anchorGrade = new Map(task.anchors.map((anchor) => [anchor.script, anchor.grade]));
  const started = performance.now();
  let posterior;
  try {
    posterior = gradePosterior(
      judgements.scripts.length,
      judgements.winner,
      judgements.loser,
      task.anchors.map((anchor) => ({ script: index.get(anchor.script)!, grade: scale.indexOf(anchor.grade) })),
      scale.length,
      { draws: task.draws, seed: task.seed },
    );
  } catch (error) {
    if (error instanceof AnchorError) return { kind: 'grades', outcome: 'unavailable', reason: error.code };
    throw error;
  }
  return {
    kind: 'grades',
    outcome: 'projected',
    boundaries: posterior.boundaries.map((boundary, k) => ({
      below: scale[k],
      above: scale[k + 1],
      theta: boundary.median,
      low: boundary.low,
      high: boundary.high,
      source: boundary.source,
    })),
    essays: judgements.scripts.map((script, i) => {
      const { grade, probability } = mostLikelyGrade(posterior, i);
      const anchor = anchorGrade.get(script) ?? null;
      return {
        script,
        grade: scale[grade],
        probabilities: Array.from(posterior.probabilities.subarray(i * scale.length, (i + 1) * scale.length)),
        // A grade from no judgement at all is the prior's, however likely the anchors make it.
        preliminary: anchor === null && (probability < task.preliminaryBelow || posterior.comparisons[i] === 0),
        anchorGrade: anchor,
        theta: posterior.mean[i],
        sd: posterior.sd[i],
        comparisons: posterior.comparisons[i],
      };
    }),
    spread: posterior.spread,
    draws: posterior.draws,
    ms: performance.now() - started,
  };
}

/** The calibration of grade probabilities, the grade posterior's beside the earlier method's, on the same simulated sessions. */
export function runGradeCalibration(task: Parsed<typeof CjGradeCalibrationTask>): CjGradeCalibration {
  const result = calibrateGrades({
    pupils: task.pupils,
    gradeCount: task.grades,
    anchorsPerGrade: task.anchorsPerGrade,
    perScript: task.perScript,
    replicates: task.replicates,
    method: task.method,
    trueSpread: task.trueSpread,
    draws: task.draws,
    finalAt: task.preliminaryBelow,
    seed: task.seed,
    priorSd: task.priorSd ?? undefined,
  });
  return { kind: 'grade-calibration', perScript: task.perScript, method: task.method, replicates: task.replicates, ...result };
}

/**
 * A whole session against simulated judges. With stopWithRule the stopping
 * rule is asked every round and may end it, perScript being its budget;
 * otherwise it runs to exactly round(perScript × scripts / 2) judgements and
 * the rule's verdict on the finished session (with its own budget) is reported.
 */
export function runSimulation(task: Parsed<typeof CjSimulateTask>): CjSimulation {
  const truth = task.truth.theta;
  const selector: EngineSelector = { method: task.method, budgetPerScript: task.perScript, boundaries: [] };
  // With the rule in charge, K is its budget; at a fixed K the rule judges the session as it would a live one.
  const settings = { ...stoppingSettings(task.stopping), ...(task.stopWithRule ? { budgetPerScript: task.perScript } : {}) };
  // The fit at the end of each round, for the stability check and warm starts.
  const rounds: { made: number; theta: Float64Array }[] = [];
  const judge = (judgements: IndexedJudgements) => {
    const made = judgements.winner.length;
    const earlier = rounds.filter((round) => round.made < made).at(-1);
    const fit = fitScale(judgements, task.eps, rounds.at(-1)?.theta);
    const verdict = stoppingVerdict({
      judgements,
      theta: fit.theta,
      comparisons: fit.comparisons,
      ssr: fit.ssr,
      previousTheta: earlier?.theta ?? null,
      selector,
      settings,
      eps: task.eps,
      seed: task.seed + 1,
    });
    return { made, fit, verdict };
  };
  let stoppedAt: ReturnType<typeof judge> | undefined;

  const session = simulateSession(truth, {
    judgements: comparisonBudget(task.perScript, truth.length),
    judges: task.judges,
    judgeDiscrimination: judgeDiscrimination(task.judges, task.judgeSpread, task.seed),
    selector,
    eps: task.eps,
    seed: task.seed,
    shouldStop: ({ judgements }) => {
      const judged = task.stopWithRule ? judge(judgements) : undefined;
      if (judged?.verdict.stop) stoppedAt = judged;
      // The rule's fit has the same warm start as the round's own, so it is reused rather than fitted twice.
      rounds.push({ made: judgements.winner.length, theta: judged?.fit.theta ?? fitScale(judgements, task.eps, rounds.at(-1)?.theta).theta });
      return stoppedAt !== undefined;
    },
  });
  const { fit, verdict } = stoppedAt ?? judge(session.judgements);
  const splitHalf = splitHalfReliability(session.judgements, { splits: task.splitHalf.splits, seed: task.seed, eps: task.eps }, fit.theta);
  return {
    kind: 'simulate',
    comparisons: session.judgements.winner.length,
    perScript: verdict.perScript,
    ssr: finiteOrNull(fit.ssr),
    splitHalf,
    reliability: { reported: verdict.reported, lowerBound: verdict.lowerBound, method: ReliabilityMethod.value },
    stoppedBecause: verdict.reason === 'reliability-reached' || verdict.reason === 'budget-spent' ? verdict.reason : null,
    verdict: verdict.reason,
    scripts: task.truth.scripts,
    theta: fit.theta,
    se: fit.se,
    truthSpearman: spearman(fit.theta, truth),
    trueR2: pearson(fit.theta, truth) ** 2,
  };
}

/** Each simulated judge's discrimination, log-normal around 1 and drawn by its own stream of the seed; undefined when all follow the model. */
function judgeDiscrimination(judges: number, spread: number, seed: number): Float64Array | undefined {
  if (spread === 0) return undefined;
  const random = seededRandom(seed ^ 0x5eed);
  return Float64Array.from({ length: judges }, () => Math.exp(spread * standardNormal(random)));
}
