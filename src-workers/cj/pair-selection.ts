import type { SelectorMethod } from '../../shared/contracts/cj';
import { comparisonBudget } from '../../shared/judging';
import { solveTheta } from './bradley-terry';
import { buildComparisonGraph } from './comparison-graph';
import { randomIndex, type Random } from './random';
import { normalCdf, variance } from './statistics';

export interface SelectorSettings {
  method: SelectorMethod;
  /** Comparisons per script the session may spend; adaptive choice is as adaptive as the fit's precision allows when it is spent. */
  budgetPerScript: number;
  /** Grade boundaries, in logits of the reported scale, to spend judgements near; empty for none. */
  boundaries: number[];
}

export type Choice =
  | { kind: 'pair'; left: number; right: number }
  | { kind: 'none'; reason: 'quota-reached' | 'budget-spent' };

/**
 * Chooses the next pair for a live session. It holds what has been shown so
 * far (including pairs shown but not yet judged) and the latest fit; both are
 * given to it, so a worker can rebuild it from a task and keep nothing.
 */
export interface PairSelector {
  record(left: number, right: number, judge: number): void;
  /**
   * The latest running fit (see selectionFit) and, with boundary focus,
   * each script's grade uncertainty from the reported fit (boundaryUncertainty).
   */
  useFit(fit: SelectionFit, gradeUncertainty?: ArrayLike<number>): void;
  next(judge: number, random: Random): Choice;
}

/** Highest information of one comparison, p(1 − p) at p = ½: the scale of the random part. */
const MAX_INFORMATION = 0.25;
/**
 * Adaptive choice aims at pairs the better script wins 7 times in 10
 * (|Δθ| = logit 0.7 = 0.85), not at coin tosses. Such a pair keeps 84% of the
 * information of an equal pair, and it stops the scale from stretching:
 * chains of near-equal pairs each add a little small-sample bias, and under
 * sirt's estimator the spread of θ then grew to three or four times the truth
 * in our simulations.
 */
const TARGET_ODDS = 0.7 / 0.3;
/** Information of a partner already within two steps in the comparison graph counts half. */
const NEAR_DISCOUNT = 0.5;
/** With boundary focus, a script far from every boundary is chosen as often as one on a boundary with three times its comparisons. */
const FOCUS_RATIO = 3;
/**
 * The selector pairs by θ fitted with a weak normal prior (SD 2 logits), not
 * by the reported estimate: with few or adaptively chosen comparisons sirt's
 * estimate runs far out for scripts that won or lost everything so far, and
 * pairing by it then wastes comparisons.
 */
const SELECTION_PRIOR = 1 / 4;

export interface SelectionFit {
  theta: Float64Array;
  /**
   * How far the running fit can be trusted: 1 − mean(posterior variance)/var(θ),
   * over all scripts (one never judged counts with the prior's variance). 0 to 1.
   */
  precision: number;
}

export function selectionFit(scriptCount: number, winner: Int32Array, loser: Int32Array, eps: number, start?: Float64Array): SelectionFit {
  const { theta, information } = solveTheta(buildComparisonGraph(scriptCount, winner, loser), { eps, prior: SELECTION_PRIOR }, start);
  let uncertainty = 0;
  for (let i = 0; i < scriptCount; i++) uncertainty += 1 / (information[i] + SELECTION_PRIOR) / scriptCount;
  return { theta, precision: Math.max(0, Math.min(1, 1 - uncertainty / variance(theta))) || 0 };
}

/**
 * The rules, in order:
 * - the first script is the one shown least (with boundary focus: least,
 *   weighted by how uncertain its grade is), so every script advances together;
 * - its partner is one it has met least often, so no pair repeats until every
 *   pair of that script has been used, preferring partners no further ahead
 *   in exposure than one comparison;
 * - among those, adaptive choice scores each partner by (1 − progress)·random
 *   + progress·information at the target gap, so it starts random and ends by
 *   pairing scripts about 0.85 logits apart (progressive adaptive). Progress is
 *   the share of the budget spent times the precision of the running fit:
 *   pairing by θ only pays once θ means something, and with little
 *   information (few comparisons, or scripts that are hard to tell apart) the
 *   choice stays mostly random. A partner already within two steps of the
 *   script in the comparison graph counts half: a new route between distant
 *   parts of the graph ties the scale together, a triangle adds little.
 *   Random choice takes any of them;
 * - the script that has been on the left more often goes right.
 * Judges with a quota get nothing once it is used.
 */
