import { describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from '../../../shared/db/backup';
import { createStore } from '../../../shared/db/store';
import { sha256Hex } from '../../../shared/text/normalise';
import { event } from '../../support/events';
import { memoryDb } from '../../support/memory-db';

async function populatedDb() {
  const db = memoryDb();
  const store = createStore(db);
  const text = 'Min mormor föddes i Älvdalen år 1948.';
  const hash = await sha256Hex(text);
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  const blobHash = await sha256Hex(bytes);
  await store.apply(event('BatchCreated', { batchId: 'b1', title: 'Å', className: '9B', course: 'Sv', language: 'sv', pipeline: ['intake', 'spellcheck'], createdAt: '2026-11-24T08:00:00.000Z' }, 'b1/c'));
  await store.putBlob({ hash: blobHash, bytes });
  await store.putContent({ hash, text });
  await store.apply(event('EssayReceived', { essayId: 'e1', batchId: 'b1', seq: 0, fileName: 'mormor.txt', size: 5, blobHash }, 'e1/r'));
  await store.apply(event('EssayReceived', { essayId: 'e2', batchId: 'b1', seq: 1, fileName: 'kopia.txt', relativePath: 'mapp/kopia.txt', size: 5, blobHash }, 'e2/r'));
  await store.apply(event('BatchPhaseStarted', { batchId: 'b1', phase: 'intake', run: 1 }, 'b1/s'));
  await store.apply(event('EssayIntakeStarted', { essayId: 'e1' }, 'e1/s'));
  await store.apply(event('EssayAccepted', { essayId: 'e1', contentHash: hash, normalisedHash: hash, words: 7, format: 'txt', encoding: 'utf-8' }, 'e1/o'));
  return { db, store };
}

describe('backup', () => {
  it('round-trips the whole database into an empty one with equal data', async () => {
    const { db } = await populatedDb();
    const backup = JSON.parse(JSON.stringify(await exportBackup(db)));
    const fresh = memoryDb();
    await restoreBackup(fresh, backup);
    const again = await exportBackup(fresh);
    expect({ ...again, exportedAt: '' }).toEqual({ ...backup, exportedAt: '' });
    expect(again.tables.essays).toHaveLength(2);
    expect(again.tables.blobs[0].base64).toBe('AAEC+v8=');
    expect(await fresh.contents.toArray()).toEqual(await db.contents.toArray());
  });

  it('replaces what was there, and a file that does not parse changes nothing', async () => {
    const { db } = await populatedDb();
    const backup = await exportBackup(db);
    const other = (await populatedDb()).db;
    await createStore(other).apply(event('BatchCreated', { batchId: 'b2', title: 'Annan', className: '', course: '', language: 'en', pipeline: ['intake', 'spellcheck'], createdAt: '2026-11-24T09:00:00.000Z' }, 'b2/c'));
    const broken = { ...backup, tables: { ...backup.tables, essays: [{ id: 'x' }] } };
    await expect(restoreBackup(other, broken)).rejects.toMatchObject({ reason: 'invalid' });
    expect(await other.batches.count()).toBe(2);
    await restoreBackup(other, backup);
    expect((await other.batches.toArray()).map((b) => b.id)).toEqual(['b1']);
  });

  it('refuses a backup from a newer schema', async () => {
    const { db } = await populatedDb();
    const backup = await exportBackup(db);
    await expect(restoreBackup(memoryDb(), { ...backup, schemaVersion: 99 })).rejects.toMatchObject({ reason: 'newer' });
  });
});
