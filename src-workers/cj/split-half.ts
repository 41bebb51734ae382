import { solveTheta } from './bradley-terry';
import { buildComparisonGraph } from './comparison-graph';
import { seededRandom, shuffle } from './random';
import type { IndexedJudgements } from './scale';
import { median, pearson } from './statistics';

export interface SplitHalfOptions {
  splits: number;
  seed: number;
  eps: number;
}

/**
 * Split-half reliability as the meta-analysis computed it: split the judges
 * at random into two halves (the first gets ⌊J/2⌋), fit each half on its own,
 * correlate θ (Pearson) over the scripts both halves judged, and take the
 * median over the splits. Not Spearman–Brown corrected, so it is comparable
 * with the published median_split_corr. Null with fewer than two judges.
 */
export function splitHalfReliability(judgements: IndexedJudgements, options: SplitHalfOptions, start?: Float64Array): number | null {
  if (judgements.judgeCount < 2) return null;
  const random = seededRandom(options.seed);
  const order = Array.from({ length: judgements.judgeCount }, (_, k) => k);
  const inFirstHalf = new Uint8Array(judgements.judgeCount);
  const correlations: number[] = [];
  for (let split = 0; split < options.splits; split++) {
    shuffle(random, order);
    inFirstHalf.fill(0);
    for (let k = 0; k < judgements.judgeCount >> 1; k++) inFirstHalf[order[k]] = 1;
    const first = fitHalf(judgements, inFirstHalf, 1, options.eps, start);
    const second = fitHalf(judgements, inFirstHalf, 0, options.eps, start);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < judgements.scriptCount; i++) {
      if (first.comparisons[i] > 0 && second.comparisons[i] > 0) {
        x.push(first.theta[i]);
        y.push(second.theta[i]);
      }
    }
    const r = pearson(x, y);
    if (Number.isFinite(r)) correlations.push(r);
  }
  return correlations.length ? median(correlations) : null;
}

function fitHalf(
  judgements: IndexedJudgements,
  inFirstHalf: Uint8Array,
  half: 0 | 1,
  eps: number,
  start?: Float64Array,
): { theta: Float64Array; comparisons: Float64Array } {
  let count = 0;
  for (let j = 0; j < judgements.judge.length; j++) if (inFirstHalf[judgements.judge[j]] === half) count++;
  const winner = new Int32Array(count);
  const loser = new Int32Array(count);
  for (let j = 0, k = 0; j < judgements.judge.length; j++) {
    if (inFirstHalf[judgements.judge[j]] !== half) continue;
    winner[k] = judgements.winner[j];
    loser[k++] = judgements.loser[j];
  }
  const graph = buildComparisonGraph(judgements.scriptCount, winner, loser);
  return { theta: solveTheta(graph, { eps }, start).theta, comparisons: graph.comparisons };
}
