import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncPayload } from '../../shared/contracts/sync';
import type { HuleDb } from '../../shared/db/schema';
import { createStore } from '../../shared/db/store';
import { readIncomingFile, sampleSource } from '../../src-main/app/fs-files';
import { createServices, type Services } from '../../src-main/app/services';
import { createLogger } from '../../src-main/core/logger';
import { randomIds, type HttpPort } from '../../src-main/core/ports';
import { repoPath } from '../../src-main/app/repo-path';
import { memorySecrets } from '../../src-main/secrets/index.memory';
import { KEY_SECRET } from '../../src-main/sync/secrets';
import { sharedPools } from '../support/harness';
import { judgeByLength } from '../support/judging';
import { memoryDb } from '../support/memory-db';
import { leaks, startReceiver, throwawayPostgres, type Postgres, type Receiver } from '../support/receiver';

/**
 * Sync through the real services over fake-indexeddb, against the real
 * municipal receiver (server/app.ts) on a throwaway PostgreSQL.
 */

const SCHOOL = 'skola-it';
const NAMES = ['Leila Karimi', 'Omar Hassan', 'Wilma Öberg', 'Noah Lindqvist', 'Sumaya Jusuf', 'Hugo Strömberg'];
const SAMPLES = repoPath('resources/samples/sv');
const FILES = readdirSync(SAMPLES).sort();

const pools = sharedPools();
let postgres: Postgres;
let receiver: Receiver;
let token: string;

beforeAll(async () => {
  postgres = await throwawayPostgres();
  receiver = await startReceiver(postgres.url, 'sync_integration');
  token = await receiver.addSchool(SCHOOL);
});

afterAll(async () => {
  await receiver?.close();
  postgres?.stop();
  await pools.close();
});

interface Laptop {
  db: HuleDb;
  services: Services;
  secrets: ReturnType<typeof memorySecrets>;
  logs: string[];
}

function laptop(http?: HttpPort): Laptop {
  const db = memoryDb();
  const logs: string[] = [];
  const secrets = memorySecrets();
  const services = createServices(
    {
      store: createStore(db),
      ...pools,
      samples: sampleSource(repoPath('resources/samples')),
      logger: createLogger((line) => logs.push(line), 'debug'),
      ids: randomIds,
      secrets,
      ...(http ? { http } : {}),
      syncTiming: { baseDelayMs: 100, maxDelayMs: 400, timeoutMs: 5_000 },
    },
    'cli',
    'test',
    4,
  );
  return { db, services, secrets, logs };
}

/** The Swedish sample essays as a teacher's batch with a class list, spellchecked, with a judged CJ session and grades. */
async function gradedBatch({ services, db }: Laptop): Promise<string> {
  const { api } = services;
  const { batchId } = await api.createBatch({ title: 'Argumenterande text (Leila Karimi)', className: 'Klass Lärkan', course: 'Svenska 1', language: 'sv', names: NAMES });
  await api.importFiles({ batchId, files: await Promise.all(FILES.map((f) => readIncomingFile(join(SAMPLES, f), f))) });
  await services.idle();
  const essays = (await db.essays.where('batchId').equals(batchId).toArray()).filter((e) => e.state === 'spellchecked');
  expect(essays).toHaveLength(6);
  const { sessionId, judgeId, byLength } = await judgeByLength(api, () => services.idle(), batchId, essays, 4);
  await api.overrideGrade({ sessionId, judgeId, essayId: byLength[1], grade: 'D' });
  return batchId;
}

async function turnOn({ services }: Laptop, serverUrl = receiver.url, schoolToken = token): Promise<void> {
  expect(await services.api.saveSyncSettings({ enabled: true, serverUrl, schoolId: SCHOOL, sendTexts: false, token: schoolToken })).toEqual({ outcome: 'saved' });
}

