import type { CjJudgements } from '../../shared/contracts/cj';

/**
 * A made-up session, the same on every machine: `scripts` scripts with true
 * values spread evenly over 4 logits, `judgements` random pairs, the better
 * script winning as Bradley–Terry says, judges taking turns. Its own small
 * generator (an LCG), so no change to the engine's random numbers changes it.
 */
export function syntheticSession(scripts: number, judgements: number, judges: number, seed: number): CjJudgements {
  let state = seed >>> 0;
  const random = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const winner = new Int32Array(judgements);
  const loser = new Int32Array(judgements);
  for (let j = 0; j < judgements; j++) {
    const a = Math.floor(random() * scripts);
    const b = (a + 1 + Math.floor(random() * (scripts - 1))) % scripts;
    const aWins = random() < 1 / (1 + Math.exp((4 * (b - a)) / scripts));
    winner[j] = aWins ? a : b;
    loser[j] = aWins ? b : a;
  }
  return {
    scripts: Array.from({ length: scripts }, (_, i) => `s${i}`),
    judges: Array.from({ length: judges }, (_, k) => `j${k}`),
    winner,
    loser,
    judge: Int32Array.from({ length: judgements }, (_, j) => j % judges),
  };
}
