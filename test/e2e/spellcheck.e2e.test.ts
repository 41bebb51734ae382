import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens, waitForBatchDone } from './support/app';
import { openLaptop, rendererUrl, type Laptop } from './support/browser';

let laptop: Laptop;
let page: Page;

beforeAll(async () => {
  laptop = await openLaptop();
  page = laptop.page;
  await page.getByRole('button', { name: 'Prova med exempeluppsatser' }).click();
  await page.locator('.badge-batch-completed').nth(1).waitFor({ timeout: 60_000 });
});

afterAll(() => laptop?.close());

const finding = (text: string) => page.locator('button.finding', { hasText: text }).first();
const summary = () => page.getByTestId('spelling-summary').textContent();

describe('spelling in the essay view', () => {
  it('shows findings in place, and the teacher accepts a correction', async () => {
    await page.getByRole('link', { name: /Exempeluppsatser: argumenterande/ }).click();
    await waitForBatchDone(page, 6);
    await page.getByRole('link', { name: 'sv/02-forebild.odt' }).click();
    // The split compound, found through the dictionary's compound rules.
    await finding('sjuk sköterska').click();
    const panel = page.getByTestId('finding-panel');
    await expect.poll(() => panel.textContent()).toContain('Hittat av: särskrivning');
    // The suggestions open at the finding, inside the window, with the keyboard's focus in them; Escape closes them.
    await expect.poll(() => panel.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    const [box, at, window] = [(await panel.boundingBox())!, (await finding('sjuk sköterska').boundingBox())!, page.viewportSize()!];
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(window.height);
    expect(Math.min(Math.abs(box.y - (at.y + at.height)), Math.abs(at.y - (box.y + box.height)))).toBeLessThan(12);
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: join(screens, 'essay-finding-popover.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('sjuk sköterska');
    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Byt till ”sjuksköterska”' }).click();
    await expect.poll(() => finding('sjuk sköterska').getAttribute('class')).toContain('finding-accepted');
    await page.screenshot({ path: join(screens, 'essay-spelling.png'), fullPage: true });

    await page.getByLabel('Rättad text').check();
    const corrected = await page.getByTestId('essay-text').textContent();
    expect(corrected).toContain('jobbar hon som sjuksköterska på akuten');
    // The teacher's choice changes the finding they chose; the essay's second "sjuk sköterska" is not one the engine is sure of.
    expect(corrected).toContain('Inte nödvändigtvis sjuk sköterska');
  });

  it('ignores a finding and adds a word to the batch, and the counts follow', async () => {
    await page.goto(`${rendererUrl()}#/`);
    await page.getByRole('link', { name: /Exempeluppsatser: English essays/ }).click();
    await waitForBatchDone(page, 6);
    const per100 = (name: string) =>
      page.locator('table.essays tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) }).getByTestId('per100').textContent();
    const before = await per100('en/01-phones.docx');
    await page.getByRole('link', { name: 'en/01-phones.docx' }).click();
    const count = () => summary().then((s) => Number(/^(\d+)/.exec(s ?? '')?.[1]));
    const start = await count();
    expect(start).toBeGreaterThanOrEqual(3);

    // "alot" the engine corrected on its own: the view shows the change, and the teacher keeps the word as written.
    expect(await finding('alot').textContent()).toBe('alot → a lot');
    await finding('alot').click();
    await expect.poll(() => page.getByTestId('finding-panel').textContent()).toContain('listan över vanliga inlärarfel');
    expect(await page.getByTestId('finding-panel').textContent()).toContain('Rättades automatiskt till ”a lot”.');
    await page.getByTestId('finding-panel').getByRole('button', { name: 'Ångra ändringen' }).click();
    await expect.poll(count).toBe(start - 1);

    await finding('usefull').click();
    await page.getByRole('button', { name: 'Lägg till ”usefull” i batchens ordlista' }).click();
    await expect.poll(count).toBe(start - 2);
    expect(await page.locator('button.finding', { hasText: 'usefull' }).count()).toBe(0);

    // In the corrected text, each automatic change shows as one, and one click undoes it.
    await page.getByLabel('Rättad text').check();
    const change = page.locator('.auto-change', { has: page.locator('del', { hasText: 'beleive' }) });
    expect(await change.locator('ins').textContent()).toBe('believe');
    await page.screenshot({ path: join(screens, 'essay-automatic-changes.png'), fullPage: true });
    await change.getByRole('button', { name: /^Ångra ändringen/ }).click();
    await expect.poll(count).toBe(start - 3);
    await expect.poll(() => change.count()).toBe(0);
    expect(await page.getByTestId('essay-text').textContent()).toContain('beleive');

    await page.getByRole('link', { name: '← Tillbaka till batchen' }).click();
    await expect.poll(() => per100('en/01-phones.docx')).not.toBe(before);
  });

  it('keeps every decision after a reload', async () => {
    await page.getByRole('link', { name: 'en/01-phones.docx' }).click();
    const decided = await summary();
    await page.reload();
    await expect.poll(summary).toBe(decided);
    expect(await page.locator('button.finding-ignored', { hasText: 'alot' }).count()).toBe(1);
  });
});
