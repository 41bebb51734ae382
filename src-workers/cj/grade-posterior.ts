import { buildComparisonGraph, type ComparisonGraph } from './comparison-graph';
import { cholesky, choleskyInverse, choleskySolve, logDeterminant } from './dense';
import { AnchorError, boundaryRule, type BoundarySource } from './grades';
import { seededRandom, truncatedStandardNormal, type Random } from './random';
import { normalUpperTail } from './statistics';

/**
 * Grades that say how sure they are. Bradley–Terry with a normal prior on θ
 * (mean 0, SD σ), σ integrated over a grid; the joint posterior of all θ by
 * Laplace's approximation, restricted to the anchors' known order; in every
 * draw the boundaries are set from the anchors' drawn θ by the anchors' rule
 * (boundaryRule), so what the anchors' own uncertainty and their correlation
 * with the pupils do to a grade is in its probability. See docs/cj.md,
 * "Grades from anchors".
 */

export interface Anchor {
  /** Index of the anchor's script. */
  script: number;
  /** Index of its known grade in the scale, lowest first. */
  grade: number;
}

export interface GradePosteriorSettings {
  /** Draws of the anchors' θ (in antithetic pairs) over the whole posterior. */
  draws: number;
  seed: number;
  /** A fixed prior SD (logits) instead of the grid: to measure whether the grid is needed. */
  priorSd?: number;
}

export interface BoundarySummary {
  /** Over the draws, in logits on the scale of `mean`. */
  median: number;
  /** 5th and 95th percentiles. */
  low: number;
  high: number;
  source: BoundarySource;
}

export interface GradePosterior {
  gradeCount: number;
  /** P(script i has grade g) at i·gradeCount + g, summing to 1 over g; an anchor has its known grade. */
  probabilities: Float64Array;
  /** Posterior mean and SD of each script's θ: the scale the boundaries are on. */
  mean: Float64Array;
  sd: Float64Array;
  /** Judgements each script took part in. */
  comparisons: Float64Array;
  boundaries: BoundarySummary[];
  /** Posterior mean of the prior SD σ: how spread out the session's θ are, in logits. */
  spread: number;
  /** Draws in which the anchors separated; the others are left out. */
  draws: number;
}

/** The meta-analysis's median true spread (SD of θ over a session, Kinnear et al. 2025): the centre of the prior on σ. */
const TYPICAL_SPREAD = 1.35;
/** The prior on log σ is normal with this SD: σ within a factor 4 of the typical spread with 95% probability. */
const SPREAD_PRIOR_SD = Math.LN2;
/** σ from 0.34 to 5.4 logits in steps of √2: ±2 SDs of its prior. */
const SPREAD_GRID = Array.from({ length: 9 }, (_, k) => TYPICAL_SPREAD * 2 ** ((k - 4) / 2));
/**
 * Below this posterior probability (without the order) that the highest anchored grade lies above the
 * lowest, the judgements contradict the anchors' order and there are no grades: restricted to the
 * order, the posterior would squeeze the boundaries together and state confident nonsense. At 0.5 it
 * also withheld grades from 20% of simulated sessions at 1 comparison per script, on noise alone.
 */
const MIN_AGREEMENT = 0.1;
/** Gibbs sweeps before the first kept draw. */
const BURN_IN = 20;
/** Between grade means at a start that is not already in order (logits): any order will do, the burn-in moves on from it. */
const START_SPACING = 0.1;
/** A conditional variance is never taken below this (logits²), so rounding cannot make it 0 or negative. */
const MIN_VARIANCE = 1e-12;
const NEWTON_TOLERANCE = 1e-9;
/** A Newton step longer than this (logits) is shortened. */
const MAX_STEP = 3;
const MAX_NEWTON_STEPS = 100;

/** The Laplace approximation at one prior SD: the posterior mode, the Cholesky factor of the posterior precision there, and the log evidence. */
interface Laplace {
  spread: number;
  mode: Float64Array;
  factor: Float64Array;
  logEvidence: number;
}

/** log σ(x), without overflow. */
const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/**
 * Newton's method on the log posterior; its Hessian is the information
 * Laplacian plus the prior precision, so it is positive definite and the
 * mode is unique. The log evidence (up to a constant the same for every σ) is
 * Laplace's: ℓ(θ̂) − |θ̂|²/2σ² − n·ln σ − ½·ln det H.
 */
