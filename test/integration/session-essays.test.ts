import { afterAll, describe, expect, it } from 'vitest';
import type { SpellcheckPort } from '../../src-main/core/ports';
import { createStore } from '../../shared/db/store';
import { classEssayFiles } from '../support/class-essays';
import { sequentialIds, sharedPools, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

/** The spellcheck pool with a gate: the first `open` essays go through, the rest wait until `release()`. */
function gatedSpellcheck(open: number): { port: SpellcheckPort; release(): void } {
  let passed = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    port: {
      async check(task) {
        if (++passed > open) await released;
        return pools.spellcheck.check(task);
      },
      close: async () => {},
    },
    release,
  };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await check()).toBe(true);
}

describe('essays that become ready after a session started', () => {
  it('are added to the running session on request, once, and the engine pairs them from then on', async () => {
    const db = memoryDb();
    const gate = gatedSpellcheck(3);
    const services = testServices(createStore(db), { ...pools, spellcheck: gate.port }, sequentialIds(21));
    const { batchId } = await services.api.createBatch({ title: '9B svenska', className: '9B', course: 'Svenska', language: 'sv' });
    const files = classEssayFiles(8).map(({ name, text }) => {
      const bytes = new TextEncoder().encode(text);
      return { name, size: bytes.length, bytes };
    });
    await services.api.importFiles({ batchId, files });
    const spellchecked = async () => (await db.essays.where('batchId').equals(batchId).toArray()).filter((e) => e.state === 'spellchecked');
    await until(async () => (await spellchecked()).length === 3);

    // The teacher starts on the three that are ready, while five wait for their spellcheck.
    const { judgeId } = await services.api.createJudge({ name: 'Jag' });
    const created = await services.api.createSession({ batchId, title: 'Halva klassen', judgeIds: [judgeId], budgetPerScript: 10 });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    const first = (await db.sessions.get(sessionId))!.essayIds;
    expect(first).toHaveLength(3);
    expect((await db.sessions.get(sessionId))!.textView).toBe('original');

    let next = await services.api.currentPair({ sessionId, judgeId });
    if (next.outcome !== 'pair') throw new Error('no pair');
    next = await services.api.judge({ sessionId, judgeId, left: next.left, right: next.right, winner: next.left, ms: 20_000 });
    // Nothing is ready yet that the session lacks.
    expect(await services.api.addReadyEssays({ sessionId })).toEqual({ outcome: 'added', added: 0 });

    gate.release();
    await services.idle();
    expect(await spellchecked()).toHaveLength(8);
    expect(await services.api.addReadyEssays({ sessionId })).toEqual({ outcome: 'added', added: 5 });
    const session = (await db.sessions.get(sessionId))!;
    expect(session.essayIds).toHaveLength(8);
    // The essays already judged keep their places; the new ones follow.
    expect(session.essayIds.slice(0, 3)).toEqual(first);
    // Asking again adds nothing, and no event is applied twice.
    expect(await services.api.addReadyEssays({ sessionId })).toEqual({ outcome: 'added', added: 0 });
    expect((await db.events.toArray()).filter((e) => e.type === 'CjSessionEssayAdded')).toHaveLength(5);

    // From the next pair on, the new essays are paired too, and the refit puts them on the scale.
    const added = new Set(session.essayIds.slice(3));
    const shown = new Set<string>();
    for (let turn = 0; turn < 12 && next.outcome === 'pair'; turn++) {
      shown.add(next.left).add(next.right);
      next = await services.api.judge({ sessionId, judgeId, left: next.left, right: next.right, winner: next.left, ms: 20_000 });
      await services.idle();
    }
    expect([...added].filter((id) => shown.has(id))).toEqual([...added]);
    const fit = (await db.sessionFits.get(sessionId))!;
    expect(fit.items.map((i) => i.essayId).sort()).toEqual([...session.essayIds].sort());
  });

  it('a moderation file from a laptop that added essays brings them into the session a colleague already has', async () => {
    const db = memoryDb();
    const gate = gatedSpellcheck(2);
    const services = testServices(createStore(db), { ...pools, spellcheck: gate.port }, sequentialIds(22));
    const { batchId } = await services.api.createBatch({ title: '9C svenska', className: '9C', course: 'Svenska', language: 'sv' });
    const files = classEssayFiles(4).map(({ name, text }) => ({ name, size: text.length, bytes: new TextEncoder().encode(text) }));
    await services.api.importFiles({ batchId, files });
    await until(async () => (await db.essays.where('batchId').equals(batchId).toArray()).filter((e) => e.state === 'spellchecked').length === 2);
    const { judgeId } = await services.api.createJudge({ name: 'Anna' });
    const created = await services.api.createSession({ batchId, title: 'Moderering', judgeIds: [judgeId] });
    if (created.outcome !== 'created') throw new Error(created.code);
    const { sessionId } = created;
    const before = await services.api.exportJudgements({ sessionId });
    gate.release();
    await services.idle();
    expect(await services.api.addReadyEssays({ sessionId })).toEqual({ outcome: 'added', added: 2 });
    const pair = await services.api.currentPair({ sessionId, judgeId });
    if (pair.outcome !== 'pair') throw new Error('no pair');
    await services.api.judge({ sessionId, judgeId, left: pair.left, right: pair.right, winner: pair.right, ms: 15_000 });
    const after = await services.api.exportJudgements({ sessionId });

    const colleagueDb = memoryDb();
    const colleague = testServices(createStore(colleagueDb), pools, sequentialIds(23));
    expect(await colleague.api.importJudgements({ file: before })).toMatchObject({ outcome: 'imported' });
    expect((await colleagueDb.sessions.get(sessionId))!.essayIds).toHaveLength(2);
    expect(await colleague.api.importJudgements({ file: after })).toMatchObject({ outcome: 'imported', added: 1 });
    await colleague.idle();
    expect((await colleagueDb.sessions.get(sessionId))!.essayIds).toEqual((await db.sessions.get(sessionId))!.essayIds);
    expect((await colleagueDb.sessionFits.get(sessionId))!.judgements).toBe(1);
  });
});
