import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { BatchDetails } from '../../shared/contracts/domain';
import type { IncomingFile, UnreadableCode } from '../../shared/contracts/main/batches';
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

/** A file found under the paths the user named: where to read it, or why it cannot be read. */
type FoundFile = { name: string; path: string } | { name: string; unreadable: UnreadableCode };

/**
 * Reads the files under the paths the user named: folders recursively, sorted
 * by name. A path named is taken as it is; a missing one throws (bad usage).
 * Inside a folder, a file that cannot be read is reported with its code and
 * the rest are read.
 */
export async function readPaths(paths: readonly string[]): Promise<IncomingFile[]> {
  const found: FoundFile[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const root = await realpath(path);
      await walkFolder(path, root, root, new Set([root]), found);
    } else {
      found.push({ name: path, path });
    }
  }
  return Promise.all(
    found.map(async (file): Promise<IncomingFile> => {
      if ('unreadable' in file) return unreadableFile(file.name, file.unreadable);
      return readIncomingFile(file.path, file.name).catch(() => unreadableFile(file.name, 'UNREADABLE_FILE'));
    }),
  );
}

const unreadableFile = (name: string, unreadable: UnreadableCode): IncomingFile => ({ name, relativePath: name, size: 0, bytes: null, unreadable });

/**
 * Walks one folder (`dir`, a real path, shown as `shown`) without leaving
 * `root`, the chosen folder: a symlink is followed only to a target inside
 * it, and never to a folder the walk is already inside (a loop).
 */
async function walkFolder(shown: string, dir: string, root: string, ancestors: ReadonlySet<string>, out: FoundFile[]): Promise<void> {
  let names: Buffer[];
  try {
    // As bytes: a name that is not UTF-8 would come back as a string naming no file.
    names = await readdir(dir, { encoding: 'buffer' });
  } catch {
    out.push({ name: shown, unreadable: 'UNREADABLE_FILE' });
    return;
  }
  const entries = names.map((raw) => ({ raw, name: raw.toString('utf8') })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  for (const { raw, name } of entries) {
    const entryShown = join(shown, name);
    if (isJunkPath(entryShown)) continue;
    if (!isUtf8(raw)) {
      out.push({ name: entryShown, unreadable: 'UNREADABLE_NAME' });
      continue;
    }
    const target = await resolveInside(join(dir, name), root);
    if (typeof target !== 'string') {
      out.push({ name: entryShown, unreadable: target.unreadable });
      continue;
    }
    const isFolder = await stat(target).then((s) => s.isDirectory(), () => null);
    if (isFolder === null) out.push({ name: entryShown, unreadable: 'UNREADABLE_FILE' });
    else if (!isFolder) out.push({ name: entryShown, path: target });
    else if (ancestors.has(target)) out.push({ name: entryShown, unreadable: 'SYMLINK_LOOP' });
    else await walkFolder(entryShown, target, root, new Set([...ancestors, target]), out);
  }
}

/** The real path of an entry, when it lies inside `root`; symlinks are resolved, not trusted. */
async function resolveInside(path: string, root: string): Promise<string | { unreadable: UnreadableCode }> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return path;
    const target = await realpath(path);
    const inside = relative(root, target);
    return inside.split(sep)[0] === '..' || isAbsolute(inside) ? { unreadable: 'SYMLINK_OUTSIDE' } : target;
  } catch (error) {
    return { unreadable: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'SYMLINK_LOOP' : 'UNREADABLE_FILE' };
  }
}

const SampleManifest = z.object({
  batches: z.array(BatchDetails.extend({ files: z.array(z.string().min(1)).min(1) })),
});

/** A shipped sample .docx for the extraction workers to read at start; none if it cannot be read, which only costs speed. */
export function practiceEssay(samplesDir: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(join(samplesDir, 'sv/01-mobiler.docx')));
  } catch {
    return undefined;
  }
}

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
