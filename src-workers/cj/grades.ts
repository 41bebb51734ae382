import { normalCdf } from './statistics';

/**
 * The anchors' boundary rule, all in logits: anchor θ and boundaries are on
 * one Bradley–Terry scale. (The seed system mixed 0–1 rank positions with
 * logits; here no other unit exists.) The grade posterior applies the rule to
 * every draw; projectGrade is the earlier method, kept as the baseline the
 * grade calibration measures against.
 */
export interface AnchorPlacement {
  /** θ of the anchor essay, in logits. */
  theta: number;
  /** Index of its known grade in the scale, lowest grade first. */
  grade: number;
}

export type BoundarySource = 'anchors' | 'interpolated' | 'extrapolated';

export interface GradeBoundary {
  /** Between grade `below` and grade `below + 1`, in logits. */
  theta: number;
  /** Set from anchors on both sides, between anchored grades, or beyond the anchored range. */
  source: BoundarySource;
}

export class AnchorError extends Error {
  constructor(readonly code: 'TOO_FEW_ANCHORED_GRADES' | 'ANCHORS_DO_NOT_SEPARATE') {
    super(code);
    this.name = 'AnchorError';
  }
}

/**
 * Boundaries from anchors:
 * 1. each anchored grade's centre is the mean θ of its anchors;
 * 2. the centres are made non-decreasing by pooling adjacent violators
 *    (weighted by anchor count), so an anchor judged out of order pulls its
 *    neighbours together instead of crossing them;
 * 3. a grade without anchors between anchored ones gets a centre by linear
 *    interpolation; one beyond them by the mean spacing of the anchored ones;
 * 4. each boundary is the midpoint of the two centres it separates.
 * Needs anchors in at least two grades that the judgements tell apart.
 */
export function boundariesFromAnchors(anchors: AnchorPlacement[], gradeCount: number): GradeBoundary[] {
  const rule = boundaryRule(
    anchors.map((anchor) => anchor.grade),
    gradeCount,
  );
  const boundaries = new Float64Array(gradeCount - 1);
  if (!rule.apply(Float64Array.from(anchors, (anchor) => anchor.theta), boundaries)) throw new AnchorError('ANCHORS_DO_NOT_SEPARATE');
  return Array.from(boundaries, (theta, g) => ({ theta, source: rule.sources[g] }));
}

/** The boundary rule for one set of anchors, to apply to many draws of their θ. */
export interface BoundaryRule {
  /** Where each boundary comes from; it depends on which grades have anchors, not on their θ. */
  sources: BoundarySource[];
  /** Writes the boundaries for these anchor θ (in the order the rule was made with) into `out`; false when the anchors do not separate. */
  apply(anchorTheta: ArrayLike<number>, out: Float64Array): boolean;
}

/**
 * boundariesFromAnchors's rule, set up once for the anchors' grades so that
 * applying it allocates nothing: the grade posterior applies it to every draw.
 * Throws when fewer than two grades have anchors.
 */
