import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStores, screens, seriousA11yViolations, storedJudgements, storedSessionState, waitForBatchDone } from './support/app';
import { openLaptop, rendererUrl, type Laptop } from './support/browser';

const laptops: Laptop[] = [];
let page: Page;
/** The sample batch's essays, shortest first: the judges prefer the longer one. */
let essaysByLength: { file: string; words: number }[];
const JUDGED = 'Argumenterande text, vt';

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

/** Opens a screen of the judged session by its address, as a bookmark would: a stopped session has no judging link. */
async function openJudged(screen: 'judge' | 'results'): Promise<void> {
  const sessions = (await readStores(page, { sessions: 'rows' })).sessions as { id: string; title: string }[];
  const id = sessions.find((s) => s.title === JUDGED)?.id ?? '';
  await page.goto(`${rendererUrl()}#/${screen}/${encodeURIComponent(id)}`);
}

const batchLink = () => page.getByRole('link', { name: /Exempeluppsatser: argumenterande/ });
const pane = (side: 'left' | 'right') => page.getByTestId(`essay-${side}`).locator('.judging-text');
const done = () => page.getByTestId('judging-done');

/** Sets up a session on the sample batch with Anna and Erik judging; anchors pin the shortest essay to E and the longest to A. */
async function startSession(title: string, { anchors }: { anchors: boolean }): Promise<void> {
  await page.goto(`${rendererUrl()}#/`);
  await batchLink().click();
  await waitForBatchDone(page, 6);
  await page.getByRole('link', { name: 'Starta jämförande bedömning' }).click();
  await page.getByLabel('Namn på bedömningen').fill(title);
  // Anna and Erik judge here: the teacher's own "Jag", ticked by default on a laptop with no judge of its own yet, is left out.
  const me = page.getByRole('checkbox', { name: 'Jag', exact: true });
  if ((await me.count()) > 0) await me.uncheck();
  for (const name of ['Anna', 'Erik']) {
    if ((await page.getByRole('checkbox', { name }).count()) === 0) {
      await page.getByLabel('Namn på ny bedömare').fill(name);
      await page.getByLabel('Namn på ny bedömare').press('Enter');
    } else {
      await page.getByRole('checkbox', { name }).check();
    }
    await expect.poll(() => page.getByRole('checkbox', { name }).isChecked()).toBe(true);
  }
  if (anchors) {
    await page.getByLabel(`Betyg för ${essaysByLength[0].file}`).selectOption('E');
    await page.getByLabel(`Betyg för ${essaysByLength[5].file}`).selectOption('A');
  }
  await page.getByLabel('Högst antal jämförelser per uppsats').fill('8');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Börja bedöma' }).click();
  await page.getByRole('heading', { name: `Bedöm: ${title}` }).waitFor();
}

/** Waits until two essays can be picked, or the session is done. */
async function readyOrDone(): Promise<'ready' | 'done'> {
  await expect
    .poll(async () => (await done().isVisible()) || (await page.locator('button.pick:enabled').count()) === 2, { timeout: 20_000 })
    .toBe(true);
  return (await done().isVisible()) ? 'done' : 'ready';
}

/** Picks the longer essay by keyboard and waits until the judgement is stored and the refit (which may stop the session) is in. */
async function pickLonger(title: string, turn: number): Promise<number> {
  const made = (await storedJudgements(page, title)).active;
  const [left, right] = [(await pane('left').textContent()) ?? '', (await pane('right').textContent()) ?? ''];
  await page.waitForTimeout(200 + 50 * (turn % 5)); // reading time, which the app records per judgement
  await page.keyboard.press(left.length >= right.length ? 'ArrowLeft' : 'ArrowRight');
  await expect
    .poll(async () => (await storedJudgements(page, title)).active === made + 1 || (await done().isVisible()), { timeout: 20_000 })
    .toBe(true);
  const now = (await storedJudgements(page, title)).active;
  await expect
    .poll(async () => {
      const state = await storedSessionState(page, title);
      return state.fitJudgements === now && state.verdictStop === state.stopped;
    }, { timeout: 20_000 })
    .toBe(true);
  return now;
}

/** Two judges take turns, three judgements each, until the stopping rule fires. */
async function judgeUntilDone(title: string): Promise<number> {
  let made = 0;
  for (let turn = 0; turn < 40 && (await readyOrDone()) === 'ready'; turn++) {
    if (turn > 0 && turn % 3 === 0) {
      // The other judge takes over; focus goes back to the essays, where ← and → choose.
      await page.getByTestId('judge-select').selectOption({ label: turn % 2 ? 'Erik' : 'Anna' });
      if ((await readyOrDone()) === 'done') break;
      await pane('left').focus();
    }
    if (turn === 10) {
      // By now the meter shows a measured reliability.
      expect(await page.getByTestId('reliability').textContent()).toMatch(/^\d[.,]\d\d \(mål 0[.,]80\)$/);
      await page.screenshot({ path: join(screens, 'judging.png'), fullPage: true });
    }
    made = await pickLonger(title, turn);
  }
  return made;
}

beforeAll(async () => {
  laptops.push(await openLaptop());
  page = laptops[0].page;
  await page.getByRole('button', { name: 'Prova med exempeluppsatser' }).click();
  await page.locator('.badge-batch-completed').nth(1).waitFor({ timeout: 60_000 });
  await batchLink().click();
  await waitForBatchDone(page, 6);
  essaysByLength = await page.locator('table.essays tbody tr[data-state="spellchecked"]').evaluateAll((rows) =>
    rows.map((row) => ({ file: row.querySelector('th')?.textContent ?? '', words: Number(row.querySelectorAll('td.num')[0]?.textContent) })),
  );
  essaysByLength.sort((a, b) => a.words - b.words);
}, 120_000);

