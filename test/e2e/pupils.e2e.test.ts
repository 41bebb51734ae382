import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classEssayText } from '../support/class-essays';
import { screens, seriousA11yViolations, storedJudgements, waitForBatchDone } from './support/app';
import { openLaptop, type Laptop } from './support/browser';

/**
 * Pupils in the app (issue #13): a class list from a school system's .xlsx
 * (with a personnummer column, which the preview says is left out), a folder
 * of essays that name their pupils in a header, two of them only by a first
 * name two pupils share, and the teacher settling those two with the
 * keyboard. The batch table then names every essay's pupil, and the one who
 * handed nothing in is listed, also after a reload. Judging shows no name;
 * the results and their CSV name every pupil.
 */

const CLASS = [
  ['Anna', 'Lindqvist', '20100512-1234', 'anna.lindqvist@skola.se'],
  ['Anna', 'Berg', '20100623-2345', 'anna.berg@skola.se'],
  ['Erik', 'Öberg', '20100304-3456', 'erik.oberg@skola.se'],
  ['Sara', 'Nilsson', '20100415-4567', 'sara.nilsson@skola.se'],
  ['Omar', 'Haddad', '20101126-5678', 'omar.haddad@skola.se'],
  ['Leila', 'Karimi', '20100907-6789', 'leila.karimi@skola.se'],
];
/** Headers that name their pupil in full, and two essays headed only "Namn: Anna": the class has two. Leila hands nothing in. */
const ESSAYS = [
  { file: 'uppsats-1.txt', header: 'Namn: Erik Öberg' },
  { file: 'uppsats-2.txt', header: 'Namn: Anna' },
  { file: 'uppsats-3.txt', header: 'Namn: Sara Nilsson' },
  { file: 'uppsats-4.txt', header: 'Namn: Anna' },
  { file: 'uppsats-5.txt', header: 'Namn: Omar Haddad' },
];
const TITLE = 'Argumenterande text 9B';
/** Pairs judged before the results are read: enough for a fit of five essays. */
const JUDGEMENTS = 6;

let laptop: Laptop;
let page: Page;
const folder = mkdtempSync(join(tmpdir(), 'huledu-pupils-'));
const classList = join(folder, 'klasslista-9B.xlsx');

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Elever');
  sheet.addRow(['Förnamn', 'Efternamn', 'Personnummer', 'E-post', 'Klass']);
  for (const row of CLASS) sheet.addRow([...row, '9B']);
  await workbook.xlsx.writeFile(classList);
  ESSAYS.forEach(({ file, header }, n) => writeFileSync(join(folder, file), `${header}\nKlass 9B\n\n${classEssayText(n)}`));
  laptop = await openLaptop(2);
  page = laptop.page;
}, 120_000);

afterAll(async () => {
  await laptop?.close();
});

const review = () => page.getByTestId('pupil-review').locator('> li');
const pupilColumn = async (): Promise<string[]> => {
  const headers = await page.locator('table.essays thead th').allTextContents();
  const column = headers.indexOf('Elev');
  return page.locator(`table.essays tbody tr > :nth-child(${column + 1})`).allTextContents();
};

