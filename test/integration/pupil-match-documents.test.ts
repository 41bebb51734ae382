import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimedFormat } from '../../shared/contracts/extraction';
import { PupilMatch } from '../../shared/contracts/pupils';
import { matchPupil, settleDuplicates } from '../../shared/pupils/match';
import { extract } from '../../src-workers/extraction/extract';
import { pupilClass, pupilDocuments, pupilEssays, type PupilEssay } from '../fixtures/pupil-documents';

type Outcome = 'right' | 'wrong-confident' | 'review' | 'missed';

/**
 * The matcher on a class's real documents (issue #13): each essay made by
 * pandoc or LibreOffice, read by the extraction engine (its author property
 * included) and matched against the class list, duplicates settled. Right:
 * matched to its writer, or none for an essay no one on the list wrote.
 */
describe('matching real essays to their pupils', () => {
  let results: Array<{ essay: PupilEssay; match: PupilMatch; author: string | undefined; outcome: Outcome }>;

  beforeAll(async () => {
    const dir = pupilDocuments();
    const read = await Promise.all(
      pupilEssays.map(async (essay) => {
        const claimed = essay.file.split('.').pop() as ClaimedFormat;
        const result = await extract(new Uint8Array(readFileSync(join(dir, essay.file))), claimed === ('txt' as ClaimedFormat) ? undefined : claimed);
        if (result.kind !== 'text') throw new Error(`${essay.file}: ${JSON.stringify(result)}`);
        return { essay, text: result.text, author: result.author };
      }),
    );
    const matches = settleDuplicates(new Map(read.map((r, i) => [i, matchPupil({ text: r.text, fileName: r.essay.file, author: r.author }, pupilClass)])));
    results = read.map((r, i) => {
      const match = matches.get(i)!;
      const outcome: Outcome =
        match.status === 'matched' ? (match.pupilId === r.essay.writer ? 'right' : 'wrong-confident') : match.status === 'review' ? 'review' : r.essay.writer === null ? 'right' : 'missed';
      return { essay: r.essay, match, author: r.author, outcome };
    });
    printTable(results);
  }, 120_000);

  it('reads the author property each tool stored', () => {
    for (const { essay, author } of results) {
      if (essay.author && essay.tool !== 'text') expect(author, essay.file).toBe(essay.author);
      if (!essay.author) expect(author, essay.file).toBeUndefined();
    }
  });

  it('gives answers that parse as PupilMatch', () => {
    for (const { match } of results) expect(PupilMatch.parse(match)).toEqual(match);
  });

  it('makes no confident wrong match', () => {
    expect(results.filter((r) => r.outcome === 'wrong-confident').map((r) => ({ file: r.essay.file, match: r.match }))).toEqual([]);
  });

  it('matches at least 90% of the essays that name their writer clearly', () => {
    const clear = results.filter((r) => r.essay.clear);
    const right = clear.filter((r) => r.outcome === 'right');
    expect(clear.length).toBeGreaterThanOrEqual(20);
    expect(right.length / clear.length, clear.filter((r) => r.outcome !== 'right').map((r) => r.essay.file).join(', ')).toBeGreaterThanOrEqual(0.9);
  });

  it('sends each trap where it belongs', () => {
    const of = (group: string) => results.filter((r) => r.essay.group === group);
    // Two pupils called Anna: review, with both.
    for (const { match } of of('shared first name')) {
      expect(match.status).toBe('review');
      expect(match.candidates.map((c) => c.pupilId).sort()).toEqual(['anna-b', 'anna-l']);
    }
    for (const group of ['misspelling', 'conflicting', 'duplicate']) for (const { match, essay } of of(group)) expect(match, essay.file).toMatchObject({ status: 'review', pupilId: essay.writer });
    for (const group of ['not on list', 'no name', 'classmate in text']) for (const { match, essay } of of(group)) expect(match.status, essay.file).toBe('none');
  });
});

function printTable(results: Array<{ essay: PupilEssay; outcome: Outcome; match: PupilMatch }>): void {
  const outcomes: Outcome[] = ['right', 'wrong-confident', 'review', 'missed'];
  const groups = [...new Set(results.map((r) => r.essay.group))];
  const rows = groups.map((group) => {
    const of = results.filter((r) => r.essay.group === group);
    return [group, String(of.length), ...outcomes.map((o) => String(of.filter((r) => r.outcome === o).length))];
  });
  rows.push(['all', String(results.length), ...outcomes.map((o) => String(results.filter((r) => r.outcome === o).length))]);
  const header = ['evidence or trap', 'essays', ...outcomes];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const detail = results.map((r) => `  ${r.essay.file.padEnd(48)} ${r.match.status.padEnd(8)} ${String(r.match.pupilId).padEnd(11)} ${r.match.confidence.toFixed(2)}  ${r.match.evidence.map((e) => e.kind).join(', ')}`);
  console.log(['', line(header), ...rows.map(line), '', ...detail].join('\n'));
}
