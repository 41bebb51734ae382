import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EssayState } from '../../shared/contracts/domain';
import type { Finding } from '../../shared/contracts/spellcheck';
import type { NextPair } from '../../shared/contracts/judging';
import type { MainClient } from '../../src-renderer/src/bridge';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { JudgingView } from '../../src-renderer/src/views/JudgingView';
import { SessionSetup } from '../../src-renderer/src/views/SessionSetup';
import { choose, container, liveViews, root, type, until } from './live-view';
import { batchRow } from '../support/batch-row';

const now = '2026-12-05T08:00:00.000Z';
const texts: Record<string, string> = {
  e1: 'Skolan borde börja senare.\nForskning visar att tonåringar behöver mer sömn än vuxna, och att deras dygnsrytm är förskjuten.',
  e2: 'Biblioteket behövs.\nMånga tror att biblioteken är på väg att försvinna eftersom allt finns på nätet.',
  e3: 'Min mormor föddes i Älvdalen.\nHon berättar ofta om hur det var att gå två kilometer till skolan genom snön.',
  e4: 'En text som fortfarande stavningskontrolleras och därför inte är klar för bedömning än.',
  e5: 'En text som just har tagits emot och ännu inte har lästs in av appen.',
};
const hash = (id: string) => id.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a');
const finding = (essay: string, word: string, autoCorrect: boolean, suggestion = `${word}x`): Finding => {
  const start = texts[essay].indexOf(word);
  return { start, end: start + word.length, text: word, suggestions: [suggestion], source: 'dictionary', category: 'spelling', autoCorrect };
};

/** A batch of three spellchecked essays, and (with `notReady`) two still on their way. */
async function seed({ notReady = false } = {}): Promise<void> {
  await db.delete();
  await db.open();
  await db.batches.put(batchRow({ id: 'b1', title: '9B svenska', className: '9B', createdAt: now, nextSeq: 5, addedWords: ['Älvdalen'] }));
  const states: [string, EssayState][] = [['e1', 'spellchecked'], ['e2', 'spellchecked'], ['e3', 'spellchecked']];
  if (notReady) states.push(['e4', 'spellchecking'], ['e5', 'received']);
  for (const [i, [id, state]] of states.entries()) {
    await db.contents.put({ hash: hash(id), text: texts[id], createdAt: now });
    await db.essays.put({ id, batchId: 'b1', seq: i, fileName: `${id}.txt`, size: 10, state, contentHash: hash(id), words: 15, receivedAt: now, updatedAt: now });
  }
  const check = (essayId: string, findings: Finding[]) =>
    db.spellchecks.put({ essayId, contentHash: hash(essayId), checkedAt: now, language: 'sv', dictionary: 'sv.dic', words: 15, findings, metrics: { words: 15, findings: findings.length, per100Words: 0, byCategory: {} } });
  // Unreviewed automatic changes: e1's "sömn" and e3's "snön". The rest are decided, not automatic, or on the batch's word list.
  await check('e1', [finding('e1', 'sömn', true), finding('e1', 'vuxna', true), finding('e1', 'dygnsrytm', false)]);
  await db.findingDecisions.put({ essayId: 'e1', key: `${texts.e1.indexOf('vuxna')}:${texts.e1.indexOf('vuxna') + 5}:vuxna`, decision: 'accepted', decidedAt: now });
  await check('e2', [finding('e2', 'nätet', true)]);
  await db.findingDecisions.put({ essayId: 'e2', key: `${texts.e2.indexOf('nätet')}:${texts.e2.indexOf('nätet') + 5}:nätet`, decision: 'ignored', decidedAt: now });
  await check('e3', [finding('e3', 'snön', true), finding('e3', 'Älvdalen', true)]);
}

function fakeMain() {
  let judges = 0;
  return {
    createJudge: vi.fn(async ({ name }: { name: string }) => {
      const judgeId = `judge-${++judges}`;
      await db.judges.put({ id: judgeId, name, createdAt: now, kind: 'human' });
      return { judgeId };
    }),
    createSession: vi.fn(async (_settings: Record<string, unknown>) => ({ outcome: 'created' as const, sessionId: 's-new' })),
  };
}

liveViews();
beforeEach(() => localStorage.clear());

const text = () => container.textContent ?? '';
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name);
/** The control inside the label whose visible text is `name`. */
const field = (name: string) =>
  [...container.querySelectorAll('label')].find((l) => l.querySelector('span')?.textContent === name)?.querySelector('input') ?? undefined;
const checkbox = (name: string) => [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === name)?.querySelector('input') as HTMLInputElement | undefined;


async function renderSetup(language: 'sv' | 'en' = 'sv') {
  const main = fakeMain();
  useUi.setState({ main: main as unknown as MainClient, judgeId: null, language });
  root.render(<SessionSetup batchId="b1" />);
  await until(() => text().includes('e3.txt'));
  return main;
}

