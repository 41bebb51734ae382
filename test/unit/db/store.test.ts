import { describe, expect, it } from 'vitest';
import { createStore } from '../../../shared/db/store';
import { sha256Hex } from '../../../shared/text/normalise';
import { event } from '../../support/events';
import { memoryDb } from '../../support/memory-db';

const batchCreated = event(
  'BatchCreated',
  { batchId: 'b1', title: 'Argumenterande text', className: '9B', course: 'Svenska 3', language: 'sv', pipeline: ['intake', 'spellcheck'], createdAt: '2026-11-24T08:00:00.000Z' },
  'batch/b1/created',
);

async function withEssay() {
  const db = memoryDb();
  const store = createStore(db);
  const bytes = new TextEncoder().encode('Hej då');
  const blobHash = await sha256Hex(bytes);
  await store.apply(batchCreated);
  await store.putBlob({ hash: blobHash, bytes });
  await store.apply(event('EssayReceived', { essayId: 'e1', batchId: 'b1', seq: 0, fileName: 'a.txt', size: bytes.length, blobHash }, 'essay/e1/received'));
  return { db, store, blobHash };
}

describe('store', () => {
  it('applies an event once: a replay with the same id is acknowledged as a duplicate and changes nothing', async () => {
    const { db, store } = await withEssay();
    const started = event('EssayIntakeStarted', { essayId: 'e1' }, 'essay/e1/intake/started');
    expect(await store.apply(started)).toEqual({ eventId: 'essay/e1/intake/started', status: 'applied' });
    const before = await db.essays.get('e1');
    expect(await store.apply(started)).toEqual({ eventId: 'essay/e1/intake/started', status: 'duplicate' });
    expect(await db.essays.get('e1')).toEqual(before);
    expect(await db.events.where('subject').equals('e1').count()).toBe(2);
  });

  it('keeps the first outcome of an essay when a different outcome arrives under the same id', async () => {
    const { db, store } = await withEssay();
    await store.apply(event('EssayIntakeStarted', { essayId: 'e1' }, 'essay/e1/intake/started'));
    await store.apply(event('EssayRejected', { essayId: 'e1', code: 'CONTENT_TOO_SHORT', words: 2 }, 'essay/e1/intake/outcome'));
    const ack = await store.apply(event('EssayRejected', { essayId: 'e1', code: 'CORRUPT_FILE' }, 'essay/e1/intake/outcome'));
    expect(ack.status).toBe('duplicate');
    expect((await db.essays.get('e1'))?.rejection).toEqual({ code: 'CONTENT_TOO_SHORT' });
  });

  it('refuses malformed events, and a failed event leaves no trace', async () => {
    const { db, store } = await withEssay();
    await expect(store.apply({ ...batchCreated, id: 'x', type: 'BatchDeleted' })).rejects.toThrow(/Unmapped/);
    await expect(store.apply(event('EssayIntakeStarted', { essayId: 'missing' }, 'essay/missing/intake/started'))).rejects.toThrow(/No essay/);
    expect(await db.events.get('essay/missing/intake/started')).toBeUndefined();
  });

  it('stores content and raw files only under their own hash', async () => {
    const { store } = await withEssay();
    const text = 'Älvdalen';
    await expect(store.putContent({ hash: await sha256Hex('annat'), text })).rejects.toThrow(/hash/);
    expect(await store.putContent({ hash: await sha256Hex(text), text })).toEqual({ hash: await sha256Hex(text) });
  });

  it("drops a batch's raw files when its intake has run, but keeps one another batch's waiting essay shares", async () => {
    const { db, store, blobHash } = await withEssay();
    const completed = (batchId: string) =>
      event('BatchPhaseCompleted', { batchId, phase: 'intake', run: 1, outcome: 'completed_with_failures', counts: { total: 1, pending: 0, succeeded: 0, failed: 1 } }, `batch/${batchId}/intake/1/completed`);
    await store.apply({ ...batchCreated, id: 'batch/b2/created', data: { ...batchCreated.data, batchId: 'b2' } });
    await store.apply(event('EssayReceived', { essayId: 'e2', batchId: 'b2', seq: 0, fileName: 'b.txt', size: 6, blobHash }, 'essay/e2/received'));
    await store.apply(event('EssayRejected', { essayId: 'e1', code: 'EMPTY_CONTENT' }, 'essay/e1/intake/outcome'));
    await store.apply(completed('b1'));
    expect(await store.getBlob({ hash: blobHash })).not.toBeNull();
    await store.apply(event('EssayRejected', { essayId: 'e2', code: 'EMPTY_CONTENT' }, 'essay/e2/intake/outcome'));
    expect(await store.getBlob({ hash: blobHash })).not.toBeNull();
    await store.apply(completed('b2'));
    expect(await store.getBlob({ hash: blobHash })).toBeNull();
    expect(await db.essays.count()).toBe(2);
  });

  it('applies many events in one transaction: all of them, or none when one fails', async () => {
    const { db, store } = await withEssay();
    const received = (i: number) => event('EssayReceived', { essayId: `z${i}`, batchId: 'b1', seq: i + 1, fileName: `${i}.txt`, size: 1 }, `essay/z${i}/received`);
    const { acks } = await store.applyAll({ events: [received(1), received(2), event('EssayIntakeStarted', { essayId: 'e1' }, 'essay/e1/intake/started')] });
    expect(acks.map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await db.batches.get('b1'))?.nextSeq).toBe(4);
    await expect(store.applyAll({ events: [received(3), event('EssayIntakeStarted', { essayId: 'missing' }, 'essay/missing/intake/started')] })).rejects.toThrow(/No essay/);
    expect(await db.essays.get('z3')).toBeUndefined();
    expect((await store.applyAll({ events: [received(1)] })).acks[0].status).toBe('duplicate');
  });

  it('reports batches with unfinished work', async () => {
    const { store } = await withEssay();
    const pendingStates = ['received', 'extracting'] as const;
    expect(await store.unfinishedBatches({ pendingStates: [...pendingStates] })).toEqual(['b1']);
    expect(await store.unfinishedBatches({ pendingStates: ['accepted'] })).toEqual([]);
    await store.apply(event('EssayRejected', { essayId: 'e1', code: 'EMPTY_CONTENT' }, 'essay/e1/intake/outcome'));
    expect(await store.unfinishedBatches({ pendingStates: [...pendingStates] })).toEqual([]);
    await store.apply(event('BatchPhaseStarted', { batchId: 'b1', phase: 'intake', run: 1 }, 'batch/b1/intake/1/started'));
    expect(await store.unfinishedBatches({ pendingStates: [...pendingStates] })).toEqual(['b1']);
  });
});
