import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { repoPath } from '../../../src-main/app/repo-path';

export const screens = repoPath('test/e2e/screens');
mkdirSync(screens, { recursive: true });

/**
 * Reads object stores of the app's IndexedDB directly in the page, not
 * through the app, to check what is really stored: every row, or only keys.
 */
export async function readStores<Name extends string>(page: Page, stores: Record<Name, 'rows' | 'keys'>): Promise<Record<Name, unknown[]>> {
  return page.evaluate(
    (wanted) =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const open = indexedDB.open('huledu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Object.keys(wanted);
          const tx = db.transaction(names, 'readonly');
          const requests = names.map((name) => (wanted[name] === 'keys' ? tx.objectStore(name).getAllKeys() : tx.objectStore(name).getAll()));
          tx.oncomplete = () => {
            resolve(Object.fromEntries(names.map((name, i) => [name, requests[i].result])));
            db.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    stores as Record<string, 'rows' | 'keys'>,
  );
}

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
  const stored = await readStores(page, { essays: 'rows', events: 'keys', contents: 'keys', spellchecks: 'rows' });
  const essays = stored.essays as { state: string; contentHash?: string }[];
  const texts = new Set([
    ...essays.flatMap((e) => (e.contentHash ? [e.contentHash] : [])),
    ...(stored.spellchecks as { contentHash: string }[]).map((c) => c.contentHash),
  ]);
  return {
    essays: essays.length,
    terminal: essays.filter((e) => !['received', 'extracting', 'accepted', 'spellchecking'].includes(e.state)).length,
    outcomeEvents: (stored.events as string[]).filter((k) => k.endsWith('/intake/outcome')).length,
    contents: stored.contents.length,
    referencedTexts: texts.size,
  };
}

/** Waits until the batch view says every file is done. */
export async function waitForBatchDone(page: Page, total: number): Promise<void> {
  await page.getByText(`${total} av ${total} filer klara`).waitFor({ timeout: 120_000 });
}

/** Judgements as IndexedDB holds them. */
/** The stored judgements, of every session or of the one with this title. */
export async function storedJudgements(page: Page, sessionTitle?: string): Promise<{ total: number; active: number }> {
  const stored = await readStores(page, { judgements: 'rows', sessions: 'rows' });
  const session = (stored.sessions as { id: string; title: string }[]).find((s) => s.title === sessionTitle);
  const all = (stored.judgements as { sessionId: string; undone: boolean }[]).filter((j) => sessionTitle === undefined || j.sessionId === session?.id);
  return { total: all.length, active: all.filter((j) => !j.undone).length };
}

/** The stored fit and stop of the session with this title, to wait until the refit after a judgement has landed. */
export async function storedSessionState(page: Page, sessionTitle: string): Promise<{ fitJudgements: number | null; verdictStop: boolean; stopped: boolean }> {
  const stored = await readStores(page, { sessionFits: 'rows', sessions: 'rows' });
  const session = (stored.sessions as { id: string; title: string; stop: unknown }[]).find((s) => s.title === sessionTitle);
  const fit = (stored.sessionFits as { sessionId: string; judgements: number; verdict: { stop: boolean } }[]).find((f) => f.sessionId === session?.id);
  return { fitJudgements: fit?.judgements ?? null, verdictStop: fit?.verdict.stop ?? false, stopped: Boolean(session?.stop) };
}

const axeSource = readFileSync(repoPath('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, as "rule: target" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}
