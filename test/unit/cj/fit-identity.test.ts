import { describe, expect, it } from 'vitest';
import type { CjFit, CjJudgements } from '../../../shared/contracts/cj';
import cjWorker from '../../../src-workers/cj/worker';
import { fitDigest } from '../../support/cj-fit-digest';
import { syntheticSession } from '../../support/cj-session-fixture';

/**
 * The fit's numbers, bit for bit, as the engine gave them before the fit was
 * made faster (issue #14). A change that moves any θ, SE, fit statistic or
 * reliability by one bit fails here; a deliberate change to the estimator
 * records new digests and says why in its commit.
 */
const fit = (judgements: CjJudgements, extra: object = {}) => cjWorker({ kind: 'fit', judgements, ...extra }) as CjFit;
const firstJudgements = (judgements: CjJudgements, count: number): CjJudgements => ({
  ...judgements,
  winner: judgements.winner.slice(0, count),
  loser: judgements.loser.slice(0, count),
  judge: judgements.judge.slice(0, count),
});

describe('the fit gives the same numbers to the last bit', () => {
  const session = syntheticSession(400, 4000, 5, 7);

  it('on a session of 400 scripts, with split-half reliability', () => {
    const result = fit(session, { splitHalf: { splits: 20, seed: 3 } });
    expect(result.ssr).toBe(0.8066054553940618);
    expect(result.splitHalf).toBe(0.6130240407454826);
    expect(fitDigest(result)).toBe('382fd7ae8bd5c039a9bf12bcd2c5356a5576b38f64b18eea7d480dddb4d42c06');
  });

  it('warm-started from the fit before the last 40 judgements', () => {
    const before = fit(firstJudgements(session, 3960));
    const result = fit(session, { warmStart: { scripts: before.scripts, theta: before.theta } });
    expect(fitDigest(result)).toBe('eed1a33e82fb1a2bb424c1237860d292d51079a498b7776c7135e1a75a2ce91b');
  });

  it('on a sparse session in 17 parts that needs the weak prior', () => {
    const result = fit(syntheticSession(60, 45, 3, 11));
    expect([result.components, result.separated]).toEqual([17, true]);
    expect(fitDigest(result)).toBe('b989a6c982c3dea6b64506e5f3e7bff55471d991a24ba275f9813faa66a7d279');
  });

  it('every time, in the same worker', () => {
    const digests = Array.from({ length: 4 }, () => fitDigest(fit(session)));
    expect(new Set(digests).size).toBe(1);
  });
});
