import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classEssayFiles } from '../support/class-essays';
import { readStores, screens, seriousA11yViolations } from './support/app';
import { openLaptop, rendererUrl, type Laptop } from './support/browser';

/** 22 essays; three are spellchecked at once and the other 19 wait until the test lets them go, as a slow import would. */
const CLASS = 22;
const READY_FIRST = 3;
let laptop: Laptop;
let page: Page;
let letSpellcheckGo!: () => void;
const spellcheckMayGo = new Promise<void>((resolve) => (letSpellcheckGo = resolve));

beforeAll(async () => {
  let started = 0;
  laptop = await openLaptop(2, {}, { spellcheck: async () => void (++started > READY_FIRST && (await spellcheckMayGo)) });
  page = laptop.page;
}, 60_000);

afterAll(async () => {
  letSpellcheckGo();
  await laptop?.close();
});

async function storedSessions(): Promise<{ title: string; essayIds: string[]; judgeIds: string[]; textView?: string }[]> {
  return (await readStores(page, { sessions: 'rows' })).sessions as { title: string; essayIds: string[]; judgeIds: string[]; textView?: string }[];
}

async function spellchecked(): Promise<number> {
  return ((await readStores(page, { essays: 'rows' })).essays as { state: string }[]).filter((e) => e.state === 'spellchecked').length;
}

describe('starting a session while the import still runs', () => {
  it('asks first and names how many essays are ready; the rest join the running session when they are', { timeout: 180_000 }, async () => {
    const { batchId } = await laptop.host.services.api.createBatch({ title: '9B svenska', className: '9B', course: 'Svenska', language: 'sv' });
    const folder = mkdtempSync(join(tmpdir(), 'huledu-class-'));
    const paths = classEssayFiles(CLASS).map(({ name, text }) => {
      writeFileSync(join(folder, name), text);
      return join(folder, name);
    });
    await page.goto(`${rendererUrl()}#/batch/${encodeURIComponent(batchId)}`);
    await page.getByTestId('import-files').setInputFiles(paths);
    await expect.poll(spellchecked, { timeout: 60_000 }).toBe(READY_FIRST);

    await page.getByRole('link', { name: 'Starta jämförande bedömning' }).click();
    await page.getByRole('heading', { name: 'Ny jämförande bedömning' }).waitFor();
    // The teacher is the first judge without typing a name.
    expect(await page.getByRole('checkbox', { name: 'Jag' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('not-ready').textContent()).toMatch(/^19 av batchens uppsatser är inte klara än/);
    await page.getByLabel('Namn på bedömningen').fill('Halva klassen');
    await page.getByRole('button', { name: 'Börja bedöma' }).click();

    const ask = page.getByRole('alertdialog');
    await ask.waitFor();
    expect(await ask.locator('#ask-text').textContent()).toBe('3 av 22 uppsatser är klara. 19 är inte klara än. Starta ändå med 3?');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'session-setup-ask.png'), fullPage: true });
    await ask.getByRole('button', { name: 'Vänta' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await storedSessions()).toEqual([]);

    // The teacher decides to start with the three anyway.
    await page.getByRole('button', { name: 'Börja bedöma' }).click();
    await page.getByRole('button', { name: 'Starta med 3' }).click();
    await page.getByRole('heading', { name: 'Bedöm: Halva klassen' }).waitFor();
    const [started] = await storedSessions();
    expect(started).toMatchObject({ title: 'Halva klassen', textView: 'original' });
    expect(started.essayIds).toHaveLength(READY_FIRST);
    expect(started.judgeIds).toHaveLength(1);

    // The import finishes while the teacher judges; the judging view offers the essays, and one command adds them.
    letSpellcheckGo();
    const offer = page.getByTestId('ready-to-add');
    await expect.poll(() => offer.textContent(), { timeout: 60_000 }).toContain('19 nya uppsatser är klara – lägg till i sessionen');
    await offer.getByRole('button', { name: 'Lägg till 19 uppsatser' }).click();
    await expect.poll(() => offer.textContent()).toContain('19 uppsatser lades till i sessionen.');
    const [grown] = await storedSessions();
    expect(grown.essayIds).toHaveLength(CLASS);
    expect(grown.essayIds.slice(0, READY_FIRST)).toEqual(started.essayIds);
    await page.locator('button.pick:enabled').first().waitFor({ timeout: 20_000 });
  });
});