export function createPairSelector(
  scriptCount: number,
  judgeCount: number,
  settings: SelectorSettings,
  quotas: ReadonlyArray<number | null> | null = null,
): PairSelector {
  const shown = new Int32Array(scriptCount);
  const leftMinusRight = new Int32Array(scriptCount);
  // Each script's distinct partners, and how often each pair has been shown (keyed a·n + b, a < b).
  const partners: number[][] = Array.from({ length: scriptCount }, () => []);
  const pairShown = new Map<number, number>();
  const judgeShown = new Int32Array(judgeCount);
  const strength = new Float64Array(scriptCount).fill(1);
  const gradeUncertainty = new Float64Array(scriptCount).fill(1);
  const pairUse = new Int32Array(scriptCount);
  const nearMark = new Int32Array(scriptCount).fill(-1);
  const budget = comparisonBudget(settings.budgetPerScript, scriptCount);
  let focus = false;
  let total = 0;
  let precision = 0;

  const pairKey = (a: number, b: number): number => (a < b ? a * scriptCount + b : b * scriptCount + a);
  const priority = (i: number): number => (focus ? (shown[i] + 1) * (FOCUS_RATIO - (FOCUS_RATIO - 1) * gradeUncertainty[i]) : shown[i]);

  function pickFirst(random: Random): number {
    const offset = randomIndex(random, scriptCount);
    let best = offset;
    for (let k = 1; k < scriptCount; k++) {
      const i = (offset + k) % scriptCount;
      if (priority(i) < priority(best)) best = i;
    }
    return best;
  }

  function pickPartner(a: number, random: Random): number {
    for (const b of partners[a]) pairUse[b] = pairShown.get(pairKey(a, b))!;
    let leastUse = partners[a].length < scriptCount - 1 ? 0 : Infinity;
    if (leastUse > 0) for (let b = 0; b < scriptCount; b++) if (b !== a) leastUse = Math.min(leastUse, pairUse[b]);
    const progress = settings.method === 'adaptive' ? Math.min(1, total / budget) * precision : 0;
    // Scripts within two steps of a in the comparison graph are already tied to it by a short path.
    for (const b of partners[a]) for (const c of partners[b]) nearMark[c] = a;
    for (const b of partners[a]) nearMark[b] = a;

    let best = -1;
    for (const exposureLimit of [shown[a] + 1, Infinity]) {
      let bestScore = -Infinity;
      for (let b = 0; b < scriptCount; b++) {
        if (b === a || pairUse[b] !== leastUse || shown[b] > exposureLimit) continue;
        // p(1 − p) at |Δθ| − gap, from e^θ without an exp per candidate.
        const high = Math.max(strength[a], strength[b]);
        const low = Math.min(strength[a], strength[b]) * TARGET_ODDS;
        const information = ((high * low) / (high + low) ** 2) * (nearMark[b] === a ? NEAR_DISCOUNT : 1);
        const score = (1 - progress) * random() * MAX_INFORMATION + progress * information;
        if (score > bestScore) {
          bestScore = score;
          best = b;
        }
      }
      if (best >= 0) break;
    }
    for (const b of partners[a]) pairUse[b] = 0;
    return best;
  }

  return {
    record(left, right, judge) {
      shown[left]++;
      shown[right]++;
      leftMinusRight[left]++;
      leftMinusRight[right]--;
      const uses = pairShown.get(pairKey(left, right)) ?? 0;
      pairShown.set(pairKey(left, right), uses + 1);
      if (uses === 0) {
        partners[left].push(right);
        partners[right].push(left);
      }
      judgeShown[judge]++;
      total++;
    },

    useFit(fit, uncertainty) {
      precision = fit.precision;
      focus = uncertainty !== undefined;
      for (let i = 0; i < scriptCount; i++) {
        strength[i] = Math.exp(fit.theta[i]);
        gradeUncertainty[i] = uncertainty ? uncertainty[i] : 1;
      }
    },

    next(judge, random) {
      const quota = quotas?.[judge];
      if (quota !== null && quota !== undefined && judgeShown[judge] >= quota) return { kind: 'none', reason: 'quota-reached' };
      if (total >= budget) return { kind: 'none', reason: 'budget-spent' };
      const a = pickFirst(random);
      const b = pickPartner(a, random);
      const aLeft = leftMinusRight[a] !== leftMinusRight[b] ? leftMinusRight[a] < leftMinusRight[b] : random() < 0.5;
      return aLeft ? { kind: 'pair', left: a, right: b } : { kind: 'pair', left: b, right: a };
    },
  };
}

/** Each script's grade uncertainty on the reported scale, for boundary focus; undefined without boundaries. */
export function gradeUncertainties(theta: ArrayLike<number>, se: ArrayLike<number>, boundaries: number[]): Float64Array | undefined {
  if (boundaries.length === 0) return undefined;
  return Float64Array.from({ length: theta.length }, (_, i) => boundaryUncertainty(theta[i], se[i], boundaries));
}

/**
 * 1 when θ sits on a grade boundary (the grade is a coin toss), falling to 0
 * as the boundary moves several SEs away: 2·min(Φ(z), 1 − Φ(z)) for the
 * nearest boundary. A script with no comparisons (SE ∞) is fully uncertain.
 */
export function boundaryUncertainty(theta: number, se: number, boundaries: number[]): number {
  if (!Number.isFinite(se)) return 1;
  let uncertainty = 0;
  for (const boundary of boundaries) {
    const tail = normalCdf(-Math.abs(theta - boundary) / se);
    uncertainty = Math.max(uncertainty, 2 * tail);
  }
  return uncertainty;
}
