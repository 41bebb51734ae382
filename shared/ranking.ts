/**
 * Fits of the same judgements differ in their last digits from laptop to
 * laptop (a warm start on one, a cold start after a moderation import on the
 * other), so essays whose θ are this close hold one place on the scale.
 */
const SAME_PLACE = 1e-5;

/**
 * The scale's order: highest θ first, and essays at the same place by name,
 * so every laptop, view and export ranks a tie alike.
 */
export function byScale<T>(theta: (item: T) => number, name: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const difference = theta(b) - theta(a);
    return Math.abs(difference) >= SAME_PLACE ? difference : name(a).localeCompare(name(b), 'sv');
  };
}
