import { performance } from 'node:perf_hooks';
import { eventIds } from '../../shared/events/ids';
import { MAX_PAYLOAD_BYTES } from '../../shared/contracts/sync';
import { syncSettingsProblem, type OutboxError, type OutboxItem, type SyncSettingsRecord } from '../../shared/contracts/sync-store';
import type { Logger } from '../core/logger';
import type { Clock, HttpPort, IdSource, SecretStore, StorePort, SyncTiming } from '../core/ports';
import type { Publisher } from '../core/publisher';
import { retryAfterMs, retryDelay } from './backoff';
import { classifyResponse, readBody, type PushOutcome } from './response';
import { tokenSecret } from './secrets';

/** The receiver's push endpoint under the configured address (which may have a path of its own). */
export function resultsUrl(serverUrl: string): string {
  const base = new URL(serverUrl.trim());
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('v1/results', base).toString();
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd: a waiting outbox never keeps a process alive. */
export const nodeTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Longest a timer can wait in Node (about 24.8 days); later wake-ups are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ConnectorDeps {
  store: StorePort;
  publisher: Publisher;
  secrets: SecretStore;
  http: HttpPort;
  clock: Clock;
  random: () => number;
  ids: IdSource;
  logger: Logger;
  timing: SyncTiming;
  timers?: Timers;
}

type Result = 'delivered' | 'rejected' | 'retry' | 'stopped';

/**
 * Delivers the outbox to the municipal receiver. One pass at a time pushes
 * the due items, oldest first, and records each outcome as an event: the
 * ack (SyncDelivered), a final refusal (SyncRejected), or a failure with the
 * time of the next attempt (SyncAttempted). Nothing is marked sent without
 * the receiver's ack, so a crash at any point means, at worst, the same
 * item is pushed again under the same idempotency key, and the receiver
 * stores it once.
 *
 * When the receiver is down or busy (a network error, a timeout, 5xx, 408,
 * 429), the pass stops there and the whole outbox waits for that item's
 * backoff, so a laptop does not hammer a receiver that is struggling.
 */
export class SyncConnector {
  private readonly timers: Timers;
  private running: Promise<void> | null = null;
  private again: { force: boolean; correlationId: string } | null = null;
  private timer: { handle: unknown; at: number } | null = null;
  /** The receiver failed or asked us to wait: no pushes before this (ms), unless nudged. */
  private pausedUntil = 0;
  private closed = false;
  private suspended = false;
  private readonly stop = new AbortController();

  constructor(private readonly deps: ConnectorDeps) {
    this.timers = deps.timers ?? nodeTimers;
  }

  /** When the next pass is due (ms since the epoch), or null when nothing waits. */
  get wakeAt(): number | null {
    return this.timer?.at ?? null;
  }

  /**
   * Runs a pass now, or right after the one that is running. `force` (the
   * teacher's "Försök igen nu", new settings) pushes every pending item
   * without waiting for its backoff. Never rejects: failures are logged and
   * retried later.
   */
  trigger(correlationId: string, { force = false }: { force?: boolean } = {}): Promise<void> {
    if (this.closed || this.suspended) return Promise.resolve();
    if (this.running) {
      this.again = { force: force || (this.again?.force ?? false), correlationId };
      return this.running;
    }
    const run = async (): Promise<void> => {
      let next: { force: boolean; correlationId: string } | null = { force, correlationId };
      while (next && !this.closed) {
        await this.safePass(next.force, next.correlationId);
        next = this.again;
        this.again = null;
      }
    };
    this.running = run().finally(() => {
      this.running = null;
      // A trigger that came after the loop's last look still gets its pass.
      const late = this.again;
      this.again = null;
      if (late) void this.trigger(late.correlationId, { force: late.force });
    });
    return this.running;
  }

  /** Resolves when no pass is running (a scheduled one may still come). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No passes until resumed, and none scheduled: the outbox is about to be replaced. A pass in flight finishes (see idle). */
  suspend(): void {
    this.suspended = true;
    this.disarm();
  }

  /** Passes again, starting with one now for the items that are due. */
  resume(correlationId: string): void {
    this.suspended = false;
    void this.trigger(correlationId);
  }

  /** Stops: no more passes, and a push in flight is abandoned (it stays pending and is pushed again next time). */
  close(): void {
    this.closed = true;
    this.stop.abort();
    this.disarm();
  }

  private now(): number {
    return Date.parse(this.deps.clock.now());
  }

  private async safePass(force: boolean, correlationId: string): Promise<void> {
    try {
      await this.pass(force, correlationId);
    } catch (error) {
      if (this.closed) return;
      this.deps.logger.log('error', 'sync pass failed', { correlationId, error });
      this.arm(this.now() + this.deps.timing.baseDelayMs);
    }
  }

  private async pass(force: boolean, correlationId: string): Promise<void> {
    if (force) this.pausedUntil = 0;
    const settings = await this.deps.store.syncSettings({});
    if (!settings?.enabled || syncSettingsProblem(settings) !== null) {
      // Off: the outbox keeps its items and waits until sync is turned on again.
      this.disarm();
      return;
    }
    const now = this.now();
    const pending = await this.deps.store.outboxItems({ status: 'pending' });
    const due = force ? pending : now < this.pausedUntil ? [] : pending.filter((item) => Date.parse(item.nextAttemptAt) <= now);
    due.sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.queuedAt.localeCompare(b.queuedAt));
    for (const item of due) {
      const result = await this.push(item, settings, correlationId);
      if (result === 'stopped') return;
      if (result === 'retry') break;
    }
    if (this.closed) return;
    const left = await this.deps.store.outboxItems({ status: 'pending' });
    if (left.length === 0) this.disarm();
    else this.arm(Math.max(this.pausedUntil, Math.min(...left.map((item) => Date.parse(item.nextAttemptAt)))));
  }

  private disarm(): void {
    if (this.timer) this.timers.clear(this.timer.handle);
    this.timer = null;
  }

  /** Wakes for a pass at `at` (ms since the epoch). */
  private arm(at: number): void {
    if (this.closed || this.suspended) return;
    this.disarm();
    const wait = Math.min(Math.max(0, at - this.now()), MAX_TIMER_MS);
    const handle = this.timers.set(() => {
      if (this.timer?.handle !== handle) return;
      this.timer = null;
      void this.trigger(this.deps.ids.uuid());
    }, wait);
    this.timer = { handle, at };
  }

  private async push(item: OutboxItem, settings: SyncSettingsRecord, correlationId: string): Promise<Result> {
    const { logger, timing } = this.deps;
    const attempt = item.attempts + 1;
    const fields = { correlationId, batchId: item.batchId, count: attempt };

    const body = JSON.stringify(item.payload);
    if (Buffer.byteLength(body, 'utf8') > MAX_PAYLOAD_BYTES) {
      return this.record(item, attempt, { kind: 'rejected', error: { code: 'PAYLOAD_TOO_LARGE', httpStatus: null, message: null } }, null, correlationId);
    }
    const token = await this.deps.secrets.get(tokenSecret(item.payload.schoolId)).catch(() => null);
    if (token === null) {
      logger.log('warn', 'sync push waits for a token', { ...fields, code: 'NO_TOKEN' });
      return this.record(item, attempt, { kind: 'retry', error: { code: 'NO_TOKEN', httpStatus: null, message: null } }, null, correlationId);
    }

    const started = performance.now();
    let outcome: PushOutcome;
    let retryAfter: number | null;
    try {
      const response = await this.deps.http(resultsUrl(settings.serverUrl), {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Idempotency-Key': item.id,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timing.timeoutMs), this.stop.signal]),
      });
      const text = await readBody(response);
      outcome = classifyResponse(response.status, text, item.id);
      retryAfter = retryAfterMs(response.headers.get('retry-after'), this.now());
    } catch (error) {
      if (this.closed) return 'stopped';
      const code = error instanceof Error && error.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK';
      logger.log('warn', 'sync push failed', { ...fields, code, ms: Math.round(performance.now() - started), error });
      return this.record(item, attempt, { kind: 'retry', error: { code, httpStatus: null, message: null } }, null, correlationId);
    }
    if (this.closed) return 'stopped';
    const ms = Math.round(performance.now() - started);
    if (outcome.kind === 'delivered') logger.log('info', 'sync push delivered', { ...fields, code: outcome.ack.status, ms });
    else logger.log(outcome.kind === 'rejected' ? 'error' : 'warn', `sync push ${outcome.kind === 'rejected' ? 'rejected' : 'failed'}`, { ...fields, code: outcome.error.code, ms });
    return this.record(item, attempt, outcome, retryAfter, correlationId);
  }

  /** Records the outcome of an attempt as an event, and returns what the pass should do next. */
  private async record(item: OutboxItem, attempt: number, outcome: PushOutcome, retryAfter: number | null, correlationId: string): Promise<Result> {
    const { publisher } = this.deps;
    const key = item.id;
    if (outcome.kind === 'delivered') {
      await publisher.publish({ type: 'SyncDelivered', data: { idempotencyKey: key, attempt, httpStatus: outcome.httpStatus, ack: outcome.ack }, id: eventIds.outboxDelivered(key), correlationId });
      return 'delivered';
    }
    if (outcome.kind === 'rejected') {
      await publisher.publish({ type: 'SyncRejected', data: { idempotencyKey: key, attempt, error: outcome.error }, id: eventIds.outboxRejected(key), correlationId });
      return 'rejected';
    }
    const next = this.now() + retryDelay(attempt, this.deps.random, this.deps.timing, retryAfter);
    this.pausedUntil = Math.max(this.pausedUntil, next);
    const error: OutboxError = outcome.error;
    await publisher.publish({
      type: 'SyncAttempted',
      data: { idempotencyKey: key, attempt, nextAttemptAt: new Date(next).toISOString(), error },
      id: eventIds.outboxAttempted(key, attempt),
      correlationId,
    });
    return 'retry';
  }
}
