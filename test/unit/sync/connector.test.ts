import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, type SyncPayload } from '../../../shared/contracts/sync';
import type { HuleDb } from '../../../shared/db/schema';
import { createStore } from '../../../shared/db/store';
import { createLogger } from '../../../src-main/core/logger';
import type { HttpPort } from '../../../src-main/core/ports';
import { Publisher } from '../../../src-main/core/publisher';
import { eventIds } from '../../../shared/events/ids';
import { SyncConnector, type Timers } from '../../../src-main/sync/connector';
import { memorySecrets } from '../../../src-main/secrets/index.memory';
import { tokenSecret } from '../../../src-main/sync/secrets';
import { memoryDb } from '../../support/memory-db';
import { payload } from './fixtures';

const TOKEN = 'tok_3v9QmZr8Lw2Xc5Nb7Hd1Kf4Tg6Yp0Sa';
const START = Date.parse('2026-11-24T10:00:00.000Z');
const CORRELATION = '00000000-0000-4000-8000-000000000001';

interface Call {
  url: string;
  init: RequestInit;
}

type Reply = Response | Error | ((call: Call) => Promise<Response>);

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const ack = (key: string, status: 'stored' | 'duplicate' = 'stored') => json(status === 'stored' ? 201 : 200, { idempotencyKey: key, status });
const receiverError = (status: number, code: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message: { sv: `Fel ${code} på svenska.`, en: `Error ${code} in English.` } } }, headers);

