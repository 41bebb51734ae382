import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NextPair } from '../../shared/contracts/judging';
import { OverrideSelect } from '../../src-renderer/src/components/OverrideSelect';
import type { MainClient } from '../../src-renderer/src/bridge';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { JudgingView } from '../../src-renderer/src/views/JudgingView';
import { batchRow } from '../support/batch-row';

/** Whether React should expect every update inside act(): true for synchronous controls, false for views fed by live queries. */
const actEnvironment = (on: boolean) => void ((globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = on);

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  actEnvironment(true);
  act(() => root.unmount());
  container.remove();
});

/** Lets the view get there: live queries and main's answers arrive asynchronously, as in the browser. */
async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000 });
}

function key(target: EventTarget, name: string, modifiers: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...modifiers }));
}

describe("the teacher's grade control", () => {
  beforeEach(() => actEnvironment(true));
  function renderOverride(saved: string): string[] {
    const commits: string[] = [];
    act(() =>
      root.render(
        <OverrideSelect label="Lärarens betyg" modelLabel="Modellens betyg" scale={['F', 'E', 'A']} saved={saved} disabled={false} onCommit={(g) => commits.push(g)} />,
      ),
    );
    return commits;
  }
  const select = () => container.querySelector('select')!;
  const choose = (value: string) =>
    act(() => {
      select().value = value;
      select().dispatchEvent(new Event('change', { bubbles: true }));
    });

  it('records a grade only when the teacher leaves the control or presses Enter, not while arrowing through grades', () => {
    const commits = renderOverride('');
    expect([...select().options].map((o) => o.textContent)).toEqual(['Modellens betyg', 'F', 'E', 'A']);
    choose('F');
    choose('E');
    expect(commits).toEqual([]);
    act(() => key(select(), 'Enter'));
    expect(commits).toEqual(['E']);
    choose('A');
    act(() => void select().dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(commits).toEqual(['E', 'A']);
  });

  it('records nothing when the grade did not change, and "the model\'s grade" takes an override back', () => {
    const commits = renderOverride('E');
    act(() => key(select(), 'Enter'));
    expect(commits).toEqual([]);
    choose('');
    act(() => key(select(), 'Enter'));
    expect(commits).toEqual(['']);
  });
});

describe('the judging keys', () => {
  const now = '2026-12-05T08:00:00.000Z';
  const texts = { e1: 'Den första uppsatsen handlar om skolan och om sömn.', e2: 'Den andra uppsatsen handlar om idrott och om vänner.' };

  beforeEach(async () => {
    actEnvironment(false);
    await db.delete();
    await db.open();
    const hash = (id: string) => id.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a');
    await db.batches.put(batchRow({ id: 'b1', createdAt: now, nextSeq: 2 }));
    for (const [i, [id, text]] of Object.entries(texts).entries()) {
      await db.contents.put({ hash: hash(id), text, createdAt: now });
      await db.essays.put({ id, batchId: 'b1', seq: i, fileName: `${id}.txt`, size: 10, state: 'spellchecked', contentHash: hash(id), words: 10, receivedAt: now, updatedAt: now });
    }
    await db.judges.put({ id: 'j1', name: 'Anna', createdAt: now, kind: 'human' });
    await db.sessions.put({
      id: 's1',
      batchId: 'b1',
      title: 'Session',
      judgeIds: ['j1'],
      anchors: [],
      scale: ['F', 'E'],
      targetReliability: 0.8,
      budgetPerScript: 10,
      essayIds: ['e1', 'e2'],
      createdAt: now,
      stop: null,
    });
  });

  function fakeMain() {
    const first: NextPair = { outcome: 'pair', left: 'e1', right: 'e2' };
    const second: NextPair = { outcome: 'pair', left: 'e2', right: 'e1' };
    return {
      currentPair: vi.fn(async (_request: unknown) => first),
      judge: vi.fn(async (_request: unknown) => second),
      undo: vi.fn(async (_request: unknown) => first),
    };
  }

  async function renderJudging() {
    const main = fakeMain();
    useUi.setState({ main: main as unknown as MainClient, judgeId: 'j1', language: 'sv' });
    root.render(<JudgingView sessionId="s1" />);
    await until(() => container.textContent?.includes(texts.e1) ?? false);
    return main;
  }

  it('← picks the text on the left, → the one on the right, and Backspace undoes', async () => {
    const main = await renderJudging();
    key(document.body, 'ArrowLeft');
    await until(() => main.judge.mock.calls.length === 1);
    expect(main.judge.mock.calls[0][0]).toMatchObject({ sessionId: 's1', judgeId: 'j1', left: 'e1', right: 'e2', winner: 'e1' });

    // The next pair has the texts the other way round; → picks what is now on the right.
    await until(() => container.querySelector('[data-testid="essay-left"]')?.textContent?.includes(texts.e2) ?? false);
    key(document.body, 'ArrowRight');
    await until(() => main.judge.mock.calls.length === 2);
    expect(main.judge.mock.calls[1][0]).toMatchObject({ left: 'e2', right: 'e1', winner: 'e1' });

    // Keys wait while a choice is being stored; Backspace once it is.
    await until(() => container.querySelector('.judging-pair')?.getAttribute('aria-busy') === 'false');
    key(document.body, 'Backspace');
    await until(() => main.undo.mock.calls.length === 1);
    expect(main.undo.mock.calls[0][0]).toEqual({ sessionId: 's1', judgeId: 'j1' });
  });

  it('ignores the keys while the teacher types in a field, or holds a modifier', async () => {
    const main = await renderJudging();
    const field = document.createElement('input');
    container.append(field);
    key(field, 'ArrowLeft');
    key(field, 'Backspace');
    key(document.body, 'ArrowRight', { ctrlKey: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(main.judge).not.toHaveBeenCalled();
    expect(main.undo).not.toHaveBeenCalled();
  });
});
