import { ClaimedFormat } from './contracts/extraction';
import { maxEntryPathLength } from './contracts/limits';

/** File-name rules shared by every way files arrive: dialogs, drops, folders, archives, the CLI. */

const JUNK_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

/** Operating-system clutter that is skipped silently rather than shown as a rejected file. */
export function isJunkPath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const name = (parts.at(-1) ?? '').toLowerCase();
  return parts.includes('__MACOSX') || JUNK_NAMES.has(name) || name.startsWith('._');
}

/** Word's owner files (`~$name.docx`) and LibreOffice's lock files (`.~lock.name.odt#`). */
export function isLockFileName(path: string): boolean {
  const name = path.split(/[\\/]/).at(-1) ?? '';
  return name.startsWith('~$') || (name.startsWith('.~lock.') && name.endsWith('#'));
}

/** The format a file's name claims by its extension, when it is one whose bytes have a signature (see ClaimedFormat). */
export function claimedFormat(path: string): ClaimedFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(baseName(path))?.[1]?.toLowerCase();
  const parsed = ClaimedFormat.safeParse(extension);
  return parsed.success ? parsed.data : undefined;
}

/**
 * An archive entry's name, never trusted: it becomes a relative path with `/`
 * between folders, without control characters, a leading slash, or `.` and
 * `..` steps. `usable` is false when the name
 * cannot name an essay: over the length an essay's name allows, or a folder
 * (ending in `/` or `\`) that holds data; `path` then still names the entry
 * to the teacher, shortened.
 */
export function entryPath(name: string, index: number): { path: string; usable: boolean } {
  const parts = name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..');
  const joined = parts.join('/');
  const usable = joined !== '' && name.length <= maxEntryPathLength && !/[\\/]$/.test(name);
  if (usable) return { path: joined, usable };
  const shortened = joined.length > 120 ? `${joined.slice(0, 60)}…${joined.slice(-60)}` : joined;
  return { path: shortened || `entry-${index + 1}`, usable };
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

/** A title as part of a file name that every system accepts: ASCII letters and digits, dashes between; `fallback` when none is left. */
export function fileSlug(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/** How an essay is named to the teacher: its path in the folder or archive it came in, else its file name. */
export function essayName(essay: { fileName: string; relativePath?: string }): string {
  return essay.relativePath ?? essay.fileName;
}

/** The copy main writes of everything before a restore replaces it: named so the teacher finds it beside the backups, one per restore. */
export function safetyCopyFileName(takenAt: string): string {
  return `huledu-backup-${takenAt.slice(0, 10)}-${takenAt.slice(11, 19).replace(/:/g, '')}-fore-aterstallning.json`;
}

/** The full backup's file name, wherever it is made (the start page, a batch's export, the CLI). */
export function backupFileName(exportedAt: string): string {
  return `huledu-backup-${exportedAt.slice(0, 10)}.json`;
}
