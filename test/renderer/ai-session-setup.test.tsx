import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AiJudgeEstimate } from '../../shared/contracts/ai-judge';
import type { MainClient } from '../../src-renderer/src/bridge';
import { db } from '../../src-renderer/src/db';
import { useUi } from '../../src-renderer/src/state';
import { SessionSetup } from '../../src-renderer/src/views/SessionSetup';
import { choose, container, liveViews, root, type, until } from './live-view';
import { batchRow } from '../support/batch-row';

const now = '2026-12-05T08:00:00.000Z';
const hash = (id: string) => id.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a');
const AI = 'AI – kommunens server';

/** A batch of three spellchecked essays; Anna, a teacher; and (with `profile`) an AI profile whose judge has judged before. */
async function seed({ profile = true } = {}): Promise<void> {
  await db.delete();
  await db.open();
  await db.batches.put(batchRow({ id: 'b1', title: '9B svenska', className: '9B', createdAt: now, nextSeq: 3 }));
  for (const [i, id] of ['e1', 'e2', 'e3'].entries()) {
    await db.contents.put({ hash: hash(id), text: `Uppsats ${id} om skolan och sömnen.`, createdAt: now });
    await db.essays.put({ id, batchId: 'b1', seq: i, fileName: `${id}.txt`, size: 10, state: 'spellchecked', contentHash: hash(id), words: 15, receivedAt: now, updatedAt: now });
  }
  await db.judges.put({ id: 'anna', name: 'Anna', createdAt: now, kind: 'human' });
  if (!profile) return;
  await db.aiProfiles.put({ id: 'ai-1', name: AI, baseUrl: 'https://ai.kommun.se/v1', model: 'qwen2.5', pricePerMillionTokens: 0.5, createdAt: now, updatedAt: now });
  await db.aiProfiles.put({ id: 'ai-2', name: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1:8b', pricePerMillionTokens: null, createdAt: now, updatedAt: now });
  // The AI profile's judge, from an earlier session: a judge, but never one of the people.
  await db.judges.put({ id: 'ai-1', name: AI, createdAt: now, kind: 'ai' });
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
    startAiJudge: vi.fn(async (_request: { sessionId: string }) => ({ outcome: 'started' as const }) as { outcome: 'started' } | { outcome: 'refused'; problem: 'PROFILE_MISSING' }),
    // 1.5 calls per comparison per essay and 1,500 tokens a call; the price makes the cost.
    estimateAiJudge: vi.fn(async ({ profileId, budgetPerScript }: { profileId: string; budgetPerScript: number; assignment: string }): Promise<AiJudgeEstimate> => {
      const calls = (budgetPerScript * 3) / 2;
      const tokens = calls * 1500;
      return { calls, tokens, cost: profileId === 'ai-1' ? (tokens / 1_000_000) * 0.5 : null };
    }),
  };
}

liveViews();
beforeEach(() => {
  localStorage.clear();
  useUi.setState({ route: { name: 'newSession', batchId: 'b1' } });
});

const text = () => container.textContent ?? '';
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name);
const checkbox = (name: string) => [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === name)?.querySelector('input') as HTMLInputElement | undefined;
/** The control a label names: inside it, or by its `for`. */
const control = <T extends Element>(name: string): T | undefined => {
  const label = [...container.querySelectorAll('label')].find((l) => (l.querySelector('span')?.textContent ?? l.textContent) === name);
  if (!label) return undefined;
  return (label.htmlFor ? container.querySelector<T>(`#${label.htmlFor}`) : label.querySelector<T>('input, select, textarea')) ?? undefined;
};
const aiEstimate = () => container.querySelector('[data-testid="ai-estimate"]')?.textContent ?? '';
const estimate = () => container.querySelector('[data-testid="estimate"]')?.textContent ?? '';


async function renderSetup() {
  const main = fakeMain();
  useUi.setState({ main: main as unknown as MainClient, judgeId: null, language: 'sv' });
  root.render(<SessionSetup batchId="b1" />);
  await until(() => text().includes('e3.txt'));
  return main;
}

async function turnAiOn(): Promise<void> {
  checkbox('Låt en AI-bedömare bedöma')!.click();
  await until(() => control('Uppgift och bedömningskriterier') !== undefined);
}

