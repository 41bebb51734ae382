import { describe, expect, it } from 'vitest';
import { adjacentViolatorPool, AnchorError, boundariesFromAnchors, projectGrade, type AnchorPlacement } from '../../../src-workers/cj/grades';

const F_TO_A = 6;

/** Two anchors per Swedish grade F..A, centred at −2.5, −1.5, …, 2.5 logits. */
const anchors: AnchorPlacement[] = Array.from({ length: F_TO_A }, (_, g) => [
  { theta: g - 2.5 - 0.1, grade: g },
  { theta: g - 2.5 + 0.1, grade: g },
]).flat();

describe('grade boundaries from anchors', () => {
  it('puts each boundary midway between neighbouring grades’ anchors', () => {
    const boundaries = boundariesFromAnchors(anchors, F_TO_A);
    expect(boundaries.map((b) => b.theta)).toEqual([-2, -1, 0, 1, 2].map((x) => expect.closeTo(x, 12)));
    expect(boundaries.every((b) => b.source === 'anchors')).toBe(true);
  });

  it('stays monotone when an anchor was judged out of order', () => {
    // The C anchors came out below the D anchors.
    const disordered = anchors.map((a) => (a.grade === 3 ? { ...a, theta: a.theta - 1.6 } : a));
    const boundaries = boundariesFromAnchors(disordered, F_TO_A).map((b) => b.theta);
    for (let k = 1; k < boundaries.length; k++) expect(boundaries[k]).toBeGreaterThanOrEqual(boundaries[k - 1]);
  });

  it('interpolates a grade without anchors and extrapolates beyond the anchored ones, and says which', () => {
    // Anchors for E, C and B only: centres −1, (D: 0), 1, 2, and F and A one spacing beyond.
    const sparse = [
      { theta: -1, grade: 1 },
      { theta: 1, grade: 3 },
      { theta: 2, grade: 4 },
    ];
    const boundaries = boundariesFromAnchors(sparse, F_TO_A);
    expect(boundaries.map((b) => b.source)).toEqual(['extrapolated', 'interpolated', 'interpolated', 'anchors', 'extrapolated']);
    expect(boundaries.map((b) => b.theta)).toEqual([-1.5, -0.5, 0.5, 1.5, 2.5].map((x) => expect.closeTo(x, 12)));
    // A custom scale, 1–9: the same anchors as grades 3, 5 and 6.
    const nine = boundariesFromAnchors(sparse.map((a) => ({ ...a, grade: a.grade + 1 })), 9);
    expect(nine).toHaveLength(8);
    expect(nine.filter((b) => b.source === 'extrapolated')).toHaveLength(5);
  });

  it('needs anchors in two grades that the judgements tell apart', () => {
    expect(() => boundariesFromAnchors([{ theta: 0, grade: 2 }, { theta: 1, grade: 2 }], F_TO_A)).toThrow(AnchorError);
    expect(() => boundariesFromAnchors([{ theta: 1, grade: 1 }, { theta: 0, grade: 4 }], F_TO_A)).toThrow(
      expect.objectContaining({ code: 'ANCHORS_DO_NOT_SEPARATE' }),
    );
  });

  it('pools adjacent violators by weight, and reuses its blocks from call to call', () => {
    const pool = adjacentViolatorPool(4);
    const out = new Float64Array(4);
    pool([1, 3, 2, 4], [1, 1, 3, 1], out);
    expect(Array.from(out)).toEqual([1, 2.25, 2.25, 4]);
    pool([4, 3, 2, 1], [1, 1, 1, 1], out);
    expect(Array.from(out)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });
});

describe('grade projection', () => {
  const boundaries = boundariesFromAnchors(anchors, F_TO_A);

  it('gives probabilities for every grade that sum to 1, most likely where θ lies', () => {
    for (const [theta, se, grade] of [
      [-3, 0.3, 0],
      [0.5, 0.3, 3],
      [1.7, 0.2, 4],
      [4, 1.5, 5],
    ]) {
      const projection = projectGrade(theta, se, boundaries)!;
      expect(projection.probabilities).toHaveLength(F_TO_A);
      expect(projection.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(projection.probabilities.every((p) => p >= 0)).toBe(true);
      expect(projection.grade).toBe(grade);
    }
  });

  it('is unsure on a boundary and sure far inside a grade: the 0.7 flag tells them apart', () => {
    const onBoundary = projectGrade(1, 0.3, boundaries)!;
    expect(onBoundary.probabilities[onBoundary.grade]).toBeLessThan(0.7);
    const inside = projectGrade(0.5, 0.15, boundaries)!;
    expect(inside.probabilities[inside.grade]).toBeGreaterThan(0.7);
  });

  it('works in logits only: moving or stretching the whole scale changes no probability', () => {
    const projection = projectGrade(0.8, 0.4, boundaries)!;
    const moved = anchors.map((a) => ({ ...a, theta: a.theta + 7 }));
    expect(projectGrade(7.8, 0.4, boundariesFromAnchors(moved, F_TO_A))!.probabilities).toEqual(
      projection.probabilities.map((p) => expect.closeTo(p, 9)),
    );
    const stretched = anchors.map((a) => ({ ...a, theta: a.theta * 3 }));
    expect(projectGrade(2.4, 1.2, boundariesFromAnchors(stretched, F_TO_A))!.probabilities).toEqual(
      projection.probabilities.map((p) => expect.closeTo(p, 9)),
    );
    // Boundaries come out on the anchors' scale, not as 0–1 positions.
    expect(boundariesFromAnchors(stretched, F_TO_A)[4].theta).toBeCloseTo(6, 9);
  });

  it('gives no grade to an essay nobody has judged yet', () => {
    expect(projectGrade(0, Infinity, boundaries)).toBeNull();
  });
});
