import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { repoPath } from '../../../src-main/hosts/cli/compose';

export const screens = repoPath('test/e2e/screens');
mkdirSync(screens, { recursive: true });

/** Reads the app's IndexedDB directly in the page (not through the app), to check what is really stored. */
export async function storedCounts(page: Page): Promise<{ essays: number; terminal: number; outcomeEvents: number; contents: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('huledu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['essays', 'events', 'contents'], 'readonly');
          const essays = tx.objectStore('essays').getAll();
          const events = tx.objectStore('events').getAllKeys();
          const contents = tx.objectStore('contents').count();
          tx.oncomplete = () => {
            const all = essays.result as { state: string }[];
            resolve({
              essays: all.length,
              terminal: all.filter((e) => !['received', 'extracting'].includes(e.state)).length,
              outcomeEvents: (events.result as string[]).filter((k) => k.endsWith('/intake/outcome')).length,
              contents: contents.result,
            });
            db.close();
          };
        };
      }),
  );
}

/** Waits until the batch view says every file is done. */
export async function waitForBatchDone(page: Page, total: number): Promise<void> {
  await page.getByText(`${total} av ${total} filer klara`).waitFor({ timeout: 120_000 });
}
