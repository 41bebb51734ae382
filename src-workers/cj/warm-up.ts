import type { CjFitTask } from '../../shared/contracts/cj';
import { seededRandom } from './random';

/** A made-up session, as the app sends it: 500 scripts, 5,000 judgements, 8 judges, outcomes by Bradley–Terry on an even spread. */
function warmUpSession(seed: number): CjFitTask['judgements'] {
  const scripts = 500;
  const judgements = 5000;
  const random = seededRandom(seed);
  const winner = new Int32Array(judgements);
  const loser = new Int32Array(judgements);
  const judge = new Int32Array(judgements);
  for (let j = 0; j < judgements; j++) {
    const a = Math.floor(random() * scripts);
    const b = (a + 1 + Math.floor(random() * (scripts - 1))) % scripts;
    const aWins = random() < 1 / (1 + Math.exp((4 * (b - a)) / scripts));
    winner[j] = aWins ? a : b;
    loser[j] = aWins ? b : a;
    judge[j] = j % 8;
  }
  return {
    scripts: Array.from({ length: scripts }, (_, i) => `w${i}`),
    judges: Array.from({ length: 8 }, (_, k) => `j${k}`),
    winner,
    loser,
    judge,
  };
}

const WARM_UP_FITS = 10;

/**
 * A worker's first fits run in V8's interpreter and baseline code: Hunter2018
 * (2,035 scripts) took 95–280 ms in a new worker and 5 ms once V8 had
 * optimised the fit's loops. So each CJ worker fits made-up sessions through
 * its own entry (`fit`: parse, fit, warm start, split halves, result check)
 * before it takes a task; piscina gives it none until its module has loaded.
 * The fit keeps nothing from these but compiled code: its numbers are the
 * same bit for bit (test/unit/cj/fit-identity.test.ts).
 */
export function warmUpFit(fit: (task: CjFitTask) => unknown): void {
  for (let k = 0; k < WARM_UP_FITS; k++) {
    const judgements = warmUpSession(k + 1);
    const first = fit({ kind: 'fit', judgements, splitHalf: k === 0 ? { splits: 1, seed: 1 } : null }) as { theta: Float64Array };
    if (k === 0) fit({ kind: 'fit', judgements, warmStart: { scripts: judgements.scripts, theta: first.theta } });
  }
}
