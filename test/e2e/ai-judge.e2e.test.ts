import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Judgement } from '../../shared/contracts/judging';
import { DEFAULT_AI_TIMING } from '../../src-main/ai-judge/retry-policy';
import { classEssayText } from '../support/class-essays';
import { startTestServer, type TestServer } from '../support/openai-test-server';
import { readStores, screens, seriousA11yViolations } from './support/app';
import { openLaptop, type Laptop } from './support/browser';

/**
 * The AI judge in the app, against the OpenAI-compatible test server on
 * loopback: a teacher sets up a profile and tests the connection, starts a
 * session judged by the AI and by herself, watches its progress, pauses it
 * to judge the pairs picked to check it, and reads on the results page how
 * far the AI agrees with her, with the pairs where it did not. The server
 * judges by a hidden truth (a pupil with a higher number writes better),
 * with a bias for the text shown first and some failures.
 */

const PUPILS = [
  'Anna Lindqvist',
  'Erik Johansson',
  'Sara Öberg',
  'Omar Hassan',
  'Linnea Berg',
  'Noah Karlsson',
  'Maja Nilsson',
  'Elias Andersson',
  'Alva Persson',
  'Hugo Svensson',
];
const TITLE = 'Argumenterande text 9B';
const PROFILE = 'AI – testservern';
const HUMAN_PAIRS = 6;

/** Each essay names its pupil in a header, as pupils hand them in, and one names a classmate in the text. */
const essays = PUPILS.map((name, n) => {
  const classmate = PUPILS[(n + 1) % PUPILS.length];
  const text = `Namn: ${name}\nKlass 9B\n\n${classEssayText(n, 'en')} I wrote this with help from ${classmate}.`;
  return { name, n, file: `${name.toLowerCase().replace(/ /g, '_')}.txt`, text };
});
/** The hidden truth: pupil n's quality in logits, read from the "Essay by pupil n" line the masking leaves alone. */
const truth = (text: string): number | undefined => {
  const n = /Essay by pupil (\d+)\./.exec(text)?.[1];
  return n === undefined ? undefined : (Number(n) - 5.5) * 0.7;
};

let server: TestServer;
let laptop: Laptop;
let page: Page;
const folder = mkdtempSync(join(tmpdir(), 'huledu-ai-judge-'));

beforeAll(async () => {
  for (const essay of essays) writeFileSync(join(folder, essay.file), essay.text);
  server = await startTestServer({ quality: truth, firstBias: 0.5, faults: { serverError: 0.05, rateLimited: 0.03, unreadable: 0.03 }, latencyMs: 150, seed: 3 });
  laptop = await openLaptop(2, { aiTiming: { baseDelayMs: 50, maxDelayMs: 400, maxRetryAfterMs: 500 } });
  page = laptop.page;
}, 120_000);

afterAll(async () => {
  await laptop?.close();
  await server?.close();
});

async function judgements(): Promise<Judgement[]> {
  return (await readStores(page, { judgements: 'rows' })).judgements as Judgement[];
}
const aiJudgements = async () => (await judgements()).filter((j) => j.ai);
const humanJudgements = async () => (await judgements()).filter((j) => !j.ai);

async function essayIdsByPupil(): Promise<Map<number, string>> {
  const stored = (await readStores(page, { essays: 'rows' })).essays as { id: string; fileName: string }[];
  return new Map(stored.map((e) => [essays.find((x) => x.file === e.fileName)!.n, e.id]));
}
const pane = (side: 'left' | 'right') => page.getByTestId(`essay-${side}`).locator('.judging-text');
const pupilShown = async (side: 'left' | 'right') => Number(/Essay by pupil (\d+)\./.exec((await pane(side).textContent()) ?? '')?.[1]) - 1;

