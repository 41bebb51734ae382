import type { SelectorMethod } from '../../shared/contracts/cj';
import { gradePosterior, type Anchor } from './grade-posterior';
import { AnchorError, boundariesFromAnchors, projectGrade } from './grades';
import { seededRandom, standardNormal, type Random } from './random';
import { fitScale } from './scale';
import { simulateSession } from './simulation';
import { normalQuantile } from './statistics';

/**
 * Are the grade probabilities right? Sessions with a known truth: pupils'
 * θ from a normal population whose SD differs from session to session, and
 * anchors at known places; simulated judges choose by σ(θ_i − θ_j). Each
 * pupil's stated probabilities are scored against the grade the anchors' rule
 * gives on the true θ, for the grade posterior and, in the same sessions, for
 * the earlier method (boundaries from the fitted anchors' θ, a normal around
 * each pupil's θ with its SE).
 */
export interface GradeCalibrationScenario {
  pupils: number;
  gradeCount: number;
  anchorsPerGrade: number;
  /** round(perScript × (pupils + anchors) / 2) judgements per session. */
  perScript: number;
  replicates: number;
  method: SelectorMethod;
  /** The pupils' true SD (logits), drawn log-uniformly between these for each session. */
  trueSpread: { min: number; max: number };
  draws: number;
  /** A grade is final when its probability is at least this. */
  finalAt: number;
  seed: number;
  /** A fixed prior SD for the posterior instead of the grid, to measure what the grid adds. */
  priorSd?: number;
}

export interface GradeCalibrationMetrics {
  /** Pupil grades scored. */
  grades: number;
  /** Sessions in which the method gave no grades (its pupils are scored as an even guess). */
  withoutGrades: number;
  /** The most likely grade is the true one. */
  accuracy: number;
  /** Mean probability of the most likely grade. */
  meanStated: number;
  /** Expected calibration error: 10 equal-width bins on the most likely grade's probability, |accuracy − mean stated| weighted by bin size. */
  ece: number;
  /** Mean −ln P(true grade), with P floored at LOG_LOSS_FLOOR; an even guess scores ln(grades). */
  logLoss: number;
  /** Grades stated with probability ≥ finalAt: their share, and how many of them are right (null if none). */
  final: { share: number; accuracy: number | null };
  /** The same at 0.7, where the earlier method stopped flagging a grade. */
  likely: { share: number; accuracy: number | null };
}

export interface GradeCalibration {
  posterior: GradeCalibrationMetrics;
  earlier: GradeCalibrationMetrics;
}

/**
 * Anchor g is placed at the population quantile (g + ½ + u)/G, u uniform on
 * ±ANCHOR_JITTER/2: in the middle of its grade's slot, as a teacher picks a
 * typical essay, but not at the same place in every session (so grades'
 * shares differ). The slots do not overlap, so the anchors keep their order.
 */
const ANCHOR_JITTER = 0.6;
/** A confidently wrong probability of 0 would make the mean log loss infinite; the floor caps one miss at 13.8 nats. */
const LOG_LOSS_FLOOR = 1e-6;
const BINS = 10;
/** The grade the earlier method once flagged below. */
const LIKELY = 0.7;

interface Truth {
  theta: Float64Array;
  anchors: Anchor[];
  /** The grade of each pupil by the anchors' rule on the true θ. */
  grades: Int32Array;
}

function drawTruth(scenario: GradeCalibrationScenario, random: Random): Truth {
  const { pupils, gradeCount, anchorsPerGrade, trueSpread } = scenario;
  const spread = trueSpread.min * (trueSpread.max / trueSpread.min) ** random();
  const theta = new Float64Array(pupils + gradeCount * anchorsPerGrade);
  for (let i = 0; i < pupils; i++) theta[i] = spread * standardNormal(random);
  const anchors: Anchor[] = [];
  for (let g = 0; g < gradeCount; g++) {
    for (let k = 0; k < anchorsPerGrade; k++) {
      const script = pupils + anchors.length;
      theta[script] = spread * normalQuantile((g + 0.5 + ANCHOR_JITTER * (random() - 0.5)) / gradeCount);
      anchors.push({ script, grade: g });
    }
  }
  const boundaries = boundariesFromAnchors(
    anchors.map((anchor) => ({ theta: theta[anchor.script], grade: anchor.grade })),
    gradeCount,
  );
  const grades = Int32Array.from({ length: pupils }, (_, i) => boundaries.filter((boundary) => boundary.theta < theta[i]).length);
  return { theta, anchors, grades };
}

interface Tally {
  grades: number;
  withoutGrades: number;
  right: number;
  stated: number;
  logLoss: number;
  binCount: Float64Array;
  binStated: Float64Array;
  binRight: Float64Array;
  final: number;
  finalRight: number;
  likely: number;
  likelyRight: number;
}

