import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src-main/core/input-error';
import { UsageError } from '../../../src-main/hosts/cli/command';
import { parseScale } from '../../../src-main/hosts/cli/commands/cj';
import { parseCsv } from '../../../src-main/export/csv';
import { readAnchorCsv, readJudgementCsv, readTruthCsv } from '../../../src-main/judging/judgement-csv';

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

describe('anchor CSV and grade scale', () => {
  const scale = ['F', 'E', 'D', 'C', 'B', 'A'];

  it('reads id,grade in any column order', () => {
    expect(readAnchorCsv('grade,id,note\nE,e1,x\nA,e9,y\n', 'a.csv', scale)).toEqual([
      { script: 'e1', grade: 'E' },
      { script: 'e9', grade: 'A' },
    ]);
    expect(parseScale(' 1, 2 ,3')).toEqual(['1', '2', '3']);
  });

  it('explains bad anchors in Swedish and English', () => {
    expect(() => readAnchorCsv('id,betyg\ne1,E\n', 'a.csv', scale)).toThrow(/rubrikraden .* \/ the header must have the columns id,grade/);
    expect(() => readAnchorCsv('id,grade\ne1,E\ne2,G\n', 'a.csv', scale)).toThrow(/a\.csv rad 3: .* \/ a\.csv line 3: an id and a grade on the scale F,E,D,C,B,A/);
    expect(() => readAnchorCsv('id,grade\ne1,E\ne1,A\n', 'a.csv', scale)).toThrow(/e1 förekommer två gånger \/ e1 appears twice/);
    expect(() => readAnchorCsv('id,grade\ne1,C\ne2,C\n', 'a.csv', scale)).toThrow(/minst två olika betyg .* \/ anchors in at least two different grades/);
    expect(() => parseScale('A,A')).toThrow(UsageError);
    expect(() => parseScale('A,,B')).toThrow(UsageError);
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

  it('grades every file from the same anchors: each item gains its grade, a probability per grade and whether it is preliminary', async () => {
    // e0 … e9, the higher number winning three times in four, over three rounds of all pairs.
    const rows = ['judge,winner,loser'];
    for (let round = 0; round < 3; round++) {
      for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) rows.push((a + b + round) % 4 === 0 ? `j,e${a},e${b}` : `j,e${b},e${a}`);
    }
    const csv = join(dir, 'graded.csv');
    writeFileSync(csv, rows.join('\n'));
    const anchors = join(dir, 'anchors.csv');
    writeFileSync(anchors, 'id,grade\ne0,1\ne4,2\ne9,4\n');
    const lines = (await huledu('fit', csv, csv, '--anchors', anchors, '--scale', '1,2,3,4', '--json')).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    for (const item of lines[0].items) {
      expect(Object.keys(item).slice(-3)).toEqual(['grade', 'gradeProbabilities', 'preliminary']);
      expect(Object.keys(item.gradeProbabilities)).toEqual(['1', '2', '3', '4']);
      const probabilities = Object.values(item.gradeProbabilities) as number[];
      expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 9);
      expect(item.grade).toBe(['1', '2', '3', '4'][probabilities.indexOf(Math.max(...probabilities))]);
    }
    const byId = new Map(lines[0].items.map((item: { id: string }) => [item.id, item]));
    expect(byId.get('e9')).toMatchObject({ grade: '4', preliminary: false });
    expect(byId.get('e0')).toMatchObject({ grade: '1', preliminary: false });
    // The best pupil outranks the 2-anchor, so its grade is 2 or above.
    expect(['2', '3', '4']).toContain((byId.get('e8') as { grade: string }).grade);

    await expect(huledu('fit', csv, '--anchors', join(dir, 'none.csv'))).rejects.toMatchObject({ code: 2 });
    const stranger = join(dir, 'stranger.csv');
    writeFileSync(stranger, 'id,grade\ne0,E\nx1,A\n');
    await expect(huledu('fit', csv, '--anchors', stranger)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/ankaret x1 finns inte bland bedömningarna \/ the anchor x1 is not among the judgements/),
    });
    await expect(huledu('fit', csv, '--anchors', anchors)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/an id and a grade on the scale F,E,D,C,B,A/) });
  }, 90_000);

  it('measures grade calibration from the command line, the new method beside the earlier one', async () => {
    const { stdout } = await huledu('simulate', '--anchors-per-grade', '1', '--per-script', '2,10', '--replicates', '4', '--pupils', '12', '--selector', 'random', '--json');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.perScript, line.method, line.replicates])).toEqual([
      [2, 'random', 4],
      [10, 'random', 4],
    ]);
    for (const line of lines) {
      for (const metrics of [line.posterior, line.earlier]) expect(metrics).toMatchObject({ grades: 48, ece: expect.any(Number), logLoss: expect.any(Number) });
    }
    await expect(huledu('simulate', '--anchors-per-grade', '1', '--truth', truthFile)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--truth hör inte till --anchors-per-grade \/ --truth does not go with --anchors-per-grade/),
    });
  }, 90_000);

  it('exits with 2 and a message in both languages for a missing file or a bad header', async () => {
    await expect(huledu('fit', join(dir, 'none.csv'))).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/Filen finns inte \/ No such file/) });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n');
    await expect(huledu('fit', bad)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/rubrikraden .* \/ the header/) });
  }, 60_000);
});