/** Judges the anchored session to its end, once, for whichever test needs it first. */
let judging: Promise<{ judgements: number; results: string[][] }> | undefined;
const judgedSession = () => (judging ??= judgeAnchoredSession());

async function judgeAnchoredSession(): Promise<{ judgements: number; results: string[][] }> {
  expect(essaysByLength).toHaveLength(6);
  await startSession(JUDGED, { anchors: true });
  const made = await judgeUntilDone(JUDGED);
  await expect.poll(() => done().textContent(), { timeout: 30_000 }).toMatch(/^Bedömningen är klar/);
  const judgements = (await storedJudgements(page, JUDGED)).active;
  expect(judgements).toBe(made);
  await page.getByRole('link', { name: 'Visa resultat' }).click();
  const results = await resultRows(page);
  console.log(`judged ${judgements} pairs by keyboard; grades top to bottom: ${results.map((r) => r[2]).join(', ')}`);
  return { judgements, results };
}

afterAll(async () => {
  for (const laptop of laptops) await laptop.close();
});

describe('judging and results in the app', () => {
  it('two judges judge by keyboard until the stopping rule fires, and the screen says so', { timeout: 300_000 }, async () => {
    const judged = await judgedSession();
    await openJudged('judge');
    await expect.poll(() => done().textContent(), { timeout: 20_000 }).toMatch(/^Bedömningen är klar/);
    // Both judges judged, and the meter shows a measured reliability.
    expect(await page.getByTestId('judge-progress').textContent()).toMatch(/Anna: [1-9]\d* bedömningar.*Erik: [1-9]\d* bedömningar/);
    expect(await page.getByTestId('reliability').textContent()).toMatch(/^\d[.,]\d\d \(mål 0[.,]80\)$/);
    expect((await storedJudgements(page, JUDGED)).active).toBe(judged.judgements);
  });

  it('a reload in the middle of judging loses nothing, and the same pair is back', async () => {
    const title = 'Omladdning mitt i';
    await startSession(title, { anchors: false });
    for (let turn = 0; turn < 3; turn++) {
      expect(await readyOrDone()).toBe('ready');
      await pickLonger(title, turn);
    }
    expect(await readyOrDone()).toBe('ready');
    const [left, right] = [await pane('left').textContent(), await pane('right').textContent()];
    const before = await storedJudgements(page, title);
    await page.reload();
    await expect.poll(() => pane('left').textContent(), { timeout: 20_000 }).toBe(left);
    expect(await pane('right').textContent()).toBe(right);
    expect(await storedJudgements(page, title)).toEqual(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('results rank from the anchors, and a teacher override is recorded beside the model grade', { timeout: 300_000 }, async () => {
    const judged = await judgedSession();
    await openJudged('results');
    const results = await resultRows(page);
    expect(results).toEqual(judged.results);
    const grades = results.map((r) => r[2]);
    // The anchors, longest and shortest, keep their known grades, A ranked above E (an essay that won every pair may
    // rank above the A anchor); the rest have a grade with its probability, never 100 %, marked preliminary while it is
    // less than 90 % sure.
    const anchorA = grades.indexOf('Ankare: A');
    const anchorE = grades.indexOf('Ankare: E');
    expect(anchorA).toBeGreaterThanOrEqual(0);
    expect(anchorE).toBeGreaterThan(anchorA);
    const modelGraded = grades.map((grade, row) => ({ grade, row })).filter(({ row }) => row !== anchorA && row !== anchorE);
    expect(modelGraded).toHaveLength(4);
    for (const { grade } of modelGraded) expect(grade).toMatch(/^[FEDCBA] \((> 99|\d{1,2}) %\)( preliminärt)?$/);
    const preliminary = await page.locator('[data-testid="model-grade"][data-preliminary="true"]').count();
    expect(preliminary).toBe(modelGraded.filter(({ grade }) => grade.endsWith('preliminärt')).length);
    expect(await page.getByText(/Stoppad: (reliabiliteten nådde målet|alla planerade jämförelser är gjorda), efter \d+ bedömningar/).count()).toBe(1);
    // The teacher overrides the lowest essay that is not an anchor (an anchor's grade is known, and has no control):
    // recorded with who and when, the model's grade still beside it.
    expect(await page.locator('tr[data-essay-id]').nth(anchorE).getByRole('combobox').count()).toBe(0);
    const lowest = modelGraded[modelGraded.length - 1];
    const lastRow = page.locator('tr[data-essay-id]').nth(lowest.row);
    const countE = async () => Number(await page.locator('table.distribution tr[data-grade="E"] .count').textContent());
    const before = await countE();
    const teacherSaysE = !(await lastRow.textContent())?.match(/(Anna|Erik), \d/) && !lowest.grade.startsWith('E');
    await lastRow.getByRole('combobox').selectOption('E');
    await lastRow.getByRole('combobox').press('Enter');
    await expect.poll(() => lastRow.textContent()).toMatch(/(Anna|Erik), \d/);
    expect(await lastRow.getByTestId('model-grade').textContent()).toBe(lowest.grade);
    expect(await countE()).toBe(before + (teacherSaysE ? 1 : 0));
    await page.screenshot({ path: join(screens, 'results.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('exports the judgements; a fresh profile imports them with the same results, and a second import changes nothing', { timeout: 300_000 }, async () => {
    const { judgements, results } = await judgedSession();
    await openJudged('results');
    await resultRows(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera bedömningar' }).click();
    const exported = join(mkdtempSync(join(tmpdir(), 'huledu-moderation-')), 'bedomningar.json');
    await (await download).saveAs(exported);

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
