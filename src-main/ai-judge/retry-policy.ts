import { retryDelay } from '../sync/backoff';

/** How the AI judge calls the server: the request timeout, the concurrency limit, and the retry policy. */
export interface AiJudgeTiming {
  /** One call's limit; a local model on a laptop can take tens of seconds for two long essays. */
  timeoutMs: number;
  /** Calls at most in flight per session. */
  concurrency: number;
  /** Attempts per pair and order, the first included; after the last, that order of the pair is given up. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for longer is asked again after this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_AI_TIMING: AiJudgeTiming = {
  timeoutMs: 120_000,
  concurrency: 4,
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
};

/**
 * The wait before attempt `attempt + 1`: exponential backoff with full
 * jitter, and never less than the server's Retry-After, which only a 429
 * or a 503 carries (chat-client.ts reads it only there).
 */
export function aiRetryDelay(attempt: number, retryAfterMs: number | null, random: () => number, timing: AiJudgeTiming): number {
  const asked = retryAfterMs === null ? null : Math.min(retryAfterMs, timing.maxRetryAfterMs);
  return retryDelay(attempt, random, timing, asked);
}

/** Pair orders given up one after another before the run is halted: the server is failing, not one pair. */
export const HALT_AFTER_GIVE_UPS = 3;
