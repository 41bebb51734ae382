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

export function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

/** How an essay is named to the teacher: its path in the folder or archive it came in, else its file name. */
export function essayName(essay: { fileName: string; relativePath?: string }): string {
  return essay.relativePath ?? essay.fileName;
}