async function queue(l: Laptop, batchId: string): Promise<string> {
  const result = await l.services.api.queueSync({ batchId });
  if (result.outcome !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
  return result.idempotencyKey;
}

describe('sync against the real receiver', () => {
  it('sends a graded batch anonymised, the receiver stores it once, and no personal data reaches PostgreSQL', async () => {
    const l = laptop();
    const batchId = await gradedBatch(l);
    await turnOn(l);
    const key = await queue(l, batchId);
    await l.services.idle();

    const item = (await l.db.outbox.get(key))!;
    expect(item).toMatchObject({ status: 'delivered', attempts: 1, ack: { idempotencyKey: key, status: 'stored' } });
    expect(await receiver.pushes(key)).toBe(1);
    const { rows } = await receiver.pool.query<{ payload: unknown }>('SELECT payload FROM pushes WHERE idempotency_key = $1', [key]);
    const stored = SyncPayload.parse(rows[0].payload);
    expect(stored).toEqual(item.payload);
    expect(stored).toMatchObject({ schoolId: SCHOOL, course: 'Svenska 1', language: 'sv', gradeScale: ['F', 'E', 'D', 'C', 'B', 'A'] });
    expect(stored.assignment).not.toMatch(/Leila|Karimi/);
    expect(stored.pupils).toHaveLength(6);
    expect(stored.pupils.every((p) => p.text === undefined && p.theta !== null && p.grade !== null)).toBe(true);
    expect(stored.pupils.filter((p) => p.gradeSource === 'teacher').map((p) => p.grade)).toEqual(['D']);
    const { rows: pupils } = await receiver.pool.query('SELECT count(*)::int AS n FROM pupil_results WHERE idempotency_key = $1', [key]);
    expect(pupils[0].n).toBe(6);

    const texts = await Promise.all((await l.db.contents.toArray()).map((c) => c.text));
    const values = await receiver.textValues();
    expect(values.length).toBeGreaterThan(10);
    expect(leaks(values, { names: NAMES, fileNames: FILES, texts, other: ['Lärkan'] })).toEqual([]);
    // The check itself bites: a name, a file name, a run of essay text, a phone number.
    const planted = [`Hej ${NAMES[0]}`, FILES[2], texts[0].slice(0, 120), 'ring 070-123 45 67'].map((value) => ({ column: 'planted', value }));
    expect(leaks(planted, { names: NAMES, fileNames: FILES, texts }).length).toBeGreaterThanOrEqual(4);

    // Neither secret is in the database, an event, the outbox or a log.
    const key32 = (await l.secrets.get(KEY_SECRET))!;
    const local = JSON.stringify(await Promise.all(['settings', 'outbox', 'events'].map((t) => l.db.table(t).toArray())));
    for (const secret of [token, key32, Buffer.from(key32, 'base64').toString('hex')]) {
      expect(local).not.toContain(secret);
      expect(l.logs.join('\n')).not.toContain(secret);
      expect(values.some((v) => v.value.includes(secret))).toBe(false);
    }

    // Queued again later: a new item with a new key, the same batch pseudonym.
    const again = await queue(l, batchId);
    await l.services.idle();
    expect(again).not.toBe(key);
    expect((await l.db.outbox.get(again))!.status).toBe('delivered');
    const { rows: batches } = await receiver.pool.query('SELECT DISTINCT batch FROM pushes WHERE idempotency_key = ANY($1::uuid[])', [[key, again]]);
    expect(batches).toHaveLength(1);
  });

  it('sends essay texts only when the school opted in, scrubbed of the class list', async () => {
    const l = laptop();
    const batchId = await gradedBatch(l);
    expect(await l.services.api.saveSyncSettings({ enabled: true, serverUrl: receiver.url, schoolId: SCHOOL, sendTexts: true, token })).toEqual({ outcome: 'saved' });
    const key = await queue(l, batchId);
    await l.services.idle();
    expect((await l.db.outbox.get(key))!.status).toBe('delivered');
    const { rows } = await receiver.pool.query<{ payload: { pupils: { text?: string }[] } }>('SELECT payload FROM pushes WHERE idempotency_key = $1', [key]);
    const sent = rows[0].payload.pupils.map((p) => p.text ?? '');
    expect(sent.every((text) => text.split(/\s+/).length > 100)).toBe(true);
    // "Min förebild är min moster Leila": the name is on the class list, so it is masked.
    expect(sent.join('\n')).not.toMatch(/Leila/);
    expect(sent.some((text) => text.includes('min moster [name]'))).toBe(true);
  });

  it('waits while the receiver is down, then delivers exactly once', async () => {
    const l = laptop();
    const batchId = await gradedBatch(l);
    const down = await startReceiver(postgres.url, 'sync_down', { up: false });
    const downToken = await down.addSchool(SCHOOL);
    await turnOn(l, down.url, downToken);
    const key = await queue(l, batchId);
    await l.services.idle();
    // Retries on their own, with backoff.
    await expect.poll(async () => (await l.db.outbox.get(key))!.attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const waiting = (await l.db.outbox.get(key))!;
    expect(waiting).toMatchObject({ status: 'pending', lastError: { code: 'NETWORK' } });

    await down.up();
    await expect.poll(async () => (await l.db.outbox.get(key))!.status, { timeout: 10_000 }).toBe('delivered');
    expect(await down.pushes(key)).toBe(1);
    expect(down.answered).toEqual([201]);
    await down.close();
  });

  it('stores a push once when the app dies after the receiver stored it but before the ack was recorded', async () => {
    let cut = true;
    // The request goes through, and the app never hears the answer: as if it was killed in between.
    const http: HttpPort = async (url, init) => {
      const response = await fetch(url, init);
      if (cut) {
        cut = false;
        await response.arrayBuffer();
        throw new TypeError('fetch failed');
      }
      return response;
    };
    const l = laptop(http);
    const batchId = await gradedBatch(l);
    await turnOn(l);
    const before = receiver.answered.length;
    const key = await queue(l, batchId);
    await expect.poll(async () => (await l.db.outbox.get(key))!.status, { timeout: 10_000 }).toBe('delivered');
    expect((await l.db.outbox.get(key))!).toMatchObject({ attempts: 2, ack: { status: 'duplicate' } });
    expect(receiver.answered.slice(before)).toEqual([201, 200]);
    expect(await receiver.pushes(key)).toBe(1);
  });

  it("keeps an item waiting, with the receiver's reason in Swedish and English, while the token is wrong, and sends it once it is right", async () => {
    const l = laptop();
    const batchId = await gradedBatch(l);
    await turnOn(l, receiver.url, 'not-the-schools-token-0123456789');
    const key = await queue(l, batchId);
    await l.services.idle();
    expect((await l.db.outbox.get(key))!).toMatchObject({
      status: 'pending',
      lastError: { code: 'UNAUTHORIZED', httpStatus: 401, message: { sv: 'Token saknas eller är ogiltig.', en: 'The token is missing or not valid.' } },
    });
    expect(await receiver.pushes(key)).toBe(0);
    // The school saves the right token: the same item goes through, nothing to queue again.
    await turnOn(l);
    await expect.poll(async () => (await l.db.outbox.get(key))!.status, { timeout: 10_000 }).toBe('delivered');
    expect(await receiver.pushes(key)).toBe(1);
  });
});
