import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from '../../../shared/db/backup';
import { HuleDb, schemaVersions } from '../../../shared/db/schema';
import { createStore } from '../../../shared/db/store';
import { outboxItems, syncSettings } from '../../../shared/db/sync-queries';
import { event } from '../../support/events';
import { memoryDb } from '../../support/memory-db';
import { payload } from './fixtures';

const settings = { enabled: true, serverUrl: 'https://resultat.kommun.se', schoolId: 'skola-1', sendTexts: false };

describe('the outbox and sync settings in the store', () => {
  it('are written by events, read back by the views, and parsed on arrival', async () => {
    const db = memoryDb();
    const store = createStore(db);
    expect(await syncSettings(db)).toEqual({ enabled: false, serverUrl: '', schoolId: '', sendTexts: false });
    await store.apply(event('SyncSettingsChanged', settings, 'settings/1'));
    expect(await syncSettings(db)).toEqual(settings);
    expect(await store.syncSettings({})).toMatchObject({ id: 'sync', ...settings });
    // The store refuses settings that break the rules, whoever sends them.
    const valid = event('SyncSettingsChanged', settings, 'settings/2');
    await expect(store.apply({ ...valid, data: { ...settings, serverUrl: 'http://resultat.kommun.se' } })).rejects.toThrow(/URL_NOT_HTTPS/);

    const first = payload();
    const second = payload();
    await store.apply(event('SyncQueued', { idempotencyKey: first.idempotencyKey, batchId: 'b1', payload: first }, `outbox/${first.idempotencyKey}/queued`));
    await store.apply(event('SyncQueued', { idempotencyKey: second.idempotencyKey, batchId: 'b2', payload: second }, `outbox/${second.idempotencyKey}/queued`));
    // A payload whose key is not the item's is refused.
    const odd = payload();
    const queued = event('SyncQueued', { idempotencyKey: odd.idempotencyKey, batchId: 'b1', payload: odd }, 'outbox/odd/queued');
    await expect(store.apply({ ...queued, data: { ...queued.data, idempotencyKey: crypto.randomUUID() } })).rejects.toThrow(/idempotency key/);
    // So is anything the contract does not allow in a payload.
    await expect(store.apply({ ...queued, data: { ...queued.data, payload: { ...odd, className: '9B' } } })).rejects.toThrow();
    expect(await db.outbox.count()).toBe(2);

    // Oldest first; the two here were queued at the same moment, so by id.
    expect((await store.outboxItems({ status: 'pending' })).map((i) => i.id)).toEqual([first.idempotencyKey, second.idempotencyKey].sort());
    expect((await outboxItems(db, 'b2')).map((i) => i.id)).toEqual([second.idempotencyKey]);
    expect(await store.outboxItems({ status: 'delivered' })).toEqual([]);
  });

  it('go into the backup and come back equal; a backup from before sync restores with none', async () => {
    const db = memoryDb();
    const store = createStore(db);
    await store.apply(event('SyncSettingsChanged', settings, 'settings/1'));
    const p = payload();
    const key = p.idempotencyKey;
    await store.apply(event('SyncQueued', { idempotencyKey: key, batchId: 'b1', payload: p }, `outbox/${key}/queued`));
    await store.apply(
      event('SyncAttempted', { idempotencyKey: key, attempt: 1, nextAttemptAt: '2026-11-24T08:00:05.000Z', error: { code: 'NETWORK', httpStatus: null, message: null } }, `outbox/${key}/attempt/1`),
    );
    const backup = JSON.parse(JSON.stringify(await exportBackup(db)));
    expect(backup.tables.outbox).toHaveLength(1);
    const fresh = memoryDb();
    await restoreBackup(fresh, backup);
    expect(await fresh.outbox.toArray()).toEqual(await db.outbox.toArray());
    expect(await fresh.settings.toArray()).toEqual(await db.settings.toArray());

    const { settings: _s, outbox: _o, ...v3tables } = backup.tables;
    await restoreBackup(fresh, { ...backup, schemaVersion: 3, tables: v3tables });
    expect(await fresh.outbox.count()).toBe(0);
    expect(await syncSettings(fresh)).toMatchObject({ enabled: false });
  });

  it('came with schema version 4, and a version-3 database opens at the latest version with its data and empty sync tables', async () => {
    expect(schemaVersions.map((v) => v.version).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(schemaVersions[3].stores).toEqual({ settings: 'id', outbox: 'id, status, batchId' });
    const indexedDB = new IDBFactory();
    const old = new HuleDb('v3', { indexedDB, IDBKeyRange }, schemaVersions.slice(0, 3));
    await old.table('judges').add({ id: 'j1', name: 'Anna', createdAt: '2026-11-01T08:00:00.000Z' });
    old.close();
    const current = new HuleDb('v3', { indexedDB, IDBKeyRange });
    await current.open();
    expect(current.verno).toBe(schemaVersions.at(-1)!.version);
    expect(await current.judges.count()).toBe(1);
    expect(await current.outbox.count()).toBe(0);
    expect(await current.settings.count()).toBe(0);
  });
});

describe('withdrawing the opt-in for texts', () => {
  it('takes the texts out of the items still waiting in the outbox', async () => {
    const db = memoryDb();
    const store = createStore(db);
    await store.apply(event('SyncSettingsChanged', { ...settings, sendTexts: true }, 'settings/1'));
    const withText = payload();
    withText.pupils[0].text = 'En text som skolan valde att skicka.';
    await store.apply(event('SyncQueued', { idempotencyKey: withText.idempotencyKey, batchId: 'b1', payload: withText }, `outbox/${withText.idempotencyKey}/queued`));
    expect((await db.outbox.get(withText.idempotencyKey))!.payload.pupils[0].text).toBe('En text som skolan valde att skicka.');
    await store.apply(event('SyncSettingsChanged', { ...settings, sendTexts: false }, 'settings/2'));
    expect((await db.outbox.get(withText.idempotencyKey))!.payload.pupils.some((p) => 'text' in p)).toBe(false);
  });
});

describe('correcting the school id', () => {
  it('sends the items still waiting under the corrected id; what was delivered keeps its own', async () => {
    const db = memoryDb();
    const store = createStore(db);
    await store.apply(event('SyncSettingsChanged', { ...settings, schoolId: 'skola-l' }, 'settings/1'));
    const [sent, waiting] = [payload(), payload()];
    for (const p of [sent, waiting]) {
      p.schoolId = 'skola-l';
      await store.apply(event('SyncQueued', { idempotencyKey: p.idempotencyKey, batchId: 'b1', payload: p }, `outbox/${p.idempotencyKey}/queued`));
    }
    const ack = { idempotencyKey: sent.idempotencyKey, status: 'stored' as const };
    await store.apply(event('SyncDelivered', { idempotencyKey: sent.idempotencyKey, attempt: 1, httpStatus: 201, ack }, `outbox/${sent.idempotencyKey}/delivered`));
    await store.apply(event('SyncSettingsChanged', { ...settings, schoolId: 'skola-1' }, 'settings/2'));
    expect((await db.outbox.get(waiting.idempotencyKey))!.payload.schoolId).toBe('skola-1');
    expect((await db.outbox.get(sent.idempotencyKey))!.payload.schoolId).toBe('skola-l');
    // Turning sync off empties the id field; the waiting item keeps the last real one.
    await store.apply(event('SyncSettingsChanged', { ...settings, enabled: false, schoolId: '' }, 'settings/3'));
    expect((await db.outbox.get(waiting.idempotencyKey))!.payload.schoolId).toBe('skola-1');
  });
});
