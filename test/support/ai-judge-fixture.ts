import { ellipseEssays } from './spell-reference';

/** The first `count` ELLIPSE essays with their true quality: θ = 1.35 × the z-score of the human Overall score (docs/cj.md). */
export function ellipseWithTruth(count: number): { id: string; text: string; theta: number }[] {
  const essays = ellipseEssays().slice(0, count);
  const mean = essays.reduce((s, e) => s + e.overall, 0) / essays.length;
  const sd = Math.sqrt(essays.reduce((s, e) => s + (e.overall - mean) ** 2, 0) / (essays.length - 1));
  return essays.map((e) => ({ id: e.id, text: e.text, theta: (1.35 * (e.overall - mean)) / sd }));
}
