/**
 * Hunter2018 (2,035 scripts, 26,364 judgements; needs ../shared/data, fails clearly without it) fitted
 * through the app's CJ pool gives the numbers the engine gave before the fit was made faster
 * (issue #14), bit for bit, every time and whichever worker takes the task. The unit test
 * test/unit/cj/fit-identity.test.ts does the same on made-up sessions without the data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/logger';
import { readJudgementCsv } from '../../src-main/judging/judgement-csv';
import { createPools } from '../../src-main/pools';
import { sourceWorkerEntries } from '../../src-main/pools/entries.source';
import { fitDigest } from '../support/cj-fit-digest';
import { referenceData } from '../support/reference-data';

const file = referenceData('cj-judgements/Hunter2018.csv');
const { judgements } = readJudgementCsv(readFileSync(file, 'utf8'), file);
const pools = createPools(sourceWorkerEntries, 2, silentLogger);
afterAll(() => pools.close());

describe('Hunter2018 from ../shared/data: the fit gives the same numbers to the last bit', () => {
  it('four fits at once, whichever worker takes each, with split-half reliability', async () => {
    const fits = await Promise.all(Array.from({ length: 4 }, () => pools.cj.fit({ judgements, splitHalf: { splits: 100, seed: 1 } })));
    expect(fits[0].ssr).toBe(0.90548677037634);
    expect(fits[0].splitHalf).toBe(0.7968925757398073);
    for (const fit of fits) expect(fitDigest(fit)).toBe('815564c357307cf05c1ba460044e7ba190df94d38d6f4241dc4926b07e4b1c6a');
  });

  it('warm-started from the fit before the last 1% of judgements, as a live session refits', async () => {
    const earlier = Math.floor(judgements.winner.length * 0.99);
    const before = await pools.cj.fit({
      judgements: { ...judgements, winner: judgements.winner.slice(0, earlier), loser: judgements.loser.slice(0, earlier), judge: judgements.judge.slice(0, earlier) },
    });
    const fit = await pools.cj.fit({ judgements, warmStart: { scripts: before.scripts, theta: before.theta } });
    expect(fitDigest(fit)).toBe('6f4c62f5f064346aaa36339ddbb28ac53e0062c3937e25502fad3d237f0629b3');
  });
});
