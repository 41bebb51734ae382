import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../src-main/app/repo-path';
import { readStores, screens, seriousA11yViolations, waitForBatchDone } from './support/app';
import { openLaptop, type Laptop } from './support/browser';

/**
 * The batch language in the app, over Chromium's real IndexedDB: English
 * essays in a batch made Swedish are flagged, the teacher changes the batch
 * to English and the essays are checked again; a detecting batch says per
 * essay which language it checked; and deleting a batch leaves nothing of
 * it in any table.
 */

const ENGLISH = repoPath('resources/samples/en');
const SWEDISH = repoPath('resources/samples/sv');
const englishFiles = readdirSync(ENGLISH).sort().map((f) => join(ENGLISH, f));

let laptop: Laptop;
let page: Page;

beforeAll(async () => {
  laptop = await openLaptop();
  page = laptop.page;
});

afterAll(() => laptop?.close());

const rows = () => page.locator('table.essays tbody tr');
const row = (name: string) => rows().filter({ has: page.getByRole('rowheader', { name, exact: true }) });

async function createBatch(title: string, language: 'Känn igen för varje uppsats' | 'Svenska' | 'Engelska'): Promise<string> {
  await page.getByRole('button', { name: 'Ny batch' }).click();
  await page.getByLabel('Titel').fill(title);
  // The choice the teacher sees first: detecting per essay.
  expect(await page.getByLabel('Känn igen för varje uppsats').isChecked()).toBe(true);
  await page.getByLabel(language, { exact: true }).check();
  await page.getByRole('button', { name: 'Skapa batch' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
}

/** Every row of every object store in the app's IndexedDB, as JSON, by store. */
async function everyStore(): Promise<Record<string, string[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string[]>>((resolve, reject) => {
        const open = indexedDB.open('huledu');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const requests = names.map((name) => tx.objectStore(name).getAll());
          tx.oncomplete = () => {
            const text = (row: unknown) => JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes:${v.length}` : v));
            resolve(Object.fromEntries(names.map((name, i) => [name, (requests[i].result as unknown[]).map(text)])));
            db.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

describe('the language of a batch', () => {
  let swedishBatch: string;

  it('flags English essays checked in Swedish, and checks them again in English when the teacher changes the language', async () => {
    swedishBatch = await createBatch('Phones and summers', 'Svenska');
    await page.getByTestId('import-files').setInputFiles(englishFiles);
    await waitForBatchDone(page, 6);

    // Flagged before anyone judges them: in each row, and counted in the header.
    await expect.poll(() => page.getByTestId('language-mismatches').textContent()).toContain('6 uppsatser ser ut att vara skrivna på ett annat språk');
    expect(await row('01-phones.docx').getByTestId('essay-language').textContent()).toContain('Texten ser ut att vara på engelska men kontrollerades på svenska');
    const per100 = async () => Number((await row('01-phones.docx').getByTestId('per100').textContent())!.replace(',', '.'));
    const inSwedish = await per100();
    expect(inSwedish).toBeGreaterThan(40);
    // The change control sits beside each flag.
    expect(await row('01-phones.docx').getByRole('combobox', { name: 'Språk för 01-phones.docx' }).count()).toBe(1);
    await page.screenshot({ path: join(screens, 'batch-language-mismatch.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Ändra språk …' }).click();
    await page.getByLabel('Engelska', { exact: true }).check();
    // Where English is picked, so is the spelling: both by default.
    expect(await page.getByLabel('Brittisk och amerikansk').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Kontrollera igen på det här språket' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'kontrolleras igen' }).textContent()).toContain('6 uppsatser kontrolleras igen');

    await expect.poll(per100, { timeout: 60_000 }).toBeLessThan(inSwedish / 4);
    await waitForBatchDone(page, 6);
    await expect.poll(() => page.getByTestId('language-mismatches').count()).toBe(0);
    expect(await row('01-phones.docx').getByTestId('essay-language').textContent()).toBe('Kontrollerad på engelska');
    expect(await page.getByTestId('batch-language').textContent()).toBe('Engelska (Brittisk och amerikansk)');
    await page.screenshot({ path: join(screens, 'batch-language-changed.png'), fullPage: true });

    const stored = await readStores(page, { essays: 'rows', spellchecks: 'rows' });
    const essays = (stored.essays as { id: string; batchId: string; spellcheckRound?: number }[]).filter((e) => e.batchId === swedishBatch);
    expect(essays.map((e) => e.spellcheckRound)).toEqual(Array(6).fill(2));
    const ids = new Set(essays.map((e) => e.id));
    expect((stored.spellchecks as { essayId: string; language: string }[]).filter((c) => ids.has(c.essayId)).map((c) => c.language)).toEqual(Array(6).fill('en'));
  });

  it('detects per essay by default and says which language each essay was checked in', async () => {
    await page.getByRole('link', { name: '← Alla batcher' }).click();
    await createBatch('Blandad klass', 'Känn igen för varje uppsats');
    await page.getByTestId('import-files').setInputFiles([join(ENGLISH, '05-day.txt'), join(SWEDISH, '05-dagen.txt')]);
    await waitForBatchDone(page, 2);
    await expect.poll(() => row('05-day.txt').getByTestId('essay-language').textContent()).toBe('Kontrollerad på engelska (igenkänt)');
    expect(await row('05-dagen.txt').getByTestId('essay-language').textContent()).toBe('Kontrollerad på svenska (igenkänt)');

    await page.getByRole('link', { name: '05-day.txt' }).click();
    await expect.poll(() => page.getByTestId('essay-language').textContent()).toContain('Kontrollerad på engelska (igenkänt)');
    await page.getByRole('link', { name: '← Tillbaka till batchen' }).click();
  });

  it('deletes a batch after naming what goes, and no table in IndexedDB holds anything of it', async () => {
    await page.getByRole('link', { name: '← Alla batcher' }).click();
    await page.getByRole('link', { name: 'Phones and summers' }).click();
    const before = await everyStore();
    const essayIds = before.essays.map((row) => JSON.parse(row) as { id: string; batchId: string }).filter((e) => e.batchId === swedishBatch).map((e) => e.id);
    expect(essayIds).toHaveLength(6);
    const others = Object.fromEntries(Object.entries(before).map(([name, rows]) => [name, rows.filter((r) => !r.includes(swedishBatch) && !essayIds.some((id) => r.includes(id)))]));
    // Texts name no batch: those the other batch uses stay (05-day.txt is in both), the rest go.
    const keptTexts = new Set(others.essays.map((r) => (JSON.parse(r) as { contentHash?: string }).contentHash));
    others.contents = others.contents.filter((r) => keptTexts.has((JSON.parse(r) as { hash: string }).hash));
    expect(others.contents).toHaveLength(2);

    await page.getByRole('button', { name: 'Ta bort batchen …' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Ta bort ”Phones and summers”?' });
    await expect.poll(() => dialog.textContent()).toContain('6 uppsatser, 0 bedömningsomgångar, 0 bedömningar och 0 resultat som ännu inte skickats');
    // A backup first, if the teacher wants one.
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Spara en säkerhetskopia först' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.json$/);
    await page.screenshot({ path: join(screens, 'batch-delete.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ta bort batchen' }).click();

    await page.getByRole('heading', { name: 'Dina batcher' }).waitFor();
    await expect.poll(() => page.locator('tr', { hasText: 'Phones and summers' }).count()).toBe(0);
    expect(await page.locator('tr', { hasText: 'Blandad klass' }).count()).toBe(1);

    const after = await everyStore();
    const leftovers = Object.entries(after).flatMap(([name, rows]) =>
      rows.filter((r) => r.includes(swedishBatch) || essayIds.some((id) => r.includes(id))).map((r) => `${name}: ${r.slice(0, 120)}`),
    );
    expect(leftovers).toEqual([]);
    // Every table was looked at, and what belongs to the other batch is all still there, unchanged.
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(15);
    expect(after).toEqual(others);
  });
});
