import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { IncomingFile } from '../../shared/contracts/main/batches';

/** A fixture document as the renderer would send it. */
export function fixtureFile(folder: 'done-when' | 'more', name: string): IncomingFile {
  const path = join(inject('fixtures'), folder, name);
  return { name, relativePath: name, size: statSync(path).size, bytes: new Uint8Array(readFileSync(path)) };
}
