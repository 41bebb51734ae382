import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafetyCopyFolder } from '../core/ports';

/** Safety copies as files in one folder; an existing file is never overwritten. */
export function folderSafetyCopies(dir: string): SafetyCopyFolder {
  return {
    save: (fileName, text) => writeFile(join(dir, fileName), text, { flag: 'wx' }),
    remove: (fileName) => rm(join(dir, fileName), { force: true }),
  };
}