describe('an AI judge at session set-up', () => {
  it('lists only people as judges; with the AI off, the session has none and nothing is started', async () => {
    await seed();
    const main = await renderSetup();
    const judges = [...container.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent === 'Bedömare')!;
    expect([...judges.querySelectorAll('label.radio')].map((l) => l.textContent)).toEqual(['Jag', 'Anna']);
    expect(judges.textContent).not.toContain(AI);
    // Off by default; the time is the one teacher's.
    expect(checkbox('Låt en AI-bedömare bedöma')?.checked).toBe(false);
    expect(control('AI-profil')).toBeUndefined();
    expect(estimate()).toContain('Cirka 15 min för bedömaren.');
    button('Börja bedöma')!.click();
    await until(() => main.createSession.mock.calls.length === 1);
    expect(main.createSession.mock.calls[0][0]).toMatchObject({ judgeIds: ['judge-1'] });
    expect(main.createSession.mock.calls[0][0]).not.toHaveProperty('ai');
    expect(main.startAiJudge).not.toHaveBeenCalled();
    expect(main.estimateAiJudge).not.toHaveBeenCalled();
  });

  it('without a profile, offers the way to the settings to make one', async () => {
    await seed({ profile: false });
    await renderSetup();
    const link = [...container.querySelectorAll<HTMLAnchorElement>('[data-testid="ai-setup"] a')].find((a) => a.textContent === 'Skapa en AI-profil under Inställningar');
    expect(link?.getAttribute('href')).toBe('#/settings');
    expect(checkbox('Låt en AI-bedömare bedöma')).toBeUndefined();
  });

  it('with the AI on and no teacher, creates the session with the AI and starts it once', async () => {
    await seed();
    const main = await renderSetup();
    await turnAiOn();
    expect(control<HTMLSelectElement>('AI-profil')!.value).toBe('ai-1');
    expect(control<HTMLSelectElement>('Andel av AI:ns par som lärarna också bedömer')!.value).toBe('0.1');
    expect([...control<HTMLSelectElement>('Andel av AI:ns par som lärarna också bedömer')!.options].map((o) => o.textContent)).toEqual(['0 %', '5 %', '10 %', '20 %']);
    expect(text()).toContain('Skickas till AI:n som en del av frågan');
    expect(text()).toContain('hur långt du kan lita på AI:ns skala');
    choose(control<HTMLSelectElement>('AI-profil')!, 'ai-2');
    choose(control<HTMLSelectElement>('Andel av AI:ns par som lärarna också bedömer')!, '0.2');
    type(control<HTMLTextAreaElement>('Uppgift och bedömningskriterier')!, '  Argumenterande text om skolstart. Tydlig tes, hållbara argument.  ');
    checkbox('Jag')!.click();
    await until(() => checkbox('Jag')?.checked === false);
    // No teacher: the session's comparisons, but no teacher's time.
    expect(estimate()).toContain('Högst 30 jämförelser');
    expect(estimate()).not.toContain('min för');

    button('Börja bedöma')!.click();
    await until(() => main.startAiJudge.mock.calls.length === 1);
    expect(main.createJudge).not.toHaveBeenCalled();
    expect(main.createSession.mock.calls[0][0]).toMatchObject({
      judgeIds: [],
      ai: { profileId: 'ai-2', assignment: 'Argumenterande text om skolstart. Tydlig tes, hållbara argument.', humanCheckShare: 0.2 },
    });
    expect(main.startAiJudge).toHaveBeenCalledWith({ sessionId: 's-new' });
    await until(() => useUi.getState().route.name === 'judge');
    expect(useUi.getState().route).toEqual({ name: 'judge', sessionId: 's-new' });
    expect(main.startAiJudge).toHaveBeenCalledTimes(1);
  });

  it('beside a teacher, the AI judge is added and the teacher stays the judge on this laptop', async () => {
    await seed();
    const main = await renderSetup();
    await turnAiOn();
    button('Börja bedöma')!.click();
    await until(() => main.startAiJudge.mock.calls.length === 1);
    expect(main.createSession.mock.calls[0][0]).toMatchObject({ judgeIds: ['judge-1'], ai: { profileId: 'ai-1', assignment: '', humanCheckShare: 0.1 } });
    expect(useUi.getState().judgeId).toBe('judge-1');
  });

  it('estimates the calls, tokens and cost before the first call, asking again once the teacher stops typing', async () => {
    await seed();
    const main = await renderSetup();
    await turnAiOn();
    // 20 per essay: 30 calls, 45 000 tokens, at 0,50 per million tokens.
    await until(() => aiEstimate().startsWith('AI-bedömaren:'));
    expect(aiEstimate()).toContain('AI-bedömaren: högst 30 anrop till servern och cirka 45\u00a0000 tokens.');
    expect(aiEstimate()).toContain('Kostnad cirka 0,02, med profilens pris på 0,50 per miljon tokens.');
    expect(main.estimateAiJudge).toHaveBeenLastCalledWith({ batchId: 'b1', profileId: 'ai-1', budgetPerScript: 20, assignment: '' });

    const asked = main.estimateAiJudge.mock.calls.length;
    for (const typed of ['A', 'Ar', 'Arg']) type(control<HTMLTextAreaElement>('Uppgift och bedömningskriterier')!, typed);
    type(control<HTMLInputElement>('Högst antal jämförelser per uppsats')!, '10');
    await until(() => aiEstimate().includes('högst 15 anrop'));
    // One question for the whole burst of typing.
    expect(main.estimateAiJudge.mock.calls.length).toBe(asked + 1);
    expect(main.estimateAiJudge).toHaveBeenLastCalledWith({ batchId: 'b1', profileId: 'ai-1', budgetPerScript: 10, assignment: 'Arg' });

    // A profile without a price: no cost.
    choose(control<HTMLSelectElement>('AI-profil')!, 'ai-2');
    await until(() => main.estimateAiJudge.mock.lastCall?.[0].profileId === 'ai-2' && aiEstimate().startsWith('AI-bedömaren:'));
    expect(aiEstimate()).not.toContain('Kostnad');
  });

  it("shows main's refusal to start the AI judge; the session stays created and is not created twice", async () => {
    await seed();
    const main = await renderSetup();
    main.startAiJudge.mockResolvedValueOnce({ outcome: 'refused', problem: 'PROFILE_MISSING' });
    await turnAiOn();
    button('Börja bedöma')!.click();
    await until(() => container.querySelector('[data-testid="ai-start-refused"]') !== null);
    const refusal = container.querySelector('[data-testid="ai-start-refused"]')!;
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(refusal.textContent).toContain('Bedömningsomgången är skapad, men AI-bedömaren startade inte. AI-profilen finns inte längre. Välj en annan profil.');
    expect(refusal.querySelector('a')?.getAttribute('href')).toBe('#/judge/s-new');
    expect(button('Börja bedöma')!.disabled).toBe(true);
    expect(main.createSession).toHaveBeenCalledTimes(1);
    expect(useUi.getState().route.name).toBe('newSession');
  });
});
