import type { IncomingFile } from '../../shared/contracts/main/batches';
import { intakeLimits } from '../../shared/contracts/limits';
import { isJunkPath } from '../../shared/files';

interface PickedFile {
  file: File;
  relativePath: string;
}

/** Reads picked or dropped files for intake. Files over the size limit are sent without their bytes. */
export async function readPicked(picked: readonly PickedFile[]): Promise<IncomingFile[]> {
  return Promise.all(
    picked
      .filter((p) => !isJunkPath(p.relativePath))
      .map(async ({ file, relativePath }) => ({
        name: file.name,
        relativePath,
        size: file.size,
        bytes: file.size > intakeLimits.maxFileBytes ? null : new Uint8Array(await file.arrayBuffer()),
      })),
  );
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
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, relativePath: path });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      // readEntries returns at most about a hundred entries per call.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        children.push(...batch);
      }
      for (const child of children.sort((a, b) => a.name.localeCompare(b.name, 'sv'))) await walk(child, path);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}
