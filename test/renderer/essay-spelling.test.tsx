import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FindingDecision } from '../../shared/contracts/domain';
import type { Finding } from '../../shared/contracts/spellcheck';
import type { MainClient } from '../../src-renderer/src/bridge';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { EssayView } from '../../src-renderer/src/views/EssayView';
import { container, liveViews, root, until } from './live-view';
import { batchRow } from '../support/batch-row';

const now = '2026-12-05T08:00:00.000Z';
const text = 'Jag tyker om sommaren och jag gilar glass.';
const hash = 'a'.repeat(64);
const at = (word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, text: word });
/** "tyker" the engine corrects on its own; "gilar" waits for the teacher. */
const findings: Finding[] = [
  { ...at('tyker'), suggestions: ['tycker'], source: 'dictionary', category: 'spelling', autoCorrect: true },
  { ...at('gilar'), suggestions: ['gillar', 'gilla'], source: 'dictionary', category: 'spelling', autoCorrect: false },
];
const keyOf = (f: Finding) => `${f.start}:${f.end}:${f.text}`;

liveViews();
let decided: Omit<FindingDecision, 'decidedAt'>[];

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.batches.put(batchRow({ id: 'b1', createdAt: now }));
  await db.contents.put({ hash, text, createdAt: now });
  await db.essays.put({ id: 'e1', batchId: 'b1', seq: 0, fileName: 'sommar.txt', size: 10, state: 'spellchecked', contentHash: hash, words: 9, receivedAt: now, updatedAt: now });
  await db.spellchecks.put({
    essayId: 'e1',
    contentHash: hash,
    checkedAt: now,
    language: 'sv',
    dictionary: '/sv.dic',
    words: 9,
    findings,
    metrics: { words: 9, findings: 2, per100Words: 22.2, byCategory: {} },
  });
  decided = [];
  // Main records a decision as the store would: the essay view sees it through its live query.
  const main = {
    decideFinding: vi.fn(async (request: Omit<FindingDecision, 'decidedAt'>) => {
      decided.push(request);
      await db.findingDecisions.put({ ...request, decidedAt: now });
      return {};
    }),
    addWord: vi.fn(async () => ({})),
  };
  useUi.setState({ main: main as unknown as MainClient, language: 'sv' });
});

afterEach(() => vi.restoreAllMocks());

const finding = (word: string) => [...container.querySelectorAll<HTMLButtonElement>('button.finding')].find((b) => b.textContent?.startsWith(word));
const panel = () => container.querySelector<HTMLElement>('[data-testid="finding-panel"]');
const button = (name: string) => [...container.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name);
const essayText = () => container.querySelector('[data-testid="essay-text"]')!;

async function open(): Promise<void> {
  root.render(<EssayView essayId="e1" />);
  await until(() => finding('gilar') !== undefined);
}

describe('the essay view', () => {
  it('opens the suggestions at the finding, inside the window, moves focus into them, and Escape closes them', async () => {
    // The finding sits at the bottom of the window: the popover goes above it, not below the fold.
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      if (this instanceof HTMLElement && this.dataset.finding === keyOf(findings[1])) return new DOMRect(300, window.innerHeight - 30, 40, 20);
      if (this instanceof HTMLElement && this.dataset.testid === 'finding-panel') return new DOMRect(0, 0, 320, 200);
      return new DOMRect(0, 0, 0, 0);
    });
    await open();
    finding('gilar')!.click();
    await until(() => panel() !== null && panel()!.style.visibility !== 'hidden');
    expect(panel()!.getAttribute('role')).toBe('dialog');
    expect(panel()!.style.top).toBe(`${window.innerHeight - 30 - 6 - 200}px`);
    expect(panel()!.style.left).toBe('300px');
    expect(panel()!.contains(document.activeElement)).toBe(true);
    expect(document.activeElement?.textContent).toBe('Byt till ”gillar”');

    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => panel() === null);
    expect(document.activeElement).toBe(finding('gilar'));
  });

  it("marks each automatic change as the pupil's word → the correction, and one click keeps the word as written", async () => {
    await open();
    expect(finding('tyker')!.textContent).toBe('tyker → tycker');
    expect(finding('tyker')!.className).toContain('finding-auto');
    expect(finding('tyker')!.getAttribute('aria-label')).toBe('Automatisk rättning: ”tyker” blev ”tycker”. Välj för att ångra.');
    expect(finding('gilar')!.className).not.toContain('finding-auto');
    expect(container.querySelector('[data-testid="automatic-summary"]')?.textContent).toContain('1 ord rättades automatiskt');

    // The corrected text shows the change as a change, with its undo beside it.
    container.querySelector<HTMLInputElement>('input[name="text-view"]:not(:checked)')!.click();
    await until(() => essayText().querySelector('.auto-change') !== null);
    const change = essayText().querySelector('.auto-change')!;
    expect([change.querySelector('del')?.textContent, change.querySelector('ins')?.textContent]).toEqual(['tyker', 'tycker']);
    button('Ångra ändringen')!.click();
    await until(() => essayText().querySelector('.auto-change') === null);
    expect(decided).toEqual([{ essayId: 'e1', key: keyOf(findings[0]), decision: 'ignored' }]);
    expect(essayText().textContent).toBe(text);
  });

  it('offers "Ångra ändringen" first when the teacher opens an automatic change, and it keeps the word', async () => {
    await open();
    finding('tyker')!.click();
    await until(() => panel() !== null);
    expect(panel()!.textContent).toContain('Rättades automatiskt till ”tycker”.');
    expect(document.activeElement?.textContent).toBe('Ångra ändringen');
    (document.activeElement as HTMLButtonElement).click();
    await until(() => panel() === null && finding('tyker')?.className.includes('finding-ignored') === true);
    expect(finding('tyker')!.textContent).toBe('tyker');
    expect(decided).toEqual([{ essayId: 'e1', key: keyOf(findings[0]), decision: 'ignored' }]);
    expect(container.querySelector('[data-testid="automatic-summary"]')).toBeNull();
  });

  it('in English too', async () => {
    useUi.setState({ language: 'en' });
    await open();
    container.querySelector<HTMLInputElement>('input[name="text-view"]:not(:checked)')!.click();
    await until(() => button('Keep as written') !== undefined);
  });
});