describe('the AI judge in the app', () => {
  it('a profile, a session judged by the AI and a teacher, progress, then agreement and the disagreements', { timeout: 300_000 }, async () => {
    // 1. The profile, tested before it is saved: the model's answer and the time.
    await page.getByRole('link', { name: 'Inställningar' }).click();
    await page.getByRole('button', { name: 'Lägg till AI-profil' }).click();
    await page.getByLabel('Namn som bedömare').fill(PROFILE);
    await page.getByLabel('Adress till AI-servern').fill(server.url);
    await page.getByLabel('Modell').fill('test-model');
    await page.getByRole('button', { name: 'Testa anslutningen', exact: true }).click();
    const tested = page.getByTestId('ai-profiles').getByTestId('ai-test-result');
    await expect.poll(() => tested.textContent(), { timeout: 20_000 }).toMatch(/^Svarade på \d+,\d s: text [AB] är bättre/);
    await page.getByRole('button', { name: 'Spara profilen' }).click();
    await page.getByTestId('ai-profiles').getByText(PROFILE).first().waitFor();
    await page.screenshot({ path: join(screens, 'ai-1-profile.png'), fullPage: true });
    const calledByTest = server.bodies.length;

    // 2. A batch with a class list; nothing goes to the server while it is imported.
    await page.goto(page.url().replace(/#.*$/, '#/'));
    await page.getByRole('button', { name: 'Ny batch' }).click();
    await page.getByLabel('Titel').fill(TITLE);
    await page.getByLabel('Klass', { exact: true }).fill('9B');
    await page.getByLabel('Klasslista (valfri)').fill(PUPILS.join('\n'));
    await page.getByRole('button', { name: 'Skapa batch' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByTestId('import-files').setInputFiles(essays.map((e) => join(folder, e.file)));
    await expect
      .poll(async () => ((await readStores(page, { essays: 'rows' })).essays as { state: string }[]).filter((e) => e.state === 'spellchecked').length, { timeout: 60_000 })
      .toBe(PUPILS.length);
    expect(server.bodies.length).toBe(calledByTest);

    // 3. The session: the teacher and the AI, a fifth of the AI's pairs shown to her too, the assignment in the prompt.
    await page.getByRole('link', { name: 'Starta jämförande bedömning' }).click();
    await page.getByRole('heading', { name: 'Ny jämförande bedömning' }).waitFor();
    await page.getByLabel('Namn på bedömningen').fill(TITLE);
    await page.getByLabel('Låt en AI-bedömare bedöma').check();
    await page.getByLabel('Uppgift och bedömningskriterier').fill('Argue for or against more sport in school. Clear structure, reasons, examples.');
    await page.getByLabel('Andel av AI:ns par som lärarna också bedömer').selectOption('0.2');
    await expect.poll(() => page.getByTestId('ai-estimate').textContent(), { timeout: 10_000 }).toMatch(/\d+ anrop/);
    expect(server.bodies.length).toBe(calledByTest);
    await page.getByRole('button', { name: 'Börja bedöma' }).click();
    await page.getByRole('heading', { name: `Bedöm: ${TITLE}` }).waitFor();

    // 4. Progress while the AI judges; the teacher pauses it, and nothing more is stored while it is paused.
    const progress = page.getByTestId('ai-progress');
    await expect.poll(async () => (await aiJudgements()).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(16);
    expect(await progress.getByTestId('ai-done').textContent()).toMatch(/^\d+ av högst \d+ jämförelser gjorda, varav \d+ av AI:n$/);
    expect(await progress.getByTestId('ai-tokens').textContent()).toMatch(/^Tokens hittills: [1-9][\d\u00a0]*$/);
    await page.screenshot({ path: join(screens, 'ai-2-progress.png'), fullPage: true });
    await progress.getByRole('button', { name: 'Pausa', exact: true }).click();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 20_000 }).toBe('paused');
    const whilePaused = (await aiJudgements()).length;

    // The teacher judges: first the AI's pairs picked for her. On the first she disagrees with the AI; then she follows the truth.
    const ids = await essayIdsByPupil();
    let judged = '';
    for (let made = 0; made < HUMAN_PAIRS; made++) {
      // The next pair is on screen once the panes show another pair than the one just judged.
      await expect.poll(async () => `${await pane('left').textContent()}|${await pane('right').textContent()}`, { timeout: 20_000 }).not.toBe(judged);
      await page.locator('button.pick:enabled').first().waitFor({ timeout: 20_000 });
      judged = `${await pane('left').textContent()}|${await pane('right').textContent()}`;
      const [left, right] = [await pupilShown('left'), await pupilShown('right')];
      const aiSaid = (await aiJudgements()).find((j) => [j.left, j.right].sort().join() === [ids.get(left), ids.get(right)].sort().join());
      if (made === 0) expect(aiSaid).toBeDefined();
      const better = made === 0 ? (aiSaid!.winner === ids.get(left) ? 'right' : 'left') : left > right ? 'left' : 'right';
      await page.keyboard.press(better === 'left' ? 'ArrowLeft' : 'ArrowRight');
      await expect.poll(async () => (await humanJudgements()).length, { timeout: 20_000 }).toBe(made + 1);
    }
    expect((await aiJudgements()).length).toBe(whilePaused);
    // She judged as she meant to: against the AI on the first pair, with the truth on the rest.
    const pupilOf = new Map([...ids].map(([n, id]) => [id, n]));
    const byTeacher = (await humanJudgements()).sort((a, b) => a.judgedAt.localeCompare(b.judgedAt));
    const followedTruth = byTeacher.slice(1).filter((j) => pupilOf.get(j.winner) === Math.max(pupilOf.get(j.left)!, pupilOf.get(j.right)!));
    expect(followedTruth).toHaveLength(HUMAN_PAIRS - 1);

    // 5. Resumed, the AI judges until the stopping rule ends the session.
    await progress.getByRole('button', { name: 'Fortsätt', exact: true }).click();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 180_000 }).toBe('done');

    // 6. Results: how far to trust the AI, and where it and the teacher disagree.
    await page.getByRole('link', { name: 'Visa resultat' }).click();
    const validation = page.getByTestId('ai-validation');
    await validation.waitFor();
    expect(await validation.getByTestId('ai-first-shown').textContent()).toMatch(/^Valde texten som visades först: \d+ % av \d+ bedömningar/);
    expect(await validation.getByTestId('ai-order-consistency').textContent()).toMatch(/^Samma val i båda ordningarna: \d+ % av \d+ par/);
    expect(await validation.getByTestId('ai-agreement').textContent()).toMatch(
      /^Överensstämmelse med lärarna: [\d,]+ % \(95 % intervall \d+–\d+ %, [1-9]\d* par, [1-9]\d* jämförelser\)/,
    );
    const disagreement = validation.getByTestId('ai-disagreement').first();
    await disagreement.locator('summary').click();
    expect(((await disagreement.getByTestId('ai-reason').first().textContent()) ?? '').length).toBeGreaterThan(10);
    await expect.poll(() => disagreement.getByTestId('ai-pair-text').count(), { timeout: 10_000 }).toBe(2);
    // The texts shown beside the AI's reason mask the class list's names, as the judging view does.
    const shownTexts = (await disagreement.getByTestId('ai-pair-text').allTextContents()).join('\n');
    for (const name of PUPILS) expect(shownTexts).not.toContain(name);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screens, 'ai-3-results.png'), fullPage: true });

    // The teachers-only scale, to compare.
    await page.getByLabel('Bara lärarnas bedömningar').check();
    await expect.poll(() => page.getByTestId('fit-shown').getAttribute('data-fit')).toBe('human');

    // 7. What left the laptop: no pupil's name, no file name, no class, no header; every pair asked in both orders;
    // one judgement stored per readable answer the server gave.
    const forbidden = [...PUPILS.flatMap((name) => name.split(' ')), ...essays.map((e) => e.file), '9B', 'Namn:'];
    const leaks = server.bodies.flatMap((body) => forbidden.filter((word) => body.includes(word)));
    expect(leaks).toEqual([]);
    const ai = await aiJudgements();
    const orders = new Map<number, Set<string>>();
    for (const j of ai) orders.set(j.ai!.pair, (orders.get(j.ai!.pair) ?? new Set()).add(j.ai!.order));
    const bothOrders = [...orders.values()].filter((o) => o.size === 2).length / orders.size;
    expect(bothOrders).toBeGreaterThanOrEqual(0.95);
    // One judgement per readable answer, less the connection test's answer, and less the answers that were on their
    // way when the teacher paused: pausing cuts off the calls in flight (one per lane), and nothing is stored after it.
    expect(ai.length).toBeLessThanOrEqual(server.readableServed - 1);
    expect(ai.length).toBeGreaterThanOrEqual(server.readableServed - 1 - DEFAULT_AI_TIMING.concurrency);
    console.log(
      `ai judge e2e: ${server.bodies.length} requests (${server.served.serverError} 500s, ${server.served.rateLimited} 429s, ${server.served.unreadable} unreadable), ` +
        `${ai.length} AI judgements over ${orders.size} pairs (${Math.round(bothOrders * 100)} % in both orders), ${HUMAN_PAIRS} by the teacher; ` +
        `${leaks.length} names or file names sent; ${await validation.getByTestId('ai-agreement').textContent()}`,
    );
  });
});
