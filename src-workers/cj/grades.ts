import { normalCdf } from './statistics';

/**
 * Grades from anchors, all in logits: anchor θ, boundaries, essay θ and SE
 * are on the one scale the fit produced. (The seed system mixed 0–1 rank
 * positions with logits; here no other unit exists.)
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
  const sums = new Float64Array(gradeCount);
  const counts = new Float64Array(gradeCount);
  for (const anchor of anchors) {
    sums[anchor.grade] += anchor.theta;
    counts[anchor.grade]++;
  }
  const anchored = [...counts.keys()].filter((g) => counts[g] > 0);
  if (anchored.length < 2) throw new AnchorError('TOO_FEW_ANCHORED_GRADES');
  const pooled = poolAdjacentViolators(
    anchored.map((g) => sums[g] / counts[g]),
    anchored.map((g) => counts[g]),
  );
  const lowest = anchored[0];
  const highest = anchored[anchored.length - 1];
  const spacing = (pooled[pooled.length - 1] - pooled[0]) / (highest - lowest);
  if (!(spacing > 0)) throw new AnchorError('ANCHORS_DO_NOT_SEPARATE');

  const centres = new Float64Array(gradeCount);
  anchored.forEach((g, k) => (centres[g] = pooled[k]));
  for (let k = 0; k + 1 < anchored.length; k++) {
    const [from, to] = [anchored[k], anchored[k + 1]];
    for (let g = from + 1; g < to; g++) centres[g] = centres[from] + ((centres[to] - centres[from]) * (g - from)) / (to - from);
  }
  for (let g = lowest - 1; g >= 0; g--) centres[g] = centres[g + 1] - spacing;
  for (let g = highest + 1; g < gradeCount; g++) centres[g] = centres[g - 1] + spacing;

  return Array.from({ length: gradeCount - 1 }, (_, g) => ({
    theta: (centres[g] + centres[g + 1]) / 2,
    source: g < lowest || g + 1 > highest ? 'extrapolated' : counts[g] > 0 && counts[g + 1] > 0 ? 'anchors' : 'interpolated',
  }));
}

/** Weighted isotonic regression (non-decreasing) by pooling adjacent violators. */
export function poolAdjacentViolators(values: number[], weights: number[]): number[] {
  const blocks: { value: number; weight: number; size: number }[] = [];
  values.forEach((value, i) => {
    blocks.push({ value, weight: weights[i], size: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].value > blocks[blocks.length - 1].value) {
      const last = blocks.pop()!;
      const previous = blocks[blocks.length - 1];
      previous.value = (previous.value * previous.weight + last.value * last.weight) / (previous.weight + last.weight);
      previous.weight += last.weight;
      previous.size += last.size;
    }
  });
  return blocks.flatMap((block) => Array<number>(block.size).fill(block.value));
}

export interface GradeProjection {
  /** Index of the most likely grade. */
  grade: number;
  /** P(each grade), lowest first; sums to 1. */
  probabilities: number[];
}

/**
 * Treats the essay's true θ as normal around its estimate with its SE, and
 * gives each grade the probability that θ falls between its boundaries.
 * Boundary uncertainty is not included. Null for an essay with no
 * comparisons (SE ∞): it has no grade yet.
 */
export function projectGrade(theta: number, se: number, boundaries: GradeBoundary[]): GradeProjection | null {
  if (!Number.isFinite(se) || !Number.isFinite(theta)) return null;
  const below = boundaries.map((boundary) => normalCdf((boundary.theta - theta) / se));
  const probabilities = Array.from({ length: boundaries.length + 1 }, (_, g) => (g < below.length ? below[g] : 1) - (g > 0 ? below[g - 1] : 0));
  let grade = 0;
  for (let g = 1; g < probabilities.length; g++) if (probabilities[g] > probabilities[grade]) grade = g;
  return { grade, probabilities };
}