describe('the session setup', () => {
  beforeEach(() => seed());

  it('has the teacher as the first judge, "Jag", who can be renamed, and creates the profile when the session starts', async () => {
    const main = await renderSetup();
    expect(checkbox('Jag')?.checked).toBe(true);
    type(field('Ditt namn som bedömare')!, 'Karin');
    await until(() => checkbox('Karin')?.checked === true);
    button('Börja bedöma')!.click();
    await until(() => main.createSession.mock.calls.length === 1);
    expect(main.createJudge).toHaveBeenCalledWith({ name: 'Karin' });
    expect(main.createSession.mock.calls[0][0]).toMatchObject({ judgeIds: ['judge-1'], batchId: 'b1', textView: 'original' });
    expect(useUi.getState().judgeId).toBe('judge-1');
  });

  it('lets the teacher remove themself; with no judge left it says so and starts nothing', async () => {
    const main = await renderSetup();
    checkbox('Jag')!.click();
    await until(() => checkbox('Jag')?.checked === false);
    button('Börja bedöma')!.click();
    await until(() => text().includes('Välj minst en bedömare.'));
    expect(main.createJudge).not.toHaveBeenCalled();
    expect(main.createSession).not.toHaveBeenCalled();
  });

  it('lists the chosen anchors in the scale order, each with the start of its text', async () => {
    await renderSetup();
    choose(container.querySelector<HTMLSelectElement>('select[aria-label="Betyg för e1.txt"]')!, 'A');
    choose(container.querySelector<HTMLSelectElement>('select[aria-label="Betyg för e2.txt"]')!, 'E');
    choose(container.querySelector<HTMLSelectElement>('select[aria-label="Betyg för e3.txt"]')!, 'C');
    await until(() => container.querySelectorAll('[data-testid="chosen-anchors"] li').length === 3);
    const items = [...container.querySelectorAll('[data-testid="chosen-anchors"] li')];
    expect(items.map((li) => li.getAttribute('data-grade'))).toEqual(['E', 'C', 'A']);
    expect(items[0].textContent).toContain('e2.txt');
    expect(items[0].querySelector('.preview')?.textContent).toBe('Biblioteket behövs. Många tror att biblioteken är på väg att försvinna eftersom allt finns på nätet.');
    // Every essay in the picker shows its start too, and the whole text on request.
    const row = container.querySelector('tr[data-essay-id="e3"]')!;
    expect(row.querySelector('.preview')?.textContent).toMatch(/^Min mormor föddes i Älvdalen\. Hon berättar/);
    expect(row.querySelector('details .essay-text')?.textContent).toBe(texts.e3);
  });

  it('takes "0,80" and "0.85" alike, and refuses a fraction of a comparison in words the teacher reads', async () => {
    const main = await renderSetup();
    type(field('Mål för reliabilitet')!, '0,80');
    type(field('Högst antal jämförelser per uppsats')!, '8,5');
    button('Börja bedöma')!.click();
    await until(() => text().includes('Högst antal jämförelser per uppsats: skriv ett heltal.'));
    expect(main.createSession).not.toHaveBeenCalled();
    type(field('Högst antal jämförelser per uppsats')!, '8');
    button('Börja bedöma')!.click();
    await until(() => main.createSession.mock.calls.length === 1);
    expect(main.createSession.mock.calls[0][0]).toMatchObject({ targetReliability: 0.8, budgetPerScript: 8 });
    // A point is as good as a comma.
    type(field('Mål för reliabilitet')!, '0.85');
    type(field('Högst antal jämförelser per uppsats')!, '12,0');
    button('Börja bedöma')!.click();
    await until(() => main.createSession.mock.calls.length === 2);
    expect(main.createSession.mock.calls[1][0]).toMatchObject({ targetReliability: 0.85, budgetPerScript: 12 });
  });

  it('takes a decimal point in English, and says in English what is wrong', async () => {
    const main = await renderSetup('en');
    type(field('Target reliability')!, '0.99');
    button('Start judging')!.click();
    await until(() => text().includes('Target reliability: type a number from 0.5 to 0.95.'));
    type(field('Target reliability')!, '0.85');
    button('Start judging')!.click();
    await until(() => main.createSession.mock.calls.length === 1);
    expect(main.createSession.mock.calls[0][0]).toMatchObject({ targetReliability: 0.85, judgeIds: ['judge-1'] });
    expect(main.createJudge).toHaveBeenCalledWith({ name: 'Me' });
  });

  it('estimates the comparisons and the minutes, saying when the time per comparison is assumed', async () => {
    // Anna has judged before on this laptop: a median of 20 s.
    await db.judges.put({ id: 'anna', name: 'Anna', createdAt: now, kind: 'human' });
    for (const [i, ms] of [10_000, 20_000, 40_000].entries()) {
      await db.judgements.put({ id: `00000000-0000-4000-8000-00000000000${i}`, sessionId: 'old', judgeId: 'anna', left: 'x', right: 'y', winner: 'x', ms, judgedAt: now, undone: false });
    }
    await renderSetup();
    const estimate = () => container.querySelector('[data-testid="estimate"]')?.textContent ?? '';
    // 3 essays × 20 per essay ÷ 2 = 30 comparisons; "Jag" has none yet: 30 s assumed, 15 minutes.
    expect(estimate()).toContain('Högst 30 jämförelser (20 per uppsats × 3 uppsatser ÷ 2).');
    expect(estimate()).toContain('Cirka 15 min för bedömaren.');
    expect(estimate()).toContain('cirka 30 s per jämförelse, antaget');

    checkbox('Anna')!.click();
    // Anna's median stands for both: 30 × 20 s shared by two is 5 minutes each.
    await until(() => estimate().includes('Cirka 5 min för var och en av 2 bedömare'));
    expect(estimate()).toContain('cirka 20 s per jämförelse: mediantiden');
    checkbox('Jag')!.click();
    type(field('Högst antal jämförelser per uppsats')!, '10');
    await until(() => estimate().includes('Högst 15 jämförelser (10 per uppsats × 3 uppsatser ÷ 2).'));
    expect(estimate()).toContain('Cirka 5 min för bedömaren.');
  });

  it('shows the original text by default; choosing the corrected text tells how many automatic changes no teacher has reviewed', async () => {
    const main = await renderSetup();
    expect(checkbox('Elevens originaltext')?.checked).toBe(true);
    expect(container.querySelector('[data-testid="unreviewed"]')).toBeNull();
    checkbox('Rättad text')!.click();
    await until(() => container.querySelector('[data-testid="unreviewed"]') !== null);
    expect(container.querySelector('[data-testid="unreviewed"]')!.textContent).toBe(
      'Den rättade texten har 2 automatiska ändringar som ingen lärare har granskat, i 2 av uppsatserna.',
    );
    button('Börja bedöma')!.click();
    await until(() => main.createSession.mock.calls.length === 1);
    expect(main.createSession.mock.calls[0][0]).toMatchObject({ textView: 'corrected' });
  });
});

