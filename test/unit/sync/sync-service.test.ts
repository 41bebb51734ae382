import { describe, expect, it } from 'vitest';
import { createStore } from '../../../shared/db/store';
import { createLogger } from '../../../src-main/core/logger';
import type { SecretStore } from '../../../src-main/core/ports';
import { Publisher } from '../../../src-main/core/publisher';
import { SyncConnector } from '../../../src-main/sync/connector';
import { SecretsUnavailableError } from '../../../src-main/core/ports';
import { memorySecrets } from '../../../src-main/secrets/index.memory';
import { KEY_SECRET, tokenSecret } from '../../../src-main/sync/secrets';
import { SyncService } from '../../../src-main/sync/sync-service';
import { event } from '../../support/events';
import { memoryDb } from '../../support/memory-db';

const TOKEN = 'tok_3v9QmZr8Lw2Xc5Nb7Hd1Kf4Tg6Yp0Sa';
const on = { enabled: true, serverUrl: 'https://resultat.kommun.se', schoolId: 'skola-1', sendTexts: false };

function rig(secrets: SecretStore = memorySecrets()) {
  const db = memoryDb();
  const store = createStore(db);
  const clock = { now: () => '2026-11-24T10:00:00.000Z' };
  const publisher = new Publisher(store, clock);
  const logs: string[] = [];
  const logger = createLogger((line) => logs.push(line), 'debug');
  let n = 0;
  const ids = { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
  const http = async (): Promise<Response> => {
    throw new TypeError('fetch failed');
  };
  const connector = new SyncConnector({ store, publisher, secrets, http, clock, random: () => 0, ids, logger, timing: { baseDelayMs: 1000, maxDelayMs: 1000, timeoutMs: 1000 } });
  // A dictionary that knows every word: these tests are about settings and the outbox, not the scrub.
  const spellcheck = { check: async () => ({ language: 'sv' as const, dictionary: 'sv.dic', words: 0, findings: [], correctedText: '', metrics: { words: 0, findings: 0, per100Words: 0, byCategory: {} } }), close: async () => {} };
  const service = new SyncService({ store, publisher, secrets, connector, ids, clock, logger, appVersion: 'test', spellcheck });
  return { db, store, secrets, service, connector, logs };
}

describe('sync settings in main', () => {
  it('are off by default', async () => {
    const { store } = rig();
    expect(await store.syncSettings({})).toBeNull();
  });

  it('store the token in the secret store and the settings by event, never the token in the database', async () => {
    const { db, secrets, service, connector, logs } = rig();
    expect(await service.saveSettings({ ...on, token: ` ${TOKEN} ` }, crypto.randomUUID())).toEqual({ outcome: 'saved' });
    await connector.idle();
    expect(await secrets.get(tokenSecret('skola-1'))).toBe(TOKEN);
    // The school's HMAC key was made when sync was first turned on.
    expect(Buffer.from((await secrets.get(KEY_SECRET))!, 'base64')).toHaveLength(32);
    expect(await db.settings.get('sync')).toMatchObject({ ...on, id: 'sync' });
    expect(await service.tokenStatus('skola-1')).toEqual({ tokenSet: true });
    expect(await service.tokenStatus('skola-2')).toEqual({ tokenSet: false });

    const everything = JSON.stringify([await db.settings.toArray(), await db.events.toArray(), await db.outbox.toArray()]);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain((await secrets.get(KEY_SECRET))!);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('refuse an address that is not https (except loopback), a missing or malformed token, and say why', async () => {
    const { db, service } = rig();
    const id = crypto.randomUUID();
    expect(await service.saveSettings({ ...on, serverUrl: 'http://resultat.kommun.se', token: TOKEN }, id)).toEqual({ outcome: 'refused', problem: 'URL_NOT_HTTPS' });
    expect(await service.saveSettings({ ...on }, id)).toEqual({ outcome: 'refused', problem: 'TOKEN_MISSING' });
    expect(await service.saveSettings({ ...on, token: 'has spaces in it, not a token' }, id)).toEqual({ outcome: 'refused', problem: 'TOKEN_INVALID' });
    expect(await service.saveSettings({ ...on, schoolId: 'skola norr', token: TOKEN }, id)).toEqual({ outcome: 'refused', problem: 'SCHOOL_ID_INVALID' });
    expect(await db.settings.count()).toBe(0);
    expect(await service.saveSettings({ ...on, serverUrl: 'http://127.0.0.1:8080', token: TOKEN }, id)).toEqual({ outcome: 'saved' });
    // Turning sync off needs no token.
    expect(await service.saveSettings({ ...on, enabled: false, schoolId: 'skola-2' }, id)).toEqual({ outcome: 'saved' });
    expect(await db.settings.get('sync')).toMatchObject({ enabled: false, schoolId: 'skola-2' });
  });

  it('refuse, with a clear reason, when secrets cannot be stored safely', async () => {
    const unavailable: SecretStore = {
      get: async () => null,
      set: async () => {
        throw new SecretsUnavailableError();
      },
    };
    const { db, service } = rig(unavailable);
    expect(await service.saveSettings({ ...on, token: TOKEN }, crypto.randomUUID())).toEqual({ outcome: 'refused', problem: 'SECRETS_UNAVAILABLE' });
    expect(await db.settings.count()).toBe(0);
  });
});

describe('queueing a batch', () => {
  it('is refused while sync is off, and for a batch that does not exist', async () => {
    const { service } = rig();
    expect(await service.queue('b1', crypto.randomUUID())).toEqual({ outcome: 'refused', code: 'SYNC_DISABLED' });
    await service.saveSettings({ ...on, token: TOKEN }, crypto.randomUUID());
    expect(await service.queue('b1', crypto.randomUUID())).toEqual({ outcome: 'refused', code: 'NOT_FOUND' });
  });

  it('tells the teacher a batch of fewer than 5 pupils is too small, and queues nothing', async () => {
    const { db, store, service } = rig();
    await service.saveSettings({ ...on, token: TOKEN }, crypto.randomUUID());
    await store.apply(event('BatchCreated', { batchId: 'b1', title: 'Liten grupp', className: '9B', course: 'Sv', language: 'sv', pipeline: ['intake', 'spellcheck'], createdAt: '2026-11-24T08:00:00.000Z' }, 'b1/c'));
    expect(await service.queue('b1', crypto.randomUUID())).toEqual({ outcome: 'suppressed', reason: 'SMALL_GROUP' });
    expect(await db.outbox.count()).toBe(0);
  });
});
