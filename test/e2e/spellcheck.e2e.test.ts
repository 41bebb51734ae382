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
    await panel.getByRole('button', { name: 'Byt till ”sjuksköterska”' }).click();
    await expect.poll(() => finding('sjuk sköterska').getAttribute('class')).toContain('finding-accepted');
    await page.screenshot({ path: join(screens, 'essay-spelling.png'), fullPage: true });

    await page.getByLabel('Rättad text').check();
    const corrected = await page.getByTestId('essay-text').textContent();
    expect(corrected).toContain('jobbar hon som sjuksköterska på akuten');
    expect(corrected).not.toContain('sjuk sköterska');
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

    await finding('alot').click();
    await expect.poll(() => page.getByTestId('finding-panel').textContent()).toContain('listan över vanliga inlärarfel');
    await page.getByRole('button', { name: 'Ignorera' }).click();
    await expect.poll(count).toBe(start - 1);

    await finding('usefull').click();
    await page.getByRole('button', { name: 'Lägg till ”usefull” i batchens ordlista' }).click();
    await expect.poll(count).toBe(start - 2);
    expect(await page.locator('button.finding', { hasText: 'usefull' }).count()).toBe(0);

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