const emptyTally = (): Tally => ({
  grades: 0,
  withoutGrades: 0,
  right: 0,
  stated: 0,
  logLoss: 0,
  binCount: new Float64Array(BINS),
  binStated: new Float64Array(BINS),
  binRight: new Float64Array(BINS),
  final: 0,
  finalRight: 0,
  likely: 0,
  likelyRight: 0,
});

function score(tally: Tally, probabilities: ArrayLike<number>, truth: number, finalAt: number): void {
  let best = 0;
  for (let g = 1; g < probabilities.length; g++) if (probabilities[g] > probabilities[best]) best = g;
  const stated = probabilities[best];
  const right = best === truth ? 1 : 0;
  const bin = Math.min(BINS - 1, Math.floor(stated * BINS));
  tally.grades++;
  tally.right += right;
  tally.stated += stated;
  tally.logLoss -= Math.log(Math.max(LOG_LOSS_FLOOR, probabilities[truth]));
  tally.binCount[bin]++;
  tally.binStated[bin] += stated;
  tally.binRight[bin] += right;
  if (stated >= finalAt) {
    tally.final++;
    tally.finalRight += right;
  }
  if (stated >= LIKELY) {
    tally.likely++;
    tally.likelyRight += right;
  }
}

function metrics(tally: Tally): GradeCalibrationMetrics {
  let ece = 0;
  for (let b = 0; b < BINS; b++) ece += Math.abs(tally.binRight[b] - tally.binStated[b]) / tally.grades;
  return {
    grades: tally.grades,
    withoutGrades: tally.withoutGrades,
    accuracy: tally.right / tally.grades,
    meanStated: tally.stated / tally.grades,
    ece,
    logLoss: tally.logLoss / tally.grades,
    final: { share: tally.final / tally.grades, accuracy: tally.final ? tally.finalRight / tally.final : null },
    likely: { share: tally.likely / tally.grades, accuracy: tally.likely ? tally.likelyRight / tally.likely : null },
  };
}

/** The earlier method's probabilities for each pupil (null for an essay without comparisons), or null when it gives no grades. */
function earlierProbabilities(truth: Truth, pupils: number, gradeCount: number, judgements: Parameters<typeof fitScale>[0]): (number[] | null)[] | null {
  const fit = fitScale(judgements);
  let boundaries;
  try {
    boundaries = boundariesFromAnchors(
      truth.anchors.map((anchor) => ({ theta: fit.theta[anchor.script], grade: anchor.grade })),
      gradeCount,
    );
  } catch (error) {
    if (error instanceof AnchorError) return null;
    throw error;
  }
  return Array.from({ length: pupils }, (_, i) => projectGrade(fit.theta[i], fit.se[i], boundaries)?.probabilities ?? null);
}

/**
 * Runs the scenario's sessions. Session r's truth and judges depend only on
 * the seed and r, so runs at different comparisons per script or with
 * different selectors judge the same pupils (common random numbers).
 */
export function calibrateGrades(scenario: GradeCalibrationScenario): GradeCalibration {
  const { pupils, gradeCount, perScript, method } = scenario;
  const posterior = emptyTally();
  const earlier = emptyTally();
  const even = Array<number>(gradeCount).fill(1 / gradeCount);
  for (let r = 0; r < scenario.replicates; r++) {
    const seed = (scenario.seed + Math.imul(r + 1, 0x9e3779b1)) >>> 0;
    const truth = drawTruth(scenario, seededRandom(seed));
    const scripts = truth.theta.length;
    const session = simulateSession(truth.theta, {
      judgements: Math.round((perScript * scripts) / 2),
      judges: 1,
      selector: { method, budgetPerScript: perScript, boundaries: [] },
      eps: 0.3,
      seed: seed ^ 0x5eed,
    });
    const { winner, loser } = session.judgements;
    let graded: Float64Array | undefined;
    try {
      graded = gradePosterior(scripts, winner, loser, truth.anchors, gradeCount, { draws: scenario.draws, seed, priorSd: scenario.priorSd }).probabilities;
    } catch (error) {
      if (!(error instanceof AnchorError)) throw error;
    }
    const earlierGrades = earlierProbabilities(truth, pupils, gradeCount, session.judgements);
    if (!graded) posterior.withoutGrades++;
    if (!earlierGrades) earlier.withoutGrades++;
    for (let i = 0; i < pupils; i++) {
      score(posterior, graded ? graded.subarray(i * gradeCount, (i + 1) * gradeCount) : even, truth.grades[i], scenario.finalAt);
      score(earlier, earlierGrades?.[i] ?? even, truth.grades[i], scenario.finalAt);
    }
  }
  return { posterior: metrics(posterior), earlier: metrics(earlier) };
}

