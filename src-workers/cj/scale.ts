import { Eps } from '../../shared/contracts/cj';
import { solveTheta } from './bradley-terry';
import { buildComparisonGraph, type ComparisonGraph } from './comparison-graph';
import { mean, variance } from './statistics';

/** Judgements by index: script winner[j] beat script loser[j], in judgement j by judge judge[j]. */
export interface IndexedJudgements {
  scriptCount: number;
  judgeCount: number;
  winner: Int32Array;
  loser: Int32Array;
  judge: Int32Array;
}

/** The fitted scale, in logits. A script with no comparisons has θ 0, SE ∞ and no fit statistics (NaN). */
export interface ScaleFit {
  theta: Float64Array;
  se: Float64Array;
  infit: Float64Array;
  outfit: Float64Array;
  wins: Float64Array;
  comparisons: Float64Array;
  judgeInfit: Float64Array;
  judgeOutfit: Float64Array;
  judgeJudgements: Float64Array;
  /** Scale separation reliability, 1 − mean(SE²)/var(θ), over the scripts with comparisons; NaN if undefined. */
  ssr: number;
  sepG: number;
  iterations: number;
  converged: boolean;
  /** θ needed the weak prior (see bradley-terry.ts): some group won or lost every comparison with the rest. */
  separated: boolean;
  /** Connected components of the comparison graph; θ is centred within each, and comparable only within one. */
  components: number;
}

/** The contract's ε, for callers that give none. */
const DEFAULT_EPS = Eps.parse(undefined);

/** Fits θ (warm-started from `start` if given), then SE, infit and outfit per script and per judge, SSR and G as sirt::btm reports them. */
export function fitScale(judgements: IndexedJudgements, eps = DEFAULT_EPS, start?: Float64Array): ScaleFit {
  const graph = buildComparisonGraph(judgements.scriptCount, judgements.winner, judgements.loser);
  const solved = solveTheta(graph, { eps }, start);
  const se = new Float64Array(graph.scriptCount);
  for (let i = 0; i < graph.scriptCount; i++) se[i] = 1 / Math.sqrt(solved.information[i]);
  const { infit, outfit } = scriptFit(graph, solved.pairProbability, solved.information);
  const judgeFit = judgeFitStatistics(judgements, solved.theta);
  const { ssr, sepG } = separation(solved.theta, se, graph.comparisons);
  return {
    theta: solved.theta,
    se,
    infit,
    outfit,
    wins: graph.wins,
    comparisons: graph.comparisons,
    ...judgeFit,
    ssr,
    sepG,
    iterations: solved.iterations,
    converged: solved.converged,
    separated: solved.separated,
    components: graph.componentCount,
  };
}

/**
 * Outfit is the mean squared standardised residual; infit weights it by the
 * information, Σ(y − p)² / Σp(1 − p). Per pair that sums in closed form over
 * the k times a won and the m − k times b won.
 */
function scriptFit(graph: ComparisonGraph, probability: Float64Array, information: Float64Array): { infit: Float64Array; outfit: Float64Array } {
  const squaredZ = new Float64Array(graph.scriptCount);
  const squaredResidual = new Float64Array(graph.scriptCount);
  for (let e = 0; e < graph.pairCount; e++) {
    const p = probability[e];
    const total = graph.pairTotal[e];
    const aWon = graph.pairWinsA[e];
    const z2 = (aWon * (1 - p)) / p + ((total - aWon) * p) / (1 - p);
    const r2 = aWon * (1 - p) ** 2 + (total - aWon) * p * p;
    squaredZ[graph.pairA[e]] += z2;
    squaredZ[graph.pairB[e]] += z2;
    squaredResidual[graph.pairA[e]] += r2;
    squaredResidual[graph.pairB[e]] += r2;
  }
  const infit = new Float64Array(graph.scriptCount);
  const outfit = new Float64Array(graph.scriptCount);
  for (let i = 0; i < graph.scriptCount; i++) {
    outfit[i] = squaredZ[i] / graph.comparisons[i];
    infit[i] = squaredResidual[i] / information[i];
  }
  return { infit, outfit };
}

/** The same statistics over each judge's judgements: a judge who often picks the weaker script has a high infit. */
function judgeFitStatistics(
  judgements: IndexedJudgements,
  theta: Float64Array,
): { judgeInfit: Float64Array; judgeOutfit: Float64Array; judgeJudgements: Float64Array } {
  const { judgeCount, winner, loser, judge } = judgements;
  const squaredZ = new Float64Array(judgeCount);
  const squaredResidual = new Float64Array(judgeCount);
  const information = new Float64Array(judgeCount);
  const judgeJudgements = new Float64Array(judgeCount);
  // One exp per script, not per judgement.
  const strength = theta.map(Math.exp);
  for (let j = 0; j < winner.length; j++) {
    const p = strength[winner[j]] / (strength[winner[j]] + strength[loser[j]]);
    const k = judge[j];
    squaredZ[k] += (1 - p) / p;
    squaredResidual[k] += (1 - p) ** 2;
    information[k] += p * (1 - p);
    judgeJudgements[k]++;
  }
  const judgeInfit = new Float64Array(judgeCount);
  const judgeOutfit = new Float64Array(judgeCount);
  for (let k = 0; k < judgeCount; k++) {
    judgeOutfit[k] = squaredZ[k] / judgeJudgements[k];
    judgeInfit[k] = squaredResidual[k] / information[k];
  }
  return { judgeInfit, judgeOutfit, judgeJudgements };
}

/** SSR = 1 − mean(SE²)/var(θ) and G = √(var(θ)/mean(SE²)), with R's var (n − 1), as sirt computes them. */
function separation(theta: Float64Array, se: Float64Array, comparisons: Float64Array): { ssr: number; sepG: number } {
  const fitted: number[] = [];
  const errorVariance: number[] = [];
  for (let i = 0; i < theta.length; i++) {
    if (comparisons[i] === 0) continue;
    fitted.push(theta[i]);
    errorVariance.push(se[i] * se[i]);
  }
  const spread = variance(fitted);
  const noise = mean(errorVariance);
  return { ssr: 1 - noise / spread, sepG: Math.sqrt(spread / noise) };
}
