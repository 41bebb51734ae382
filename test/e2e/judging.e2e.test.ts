import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens, seriousA11yViolations, storedJudgements, storedSessionState, waitForBatchDone } from './support/app';
import { installBridge } from './support/bridge';
import { launchChromium, rendererUrl } from './support/browser';
import { startMainHost, type MainHost } from './support/main-host';

/** A laptop: its own main services and its own Chromium profile, so its own IndexedDB. */
interface Laptop {
  host: MainHost;
  context: BrowserContext;
  page: Page;
}

async function openLaptop(): Promise<Laptop> {
  const host = startMainHost();
  const { context } = await launchChromium();
  await installBridge(context, (connection) => host.connect(connection));
  const page = await context.newPage();
  await page.goto(rendererUrl());
  return { host, context, page };
}

const laptops: Laptop[] = [];
let page: Page;

beforeAll(async () => {
  laptops.push(await openLaptop());
  page = laptops[0].page;
  await page.getByRole('button', { name: 'Prova med exempeluppsatser' }).click();
  await page.locator('.badge-batch-completed').nth(1).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  for (const { context, host } of laptops) {
    await context.close();
    await host.close();
  }
});

/** What the results table shows, row by row: the essay, its θ and its grade. */
async function resultRows(p: Page): Promise<string[][]> {
  await p.locator('tr[data-essay-id] [data-testid="model-grade"]').first().waitFor();
  return p.locator('tr[data-essay-id]').evaluateAll((rows) =>
    rows.map((row) => [
      row.getAttribute('data-essay-id') ?? '',
      row.querySelector('[data-testid="theta"]')?.textContent ?? '',
      row.querySelector('[data-testid="model-grade"]')?.textContent ?? '',
    ]),
  );
}

