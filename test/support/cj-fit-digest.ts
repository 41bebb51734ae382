import { createHash } from 'node:crypto';
import type { CjFit } from '../../shared/contracts/cj';

/**
 * Everything a fit reports except its time, as one SHA-256: the exact bits of
 * every θ, SE, fit statistic and count, and the scalars. Two fits with the
 * same digest show a teacher the same numbers to the last digit.
 */
export function fitDigest(fit: CjFit): string {
  const hash = createHash('sha256');
  const arrays = [fit.theta, fit.se, fit.infit, fit.outfit, fit.wins, fit.comparisons, fit.judgeInfit, fit.judgeOutfit, fit.judgeJudgements];
  for (const values of arrays) hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  const scalars = [fit.ssr, fit.sepG, fit.splitHalf].map((value) => (value === null ? 'null' : Buffer.from(Float64Array.of(value).buffer).toString('hex')));
  hash.update(JSON.stringify({ scalars, iterations: fit.iterations, converged: fit.converged, separated: fit.separated, components: fit.components }));
  hash.update(JSON.stringify([fit.scripts, fit.judges]));
  return hash.digest('hex');
}
