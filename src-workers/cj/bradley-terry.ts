import type { ComparisonGraph } from './comparison-graph';

/**
 * Bradley–Terry with sirt::btm's ε-adjusted scores (ignore.ties = TRUE,
 * fix.eta = 0). Everything is in logits.
 *
 * sirt shrinks each script's observed score toward the middle,
 *   s_i = ε + (n_i − 2ε)·w_i / n_i,
 * so a script that won (or lost) every comparison still has a finite θ, and
 * iterates θ_i += (s_i − E_i(θ)) / d_i, centring θ after every step, where E_i
 * is the expected score and d_i the Fisher information of θ_i alone. Because
 * Σs_i is not exactly the number of judgements, the fixed point of that
 * iteration is not s = E but
 *   s_i − E_i(θ) = c·d_i(θ),   c = (Σs − ΣE) / Σd  (one c per connected component),
 * which we solve exactly with Newton steps instead of sirt's hundreds of
 * diagonal ones.
 */
export interface ThetaFit {
  theta: Float64Array;
  /** Fisher information of each θ_i alone (sirt's d_i); SE = 1/√d_i. */
  information: Float64Array;
  /** P(pairA beats pairB) for each pair at θ. */
  pairProbability: Float64Array;
  iterations: number;
  converged: boolean;
  /** Some group of scripts won (or lost) every comparison with the rest, so θ needed the weak prior to stay finite. */
  separated: boolean;
}

export interface SolverOptions {
  eps: number;
  /** Stop when no θ would move by more than this (logits). */
  tolerance?: number;
  maxIterations?: number;
  /** Precision (1/SD²) of a normal prior on θ; absent for sirt's estimator. */
  prior?: number;
}

/**
 * The ε-adjustment keeps a single all-win script finite, but not always a
 * group of scripts that won every comparison with the rest: when the group's
 * adjustments do not add up to a pull toward the middle (its members' losses
 * inside the group offset their wins), no fixed point exists and θ of the
 * group runs off; sirt stops after maxit steps wherever it got to. We notice
 * the run-off (|θ| beyond any real session's range) and solve again with a
 * weak normal prior, SD 10 logits, which holds the group at a large but finite
 * distance. Sparse data does this: early in a session, and in split halves.
 */
const SEPARATION_LIMIT = 30;
const SEPARATION_PRIOR = 0.01;

/** A Newton step longer than this (logits) is shortened: a trust region for a poor start. */
const MAX_STEP = 3;
const MAX_CG_ITERATIONS = 200;

export function adjustedScores(graph: ComparisonGraph, eps: number): Float64Array {
  const scores = new Float64Array(graph.scriptCount);
  for (let i = 0; i < graph.scriptCount; i++) {
    const n = graph.comparisons[i];
    scores[i] = n > 0 ? eps + ((n - 2 * eps) * graph.wins[i]) / n : 0;
  }
  return scores;
}

/** The logit of each script's adjusted proportion of wins, centred: a start within a few Newton steps of the answer. */
function coldStart(graph: ComparisonGraph, scores: Float64Array): Float64Array {
  const theta = new Float64Array(graph.scriptCount);
  for (let i = 0; i < graph.scriptCount; i++) {
    const n = graph.comparisons[i];
    if (n > 0) theta[i] = Math.log(scores[i] / (n - scores[i]));
  }
  centreByComponent(theta, graph);
  return theta;
}

/** θ has mean 0 in every connected component, as sirt centres it. */
function centreByComponent(theta: Float64Array, graph: ComparisonGraph): void {
  const sums = new Float64Array(graph.componentCount);
  const sizes = new Float64Array(graph.componentCount);
  for (let i = 0; i < graph.scriptCount; i++) {
    sums[graph.component[i]] += theta[i];
    sizes[graph.component[i]]++;
  }
  for (let i = 0; i < graph.scriptCount; i++) theta[i] -= sums[graph.component[i]] / sizes[graph.component[i]];
}

/** Solves for θ from `start` (a previous fit, for a warm start) or from the cold start. */
export function solveTheta(graph: ComparisonGraph, options: SolverOptions, start?: Float64Array): ThetaFit {
  if (options.prior) return { ...newton(graph, options, options.prior, start), separated: false };
  const exact = newton(graph, options, 0, start);
  if (exact.converged) return { ...exact, separated: false };
  return { ...newton(graph, options, SEPARATION_PRIOR), separated: true };
}

