import { afterAll, describe, expect, it } from 'vitest';
import type { HuleDb } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import type { Services } from '../../src-main/app/services';
import { sharedPools, sequentialIds, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

function laptop(prefix: number): { db: HuleDb; services: Services } {
  const db = memoryDb();
  return { db, services: testServices(createStore(db), pools, sequentialIds(prefix)) };
}

/** Rows per table, to compare a database with a backup file. */
async function counts(db: HuleDb): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(db.tables.map(async (table) => [table.name, await table.count()] as const)));
}

function backupCounts(text: string): Record<string, number> {
  const tables = (JSON.parse(text) as { tables: Record<string, unknown[]> }).tables;
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
}

/** The sample batches imported and spellchecked, and a session whose first pair is on Anna's screen; the backup is taken then. */
async function laptopWithSession() {
  const { db, services } = laptop(1);
  await services.api.importSamples({});
  await services.idle();
  const batch = (await db.batches.toArray()).find((b) => b.language === 'sv')!;
  const { judgeId } = await services.api.createJudge({ name: 'Anna' });
  const created = await services.api.createSession({ batchId: batch.id, title: 'Vårterminen', judgeIds: [judgeId], anchors: [] });
  if (created.outcome !== 'created') throw new Error(created.code);
  const first = await services.api.currentPair({ sessionId: created.sessionId, judgeId });
  await services.idle();
  const backup = new TextDecoder().decode((await services.api.exportBatch({ batchId: batch.id, format: 'json' })).bytes);
  return { db, services, sessionId: created.sessionId, judgeId, first, backup };
}

describe('restoring a backup through main', () => {
  it('forgets the pairs on the judges’ screens: after the restore the judge gets the pair the restored data gives', async () => {
    const { db, services, sessionId, judgeId, first, backup } = await laptopWithSession();
    if (first.outcome !== 'pair') throw new Error('no first pair');
    const second = await services.api.judge({ sessionId, judgeId, left: first.left, right: first.right, winner: first.left, ms: 900 });
    expect(second).toMatchObject({ outcome: 'pair' });
    expect(second).not.toEqual(first);
    await services.idle();
    expect(await db.judgements.count()).toBe(1);

    expect(await services.api.restoreBackup({ text: backup })).toEqual({ outcome: 'restored' });
    expect(await db.judgements.count()).toBe(0);
    // Pair selection is seeded by the stored state, so the restored state shows the first pair again, not the one that was on screen.
    expect(await services.api.currentPair({ sessionId, judgeId })).toEqual(first);
    await services.close();
  });

  it('waits for a running import to finish, then leaves exactly the backup, and nothing writes after it', async () => {
    const { backup, services: source } = await laptopWithSession();
    await source.close();
    const { db, services } = laptop(2);
    await services.api.importSamples({});
    // The import is under way in the background when the restore arrives.
    expect((await db.batches.toArray()).some((b) => Object.values(b.phases).some((p) => p.status === 'running'))).toBe(true);
    expect(await services.api.restoreBackup({ text: backup })).toEqual({ outcome: 'restored' });
    expect(await counts(db)).toEqual(backupCounts(backup));
    await services.idle();
    expect(await counts(db)).toEqual(backupCounts(backup));
    await services.close();
  });

  it('refuses a file that is not a backup, or one from a newer app, and changes nothing', async () => {
    const { db, services, backup } = await laptopWithSession();
    const before = await counts(db);
    const parsed = JSON.parse(backup) as { schemaVersion: number; tables: { essays: unknown[] } };
    expect(await services.api.restoreBackup({ text: 'not json' })).toEqual({ outcome: 'refused', reason: 'invalid' });
    expect(await services.api.restoreBackup({ text: JSON.stringify({ ...parsed, tables: { ...parsed.tables, essays: [{ id: 1 }] } }) })).toEqual({
      outcome: 'refused',
      reason: 'invalid',
    });
    expect(await services.api.restoreBackup({ text: JSON.stringify({ ...parsed, schemaVersion: parsed.schemaVersion + 1 }) })).toEqual({
      outcome: 'refused',
      reason: 'newer',
    });
    expect(await counts(db)).toEqual(before);
    // The app goes on working after a refusal.
    expect(await services.api.createJudge({ name: 'Erik' })).toMatchObject({ judgeId: expect.any(String) });
    await services.close();
  });
});
