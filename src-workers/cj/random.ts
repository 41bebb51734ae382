import { normalQuantile, normalUpperTail } from './statistics';

/** A seeded generator of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: small, fast and good enough for choosing pairs and simulating
 * judges. The engine never uses Math.random, so every session, split and
 * simulation can be repeated from its seed.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** A draw from the standard normal distribution (Box–Muller). */
export function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Fisher–Yates, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * A standard normal draw restricted to [low, high] (either may be infinite),
 * by inverting the distribution function. Above 0 it works with upper tails,
 * below 0 by symmetry, so an interval far out is drawn as accurately as one
 * near the middle.
 */
export function truncatedStandardNormal(random: Random, low: number, high: number): number {
  if (high <= 0) return -truncatedStandardNormal(random, -high, -low);
  // 1 − random() is in (0, 1]: u never reaches the excluded end.
  if (low >= 0) {
    const [tailLow, tailHigh] = [normalUpperTail(low), normalUpperTail(high)];
    if (tailLow === 0) return low;
    return Math.min(high, Math.max(low, -normalQuantile(tailHigh + (1 - random()) * (tailLow - tailHigh))));
  }
  const [below, above] = [normalUpperTail(-low), normalUpperTail(high)];
  const u = below + (1 - random()) * (1 - above - below);
  return Math.min(high, Math.max(low, normalQuantile(Math.min(u, 1 - Number.EPSILON))));
}
