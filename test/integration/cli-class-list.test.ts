import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysedEssay } from '../../src-main/hosts/cli/commands/analyse';
import { pupilClass, pupilDocuments, pupilEssays } from '../fixtures/pupil-documents';

const run = promisify(execFile);
const huledu = (...args: string[]) => run('npm', ['run', '--silent', 'huledu', '--', ...args], { maxBuffer: 50_000_000 });
const scratch = mkdtempSync(join(tmpdir(), 'huledu-class-list-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * `analyse --class-list` (issue #13) as a teacher runs it: a folder of a
 * class's real essays (pandoc and LibreOffice, the author property set as
 * Word and LibreOffice set it) and the class list as a school system's CSV.
 */
describe('huledu analyse --class-list', () => {
  it('matches each essay to its pupil with no confident wrong match, and at least 90% of the essays whose author is clear', async () => {
    const dir = pupilDocuments();
    const list = join(scratch, 'klasslista.csv');
    writeFileSync(list, ['Efternamn;Förnamn;Klass', ...pupilClass.map((p) => `${p.lastName};${p.firstName};9B`)].join('\r\n'));
    const { stdout } = await huledu('analyse', dir, '--class-list', list, '--json');
    const { essays } = JSON.parse(stdout) as { essays: AnalysedEssay[] };
    const nameOf = new Map(pupilClass.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));

    const rows = pupilEssays.map((expected) => {
      const essay = essays.find((e) => relative(dir, e.file) === expected.file);
      if (!essay?.pupil) throw new Error(`${expected.file}: no pupil in the answer`);
      const writer = expected.writer === null ? null : nameOf.get(expected.writer)!;
      const { status, name } = essay.pupil;
      const outcome = status === 'matched' ? (name === writer ? 'right' : 'wrong-confident') : status === 'review' ? 'review' : writer === null ? 'right' : 'missed';
      return { ...expected, status, outcome, candidates: essay.pupil.candidates.length, evidence: essay.pupil.evidence.map((e) => e.kind).join(' ') };
    });
    const count = (rs: typeof rows, outcome: string) => rs.filter((r) => r.outcome === outcome).length;
    const groups = [...new Set(rows.map((r) => r.group))];
    console.table(
      groups.map((group) => {
        const rs = rows.filter((r) => r.group === group);
        return { group, essays: rs.length, right: count(rs, 'right'), 'wrong-confident': count(rs, 'wrong-confident'), review: count(rs, 'review'), missed: count(rs, 'missed') };
      }),
    );
    const clear = rows.filter((r) => r.clear);
    const matchedRight = clear.filter((r) => r.status === 'matched' && r.outcome === 'right').length;
    console.log(
      `${rows.length} essays, ${pupilClass.length} pupils: right ${count(rows, 'right')}, wrong-confident ${count(rows, 'wrong-confident')}, review ${count(rows, 'review')}, missed ${count(rows, 'missed')}; clear author: ${matchedRight} of ${clear.length} matched`,
    );
    console.log('to review:', rows.filter((r) => r.outcome === 'review').map((r) => `${r.file} (${r.group})`).join(', '));

    expect(count(rows, 'wrong-confident')).toBe(0);
    expect(matchedRight / clear.length).toBeGreaterThanOrEqual(0.9);
    // Every review offers the teacher someone to pick, at most three.
    for (const r of rows.filter((x) => x.status === 'review')) expect(r.candidates, r.file).toBeGreaterThan(0);
  }, 240_000);

  it('refuses a class list it cannot read, in Swedish and English, with exit status 2', async () => {
    const image = join(scratch, 'klass.xlsx');
    writeFileSync(image, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const failed = await huledu('analyse', scratch, '--class-list', image, '--json').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/klasslista|Klasslistan/i);
    expect(failed?.stderr).toMatch(/class list/i);
  });

  it('leaves the answer as before without --class-list: no pupil field', async () => {
    const file = join(scratch, 'uppsats.txt');
    writeFileSync(file, 'Det här är en uppsats om sommaren som jag skrev i skolan för att visa hur man skriver en text med minst tjugo ord.');
    const { essays } = JSON.parse((await huledu('analyse', file, '--json')).stdout) as { essays: AnalysedEssay[] };
    expect(essays[0]).not.toHaveProperty('pupil');
  });
});
