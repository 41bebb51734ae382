import * as openai from 'openai';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { aiEndpointProblem, failureClass } from '../../../shared/contracts/ai-judge';
import { classifyError } from '../../../src-main/ai-judge/chat-client';
import { aiRetryDelay, DEFAULT_AI_TIMING } from '../../../src-main/ai-judge/retry-policy';

const apiError = (status: number, message: string, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message } }, message, new Headers(headers));

describe('classifying a failed call', () => {
  it('names each failure the teacher is told about', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(classifyError(new APIConnectionTimeoutError(), now, openai).reason).toBe('timeout');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyError(new APIConnectionError({ cause: new TypeError('fetch failed', { cause: refused }) }), now, openai).reason).toBe('unreachable');
    const cert = Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(classifyError(new APIConnectionError({ cause: new TypeError('fetch failed', { cause: cert }) }), now, openai).reason).toBe('tls');
    expect(classifyError(apiError(401, 'Incorrect API key'), now, openai).reason).toBe('unauthorized');
    expect(classifyError(apiError(404, 'The model `x` does not exist'), now, openai).reason).toBe('model-unknown');
    expect(classifyError(apiError(404, '404 page not found'), now, openai).reason).toBe('endpoint-not-found');
    expect(classifyError(apiError(400, "'response_format.type' json_schema is not supported"), now, openai).reason).toBe('no-structured-output');
    expect(classifyError(apiError(400, 'maximum context length exceeded'), now, openai).reason).toBe('bad-request');
    expect(classifyError(apiError(502, 'bad gateway'), now, openai)).toEqual({ reason: 'server-error', retryAfterMs: null });
    expect(classifyError(new SyntaxError('Unexpected token'), now, openai).reason).toBe('unreadable-answer');
  });

  it('reads Retry-After on a 429 and a 503 only', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(classifyError(apiError(429, 'slow down', { 'retry-after': '7' }), now, openai)).toEqual({ reason: 'rate-limited', retryAfterMs: 7000 });
    expect(classifyError(apiError(503, 'busy', { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now, openai)).toEqual({ reason: 'server-error', retryAfterMs: 30_000 });
    expect(classifyError(apiError(500, 'oops', { 'retry-after': '7' }), now, openai).retryAfterMs).toBeNull();
  });

  it('retries the transient ones, gives up a refused request, and halts on a set-up problem', () => {
    expect(['unreachable', 'timeout', 'server-error', 'rate-limited', 'unreadable-answer'].map((r) => failureClass(r as never))).toEqual(Array(5).fill('retry'));
    expect(failureClass('bad-request')).toBe('give-up');
    expect(['tls', 'unauthorized', 'model-unknown', 'endpoint-not-found', 'no-structured-output'].map((r) => failureClass(r as never))).toEqual(Array(5).fill('halt'));
  });
});

describe('the retry policy', () => {
  it('waits a full-jitter exponential backoff: anywhere from 0 to base times 2^(attempt-1), capped', () => {
    expect(aiRetryDelay(1, null, () => 0, DEFAULT_AI_TIMING)).toBe(0);
    expect(aiRetryDelay(1, null, () => 0.999999, DEFAULT_AI_TIMING)).toBe(999);
    expect(aiRetryDelay(3, null, () => 0.5, DEFAULT_AI_TIMING)).toBe(2000);
    expect(aiRetryDelay(20, null, () => 0.999999, DEFAULT_AI_TIMING)).toBeLessThan(DEFAULT_AI_TIMING.maxDelayMs);
  });

  it('never asks sooner than the server said, up to the policy\'s cap', () => {
    expect(aiRetryDelay(1, 12_000, () => 0, DEFAULT_AI_TIMING)).toBe(12_000);
    expect(aiRetryDelay(1, 3_600_000, () => 0, DEFAULT_AI_TIMING)).toBe(DEFAULT_AI_TIMING.maxRetryAfterMs);
  });
});

describe('the server address', () => {
  it('must be https, except on loopback where Ollama and LM Studio serve plain http', () => {
    expect(aiEndpointProblem('https://ai.kommun.se/v1')).toBeNull();
    for (const local of ['http://localhost:11434/v1', 'http://127.0.0.1:1234/v1', 'http://127.8.9.10/v1', 'http://[::1]:8080/v1']) expect(aiEndpointProblem(local), local).toBeNull();
    expect(aiEndpointProblem('http://ai.kommun.se/v1')).toBe('URL_NOT_HTTPS');
    expect(aiEndpointProblem('http://127.0.0.1.evil.se/v1')).toBe('URL_NOT_HTTPS');
    expect(aiEndpointProblem('https://user:pw@ai.kommun.se/v1')).toBe('URL_HAS_CREDENTIALS');
    expect(aiEndpointProblem('ftp://x')).toBe('URL_INVALID');
    expect(aiEndpointProblem('not a url')).toBe('URL_INVALID');
  });
});
