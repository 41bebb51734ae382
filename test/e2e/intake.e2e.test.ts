import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { doneWhenFolder, moreFiles } from '../fixtures/documents';
import { screens, storedCounts, waitForBatchDone } from './support/app';
import { openLaptop, rendererUrl, type Laptop } from './support/browser';

let laptop: Laptop;
let page: Page;

beforeAll(async () => {
  laptop = await openLaptop();
  page = laptop.page;
});

afterAll(() => laptop?.close());

const rows = (p: Page) => p.locator('table.essays tbody tr');

describe('the app in Chromium, with the real main-side services in this process', () => {
  it('imports the sample essays with one click: every format, both languages', async () => {
    await page.getByRole('heading', { name: 'Dina batcher' }).waitFor();
    await page.getByRole('button', { name: 'Prova med exempeluppsatser' }).click();
    const batchRows = page.locator('table tbody tr[data-batch-id]');
    await expect.poll(() => batchRows.count()).toBe(2);
    await expect.poll(() => page.locator('.badge-batch-completed').count(), { timeout: 60_000 }).toBe(2);
    await page.screenshot({ path: join(screens, 'batches.png'), fullPage: true });

    await page.getByRole('link', { name: /Exempeluppsatser: argumenterande/ }).click();
    await waitForBatchDone(page, 6);
    const states = await rows(page).evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.getAttribute('data-state')]));
    expect(states).toEqual(
      ['sv/01-mobiler.docx', 'sv/02-forebild.odt', 'sv/03-sommarlov.pdf', 'sv/04-klimatet.rtf', 'sv/05-dagen.txt', 'sv/06-bocker.docx'].map((f) => [f, 'spellchecked']),
    );
    await page.screenshot({ path: join(screens, 'batch-samples.png'), fullPage: true });

    // The Windows-1252 text file, shown with å, ä and ö intact.
    await page.getByRole('link', { name: 'sv/05-dagen.txt' }).click();
    const text = page.getByTestId('essay-text');
    await expect.poll(() => text.textContent()).toContain('lillasyster föddes');
    expect(await text.textContent()).toContain('Jag lovade henne tyst att alltid ta hand om henne.');
    await page.screenshot({ path: join(screens, 'essay.png'), fullPage: true });
  });

  it('imports files of every format through the file picker and shows a clear error for each bad one', async () => {
    await page.goto(`${rendererUrl()}#/`);
    await page.getByRole('button', { name: 'Ny batch' }).click();
    await page.getByLabel('Titel').fill('Argumenterande text, vt 2026');
    await page.getByLabel('Klass', { exact: true }).fill('9B');
    await page.getByLabel('Kurs').fill('Svenska');
    await page.getByRole('button', { name: 'Skapa batch' }).click();
    await page.getByRole('heading', { name: 'Argumenterande text, vt 2026' }).waitFor();

    const fixtures = inject('fixtures');
    const doneWhen = doneWhenFolder.map((f) => join(fixtures, 'done-when', f.name));
    const more = [moreFiles.rtfLibreOffice, moreFiles.zip, moreFiles.encryptedDocx].map((f) => join(fixtures, 'more', f));
    await page.getByTestId('import-files').setInputFiles([...doneWhen, ...more]);
    // 12 files, the RTF, the zip's 3 essays, the encrypted .docx.
    await waitForBatchDone(page, 17);

    const byName = async (name: string) => {
      const row = rows(page).filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      const note = row.locator('td').nth(3);
      return { state: await row.getAttribute('data-state'), code: await note.getAttribute('data-code'), note: await note.textContent() };
    };
    // Accepted essays go on to spellcheck.
    const shownState = (status: string) => (status === 'accepted' ? 'spellchecked' : status);
    for (const expected of doneWhenFolder) {
      const row = await byName(expected.name);
      expect([expected.name, row.state, row.code]).toEqual([expected.name, shownState(expected.status), expected.code ?? null]);
    }
    expect(await byName('05-mormor-utf8.txt')).toMatchObject({ note: 'Samma text finns redan i batchen: 04-mormor-cp1252.txt.' });
    expect(await byName('08-krypterad.pdf')).toMatchObject({ note: 'Filen är lösenordsskyddad. Spara en kopia utan lösenord och försök igen.' });
    expect(await byName(moreFiles.encryptedDocx)).toMatchObject({ code: 'ENCRYPTED_FILE' });
    expect(await byName(moreFiles.rtfLibreOffice)).toMatchObject({ state: 'spellchecked' });
    expect(await byName(moreFiles.zip)).toMatchObject({ state: 'expanded', note: 'Arkivet packades upp till 3 filer.' });
    expect(await byName('klass 9B/sommar.docx')).toMatchObject({ state: 'rejected', code: 'DUPLICATE_CONTENT' });
    await page.screenshot({ path: join(screens, 'batch-errors.png'), fullPage: true });

    // Done, and the badge says how many files were rejected: here and in the batch list.
    const rejected = await page.locator('table.essays tbody tr[data-state="rejected"]').count();
    expect(rejected).toBeGreaterThan(1);
    const badge = page.locator('.section-head .badge');
    await expect.poll(() => badge.textContent()).toBe(`Klar – ${rejected} avvisade`);
    await page.goto(`${rendererUrl()}#/`);
    const listed = page.locator('tr[data-batch-id]', { has: page.getByRole('link', { name: 'Argumenterande text, vt 2026' }) }).locator('.badge');
    await expect.poll(() => listed.textContent()).toBe(`Klar – ${rejected} avvisade`);
    await page.getByRole('link', { name: 'Argumenterande text, vt 2026' }).click();
    await waitForBatchDone(page, 17);

    // The same errors in English.
    await page.getByRole('button', { name: 'In English' }).click();
    expect(await byName('08-krypterad.pdf')).toMatchObject({ note: 'The file is password-protected. Save a copy without a password and try again.' });
    expect(await badge.textContent()).toBe(`Done – ${rejected} rejected`);
    await page.screenshot({ path: join(screens, 'batch-errors-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'På svenska' }).click();
  });

  it('loses nothing on reload: the same rows, the same stored records', async () => {
    const before = { rows: await rows(page).allTextContents(), stored: await storedCounts(page) };
    expect(before.stored.terminal).toBe(before.stored.essays);
    await page.reload();
    await waitForBatchDone(page, 17);
    expect(await rows(page).allTextContents()).toEqual(before.rows);
    expect(await storedCounts(page)).toEqual(before.stored);
    // One outcome per essay: 29 essays, of which 2 are unpacked archives.
    expect(before.stored.outcomeEvents).toBe(before.stored.essays);
  });

  it('shows essay text as text: markup in an essay is never run or rendered', async () => {
    const hostile = join(inject('fixtures'), 'hostile.txt');
    const sentence = 'Detta är en helt vanlig uppsats om skolan och livet, skriven av en elev i nian som gillar att testa saker. ';
    const payload = `<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script> ${sentence.repeat(2)}`;
    await import('node:fs').then((fs) => fs.writeFileSync(hostile, payload));
    await page.getByTestId('import-files').setInputFiles(hostile);
    await waitForBatchDone(page, 18);
    await page.getByRole('link', { name: 'hostile.txt' }).click();
    const text = page.getByTestId('essay-text');
    await expect.poll(() => text.textContent()).toContain('<img src=x onerror=');
    expect(await text.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });

  it('keeps file names and essay text out of the logs, and every log line carries its correlation id', () => {
    const names = [...doneWhenFolder.map((f) => f.name), 'sommar', 'mormor'];
    const logText = laptop.host.logs.join('\n');
    for (const name of names) expect(logText).not.toContain(name);
    expect(logText).not.toContain('Älvdalen');
    const entries = laptop.host.logs.map((l) => JSON.parse(l));
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.every((e) => typeof e.correlationId === 'string')).toBe(true);
  });

  it('exports the whole database to one file that restores, on another profile, to the same data', async () => {
    await page.goto(`${rendererUrl()}#/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera säkerhetskopia' }).click()]);
    const file = join(inject('fixtures'), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^huledu-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(file, 'utf8'));
    const before = await storedCounts(page);
    expect(backup.tables.essays).toHaveLength(before.essays);

    // A fresh profile, as on a colleague's laptop, with its own main-side services.
    const other = await openLaptop();
    const fresh = other.page;
    try {
      fresh.on('dialog', (dialog) => void dialog.accept());
      await fresh.getByText('Här finns inga batcher än.').waitFor();
      await fresh.getByTestId('restore-backup').setInputFiles(file);
      await fresh.getByText('Säkerhetskopian är återställd.').waitFor();
      expect(await storedCounts(fresh)).toEqual(before);
      const titles = (p: Page) => p.locator('table tbody tr[data-batch-id] th').allTextContents();
      // The list reads the store at most every 250 ms while it changes (src-renderer/src/live.ts), so it may lag the message.
      const original = await titles(page);
      await expect.poll(() => titles(fresh)).toEqual(original);
      // A broken file is refused with a clear message, and nothing changes.
      const broken = join(inject('fixtures'), 'broken-backup.json');
      await import('node:fs').then((fs) => fs.writeFileSync(broken, JSON.stringify({ ...backup, tables: { ...backup.tables, essays: [{ id: 1 }] } })));
      await fresh.getByTestId('restore-backup').setInputFiles(broken);
      await fresh.getByText('Filen kunde inte återställas: den är ingen giltig säkerhetskopia från HuleEdu. Ingenting ändrades.').waitFor();
      expect(await storedCounts(fresh)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('ships sample essays generated by the script in build/samples, in every format', () => {
    const formats = new Set(readdirSync(repoSamples('sv')).map((f) => f.split('.').pop()));
    expect(formats).toEqual(new Set(['docx', 'odt', 'pdf', 'rtf', 'txt']));
    expect(JSON.parse(readFileSync(repoSamples('manifest.json'), 'utf8')).batches).toHaveLength(2);
  });
});

function repoSamples(path: string): string {
  return join(import.meta.dirname, '../../resources/samples', path);
}
