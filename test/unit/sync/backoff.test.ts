import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_SYNC_TIMING, MAX_RETRY_AFTER_MS, retryAfterMs, retryDelay } from '../../../src-main/sync/backoff';

const timing = { baseDelayMs: 5_000, maxDelayMs: 3_600_000 };
const almostOne = 1 - Number.EPSILON;

describe('backoff with full jitter', () => {
  it('defaults to base 5 s, cap 1 h and a 15 s request timeout', () => {
    expect(DEFAULT_SYNC_TIMING).toEqual({ baseDelayMs: 5_000, maxDelayMs: 3_600_000, timeoutMs: 15_000 });
  });

  it('waits a random time below base · 2^(attempt−1), doubling per attempt', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, () => almostOne, timing));
    expect(ceilings).toEqual([4_999, 9_999, 19_999, 39_999, 79_999, 159_999]);
    for (const attempt of [1, 2, 3, 10]) expect(backoffDelay(attempt, () => 0, timing)).toBe(0);
    expect(backoffDelay(3, () => 0.5, timing)).toBe(10_000);
  });

  it('never waits longer than the cap, however many attempts', () => {
    for (const attempt of [11, 12, 20, 100, 10_000]) {
      expect(backoffDelay(attempt, () => almostOne, timing)).toBe(3_599_999);
      expect(backoffDelay(attempt, () => 0.25, timing)).toBe(900_000);
    }
  });

  it('spreads the waits uniformly over [0, ceiling): full jitter, not equal jitter', () => {
    const n = 1000;
    const delays = Array.from({ length: n }, (_, i) => backoffDelay(4, () => i / n, timing));
    expect(Math.min(...delays)).toBe(0);
    expect(Math.max(...delays)).toBeLessThan(40_000);
    const mean = delays.reduce((a, b) => a + b, 0) / n;
    expect(mean).toBeGreaterThan(19_000);
    expect(mean).toBeLessThan(21_000);
    // A quarter of the waits in each quarter of the range.
    for (let q = 0; q < 4; q++) expect(delays.filter((d) => d >= q * 10_000 && d < (q + 1) * 10_000)).toHaveLength(n / 4);
  });

  it('treats a random source outside [0, 1) and attempt 0 safely', () => {
    expect(backoffDelay(1, () => 1.5, timing)).toBe(5_000);
    expect(backoffDelay(1, () => -1, timing)).toBe(0);
    expect(backoffDelay(0, () => almostOne, timing)).toBe(4_999);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-24T10:00:00.000Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 24 Nov 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read, and caps what is absurd', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs('1.5', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('is honoured: the wait is never shorter than the receiver asked for', () => {
    expect(retryDelay(1, () => 0, timing, 30_000)).toBe(30_000);
    expect(retryDelay(5, () => almostOne, timing, 30_000)).toBe(79_999);
    expect(retryDelay(2, () => 0.5, timing, null)).toBe(5_000);
  });
});
