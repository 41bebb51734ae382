import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableNames } from '../../shared/db/schema';
import { analyse } from '../../src-main/hosts/cli/commands/analyse';
import { createCliHost } from '../../src-main/hosts/cli/compose';
import { fixtureTexts } from '../fixtures/texts';

/**
 * A chosen folder holding the names and links that used to stop a whole run
 * (issue #12): a Latin-1 file name, a symlink loop and a symlink to a file
 * outside the folder, beside a good essay.
 */

const SECRET = 'HEMLIG-RAD-SOM-ALDRIG-FAR-LASAS';

function craftedFolder(): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'huledu-folder-'));
  const folder = join(root, 'klass');
  mkdirSync(folder);
  writeFileSync(join(root, 'essay.md'), fixtureTexts.docx + '\n');
  execFileSync('pandoc', [join(root, 'essay.md'), '-o', join(folder, 'sommar.docx')]);
  // A name that is not UTF-8: "Åsa.txt" in Latin-1.
  writeFileSync(Buffer.concat([Buffer.from(folder + '/'), Buffer.from('\xc5sa.txt', 'latin1')]), 'Åsa skrev om sin sommar på landet.');
  symlinkSync(join(folder, 'loop-b'), join(folder, 'loop-a'));
  symlinkSync(join(folder, 'loop-a'), join(folder, 'loop-b'));
  writeFileSync(join(root, 'secret.txt'), `${SECRET} ${fixtureTexts.txt}`);
  symlinkSync(join(root, 'secret.txt'), join(folder, 'hemligt.txt'));
  // Links to a folder above this one and to this one: walking either would never end.
  symlinkSync(root, join(folder, 'uppat'));
  symlinkSync(folder, join(folder, 'sjalv'));
  return { root, folder };
}

describe('a chosen folder with bad names and links', () => {
  const { root, folder } = craftedFolder();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finishes, accepts the good essay, never reads the outside file and gives every bad one a code', async () => {
    const host = createCliHost();
    try {
      const essays = await analyse(host, [folder], 'sv');
      const byName = (name: string) => essays.find((e) => e.file === join(folder, name));
      expect(byName('sommar.docx')).toMatchObject({ status: 'accepted' });
      expect(byName('hemligt.txt')).toMatchObject({ status: 'rejected', code: 'SYMLINK_OUTSIDE' });
      expect(byName('uppat')).toMatchObject({ status: 'rejected', code: 'SYMLINK_OUTSIDE' });
      expect(byName('loop-a')).toMatchObject({ status: 'rejected', code: 'SYMLINK_LOOP' });
      expect(byName('loop-b')).toMatchObject({ status: 'rejected', code: 'SYMLINK_LOOP' });
      expect(byName('sjalv')).toMatchObject({ status: 'rejected', code: 'SYMLINK_LOOP' });
      expect(byName('\uFFFDsa.txt')).toMatchObject({ status: 'rejected', code: 'UNREADABLE_NAME' });
      expect(essays).toHaveLength(7);
      for (const essay of essays.filter((e) => e.status === 'rejected')) {
        expect(essay.message?.sv).toMatch(/[a-zåäö]/);
        expect(essay.message?.en).toMatch(/[a-z]/);
      }

      const stored = await Promise.all(tableNames.map((t) => host.db.table(t).toArray()));
      const everything = JSON.stringify([essays, stored], (_key, value: unknown) =>
        value instanceof Uint8Array ? new TextDecoder().decode(value) : value,
      );
      expect(everything).not.toContain(SECRET);
    } finally {
      await host.close();
    }
  });

  it('runs from the command line with exit status 0', () => {
    const stdout = execFileSync('npm', ['run', '--silent', 'huledu', '--', 'analyse', folder, '--json'], { encoding: 'utf8' });
    expect(stdout).not.toContain(SECRET);
    expect(JSON.parse(stdout).essays).toHaveLength(7);
  });
});
