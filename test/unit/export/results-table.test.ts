import { describe, expect, it } from 'vitest';
import { resultsCells, resultsHeaders, resultsTable } from '../../../src-main/export/results-table';
import { fixture } from './fixture';

describe('the results table', () => {
  it('has one row per accepted essay, by θ from the highest, then the unranked by file', () => {
    const rows = resultsTable(fixture());
    expect(rows.map((r) => [r.essayId, r.rank])).toEqual([
      ['e3', 1],
      ['e1', 2],
      ['e2', 3],
      ['e4', 4],
      ['e6', null],
    ]);
  });

  it('lists a pupil whose spellcheck failed, with words but no spelling figure', () => {
    const rows = resultsTable(fixture({ spellcheckFailed: true }));
    expect(rows.map((r) => r.essayId)).toEqual(['e3', 'e1', 'e2', 'e4', 'e7', 'e6']);
    expect(rows.find((r) => r.essayId === 'e7')).toMatchObject({ file: 'bo-ek.txt', words: 12, per100: null, rank: null, grade: null });
    expect(resultsCells(rows, 'sv')[4].slice(2, 5)).toEqual([12, null, null]);
  });

  it('counts misspellings after the teacher’s decisions and the batch’s word list', () => {
    const per100 = new Map(resultsTable(fixture()).map((r) => [r.essayId, r.per100]));
    // Åsa: 2 of 3 findings count (one ignored) in 24 words; "matte" is in the batch's word list.
    expect(per100.get('e1')).toBeCloseTo(200 / 24, 10);
    expect(per100.get('e2')).toBe(6.25);
    expect(per100.get('e3')).toBe(0);
  });

  it('shows an anchor’s known grade, the teacher’s over the model’s, and the model’s with its probability and whether it is preliminary', () => {
    const rows = new Map(resultsTable(fixture()).map((r) => [r.essayId, r]));
    expect(rows.get('e1')).toMatchObject({ grade: 'C', gradeSource: 'model', probability: 0.78, preliminary: true, theta: 1.35, se: 0.42, comparisons: 12 });
    expect(rows.get('e3')).toMatchObject({ grade: 'A', gradeSource: 'model', probability: 0.996, preliminary: false });
    expect(rows.get('e4')).toMatchObject({ grade: 'D', gradeSource: 'teacher', probability: null, preliminary: false, modelGrade: 'E', modelProbability: 0.7 });
    // The anchor has no comparisons yet, and its grade is still the known one, never a model's guess.
    expect(rows.get('e2')).toMatchObject({ grade: 'D', gradeSource: 'anchor', probability: null, preliminary: false, se: null, comparisons: 0 });
    expect(rows.get('e6')).toMatchObject({ grade: null, gradeSource: null, preliminary: false, theta: null, se: null, rank: null, comparisons: null });
  });

  it('without a fitted session, lists the essays by file with no rank, θ or grade', () => {
    const rows = resultsTable(fixture({ withSession: false }));
    expect(rows.map((r) => r.file)).toEqual(['erik.lind.odt', 'klass 9B/anna;"citat".txt', 'okänd.txt', 'zenta-sen.txt', 'Åsa-Öberg uppsats.docx']);
    expect(rows.every((r) => r.rank === null && r.theta === null && r.grade === null)).toBe(true);
  });

  it('rounds the cells as the exports keep them, in the documented column order, and never states 100 %', () => {
    expect(resultsHeaders('sv')).toEqual([
      'Elev',
      'Fil',
      'Ord',
      'Stavfel per 100 ord',
      'Plats',
      'Placering på skalan (θ)',
      'Osäkerhet i placeringen (SE)',
      'Betyg',
      'Betyget från',
      'Sannolikhet för betyget',
      'Preliminärt',
      'Jämförelser',
    ]);
    const cells = resultsCells(resultsTable(fixture()), 'sv');
    expect(cells[0]).toEqual(['', 'okänd.txt', 12, 0, 1, 2.1, 0.5, 'A', 'modellen', '> 99 %', null, 11]);
    expect(cells[1]).toEqual(['Åsa Öberg', 'Åsa-Öberg uppsats.docx', 24, 8.33, 2, 1.35, 0.42, 'C', 'modellen', '78 %', 'ja', 12]);
  });
});

describe('the pupil of an essay', () => {
  it('is the pupil intake matched or the teacher chose, and nobody while intake is unsure or found nobody', () => {
    const student = new Map(resultsTable(fixture()).map((r) => [r.essayId, r.student]));
    expect(student.get('e1')).toBe('Åsa Öberg');
    // The file name says "erik.lind", but intake sent it to review: not a name the export may state.
    expect(student.get('e2')).toBe('');
    expect(student.get('e3')).toBe('');
    expect(student.get('e4')).toBe('Anna');
    expect(student.get('e6')).toBe('Zenta');
  });
});