function newton(graph: ComparisonGraph, options: SolverOptions, prior: number, start?: Float64Array): Omit<ThetaFit, 'separated'> {
  const n = graph.scriptCount;
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 50;
  const scores = adjustedScores(graph, options.eps);
  const theta = start ? Float64Array.from(start) : coldStart(graph, scores);
  if (start) centreByComponent(theta, graph);

  const information = new Float64Array(n);
  const pairProbability = new Float64Array(graph.pairCount);
  const { expected, strength, residual, step, pairInformation, work } = scratch(n, graph.pairCount);
  const componentGap = new Float64Array(graph.componentCount);
  const componentInformation = new Float64Array(graph.componentCount);

  const { pairB, pairStart, pairTotal, component } = graph;
  let iterations = 0;
  let converged = false;
  for (;;) {
    expected.fill(0);
    information.fill(0);
    // One exp per script, not per pair: P(a beats b) = e^θa / (e^θa + e^θb). θ is centred, so no overflow.
    for (let i = 0; i < n; i++) strength[i] = Math.exp(theta[i]);
    // Row by row, so script a's sums stay in registers instead of going through memory at every pair.
    for (let a = 0; a < n; a++) {
      const strengthA = strength[a];
      let expectedA = 0;
      let informationA = 0;
      for (let e = pairStart[a], end = pairStart[a + 1]; e < end; e++) {
        const b = pairB[e];
        const p = strengthA / (strengthA + strength[b]);
        const total = pairTotal[e];
        const info = total * p * (1 - p);
        pairProbability[e] = p;
        pairInformation[e] = info;
        expectedA += total * p;
        expected[b] += total * (1 - p);
        informationA += info;
        information[b] += info;
      }
      expected[a] += expectedA;
      information[a] += informationA;
    }

    componentGap.fill(0);
    componentInformation.fill(0);
    for (let i = 0; i < n; i++) {
      componentGap[component[i]] += scores[i] - expected[i];
      componentInformation[component[i]] += information[i];
    }
    // sirt's Jacobi step F_i/d_i is how far θ_i would still move: the stopping measure.
    let largestMove = 0;
    for (let i = 0; i < n; i++) {
      const c = component[i];
      const slack = componentInformation[c] > 0 ? componentGap[c] / componentInformation[c] : 0;
      residual[i] = scores[i] - expected[i] - slack * information[i] - prior * theta[i];
      if (information[i] > 0) largestMove = Math.max(largestMove, Math.abs(residual[i] / information[i]));
    }
    if (largestMove < tolerance) {
      converged = true;
      break;
    }
    if (iterations === maxIterations) break;
    iterations++;

    // Inexact Newton: solve the Laplacian system only as well as the current error deserves,
    // and on the last step only as well as the tolerance needs (the step's error is about forcing × largestMove).
    const forcing = Math.min(0.3, Math.max(largestMove, (0.1 * tolerance) / largestMove));
    solveLaplacian(graph, pairInformation, information, prior, residual, step, forcing, work);
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, Math.abs(step[i]));
    const shrink = longest > MAX_STEP ? MAX_STEP / longest : 1;
    for (let i = 0; i < n; i++) theta[i] += shrink * step[i];
    centreByComponent(theta, graph);
    if (prior === 0 && runsOff(theta)) break;
  }
  return { theta, information, pairProbability, iterations, converged };
}

function runsOff(theta: Float64Array): boolean {
  for (let i = 0; i < theta.length; i++) if (Math.abs(theta[i]) > SEPARATION_LIMIT) return true;
  return false;
}

interface CgWork {
  r: Float64Array;
  z: Float64Array;
  p: Float64Array;
  q: Float64Array;
  inverseDiagonal: Float64Array;
}

/**
 * The solver's working arrays live only while it runs, and it never runs
 * inside itself, so they are kept for the next solve: a fit then allocates
 * far less, and in a warm worker garbage collection seldom lands inside one.
 * Every array is written before it is read.
 */
let workspace = new Float64Array(0);

function scratch(n: number, pairCount: number) {
  const size = 9 * n + pairCount;
  if (workspace.length < size) workspace = new Float64Array(size);
  let used = 0;
  const take = (length: number): Float64Array => workspace.subarray(used, (used += length));
  return {
    expected: take(n),
    strength: take(n),
    residual: take(n),
    step: take(n),
    pairInformation: take(pairCount),
    work: { r: take(n), z: take(n), p: take(n), q: take(n), inverseDiagonal: take(n) } satisfies CgWork,
  };
}

/**
 * Conjugate gradients on (L + prior·I)·x = rhs, where L is the information
 * matrix: a graph Laplacian with pair weights. Its diagonal is the
 * preconditioner. Without a prior L is singular (θ + constant fits equally
 * well) but rhs sums to zero in every component, so the system is consistent
 * and CG stays in L's range.
 */
function solveLaplacian(
  graph: ComparisonGraph,
  pairInformation: Float64Array,
  information: Float64Array,
  prior: number,
  rhs: Float64Array,
  x: Float64Array,
  relativeTolerance: number,
  { r, z, p, q, inverseDiagonal }: CgWork,
): void {
  const n = graph.scriptCount;
  const { pairB, pairStart } = graph;
  x.fill(0);
  r.set(rhs);
  let rz = 0;
  let rhsNorm = 0;
  for (let i = 0; i < n; i++) {
    const diagonal = information[i] + prior;
    inverseDiagonal[i] = diagonal > 0 ? 1 / diagonal : 0;
    z[i] = r[i] * inverseDiagonal[i];
    p[i] = z[i];
    rz += r[i] * z[i];
    rhsNorm += r[i] * r[i];
  }
  const target = relativeTolerance * relativeTolerance * rhsNorm;
  for (let k = 0; k < MAX_CG_ITERATIONS && rz > 0; k++) {
    for (let i = 0; i < n; i++) q[i] = prior * p[i];
    for (let a = 0; a < n; a++) {
      const pa = p[a];
      let sum = 0;
      for (let e = pairStart[a], end = pairStart[a + 1]; e < end; e++) {
        const b = pairB[e];
        const t = pairInformation[e] * (pa - p[b]);
        sum += t;
        q[b] -= t;
      }
      q[a] += sum;
    }
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i] * q[i];
    if (pq <= 0) break;
    const alpha = rz / pq;
    let residualNorm = 0;
    let rzNext = 0;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
      residualNorm += r[i] * r[i];
      z[i] = r[i] * inverseDiagonal[i];
      rzNext += r[i] * z[i];
    }
    if (residualNorm <= target) break;
    const beta = rzNext / rz;
    rz = rzNext;
    for (let i = 0; i < n; i++) p[i] = z[i] + beta * p[i];
  }
}
