import type { SyncTiming } from '../core/ports';

/** Base 5 s, doubling up to 1 h, with full jitter; a push may take 15 s. */
export const DEFAULT_SYNC_TIMING: SyncTiming = { baseDelayMs: 5_000, maxDelayMs: 3_600_000, timeoutMs: 15_000 };

/** Longest wait a receiver's Retry-After is honoured for; anything longer is taken as this. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * Exponential backoff with full jitter: a uniformly random wait between 0
 * and min(cap, base · 2^(attempt−1)). Spreads the laptops of a whole
 * municipality that lost the receiver at the same moment.
 */
export function backoffDelay(attempt: number, random: () => number, timing: Pick<SyncTiming, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  if (!/[a-z]/i.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - nowMs), MAX_RETRY_AFTER_MS);
}

/** The wait before the next attempt: the backoff, but never less than the receiver asked for. */
export function retryDelay(attempt: number, random: () => number, timing: Pick<SyncTiming, 'baseDelayMs' | 'maxDelayMs'>, retryAfter: number | null): number {
  const delay = backoffDelay(attempt, random, timing);
  return retryAfter === null ? delay : Math.max(delay, retryAfter);
}
