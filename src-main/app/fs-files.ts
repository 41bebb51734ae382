import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BatchDetails } from '../../shared/contracts/domain';
import type { IncomingFile } from '../../shared/contracts/main/batches';
import { intakeLimits } from '../../shared/contracts/limits';
import { isJunkPath } from '../../shared/files';
import type { SampleSource } from '../core/ports';

/**
 * Reads a file the teacher (or the CLI user) named. Files over the size limit
 * are not read; intake rejects them by size.
 */
export async function readIncomingFile(path: string, name = path): Promise<IncomingFile> {
  const { size } = await stat(path);
  return { name, relativePath: name, size, bytes: size > intakeLimits.maxFileBytes ? null : new Uint8Array(await readFile(path)) };
}

/** Expands folders into the files they hold (recursively, sorted by name); files are kept as given. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const names = (await readdir(path)).sort((a, b) => a.localeCompare(b, 'sv'));
      out.push(...(await expandPaths(names.map((n) => join(path, n)))).filter((p) => !isJunkPath(p)));
    } else {
      out.push(path);
    }
  }
  return out;
}

const SampleManifest = z.object({
  batches: z.array(BatchDetails.extend({ files: z.array(z.string().min(1)).min(1) })),
});

/** The sample essays shipped in resources/samples, described by its manifest.json. */
export function sampleSource(dir: string): SampleSource {
  return {
    async read() {
      const manifest = SampleManifest.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
      return Promise.all(
        manifest.batches.map(async ({ files, ...details }) => ({
          ...details,
          files: await Promise.all(files.map((f) => readIncomingFile(join(dir, f), f))),
        })),
      );
    },
  };
}