function laplace(graph: ComparisonGraph, spread: number, start: Float64Array): Laplace {
  const n = graph.scriptCount;
  const precision = 1 / (spread * spread);
  const theta = Float64Array.from(start);
  const hessian = new Float64Array(n * n);
  const step = new Float64Array(n);
  for (let iteration = 0; ; iteration++) {
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      step[i] = -precision * theta[i];
      hessian[i * n + i] = precision;
    }
    let logLikelihood = 0;
    for (let e = 0; e < graph.pairCount; e++) {
      const [a, b] = [graph.pairA[e], graph.pairB[e]];
      const gap = theta[a] - theta[b];
      const p = 1 / (1 + Math.exp(-gap));
      const [total, winsA] = [graph.pairTotal[e], graph.pairWinsA[e]];
      logLikelihood += winsA * logSigmoid(gap) + (total - winsA) * logSigmoid(-gap);
      const residual = winsA - total * p;
      step[a] += residual;
      step[b] -= residual;
      const information = total * p * (1 - p);
      hessian[a * n + a] += information;
      hessian[b * n + b] += information;
      hessian[a * n + b] -= information;
      hessian[b * n + a] -= information;
    }
    if (!cholesky(hessian, n)) throw new Error('The posterior precision is not positive definite');
    choleskySolve(hessian, n, step);
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, Math.abs(step[i]));
    if (longest < NEWTON_TOLERANCE || iteration === MAX_NEWTON_STEPS) {
      let squares = 0;
      for (let i = 0; i < n; i++) squares += theta[i] * theta[i];
      const logEvidence = logLikelihood - (precision * squares) / 2 + (n / 2) * Math.log(precision) - logDeterminant(hessian, n) / 2;
      return { spread, mode: theta, factor: hessian, logEvidence };
    }
    const shrink = longest > MAX_STEP ? MAX_STEP / longest : 1;
    for (let i = 0; i < n; i++) theta[i] += shrink * step[i];
  }
}