describe('judging and results in the app', () => {
  let exported: string;
  let results: string[][];
  let judgements: number;

  it('two judges judge by keyboard until the stopping rule fires, a reload loses nothing, and results show grades from anchors', async () => {
    await page.getByRole('link', { name: /Exempeluppsatser: argumenterande/ }).click();
    await waitForBatchDone(page, 6);
    // The judges prefer the longer essay; the shortest is the anchor for E, the longest for A.
    const words = await page.locator('table.essays tbody tr[data-state="spellchecked"]').evaluateAll((rows) =>
      rows.map((row) => ({ file: row.querySelector('th')?.textContent ?? '', words: Number(row.querySelectorAll('td.num')[0]?.textContent) })),
    );
    expect(words).toHaveLength(6);
    words.sort((a, b) => a.words - b.words);

    await page.getByRole('link', { name: 'Starta jämförande bedömning' }).click();
    await page.getByLabel('Namn på bedömningen').fill('Argumenterande text, vt');
    for (const name of ['Anna', 'Erik']) {
      await page.getByLabel('Namn på ny bedömare').fill(name);
      await page.getByLabel('Namn på ny bedömare').press('Enter');
      await expect.poll(() => page.getByRole('checkbox', { name }).isChecked()).toBe(true);
    }
    await page.getByLabel(`Betyg för ${words[0].file}`).selectOption('E');
    await page.getByLabel(`Betyg för ${words[5].file}`).selectOption('A');
    await page.getByLabel('Högst antal jämförelser per uppsats').fill('8');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Börja bedöma' }).click();
    await page.getByRole('heading', { name: 'Bedöm: Argumenterande text, vt' }).waitFor();

    const pane = (side: 'left' | 'right') => page.getByTestId(`essay-${side}`).locator('.judging-text');
    const done = page.getByTestId('judging-done');
    // The app refits after each stored judgement and may stop the session then; wait for that before looking.
    const settled = async (made: number): Promise<void> => {
      await expect
        .poll(async () => {
          const state = await storedSessionState(page);
          return (made === 0 || state.fitJudgements === made) && state.verdictStop === state.stopped;
        }, { timeout: 20_000 })
        .toBe(true);
    };
    const readyOrDone = async (): Promise<'ready' | 'done'> => {
      await expect
        .poll(async () => (await done.isVisible()) || (await page.locator('button.pick:enabled').count()) === 2, { timeout: 20_000 })
        .toBe(true);
      return (await done.isVisible()) ? 'done' : 'ready';
    };
    let made = 0;
    for (let turn = 0; turn < 40 && (await readyOrDone()) === 'ready'; turn++) {
      if (turn > 0 && turn % 3 === 0) {
        // The other judge takes over; focus goes back to the essays, where ← and → choose.
        await page.getByTestId('judge-select').selectOption({ label: turn % 2 ? 'Erik' : 'Anna' });
        if ((await readyOrDone()) === 'done') break;
        await pane('left').focus();
      }
      const [left, right] = [(await pane('left').textContent()) ?? '', (await pane('right').textContent()) ?? ''];

      if (turn === 4) {
        // A reload in the middle of judging: every stored judgement is still there, and the same pair is back.
        const before = await storedJudgements(page);
        await page.reload();
        await expect.poll(() => pane('left').textContent(), { timeout: 20_000 }).toBe(left);
        expect(await pane('right').textContent()).toBe(right);
        expect(await storedJudgements(page)).toEqual(before);
        expect(await seriousA11yViolations(page)).toEqual([]);
      }
      if (turn === 10) {
        // By now the meter shows a measured reliability.
        expect(await page.getByTestId('reliability').textContent()).toMatch(/^\d[.,]\d\d \(mål 0[.,]80\)$/);
        await page.screenshot({ path: join(screens, 'judging.png'), fullPage: true });
      }

      await page.waitForTimeout(200 + 50 * (turn % 5)); // reading time, which the app records per judgement
      await page.keyboard.press(left.length >= right.length ? 'ArrowLeft' : 'ArrowRight');
      await expect
        .poll(async () => (await storedJudgements(page)).active === made + 1 || (await done.isVisible()), { timeout: 20_000 })
        .toBe(true);
      made = (await storedJudgements(page)).active;
      await settled(made);
    }
    await expect.poll(() => done.textContent(), { timeout: 30_000 }).toMatch(/^Bedömningen är klar/);
    judgements = (await storedJudgements(page)).active;
    expect(judgements).toBe(made);
    // Both judges judged, and the meter shows a measured reliability.
    expect(await page.getByTestId('judge-progress').textContent()).toMatch(/Anna: [1-9]\d* bedömningar.*Erik: [1-9]\d* bedömningar/);
    expect(await page.getByTestId('reliability').textContent()).toMatch(/^\d[.,]\d\d \(mål 0[.,]80\)$/);

    await page.getByRole('link', { name: 'Visa resultat' }).click();
    results = await resultRows(page);
    expect(results).toHaveLength(6);
    const grades = results.map((r) => r[2]);
    // Ranked from the top: the longest essay first with an A-side grade, the shortest last with an E-side grade.
    expect(grades.every((g) => /^[FEDCBA]/.test(g))).toBe(true);
    expect(grades[0]).toMatch(/^[AB]/);
    expect(grades[5]).toMatch(/^[EF]/);
    expect(await page.getByText(/Stoppad: (reliabiliteten nådde målet|alla planerade jämförelser är gjorda), efter \d+ bedömningar/).count()).toBe(1);
    // The teacher overrides the last essay's grade: recorded with who and when, the model's grade still beside it.
    const lastRow = page.locator('tr[data-essay-id]').last();
    await lastRow.getByRole('combobox').selectOption('E');
    await lastRow.getByRole('combobox').press('Enter');
    await expect.poll(() => lastRow.textContent()).toMatch(/(Anna|Erik), \d/);
    expect(await lastRow.getByTestId('model-grade').textContent()).toBe(grades[5]);
    expect(await page.locator('table.distribution tr[data-grade="E"] .count').textContent()).toBe(String(grades.filter((g) => g.startsWith('E')).length + (grades[5].startsWith('E') ? 0 : 1)));
    await page.screenshot({ path: join(screens, 'results.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera bedömningar' }).click();
    exported = join(mkdtempSync(join(tmpdir(), 'huledu-moderation-')), 'bedomningar.json');
    await (await download).saveAs(exported);
    console.log(`judged ${judgements} pairs by keyboard; grades top to bottom: ${grades.join(', ')}`);
  });

  it('imports the judgements into a fresh profile with the same results, and a second import changes nothing', async () => {
    const fresh = await openLaptop();
    laptops.push(fresh);
    await fresh.page.getByTestId('import-judgements').setInputFiles(exported);
    await fresh.page.getByText(`Importerade ${judgements} nya bedömningar (0 fanns redan).`).waitFor({ timeout: 30_000 });
    await fresh.page.getByRole('link', { name: 'Visa resultat' }).click();
    await expect.poll(() => resultRows(fresh.page), { timeout: 60_000 }).toEqual(results);
    expect(await storedJudgements(fresh.page)).toEqual({ total: judgements, active: judgements });

    await fresh.page.goto(`${rendererUrl()}#/`);
    await fresh.page.getByTestId('import-judgements').setInputFiles(exported);
    await fresh.page.getByText(`Importerade 0 nya bedömningar (${judgements} fanns redan).`).waitFor();
    expect(await storedJudgements(fresh.page)).toEqual({ total: judgements, active: judgements });
    await fresh.page.getByRole('link', { name: 'Visa resultat' }).click();
    expect(await resultRows(fresh.page)).toEqual(results);
  });
});
