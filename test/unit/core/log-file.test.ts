import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogFile } from '../../../src-main/core/log-file';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'huledu-log-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('the log file', () => {
  it('writes lines in order in the background and rotates by size, keeping a few files', async () => {
    const dir = await tempDir();
    const log = createLogFile({ dir, name: 'main.log', maxBytes: 200, keep: 2 });
    for (let i = 0; i < 150; i++) {
      log.write(JSON.stringify({ i }));
      if (i % 5 === 4) await log.flushed();
    }
    await log.flushed();
    expect((await readdir(dir)).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    const sizes = await Promise.all(['main.log', 'main.log.1', 'main.log.2'].map(async (f) => (await readFile(join(dir, f))).length));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    const newest = (await readFile(join(dir, 'main.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).i);
    expect(newest.at(-1)).toBe(149);
  });

  it('drops lines it cannot write without throwing, and says how many once it can write again', async () => {
    const dir = join(await tempDir(), 'logs');
    // A file where the folder should be: every write fails, as on a full disk.
    await writeFile(dir, 'not a folder');
    const log = createLogFile({ dir, name: 'main.log', maxBytes: 10_000, keep: 2 });
    expect(() => log.write('{"message":"one"}')).not.toThrow();
    log.write('{"message":"two"}');
    await expect(log.flushed()).resolves.toBeUndefined();
    await rm(dir);
    log.write('{"message":"three"}');
    await log.flushed();
    const lines = (await readFile(join(dir, 'main.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ message: 'log lines dropped', count: 2 }), { message: 'three' }]);
  });
});
