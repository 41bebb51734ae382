import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderSafetyCopies } from '../../src-main/backups/safety-copies';
import type { Ports } from '../../src-main/core/ports';
import type { HuleDb } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import type { Services } from '../../src-main/app/services';
import { sharedPools, sequentialIds, testServices } from '../support/harness';
import { memoryDb } from '../support/memory-db';

const pools = sharedPools();
afterAll(() => pools.close());

function laptop(prefix: number, more: Partial<Ports> = {}): { db: HuleDb; services: Services } {
  const db = memoryDb();
  return { db, services: testServices(createStore(db), pools, sequentialIds(prefix), more) };
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
async function laptopWithSession(more: Partial<Ports> = {}) {
  const { db, services } = laptop(1, more);
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

  it('first writes a copy of everything the app holds beside the backups, named so the teacher finds it, and the copy restores it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'huledu-backups-'));
    try {
      // The clock moves a second a call, so each restore's copy gets its own name.
      let tick = 0;
      const clock = { now: () => new Date(Date.UTC(2026, 10, 24, 14, 0, tick++)).toISOString() };
      const { db, services, sessionId, judgeId, first, backup } = await laptopWithSession({ safetyCopies: folderSafetyCopies(folder), clock });
      if (first.outcome !== 'pair') throw new Error('no first pair');
      await services.api.judge({ sessionId, judgeId, left: first.left, right: first.right, winner: first.left, ms: 900 });
      await services.idle();
      const before = await counts(db);

      const result = await services.api.restoreBackup({ text: backup });
      expect(result).toEqual({ outcome: 'restored', safetyCopy: expect.stringMatching(/^huledu-backup-2026-11-24-14\d{4}-fore-aterstallning\.json$/) });
      if (result.outcome !== 'restored' || !result.safetyCopy) throw new Error('no safety copy');
      expect(await readdir(folder)).toEqual([result.safetyCopy]);
      expect(await db.judgements.count()).toBe(0);
      // The judgement the restore replaced is in the safety copy, and comes back from it.
      const copy = await readFile(join(folder, result.safetyCopy), 'utf8');
      expect(backupCounts(copy)).toEqual(before);
      expect(await services.api.restoreBackup({ text: copy })).toMatchObject({ outcome: 'restored' });
      expect(await db.judgements.count()).toBe(1);
      // A refused file replaces nothing, and leaves no copy behind.
      const copies = await readdir(folder);
      expect(await services.api.restoreBackup({ text: 'not json' })).toEqual({ outcome: 'refused', reason: 'invalid' });
      expect(await readdir(folder)).toEqual(copies);
      await services.close();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('replaces nothing when the safety copy cannot be written (a full disk), and says so', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'huledu-backups-'));
    const notAFolder = join(parent, 'full');
    await writeFile(notAFolder, '');
    try {
      const { db, services, backup } = await laptopWithSession({ safetyCopies: folderSafetyCopies(notAFolder) });
      await services.api.createJudge({ name: 'Erik' });
      await services.idle();
      const before = await counts(db);
      expect(await services.api.restoreBackup({ text: backup })).toEqual({ outcome: 'refused', reason: 'safety-copy' });
      expect(await counts(db)).toEqual(before);
      expect(await services.api.createJudge({ name: 'Maja' })).toMatchObject({ judgeId: expect.any(String) });
      await services.close();
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