describe('starting while essays are not ready', () => {
  beforeEach(() => seed({ notReady: true }));

  it('asks first, naming how many are ready and how many are not; "Vänta" starts nothing', async () => {
    const main = await renderSetup();
    expect(container.querySelector('[data-testid="not-ready"]')?.textContent).toMatch(/^2 av batchens uppsatser är inte klara än/);
    button('Börja bedöma')!.click();
    await until(() => container.querySelector('[role="alertdialog"]') !== null);
    expect(container.querySelector('[role="alertdialog"] #ask-text')?.textContent).toBe('3 av 5 uppsatser är klara. 2 är inte klara än. Starta ändå med 3?');
    button('Vänta')!.click();
    await until(() => container.querySelector('[role="alertdialog"]') === null);
    // Starting again asks again: only the question's own button starts on part of the batch.
    button('Börja bedöma')!.click();
    await until(() => button('Starta med 3') !== undefined);
    expect(main.createSession).not.toHaveBeenCalled();
    button('Starta med 3')!.click();
    await until(() => main.createSession.mock.calls.length === 1);
  });
});

describe('the judging view of a session', () => {
  beforeEach(async () => {
    await seed();
    await db.judges.put({ id: 'j1', name: 'Anna', createdAt: now, kind: 'human' });
    // A session from before the text choice (no textView) on e1 and e2; e3 became ready later.
    await db.sessions.put({ id: 's1', batchId: 'b1', title: 'Vt', judgeIds: ['j1'], anchors: [], scale: ['F', 'E'], targetReliability: 0.8, budgetPerScript: 10, essayIds: ['e1', 'e2'], createdAt: now, stop: null });
  });

  it('shows the original text, offers the essays that became ready, and adds them with one command', async () => {
    const pair: NextPair = { outcome: 'pair', left: 'e1', right: 'e2' };
    const main = { currentPair: vi.fn(async () => pair), addReadyEssays: vi.fn(async () => ({ outcome: 'added' as const, added: 1 })) };
    useUi.setState({ main: main as unknown as MainClient, judgeId: 'j1', language: 'sv' });
    root.render(<JudgingView sessionId="s1" />);
    await until(() => container.querySelector('[data-testid="essay-left"] .judging-text')?.textContent === texts.e1);
    // Not "sömnx": the engine's automatic change is not on the judge's screen.
    expect(container.querySelector('[data-testid="ready-to-add"]')?.textContent).toContain('1 nya uppsatser är klara – lägg till i sessionen');
    button('Lägg till 1 uppsatser')!.click();
    await until(() => main.addReadyEssays.mock.calls.length === 1);
    expect(main.addReadyEssays).toHaveBeenCalledWith({ sessionId: 's1' });
    await until(() => text().includes('1 uppsatser lades till i sessionen.'));
  });
});
