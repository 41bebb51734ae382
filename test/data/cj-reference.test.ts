/**
 * The CJ engine against the published reference (needs ../shared/data; fails clearly without it):
 * - SSR within 0.002 of sirt::btm's value in the meta-analysis (Kinnear, Jones & Davies 2025), for every session with a data file;
 * - θ (r ≥ 0.999), SE and infit against sirt's per-script output in sirt-btm-results/.
 * Run with `npx vitest run --project data test/data/cj-reference.test.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src-main/export/csv';
import { readJudgementCsv } from '../../src-main/judging/judgement-csv';
import { fitScale, type ScaleFit } from '../../src-workers/cj/scale';
import { splitHalfReliability } from '../../src-workers/cj/split-half';
import { median, pearson } from '../../src-workers/cj/statistics';
import { referenceData, referenceDataDir } from '../support/reference-data';

interface Published {
  session: string;
  ssr: number;
  sepG: number;
  medianSplitCorr: number;
}

const table = (path: string): Record<string, string>[] => {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((row) => Object.fromEntries(header.fields.map((name, k) => [name, row.fields[k]])));
};

const published: Published[] = table(referenceData('cj-judgements/01-meta-analysis-data.csv')).map((row) => ({
  session: row.judging_session,
  ssr: Number(row.ssr),
  sepG: Number(row.sepG),
  medianSplitCorr: Number(row.median_split_corr),
}));
const dataFile = (session: string): string => `${referenceDataDir}/cj-judgements/${session}.csv`;
const withData = published.filter((p) => existsSync(dataFile(p.session)));

/** Fits each session once; the scripts that were compared with themselves are kept aside (sirt counts those rows, we leave them out). */
const fitted = new Map<string, { scripts: string[]; fit: ScaleFit; judgements: ReturnType<typeof readJudgementCsv>['judgements']; selfCompared: Set<string> }>();
function fitSession(session: string) {
  if (!fitted.has(session)) {
    const { judgements, selfCompared } = readJudgementCsv(readFileSync(dataFile(session), 'utf8'), session);
    const fit = fitScale({
      scriptCount: judgements.scripts.length,
      judgeCount: judgements.judges.length,
      winner: judgements.winner,
      loser: judgements.loser,
      judge: judgements.judge,
    });
    fitted.set(session, { scripts: judgements.scripts, fit, judgements, selfCompared });
  }
  return fitted.get(session)!;
}

describe('CJ engine against sirt::btm (needs the reference data in ../shared/data)', () => {
  it('has a data file for every session of the meta-analysis but the two Jones2020 ones', () => {
    expect(published).toHaveLength(101);
    expect(published.filter((p) => !existsSync(dataFile(p.session))).map((p) => p.session)).toEqual([
      'Jones2020_brightness-equalised',
      'Jones2020_main-study',
    ]);
  });

  it('reproduces the published SSR within 0.002, and G within 1%, for every session with data', () => {
    const errors = withData.map((p) => {
      const { fit } = fitSession(p.session);
      return { session: p.session, ssr: fit.ssr, error: Math.abs(fit.ssr - p.ssr), gError: Math.abs(fit.sepG - p.sepG) / p.sepG };
    });
    const worst = errors.reduce((a, b) => (b.error > a.error ? b : a));
    console.log(`SSR: ${errors.length} sessions, largest |error| ${worst.error.toExponential(2)} (${worst.session})`);
    for (const e of errors) {
      expect(e.error, e.session).toBeLessThanOrEqual(0.002);
      expect(e.gError, e.session).toBeLessThanOrEqual(0.01);
    }
  });

  it('matches sirt’s θ (r ≥ 0.999), SE (within 0.5%) and infit (within 0.01) script by script', () => {
    const sessions = withData.filter((p) => existsSync(referenceData('cj-judgements/sirt-btm-results') + `/${p.session}.csv`));
    expect(sessions.length).toBe(99);
    let lowestR = 1;
    for (const { session } of sessions) {
      const { scripts, fit, selfCompared } = fitSession(session);
      const index = new Map(scripts.map((id, i) => [id, i]));
      const sirt = table(referenceData(`cj-judgements/sirt-btm-results/${session}.csv`));
      expect(sirt.length, session).toBe(scripts.length);
      const ours = sirt.map((row) => index.get(row.individual)!);
      const r = pearson(
        ours.map((i) => fit.theta[i]),
        sirt.map((row) => Number(row.theta)),
      );
      lowestR = Math.min(lowestR, r);
      expect(r, session).toBeGreaterThanOrEqual(0.999);
      sirt.forEach((row, k) => {
        if (selfCompared.has(row.individual)) return;
        expect(Math.abs(fit.se[ours[k]] / Number(row['se.theta']) - 1), `${session} ${row.individual} SE`).toBeLessThanOrEqual(0.005);
        expect(Math.abs(fit.infit[ours[k]] - Number(row.infit)), `${session} ${row.individual} infit`).toBeLessThanOrEqual(0.01);
      });
    }
    console.log(`θ: lowest correlation with sirt ${lowestR.toFixed(6)} over ${sessions.length} sessions`);
  });

  it('finds split-half reliabilities like the published medians (different random splits, so only close)', () => {
    const differences = withData.map((p) => {
      const { judgements, fit } = fitSession(p.session);
      const splitHalf = splitHalfReliability(
        { scriptCount: judgements.scripts.length, judgeCount: judgements.judges.length, winner: judgements.winner, loser: judgements.loser, judge: judgements.judge },
        { splits: 100, seed: 1, eps: 0.3 },
        fit.theta,
      );
      return splitHalf! - p.medianSplitCorr;
    });
    const absolute = differences.map(Math.abs);
    console.log(`split-half: median |difference| ${median(absolute).toFixed(4)}, largest ${Math.max(...absolute).toFixed(4)}`);
    expect(median(absolute)).toBeLessThan(0.01);
    expect(Math.max(...absolute)).toBeLessThan(0.1);
  });
});
