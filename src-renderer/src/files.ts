import type { IncomingFile } from '../../shared/contracts/main/batches';
import { intakeLimits } from '../../shared/contracts/limits';
import { baseName, isJunkPath } from '../../shared/files';

/** A file the teacher picked or dropped; null when the browser could not give it (moved, locked, no permission). */
export interface PickedFile {
  file: File | null;
  relativePath: string;
}

/**
 * Reads picked or dropped files for intake. Files over the size limit are sent
 * without their bytes; a file that cannot be read is sent as unreadable, so
 * intake reports it and the rest are imported.
 */
export async function readPicked(picked: readonly PickedFile[]): Promise<IncomingFile[]> {
  const wanted = picked.filter((p) => !isJunkPath(p.relativePath));
  const out: IncomingFile[] = new Array(wanted.length);
  // A few reads at a time: starting a thousand at once blocks the window for most of a second.
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < wanted.length) {
      const i = next++;
      out[i] = await readOne(wanted[i]!);
    }
  };
  await Promise.all(Array.from({ length: READS_AT_ONCE }, reader));
  return out;
}

const READS_AT_ONCE = 8;

async function readOne({ file, relativePath }: PickedFile): Promise<IncomingFile> {
  const unreadable: IncomingFile = { name: file?.name || baseName(relativePath), relativePath, size: file?.size ?? 0, bytes: null, unreadable: 'UNREADABLE_FILE' };
  if (!file) return unreadable;
  if (file.size > intakeLimits.maxFileBytes) return { name: file.name, relativePath, size: file.size, bytes: null };
  try {
    return { name: file.name, relativePath, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return unreadable;
  }
}

/**
 * At most this many files go to main in one call: copying a thousand files in
 * one message blocks the window. Counted, not weighed: a file's size is a
 * synchronous look-up in the browser, too slow to make for every file at once.
 */
const PART_FILES = 50;

/** The picked files in parts to read and send one after the other, in the order picked. */
export function inParts(picked: readonly PickedFile[]): PickedFile[][] {
  return Array.from({ length: Math.ceil(picked.length / PART_FILES) }, (_, i) => picked.slice(i * PART_FILES, (i + 1) * PART_FILES));
}

/** Files from an <input type="file">, with folder paths when a folder was chosen. */
export function fromInput(files: FileList): PickedFile[] {
  return Array.from(files, (file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}

/** Files from a drop, walking into dropped folders. */
export async function fromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(data.items)
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return fromInput(data.files);
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)).catch(() => null);
      out.push({ file, relativePath: path });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      // readEntries returns at most about a hundred entries per call.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => null);
        // A folder that cannot be listed (further) is reported as one unreadable file.
        if (batch === null) {
          out.push({ file: null, relativePath: path });
          break;
        }
        if (batch.length === 0) break;
        children.push(...batch);
      }
      for (const child of children.sort((a, b) => a.name.localeCompare(b.name, 'sv'))) await walk(child, path);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}
