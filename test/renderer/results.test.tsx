import { describe, expect, it } from 'vitest';
import { clippedInterval, plotRange } from '../../src-renderer/src/components/ScalePlot';
import { formatNumber, formatProbability } from '../../shared/i18n';
import { formatInterval, gradeDistribution, judgementsFileName } from '../../src-renderer/src/views/ResultsView';

describe('numbers in the results', () => {
  it('use a real minus sign, a decimal comma in Swedish, no signed zero, and a dash for no number', () => {
    expect(formatNumber(-1.234, 2, 'sv')).toBe('−1,23');
    expect(formatNumber(-1.234, 2, 'en')).toBe('−1.23');
    expect(formatNumber(-0.001, 2, 'en')).toBe('0.00');
    expect(formatNumber(12.35, 1, 'sv')).toBe('12,3');
    expect(formatNumber(null, 2, 'sv')).toBe('–');
    expect(formatNumber(Infinity, 2, 'en')).toBe('–');
  });

  it('state a probability in whole percent, never 0 % or 100 %', () => {
    expect(formatProbability(0.784, 'sv')).toBe('78 %');
    expect(formatProbability(0.784, 'en')).toBe('78%');
    expect(formatProbability(0.994, 'sv')).toBe('99 %');
    expect(formatProbability(0.995, 'sv')).toBe('> 99 %');
    expect(formatProbability(1, 'en')).toBe('> 99%');
    expect(formatProbability(0.004, 'sv')).toBe('< 1 %');
  });

  it('show θ with its 95% interval, and no interval without comparisons', () => {
    expect(formatInterval(0.5, 0.5, 'en')).toBe('0.50 (−0.48 to 1.48)');
    expect(formatInterval(-1, 0.25, 'sv')).toBe('−1,00 (−1,49 till −0,51)');
    expect(formatInterval(0, null, 'en')).toBe('0.00 (–)');
    expect(formatInterval(0, Infinity, 'en')).toBe('0.00 (–)');
  });
});

describe('the grade distribution', () => {
  const session = { scale: ['F', 'E', 'C', 'A'], anchors: [{ essayId: 'x', grade: 'C' }] };
  const item = (essayId: string, grade: string | null, preliminary = false) => ({ essayId, grade, probabilities: [], preliminary });

  it("counts an anchor's known grade, the teacher's over the model's, in scale order, and how many are preliminary", () => {
    const items = [item('a', 'E', true), item('b', 'E', true), item('c', null), item('d', 'A'), item('x', 'A', true)];
    const overrides = [
      { essayId: 'b', grade: 'C' },
      { essayId: 'c', grade: 'F' },
    ];
    expect(gradeDistribution(session, items, overrides)).toEqual([
      { grade: 'F', count: 1, preliminary: 0 },
      { grade: 'E', count: 1, preliminary: 1 },
      { grade: 'C', count: 2, preliminary: 0 },
      { grade: 'A', count: 1, preliminary: 0 },
    ]);
  });

  it('is empty when no essay has a grade', () => {
    expect(gradeDistribution({ ...session, anchors: [] }, [item('a', null)], [])).toEqual([]);
  });
});

describe('the judgements file name', () => {
  it('is a slug of the title and the export date', () => {
    expect(judgementsFileName('Argumenterande text, vt 2026 – 9B/Åsa', '2026-03-14T10:00:00.000Z')).toBe(
      'huledu-judgements-argumenterande-text-vt-2026-9b-asa-2026-03-14.json',
    );
    expect(judgementsFileName('???', '2026-03-14T10:00:00.000Z')).toBe('huledu-judgements-session-2026-03-14.json');
  });
});

describe('the scale plot', () => {
  const point = (theta: number, se: number) => ({ essayId: String(theta), theta, se, anchor: false });

  it('spans every θ and boundary in whole logits, with ticks inside', () => {
    const range = plotRange([point(-1.2, 0.4), point(2.3, 0.5)], [{ above: 'C', theta: 3.1 }]);
    expect(range).toEqual({ min: -2, max: 4, ticks: [-2, -1, 0, 1, 2, 3, 4] });
  });

  it('clips an interval, even an infinite one, to the plot range', () => {
    const range = { min: -2, max: 2 };
    // No comparisons: no SE, and the interval spans the plot.
    expect(clippedInterval({ essayId: 'x', theta: 0, se: null, anchor: false }, range)).toEqual([-2, 2]);
    expect(clippedInterval(point(0, Infinity), range)).toEqual([-2, 2]);
    expect(clippedInterval(point(1.5, 1), range)).toEqual([1.5 - 1.96, 2]);
  });
});
