/**
 * The browser's storage for the app's database. Chromium may evict a
 * site's IndexedDB when the disk runs low unless the site asked to keep it;
 * the app asks once at start. How much room is left is shown beside the
 * backup controls.
 */

/** Asks to keep the database when the disk runs low; false when refused or not offered. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

export interface StorageSpace {
  usedBytes: number;
  freeBytes: number;
  persisted: boolean;
}

/** What the database uses and how much more it may use; null when the browser does not say. */
export async function storageSpace(): Promise<StorageSpace | null> {
  try {
    const storage = navigator.storage;
    const estimate = await storage?.estimate?.();
    if (!estimate || estimate.quota === undefined) return null;
    const usedBytes = estimate.usage ?? 0;
    const persisted = (await storage.persisted?.()) ?? false;
    return { usedBytes, freeBytes: Math.max(0, estimate.quota - usedBytes), persisted };
  } catch {
    return null;
  }
}

/** Bytes as the teacher reads them: MB below a gigabyte, GB with one decimal above, in the UI's language. */
export function formatBytes(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1024) return `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(mb)} MB`;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(mb / 1024)} GB`;
}
