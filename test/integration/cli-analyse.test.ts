import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import type { AnalysedEssay } from '../../src-main/hosts/cli/commands/analyse';
import { doneWhenFolder, moreFiles } from '../fixtures/documents';

const run = promisify(execFile);

async function analyse(...args: string[]): Promise<{ essays: AnalysedEssay[] }> {
  const { stdout } = await run('npm', ['run', '--silent', 'huledu', '--', 'analyse', ...args, '--json'], { maxBuffer: 50_000_000 });
  return JSON.parse(stdout);
}

describe('huledu analyse (the CLI host)', () => {
  it('gives the right status and code for every file in the foundation issue\'s folder, with å, ä and ö intact', async () => {
    const folder = join(inject('fixtures'), 'done-when');
    const { essays } = await analyse(folder, '--lang', 'sv');
    expect(essays.map((e) => e.file).sort()).toEqual(doneWhenFolder.map((f) => join(folder, f.name)).sort());
    for (const expected of doneWhenFolder) {
      const essay = essays.find((e) => e.file === join(folder, expected.name))!;
      expect({ file: expected.name, status: essay.status, code: essay.code ?? undefined }).toEqual({
        file: expected.name,
        status: expected.status,
        code: expected.code,
      });
      if (expected.duplicateOf) expect(essay.duplicateOf).toBe(join(folder, expected.duplicateOf));
      for (const word of expected.mustContain ?? []) expect(essay.text, expected.name).toContain(word);
      if (essay.status === 'rejected') {
        expect(essay.message?.sv).toMatch(/[a-zåäö]/);
        expect(essay.message?.en).toMatch(/[a-z]/);
        expect(essay.text).toBeNull();
      } else {
        expect(essay.words).toBeGreaterThanOrEqual(20);
        expect(essay.text).not.toMatch(/\uFFFD|Ã¥|Ã¤|Ã¶/); // no mojibake
      }
    }
  });

  it('names archive entries inside their archive and keeps the order files were given in', async () => {
    const more = join(inject('fixtures'), 'more');
    const zip = join(more, moreFiles.zip);
    const single = join(more, moreFiles.english);
    const { essays } = await analyse(single, zip, '--lang', 'en');
    expect(essays.map((e) => e.file)).toEqual([
      single,
      `${zip}!/klass 9B/sommar.docx`,
      `${zip}!/klass 9B/skoldagen.pdf`,
      `${zip}!/klass 9B/mormor.txt`,
    ]);
    expect(essays.every((e) => e.status === 'accepted')).toBe(true);
  });

  it('explains bad usage in Swedish and English and exits with 2', async () => {
    await expect(run('npm', ['run', '--silent', 'huledu', '--', 'analyse', '--lang', 'fi', 'x.txt'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--lang måste vara sv eller en \/ --lang must be sv or en/),
    });
    await expect(run('npm', ['run', '--silent', 'huledu', '--', 'analyse', '/no/such/file.docx'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Filen finns inte / No such file'),
    });
  });
});
