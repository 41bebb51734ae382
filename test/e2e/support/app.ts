import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { repoPath } from '../../../src-main/hosts/cli/compose';

export const screens = repoPath('test/e2e/screens');
mkdirSync(screens, { recursive: true });

/** Reads the app's IndexedDB directly in the page (not through the app), to check what is really stored. */
export interface StoredCounts {
  essays: number;
  /** Essays no phase is still waiting for. */
  terminal: number;
  /** Intake outcome events: exactly one per essay when nothing was done twice. */
  outcomeEvents: number;
  contents: number;
  /** The distinct texts the essays and their spellchecks refer to: what `contents` must equal. */
  referencedTexts: number;
}

export async function storedCounts(page: Page): Promise<StoredCounts> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('huledu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['essays', 'events', 'contents', 'spellchecks'], 'readonly');
          const essays = tx.objectStore('essays').getAll();
          const events = tx.objectStore('events').getAllKeys();
          const contents = tx.objectStore('contents').count();
          const spellchecks = tx.objectStore('spellchecks').getAll();
          tx.oncomplete = () => {
            const all = essays.result as { state: string; contentHash?: string }[];
            const texts = new Set([
              ...all.flatMap((e) => (e.contentHash ? [e.contentHash] : [])),
              ...(spellchecks.result as { correctedHash: string }[]).map((c) => c.correctedHash),
            ]);
            resolve({
              essays: all.length,
              terminal: all.filter((e) => !['received', 'extracting', 'accepted', 'spellchecking'].includes(e.state)).length,
              outcomeEvents: (events.result as string[]).filter((k) => k.endsWith('/intake/outcome')).length,
              contents: contents.result,
              referencedTexts: texts.size,
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