describe('pupils, end to end', () => {
  it('imports a class list from .xlsx, matches the essays, and the teacher settles the uncertain ones with the keyboard', async () => {
    await page.getByRole('button', { name: 'Ny batch' }).click();
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Välj fil …').setInputFiles(classList);

    // The preview, before anything is saved: the pupils, and that the personnummer are not kept.
    const preview = page.getByTestId('class-list-preview');
    await preview.waitFor();
    expect(await preview.locator('tbody tr').count()).toBe(CLASS.length);
    expect(await preview.getByTestId('personnummer-dropped').textContent()).toBe('Personnummer sparas aldrig. Borttaget ur listan: Personnummer.');
    expect(await preview.textContent()).not.toContain('20100512');
    // No class typed: the list is named after the class the file names.
    expect(await page.getByLabel('Klasslistans namn').getAttribute('placeholder')).toBe('9B');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'pupils-1-class-list.png'), fullPage: true });
    await page.getByRole('button', { name: 'Skapa batch' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await page.getByTestId('class-list').textContent()).toBe('Klasslista: 9B (6 elever)');

    await page.getByTestId('import-files').setInputFiles(ESSAYS.map((e) => join(folder, e.file)));
    await waitForBatchDone(page, ESSAYS.length);

    // The two essays headed "Namn: Anna" wait for the teacher, first in the panel, with both Annas as candidates.
    await expect.poll(() => review().count()).toBe(2);
    expect(await review().first().getAttribute('aria-label')).toBe('uppsats-2.txt');
    const candidates = await review().first().locator('button[data-pupil-id]').allTextContents();
    expect(candidates.map((c) => c.replace(/^\d /, '').replace(/ \d+ %$/, '')).sort()).toEqual(['Anna Berg', 'Anna Lindqvist']);
    expect(await page.getByTestId('not-handed-in').locator('li').allTextContents()).toEqual(['Anna Lindqvist', 'Anna Berg', 'Leila Karimi']);
    expect(await pupilColumn()).toEqual(['Erik Öberg', 'Granska', 'Sara Nilsson', 'Granska', 'Omar Haddad']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'pupils-2-review.png'), fullPage: true });

    // The teacher knows the first is Anna Berg's and presses her number; the essay leaves the list and the focus moves on to the other, Anna Lindqvist's.
    const number = (name: string): string => String(candidates.findIndex((c) => c.includes(name)) + 1);
    await review().first().focus();
    await page.keyboard.press(number('Anna Berg'));
    await expect.poll(() => review().count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('uppsats-4.txt');
    await page.keyboard.press(number('Anna Lindqvist'));
    await page.getByText('Inget att granska.').waitFor();

    const settled = { names: ['Erik Öberg', 'Anna Berg', 'Sara Nilsson', 'Anna Lindqvist', 'Omar Haddad'], missing: ['Leila Karimi'] };
    expect(await pupilColumn()).toEqual(settled.names);
    expect(await page.getByTestId('not-handed-in').locator('li').allTextContents()).toEqual(settled.missing);

    // Every choice is stored: a reload shows the same.
    await page.reload();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText('Inget att granska.').waitFor();
    expect(await pupilColumn()).toEqual(settled.names);
    expect(await page.getByTestId('not-handed-in').locator('li').allTextContents()).toEqual(settled.missing);
    await page.screenshot({ path: join(screens, 'pupils-3-settled.png'), fullPage: true });

    // The essay page is headed by its pupil.
    await page.getByRole('link', { name: 'uppsats-3.txt' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sara Nilsson uppsats-3.txt');

    // Judging: the texts show no pupil's name, not even in the headers that named them.
    await page.goBack();
    await page.getByRole('link', { name: 'Starta jämförande bedömning' }).click();
    await page.getByLabel('Namn på bedömningen').fill('Namnen dolda');
    await page.getByRole('button', { name: 'Börja bedöma' }).click();
    await page.getByRole('heading', { name: 'Bedöm: Namnen dolda' }).waitFor();
    const nameParts = CLASS.flatMap(([first, last]) => [first, last]);
    for (let made = 0; made < JUDGEMENTS; made++) {
      await page.locator('button.pick:enabled').first().waitFor({ timeout: 20_000 });
      const shown = await page.locator('.judging-text').allTextContents();
      expect(shown).toHaveLength(2);
      for (const text of shown) {
        expect(text).toContain('[namn]');
        for (const part of nameParts) expect(text, part).not.toContain(part);
      }
      if (made === 0) await page.screenshot({ path: join(screens, 'pupils-4-judging.png'), fullPage: true });
      const stored = await storedJudgements(page);
      await page.locator('.judging-text').first().focus();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(async () => (await storedJudgements(page)).active).toBe(stored.active + 1);
    }

    // The results, and the CSV they export, name each essay's pupil.
    await page.getByRole('link', { name: 'Resultat' }).click();
    await page.locator('tr[data-essay-id] [data-testid="model-grade"]').first().waitFor();
    const rowNames = await page.locator('tr[data-essay-id] th').allTextContents();
    expect(rowNames).toHaveLength(ESSAYS.length);
    for (const name of settled.names) expect(rowNames.some((r) => r.startsWith(name)), name).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'pupils-5-results.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Resultat som CSV' }).click()]);
    const csvPath = join(folder, download.suggestedFilename());
    await download.saveAs(csvPath);
    const [header, ...rows] = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((line) => line.split(';'));
    const pupilOf = Object.fromEntries(rows.map((r) => [r[header.indexOf('Fil')], r[header.indexOf('Elev')]]));
    expect(pupilOf).toEqual(Object.fromEntries(ESSAYS.map((e, i) => [e.file, settled.names[i]])));
  }, 180_000);
});