export function boundaryRule(anchorGrades: ArrayLike<number>, gradeCount: number): BoundaryRule {
  const counts = new Float64Array(gradeCount);
  for (let a = 0; a < anchorGrades.length; a++) counts[anchorGrades[a]]++;
  const anchored = [...counts.keys()].filter((g) => counts[g] > 0);
  if (anchored.length < 2) throw new AnchorError('TOO_FEW_ANCHORED_GRADES');
  const lowest = anchored[0];
  const highest = anchored[anchored.length - 1];
  const sums = new Float64Array(gradeCount);
  const means = new Float64Array(anchored.length);
  const weights = Float64Array.from(anchored, (g) => counts[g]);
  const pooled = new Float64Array(anchored.length);
  const pool = adjacentViolatorPool(anchored.length);
  const centres = new Float64Array(gradeCount);

  return {
    sources: Array.from({ length: gradeCount - 1 }, (_, g) =>
      g < lowest || g + 1 > highest ? 'extrapolated' : counts[g] > 0 && counts[g + 1] > 0 ? 'anchors' : 'interpolated',
    ),
    apply(anchorTheta, out) {
      sums.fill(0);
      for (let a = 0; a < anchorGrades.length; a++) sums[anchorGrades[a]] += anchorTheta[a];
      for (let k = 0; k < anchored.length; k++) means[k] = sums[anchored[k]] / counts[anchored[k]];
      pool(means, weights, pooled);
      const spacing = (pooled[pooled.length - 1] - pooled[0]) / (highest - lowest);
      if (!(spacing > 0)) return false;
      for (let k = 0; k < anchored.length; k++) centres[anchored[k]] = pooled[k];
      for (let k = 0; k + 1 < anchored.length; k++) {
        const [from, to] = [anchored[k], anchored[k + 1]];
        for (let g = from + 1; g < to; g++) centres[g] = centres[from] + ((centres[to] - centres[from]) * (g - from)) / (to - from);
      }
      for (let g = lowest - 1; g >= 0; g--) centres[g] = centres[g + 1] - spacing;
      for (let g = highest + 1; g < gradeCount; g++) centres[g] = centres[g - 1] + spacing;
      for (let g = 0; g + 1 < gradeCount; g++) out[g] = (centres[g] + centres[g + 1]) / 2;
      return true;
    },
  };
}

/**
 * Weighted isotonic regression (non-decreasing) by pooling adjacent
 * violators, for up to `size` values: pool(values, weights, out) writes the
 * fitted values into out. Its blocks are kept between calls.
 */
export function adjacentViolatorPool(size: number): (values: ArrayLike<number>, weights: ArrayLike<number>, out: Float64Array) => void {
  const blockValue = new Float64Array(size);
  const blockWeight = new Float64Array(size);
  const blockSize = new Int32Array(size);
  return (values, weights, out) => {
    let blocks = 0;
    for (let i = 0; i < values.length; i++) {
      blockValue[blocks] = values[i];
      blockWeight[blocks] = weights[i];
      blockSize[blocks] = 1;
      blocks++;
      while (blocks > 1 && blockValue[blocks - 2] > blockValue[blocks - 1]) {
        const [previous, last] = [blocks - 2, blocks - 1];
        blockValue[previous] = (blockValue[previous] * blockWeight[previous] + blockValue[last] * blockWeight[last]) / (blockWeight[previous] + blockWeight[last]);
        blockWeight[previous] += blockWeight[last];
        blockSize[previous] += blockSize[last];
        blocks--;
      }
    }
    for (let b = 0, i = 0; b < blocks; b++) for (let k = 0; k < blockSize[b]; k++) out[i++] = blockValue[b];
  };
}

export interface GradeProjection {
  /** Index of the most likely grade. */
  grade: number;
  /** P(each grade), lowest first; sums to 1. */
  probabilities: number[];
}

/**
 * The earlier method, now only the calibration's baseline: treats the
 * essay's true θ as normal around its sirt estimate with its SE, and gives
 * each grade the probability that θ falls between fixed boundaries. It leaves
 * out the boundaries' uncertainty and their correlation with the essay, and
 * states far more certainty than it earns (docs/cj.md). Null for an essay
 * with no comparisons (SE ∞).
 */
export function projectGrade(theta: number, se: number, boundaries: GradeBoundary[]): GradeProjection | null {
  if (!Number.isFinite(se) || !Number.isFinite(theta)) return null;
  const below = boundaries.map((boundary) => normalCdf((boundary.theta - theta) / se));
  const probabilities = Array.from({ length: boundaries.length + 1 }, (_, g) => (g < below.length ? below[g] : 1) - (g > 0 ? below[g - 1] : 0));
  let grade = 0;
  for (let g = 1; g < probabilities.length; g++) if (probabilities[g] > probabilities[grade]) grade = g;
  return { grade, probabilities };
}
