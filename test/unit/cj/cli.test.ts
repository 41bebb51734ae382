import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src-main/core/input-error';
import { parseCsv } from '../../../src-main/export/csv';
import { readJudgementCsv, readTruthCsv } from '../../../src-main/judging/judgement-csv';

const run = promisify(execFile);
const huledu = (...args: string[]) => run('npm', ['run', '--silent', 'huledu', '--', 'cj', ...args], { maxBuffer: 50_000_000 });

describe('judgement CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const records = parseCsv('\uFEFFa,b\r\n"x, y","say ""hej""",\n"two\nlines",z\n\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hej"', ''],
      ['two\nlines', 'z'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('takes judge,candidate_chosen,candidate_not_chosen or judge,winner,loser, in any column order', () => {
    const chosen = readJudgementCsv('candidate_chosen,judge,candidate_not_chosen,time\nA,j1,B,3\nB,j2,C,4\n', 'a.csv');
    const winner = readJudgementCsv('judge,winner,loser\nj1,A,B\nj2,B,C\n', 'b.csv');
    for (const { judgements } of [chosen, winner]) {
      expect(judgements.scripts).toEqual(['A', 'B', 'C']);
      expect(judgements.judges).toEqual(['j1', 'j2']);
      expect(Array.from(judgements.winner)).toEqual([0, 1]);
      expect(Array.from(judgements.loser)).toEqual([1, 2]);
    }
  });

  it('leaves out a script compared with itself, and counts it', () => {
    const file = readJudgementCsv('judge,winner,loser\nj,A,B\nj,C,C\nj,B,C\n', 'c.csv');
    expect(file.selfComparisons).toBe(1);
    expect(file.judgements.winner).toHaveLength(2);
  });

  it('explains bad input in Swedish and English', () => {
    expect(() => readJudgementCsv('judge,first,second\nj,A,B\n', 'x.csv')).toThrow(/rubrikraden .* \/ the header must have/);
    expect(() => readJudgementCsv('judge,winner,loser\nj,A,B\nj,,C\n', 'x.csv')).toThrow(/x\.csv rad 3: .* \/ x\.csv line 3: judge, winner and loser/);
    expect(() => readJudgementCsv('judge,winner,loser\nj,A,B\n', 'x.csv')).toThrow(/för få bedömningar .* \/ too few judgements/);
    expect(() => readTruthCsv('id,theta\na,1\nb,x\n', 't.csv')).toThrow(InputError);
    expect(() => readTruthCsv('id,theta\na,1\nb,x\n', 't.csv')).toThrow(/t\.csv rad 3: .* \/ t\.csv line 3: an id and a number/);
    expect(readTruthCsv('id,theta\na,1.5\nb,-2\n', 't.csv')).toEqual({ scripts: ['a', 'b'], theta: Float64Array.of(1.5, -2) });
  });
});

describe('huledu cj (the CLI, through the worker pool)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huledu-cj-'));
  const truthFile = join(dir, 'truth.csv');
  writeFileSync(truthFile, 'id,theta\n' + Array.from({ length: 24 }, (_, i) => `e${i},${((i - 11.5) / 5).toFixed(3)}`).join('\n'));

  it('simulates a session, and fits judgement files, one JSON line per file', async () => {
    const { stdout } = await huledu('simulate', '--truth', truthFile, '--per-script', '6', '--judges', '3', '--seed', '2', '--json');
    const simulated = JSON.parse(stdout);
    expect(simulated).toMatchObject({ comparisons: 72, perScript: 6, reliability: { method: 'simulated-true-r2' } });
    expect(simulated.reliability.lowerBound).toBeLessThanOrEqual(simulated.reliability.reported);
    expect(simulated.items).toHaveLength(24);
    expect(Object.keys(simulated)).toEqual(['comparisons', 'perScript', 'ssr', 'splitHalf', 'reliability', 'stoppedBecause', 'items']);

    const csv = join(dir, 'session.csv');
    writeFileSync(csv, 'judge,winner,loser\nj1,e3,e1\nj1,e2,e1\nj2,e3,e2\nj2,e1,e4\n');
    const lines = (await huledu('fit', csv, csv, '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file: csv, scripts: 4, judgements: 4, judges: 2 });
    expect(Object.keys(lines[0])).toEqual(['file', 'scripts', 'judgements', 'judges', 'ssr', 'sepG', 'splitHalf', 'ms', 'items', 'judgeFit']);
    expect(Object.keys(lines[0].items[0])).toEqual(['id', 'theta', 'se', 'infit', 'outfit', 'wins', 'comparisons']);
  }, 60_000);

  it('exits with 2 and a message in both languages for a missing file or a bad header', async () => {
    await expect(huledu('fit', join(dir, 'none.csv'))).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/Filen finns inte \/ No such file/) });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n');
    await expect(huledu('fit', bad)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/rubrikraden .* \/ the header/) });
  }, 60_000);
});