/** Each grid point's posterior weight: its Laplace evidence times the prior on log σ. */
function spreadWeights(fits: Laplace[]): Float64Array {
  const logWeights = fits.map((fit) => fit.logEvidence - Math.log(fit.spread / TYPICAL_SPREAD) ** 2 / (2 * SPREAD_PRIOR_SD ** 2));
  const largest = Math.max(...logWeights);
  const weights = Float64Array.from(logWeights, (w) => Math.exp(w - largest));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/** Whole numbers in proportion to the weights that add up to `total` (largest remainders). */
function apportion(weights: Float64Array, total: number): Int32Array {
  const exact = Float64Array.from(weights, (w) => w * total);
  const counts = Int32Array.from(exact, Math.floor);
  let left = total - counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = [...exact.keys()].sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (const k of byRemainder) {
    if (left-- <= 0) break;
    counts[k]++;
  }
  return counts;
}

/** The anchors' grades as the order constraint needs them: which anchored grade each anchor is in, and each anchored grade's size. */
interface AnchorGroups {
  /** Position of each anchor's grade among the anchored grades, lowest first. */
  group: Int32Array;
  size: Float64Array;
}

function anchorGroups(anchors: Anchor[]): AnchorGroups {
  const anchored = [...new Set(anchors.map((anchor) => anchor.grade))].sort((a, b) => a - b);
  const group = Int32Array.from(anchors, (anchor) => anchored.indexOf(anchor.grade));
  const size = new Float64Array(anchored.length);
  for (const g of group) size[g]++;
  return { group, size };
}

/**
 * Gibbs sampling of the anchors' θ from their joint normal (mean m, precision
 * Q) restricted to the anchors' known order: each anchored grade's mean θ
 * above the one below it. Each anchor in turn is drawn from its normal given
 * the others, cut to the interval that keeps its grade's mean between its
 * neighbours'.
 */
function orderedAnchorSampler(mean: Float64Array, precision: Float64Array, groups: AnchorGroups, random: Random): { theta: Float64Array; sweep(): void } {
  const count = mean.length;
  const groupCount = groups.size.length;
  const groupSum = new Float64Array(groupCount);
  const theta = startInOrder(mean, groups);
  for (let a = 0; a < count; a++) groupSum[groups.group[a]] += theta[a];
  return {
    theta,
    sweep() {
      for (let a = 0; a < count; a++) {
        let pull = 0;
        for (let b = 0; b < count; b++) if (b !== a) pull += precision[a * count + b] * (theta[b] - mean[b]);
        const sd = 1 / Math.sqrt(precision[a * count + a]);
        const centre = mean[a] - pull * sd * sd;
        const g = groups.group[a];
        const rest = groupSum[g] - theta[a];
        const low = g > 0 ? (groups.size[g] * groupSum[g - 1]) / groups.size[g - 1] - rest : -Infinity;
        const high = g + 1 < groupCount ? (groups.size[g] * groupSum[g + 1]) / groups.size[g + 1] - rest : Infinity;
        theta[a] = centre + sd * truncatedStandardNormal(random, (low - centre) / sd, (high - centre) / sd);
        groupSum[g] = rest + theta[a];
      }
    },
  };
}

/** The mode if its anchors are in order; otherwise every anchor at its grade's place in an evenly spaced order around their mean. */
function startInOrder(mean: Float64Array, groups: AnchorGroups): Float64Array {
  const groupCount = groups.size.length;
  const groupMean = new Float64Array(groupCount);
  for (let a = 0; a < mean.length; a++) groupMean[groups.group[a]] += mean[a] / groups.size[groups.group[a]];
  let ordered = true;
  for (let g = 1; g < groupCount; g++) ordered &&= groupMean[g] > groupMean[g - 1];
  if (ordered) return Float64Array.from(mean);
  const centre = mean.reduce((sum, value) => sum + value, 0) / mean.length;
  return Float64Array.from(groups.group, (g) => centre + START_SPACING * (g - (groupCount - 1) / 2));
}

/**
 * The grade posterior of every script.
 *
 * The anchors' θ are drawn from the joint posterior restricted to their known
 * order (Gibbs sampling, after the Laplace approximation of the unrestricted
 * posterior). Each draw sets the boundaries by the anchors' rule, and each
 * other script's grade probabilities in that draw are exact under the normal
 * approximation: its θ given the anchors' θ is normal (mean and variance by
 * conditioning), so P(grade) is a difference of normal distribution functions
 * at the boundaries. Averaging those over the draws (Rao–Blackwellisation)
 * gives probabilities with far less noise than counting grades in draws, and
 * never a count's exact 0 or 1.
 *
 * Throws AnchorError when fewer than two grades have anchors, or when the
 * judgements put the highest anchored grade below the lowest (see
 * MIN_AGREEMENT).
 */
export function gradePosterior(
  scriptCount: number,
  winner: Int32Array,
  loser: Int32Array,
  anchors: Anchor[],
  gradeCount: number,
  settings: GradePosteriorSettings,
): GradePosterior {
  const rule = boundaryRule(
    anchors.map((anchor) => anchor.grade),
    gradeCount,
  );
  const groups = anchorGroups(anchors);
  const graph = buildComparisonGraph(scriptCount, winner, loser);
  const n = scriptCount;
  const gaps = gradeCount - 1;

  // From the widest prior down, each mode warm-starts the next.
  const grid = settings.priorSd === undefined ? SPREAD_GRID : [settings.priorSd];
  const fits: Laplace[] = [];
  for (let k = grid.length - 1; k >= 0; k--) fits.unshift(laplace(graph, grid[k], fits[0]?.mode ?? new Float64Array(n)));
  const weights = spreadWeights(fits);
  const draws = apportion(weights, Math.max(1, settings.draws));

  const anchorScripts = anchors.map((anchor) => anchor.script);
  const anchorCount = anchors.length;
  const isAnchor = new Uint8Array(n);
  for (const script of anchorScripts) isAnchor[script] = 1;
  const others = [...isAnchor.keys()].filter((i) => !isAnchor[i]);
  // Top anchored grade's mean θ minus the bottom one's: its P(> 0) without the order says whether the judgements agree with it.
  const span = Float64Array.from(groups.group, (g) => (g === groups.size.length - 1 ? 1 / groups.size[g] : g === 0 ? -1 / groups.size[g] : 0));

  const random = seededRandom(settings.seed);
  const sums = new Float64Array(n * gradeCount);
  const drawnBoundaries = Array.from({ length: gaps }, () => new Float64Array(settings.draws));
  const mean = new Float64Array(n);
  const secondMoment = new Float64Array(n);
  const boundaries = new Float64Array(gaps);
  let kept = 0;
  let agreement = 0;

  fits.forEach((fit, k) => {
    if (draws[k] === 0) return;
    const covariance = choleskyInverse(fit.factor, n);
    const anchorMode = Float64Array.from(anchorScripts, (script) => fit.mode[script]);
    const anchorFactor = new Float64Array(anchorCount * anchorCount);
    for (let a = 0; a < anchorCount; a++) {
      for (let b = 0; b < anchorCount; b++) anchorFactor[a * anchorCount + b] = covariance[anchorScripts[a] * n + anchorScripts[b]];
    }
    let spanMean = 0;
    let spanVariance = 0;
    for (let a = 0; a < anchorCount; a++) {
      spanMean += span[a] * anchorMode[a];
      for (let b = 0; b < anchorCount; b++) spanVariance += span[a] * span[b] * anchorFactor[a * anchorCount + b];
    }
    agreement += (draws[k] / settings.draws) * (1 - normalUpperTail(spanMean / Math.sqrt(spanVariance)));
    if (!cholesky(anchorFactor, anchorCount)) throw new Error('The anchors’ posterior covariance is not positive definite');

    // Each other script's θ given the anchors': mean m_i + β_i·(θ_A − m_A), SD conditionalSd.
    const beta = new Float64Array(others.length * anchorCount);
    const conditionalSd = new Float64Array(others.length);
    others.forEach((i, o) => {
      const row = beta.subarray(o * anchorCount, (o + 1) * anchorCount);
      for (let a = 0; a < anchorCount; a++) row[a] = covariance[i * n + anchorScripts[a]];
      const crossCovariance = Float64Array.from(row);
      choleskySolve(anchorFactor, anchorCount, row);
      let explained = 0;
      for (let a = 0; a < anchorCount; a++) explained += row[a] * crossCovariance[a];
      conditionalSd[o] = Math.sqrt(Math.max(covariance[i * n + i] - explained, MIN_VARIANCE));
    });

    const sampler = orderedAnchorSampler(anchorMode, choleskyInverse(anchorFactor, anchorCount), groups, random);
    for (let sweep = 0; sweep < BURN_IN; sweep++) sampler.sweep();
    for (let d = 0; d < draws[k]; d++) {
      sampler.sweep();
      const anchorTheta = sampler.theta;
      if (!rule.apply(anchorTheta, boundaries)) continue;
      for (let g = 0; g < gaps; g++) drawnBoundaries[g][kept] = boundaries[g];
      kept++;
      for (let a = 0; a < anchorCount; a++) {
        mean[anchorScripts[a]] += anchorTheta[a];
        secondMoment[anchorScripts[a]] += anchorTheta[a] ** 2;
      }
      for (let o = 0; o < others.length; o++) {
        const i = others[o];
        let centre = fit.mode[i];
        for (let a = 0; a < anchorCount; a++) centre += beta[o * anchorCount + a] * (anchorTheta[a] - anchorMode[a]);
        mean[i] += centre;
        secondMoment[i] += centre * centre + conditionalSd[o] ** 2;
        const row = i * gradeCount;
        let below = 0;
        for (let g = 0; g < gaps; g++) {
          const cumulative = normalUpperTail((centre - boundaries[g]) / conditionalSd[o]);
          sums[row + g] += cumulative - below;
          below = cumulative;
        }
        sums[row + gaps] += 1 - below;
      }
    }
  });

  if (agreement < MIN_AGREEMENT || kept === 0) throw new AnchorError('ANCHORS_DO_NOT_SEPARATE');

  const probabilities = new Float64Array(n * gradeCount);
  for (const i of others) for (let g = 0; g < gradeCount; g++) probabilities[i * gradeCount + g] = sums[i * gradeCount + g] / kept;
  for (const anchor of anchors) probabilities[anchor.script * gradeCount + anchor.grade] = 1;
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mean[i] /= kept;
    sd[i] = Math.sqrt(Math.max(0, secondMoment[i] / kept - mean[i] ** 2));
  }
  return {
    gradeCount,
    probabilities,
    mean,
    sd,
    comparisons: graph.comparisons,
    boundaries: drawnBoundaries.map((values, g) => {
      const sorted = values.slice(0, kept).sort();
      return { median: quantile(sorted, 0.5), low: quantile(sorted, 0.05), high: quantile(sorted, 0.95), source: rule.sources[g] };
    }),
    spread: fits.reduce((sum, fit, k) => sum + weights[k] * fit.spread, 0),
    draws: kept,
  };
}

/** The q-quantile of sorted values, interpolated (R's type 7). */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** The most likely grade of script i (the lower one on a tie) and its probability. */
export function mostLikelyGrade(posterior: Pick<GradePosterior, 'probabilities' | 'gradeCount'>, script: number): { grade: number; probability: number } {
  const row = script * posterior.gradeCount;
  let grade = 0;
  for (let g = 1; g < posterior.gradeCount; g++) if (posterior.probabilities[row + g] > posterior.probabilities[row + grade]) grade = g;
  return { grade, probability: posterior.probabilities[row + grade] };
}