/** A laptop's store, a fake receiver answering from a script, a clock the test moves, and timers it can see. */
async function rig({ enabled = true, token = TOKEN as string | null, timeoutMs = 15_000 } = {}) {
  const db: HuleDb = memoryDb();
  const store = createStore(db);
  let now = START;
  const clock = { now: () => new Date(now).toISOString() };
  const publisher = new Publisher(store, clock);
  const secrets = memorySecrets(token ? { [tokenSecret('skola-1')]: token } : {});
  const calls: Call[] = [];
  const replies: Reply[] = [];
  const http: HttpPort = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    const reply = replies.shift();
    if (!reply) throw new Error('the test gave no reply');
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply(call) : reply;
  };
  const timers: Timers & { armed: number[] } = {
    armed: [],
    set(_run, ms) {
      this.armed.push(ms);
      return this.armed.length;
    },
    clear() {},
  };
  const logs: string[] = [];
  let n = 0;
  const connector = new SyncConnector({
    store,
    publisher,
    secrets,
    http,
    clock,
    random: () => 0.5,
    ids: { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` },
    logger: createLogger((line) => logs.push(line), 'debug'),
    timing: { baseDelayMs: 5_000, maxDelayMs: 3_600_000, timeoutMs },
    timers,
  });
  await publisher.publish({
    type: 'SyncSettingsChanged',
    data: { enabled, serverUrl: 'http://127.0.0.1:8080', schoolId: 'skola-1', sendTexts: false },
    id: eventIds.syncSettingsChanged('1'),
    correlationId: CORRELATION,
  });
  let queued = 0;
  return {
    db,
    calls,
    replies,
    timers,
    logs,
    connector,
    publisher,
    advance: (ms: number) => void (now += ms),
    at: () => now,
    async queue(p: SyncPayload = payload()): Promise<SyncPayload> {
      now += 1; // queued in order
      await publisher.publish({
        type: 'SyncQueued',
        data: { idempotencyKey: p.idempotencyKey, batchId: `batch-${++queued}`, payload: p },
        id: eventIds.outboxQueued(p.idempotencyKey),
        correlationId: CORRELATION,
      });
      return p;
    },
    item: async (key: string) => (await db.outbox.get(key))!,
    pass: (force = false) => connector.trigger(CORRELATION, { force }),
    /** The item's events by type, in order of type name (ids sort by kind, not by time). */
    events: async (key: string) => (await db.events.toArray()).filter((e) => e.subject === key).map((e) => e.type).sort(),
  };
}

describe('the sync connector', () => {
  it('pushes an item with its token, idempotency key and JSON body, and marks it delivered on the ack', async () => {
    const r = await rig();
    const p = await r.queue();
    r.replies.push(ack(p.idempotencyKey));
    await r.pass();

    expect(r.calls).toHaveLength(1);
    const { url, init } = r.calls[0];
    expect(url).toBe('http://127.0.0.1:8080/v1/results');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, 'Idempotency-Key': p.idempotencyKey, 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(p);
    expect(init.redirect).toBe('manual');
    expect(init.signal).toBeInstanceOf(AbortSignal);

    const item = await r.item(p.idempotencyKey);
    expect(item).toMatchObject({ status: 'delivered', attempts: 1, ack: { idempotencyKey: p.idempotencyKey, status: 'stored' }, lastError: null });
    expect(item.deliveredAt).not.toBeNull();
    expect(await r.events(p.idempotencyKey)).toEqual(['SyncDelivered', 'SyncQueued']);
    expect(r.connector.wakeAt).toBeNull();
  });

  it('retries network errors, 5xx and 429 with backoff, honours Retry-After, and ends delivered on a 200 duplicate', async () => {
    const r = await rig();
    const p = await r.queue();
    const key = p.idempotencyKey;

    // 1: the receiver is down. random() = 0.5, so the wait is half the ceiling: 2.5 s.
    r.replies.push(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    await r.pass();
    let item = await r.item(key);
    expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'NETWORK', httpStatus: null, message: null } });
    expect(Date.parse(item.nextAttemptAt) - r.at()).toBe(2_500);
    expect(r.connector.wakeAt).toBe(Date.parse(item.nextAttemptAt));

    // Not due yet: a pass sends nothing.
    r.advance(2_000);
    await r.pass();
    expect(r.calls).toHaveLength(1);

    // 2: a 503 with the receiver's bilingual body; the wait doubles (5 s).
    r.advance(500);
    r.replies.push(receiverError(503, 'INTERNAL'));
    await r.pass();
    item = await r.item(key);
    expect(item).toMatchObject({ attempts: 2, lastError: { code: 'INTERNAL', httpStatus: 503, message: { sv: 'Fel INTERNAL på svenska.', en: 'Error INTERNAL in English.' } } });
    expect(Date.parse(item.nextAttemptAt) - r.at()).toBe(5_000);

    // 3: rate limited for two minutes: Retry-After beats the backoff (10 s).
    r.advance(5_000);
    r.replies.push(receiverError(429, 'RATE_LIMITED', { 'Retry-After': '120' }));
    await r.pass();
    item = await r.item(key);
    expect(item).toMatchObject({ attempts: 3, lastError: { code: 'RATE_LIMITED', httpStatus: 429 } });
    expect(Date.parse(item.nextAttemptAt) - r.at()).toBe(120_000);

    // 4: 408 and a 502 without a body are retried too.
    r.advance(120_000);
    r.replies.push(new Response('', { status: 408 }));
    await r.pass();
    r.advance(3_600_000);
    r.replies.push(new Response('<html>Bad gateway</html>', { status: 502 }));
    await r.pass();
    item = await r.item(key);
    expect(item).toMatchObject({ attempts: 5, lastError: { code: 'HTTP_502', httpStatus: 502, message: null } });

    // 5: it had been stored after all: the receiver answers 200 duplicate, and the item is done.
    r.advance(3_600_000);
    r.replies.push(ack(key, 'duplicate'));
    await r.pass();
    item = await r.item(key);
    expect(item).toMatchObject({ status: 'delivered', attempts: 6, ack: { status: 'duplicate' }, lastError: null });
    expect(await r.events(key)).toEqual([...Array(5).fill('SyncAttempted'), 'SyncDelivered', 'SyncQueued']);
    expect(r.calls).toHaveLength(6);
    // Every push of the item carried the same idempotency key.
    expect(new Set(r.calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key']))).toEqual(new Set([key]));
  });

  it('marks a 4xx other than 408 and 429 as rejected, with the receiver reason, and never pushes it again', async () => {
    const r = await rig();
    const a = await r.queue();
    const b = await r.queue();
    r.replies.push(receiverError(422, 'PERSONAL_DATA'), new Response('nope', { status: 400 }));
    await r.pass();
    expect(await r.item(a.idempotencyKey)).toMatchObject({
      status: 'rejected',
      attempts: 1,
      lastError: { code: 'PERSONAL_DATA', httpStatus: 422, message: { sv: 'Fel PERSONAL_DATA på svenska.', en: 'Error PERSONAL_DATA in English.' } },
    });
    expect(await r.item(b.idempotencyKey)).toMatchObject({ status: 'rejected', lastError: { code: 'HTTP_400', httpStatus: 400, message: null } });
    r.advance(10 * 3_600_000);
    await r.pass(true);
    expect(r.calls).toHaveLength(2);
    expect(r.connector.wakeAt).toBeNull();
  });

  it('never takes anything but an ack for this very key as delivery', async () => {
    const r = await rig();
    const p = await r.queue();
    r.replies.push(
      new Response('{"ok":true}', { status: 201 }),
      ack('9b2a4d7e-1c3f-4e5a-8b6c-0d1e2f3a4b5c'),
      new Response('not json', { status: 200 }),
      new Response('', { status: 302, headers: { location: 'https://elsewhere.example/' } }),
      new Response(null, { status: 204 }),
    );
    for (let i = 0; i < 5; i++) {
      await r.pass(true);
      expect((await r.item(p.idempotencyKey)).status).toBe('pending');
    }
    const codes = (await r.db.events.toArray())
      .filter((e) => e.type === 'SyncAttempted')
      .sort((x, y) => (x.data as { attempt: number }).attempt - (y.data as { attempt: number }).attempt)
      .map((e) => (e.data as { error: { code: string } }).error.code);
    expect(codes).toEqual(['INVALID_ACK', 'INVALID_ACK', 'INVALID_ACK', 'UNEXPECTED_RESPONSE', 'UNEXPECTED_RESPONSE']);
  });

  it('gives up a request after the timeout and tries again later', async () => {
    const r = await rig({ timeoutMs: 50 });
    const p = await r.queue();
    r.replies.push(
      ({ init }) =>
        new Promise((_resolve, reject) => {
          init.signal!.addEventListener('abort', () => reject(init.signal!.reason));
        }),
    );
    await r.pass();
    expect(await r.item(p.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'TIMEOUT' } });
  });

  it('refuses a payload over the size limit without sending it', async () => {
    const r = await rig();
    const big = payload('skola-1', {}, 12);
    big.pupils.forEach((pupil) => (pupil.text = 'ord '.repeat(50_000)));
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    await r.queue(big);
    await r.pass();
    expect(r.calls).toHaveLength(0);
    expect(await r.item(big.idempotencyKey)).toMatchObject({ status: 'rejected', lastError: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('stops a pass when the receiver is down, so the rest of the outbox waits for the same backoff; a nudge tries them all', async () => {
    const r = await rig();
    const a = await r.queue();
    const b = await r.queue();
    r.replies.push(new TypeError('fetch failed'));
    await r.pass();
    expect(r.calls).toHaveLength(1);
    expect((await r.item(b.idempotencyKey)).attempts).toBe(0);
    const first = await r.item(a.idempotencyKey);
    expect(r.connector.wakeAt).toBe(Date.parse(first.nextAttemptAt));

    // b is due, but the receiver asked us to wait: a plain pass (a new item, a reconnect) sends nothing.
    await r.pass();
    expect(r.calls).toHaveLength(1);

    // "Försök igen nu": both, the one that has waited longest first.
    r.replies.push(ack(b.idempotencyKey), ack(a.idempotencyKey));
    await r.pass(true);
    expect(r.calls.map((c) => (c.init.headers as Record<string, string>)['Idempotency-Key'])).toEqual([a.idempotencyKey, b.idempotencyKey, a.idempotencyKey]);
    expect((await r.item(a.idempotencyKey)).status).toBe('delivered');
    expect((await r.item(b.idempotencyKey)).status).toBe('delivered');
  });

  it('sends nothing while sync is off, and keeps the outbox for when it is on again', async () => {
    const r = await rig({ enabled: false });
    const p = await r.queue();
    await r.pass(true);
    expect(r.calls).toHaveLength(0);
    expect(await r.item(p.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(r.connector.wakeAt).toBeNull();
  });

  it('waits for a token when none is stored', async () => {
    const r = await rig({ token: null });
    const p = await r.queue();
    await r.pass();
    expect(r.calls).toHaveLength(0);
    expect(await r.item(p.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'NO_TOKEN' } });
  });

  it('runs one pass at a time: triggers during a pass make one more pass, not parallel pushes', async () => {
    const r = await rig();
    const a = await r.queue();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let most = 0;
    let pushing!: () => void;
    const firstPush = new Promise<void>((resolve) => (pushing = resolve));
    const slowAck = (key: string) => async () => {
      most = Math.max(most, ++inFlight);
      pushing();
      await held;
      inFlight--;
      return ack(key);
    };
    r.replies.push(slowAck(a.idempotencyKey));
    const first = r.pass();
    // The case under test: triggers arrive while a push is on the wire.
    await firstPush;
    const b = await r.queue();
    r.replies.push(slowAck(b.idempotencyKey));
    void r.pass();
    void r.pass();
    release();
    await first;
    await r.connector.idle();
    expect(most).toBe(1);
    expect(r.calls).toHaveLength(2);
    expect((await r.item(b.idempotencyKey)).status).toBe('delivered');
  });

  it('applies outcomes idempotently: a replayed or late event never moves an item back', async () => {
    const r = await rig();
    const p = await r.queue();
    r.replies.push(ack(p.idempotencyKey));
    await r.pass();
    const key = p.idempotencyKey;
    const late = { idempotencyKey: key, attempt: 7, nextAttemptAt: new Date(START).toISOString(), error: { code: 'NETWORK', httpStatus: null, message: null } };
    await r.publisher.publish({ type: 'SyncAttempted', data: late, id: eventIds.outboxAttempted(key, 7), correlationId: CORRELATION });
    await r.publisher.publish({ type: 'SyncRejected', data: { idempotencyKey: key, attempt: 8, error: late.error }, id: eventIds.outboxRejected(key), correlationId: CORRELATION });
    const delivered = { idempotencyKey: key, attempt: 1, httpStatus: 201 as const, ack: { idempotencyKey: key, status: 'stored' as const } };
    expect(await r.publisher.publish({ type: 'SyncDelivered', data: delivered, id: eventIds.outboxDelivered(key), correlationId: CORRELATION })).toBe('duplicate');
    expect(await r.item(key)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
  });

  it('logs with the correlation id, and never the token, the payload or the receiver address', async () => {
    const r = await rig();
    const p = await r.queue();
    r.replies.push(new TypeError('fetch failed'), receiverError(500, 'INTERNAL'), ack(p.idempotencyKey));
    await r.pass(true);
    await r.pass(true);
    await r.pass(true);
    expect(r.logs.length).toBeGreaterThanOrEqual(3);
    const text = r.logs.join('\n');
    for (const line of r.logs) expect(JSON.parse(line)).toMatchObject({ correlationId: CORRELATION });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('127.0.0.1');
    for (const pupil of p.pupils) expect(text).not.toContain(pupil.pupil);
    expect(text).not.toContain(p.batch);
    expect(text).not.toContain(p.assignment);
  });
});
