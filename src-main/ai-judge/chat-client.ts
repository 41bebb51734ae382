import { performance } from 'node:perf_hooks';
import type OpenAI from 'openai';
import type { AiFailureReason } from '../../shared/contracts/ai-judge';
import type { JudgeRequestBody } from '../../shared/ai-judge/request';
import { retryAfterMs } from '../sync/backoff';

/**
 * The AI judge's only way out: one chat-completions call to the school's
 * model server, through the official `openai` package (it speaks to every
 * OpenAI-compatible server). Its own retries are off: the retry policy has
 * one owner, the runner (ai-judge-runner.ts), which counts every failure.
 * Measured in openai 6.49 before choosing: it retries twice by default on
 * connection errors, 408, 409, 429 and 5xx with a 0.5–8 s backoff and only
 * 25% jitter, honours Retry-After without a cap, and retries timeouts, all
 * invisibly to the caller. Timeouts and aborts per request work as needed.
 * openai 7 needs Node 22; the app supports Node 20, so 6.x it is.
 */

export interface ChatEndpoint {
  baseUrl: string;
  model: string;
  /** Null: no Authorization header at all (Ollama, LM Studio and llama.cpp need none). */
  apiKey: string | null;
}

export type ChatOutcome =
  | { ok: true; content: string | null; tokens: number; ms: number }
  /** `retryAfterMs`: the server's Retry-After on a 429 or 503, else null. */
  | { ok: false; reason: AiFailureReason; retryAfterMs: number | null; tokens: 0; ms: number };

export type ModelsOutcome = { ok: true; models: string[] } | { ok: false; reason: AiFailureReason };

/** A call cut off by the caller (pause, stop, shutdown): not a failure of the server, and never counted. */
export class ChatAborted extends Error {
  constructor() {
    super('The call was cut off');
    this.name = 'ChatAborted';
  }
}

export interface ChatPort {
  complete(endpoint: ChatEndpoint, body: JudgeRequestBody, options: { signal: AbortSignal; timeoutMs: number }): Promise<ChatOutcome>;
  /** GET /models: whether the server answers at all, before a whole run is started. */
  models(endpoint: ChatEndpoint, options: { timeoutMs: number }): Promise<ModelsOutcome>;
}

/** Certificate and handshake failures, as Node's TLS layer names them. */
const TLS_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/;

/** The first error code in an error's chain of causes. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
  }
  return codes;
}

const STRUCTURED_OUTPUT = /response_format|json_schema|structured output|grammar|guided/i;

type OpenAiPackage = typeof import('openai');
let openAiPackage: Promise<OpenAiPackage> | undefined;
/** The package, loaded on the first call: loading it took a quarter of the CLI's start (72 ms), for a command that may never call. */
const loadOpenAi = (): Promise<OpenAiPackage> => (openAiPackage ??= import('openai'));

/** Why a call failed, from what the openai package threw. */
export function classifyError(
  error: unknown,
  nowMs: number,
  { APIConnectionError, APIConnectionTimeoutError, APIError }: OpenAiPackage,
): { reason: AiFailureReason; retryAfterMs: number | null } {
  const plain = (reason: AiFailureReason) => ({ reason, retryAfterMs: null });
  if (error instanceof APIConnectionTimeoutError) return plain('timeout');
  if (error instanceof APIConnectionError) return plain(causeCodes(error).some((c) => TLS_CODES.test(c)) ? 'tls' : 'unreachable');
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const message = error.message ?? '';
    if (status === 401 || status === 403) return plain('unauthorized');
    if (status === 404) return plain(/model/i.test(message) ? 'model-unknown' : 'endpoint-not-found');
    if (status === 408) return plain('timeout');
    if (status === 429 || status === 503) {
      return { reason: status === 429 ? 'rate-limited' : 'server-error', retryAfterMs: retryAfterMs(error.headers?.get('retry-after') ?? null, nowMs) };
    }
    if (status >= 500) return plain('server-error');
    if (status === 400 || status === 422) return plain(STRUCTURED_OUTPUT.test(message) ? 'no-structured-output' : 'bad-request');
    return plain('bad-request');
  }
  // A 200 whose body is not a chat completion.
  return plain('unreadable-answer');
}

function client(openai: OpenAiPackage, endpoint: ChatEndpoint, timeoutMs: number): OpenAI {
  return new openai.default({
    baseURL: endpoint.baseUrl,
    // The package insists on a key; without one the header is left out below.
    apiKey: endpoint.apiKey ?? 'none',
    defaultHeaders: endpoint.apiKey === null ? { Authorization: null } : undefined,
    // Never the environment's OpenAI settings: they are not the school's server.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    // OPENAI_LOG=debug would print request bodies, essay texts included.
    logLevel: 'off',
    maxRetries: 0,
    timeout: timeoutMs,
  });
}

/** The ChatPort over the openai package. */
export function openAiChat(now: () => number = Date.now): ChatPort {
  return {
    async complete(endpoint, body, { signal, timeoutMs }) {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      // A signal of its own per call: the package leaves its listener on the signal it is given, and a run's signal lives for hundreds of calls.
      const call = new AbortController();
      const cutOff = (): void => call.abort();
      signal.addEventListener('abort', cutOff, { once: true });
      const openai = await loadOpenAi();
      try {
        if (signal.aborted) throw new ChatAborted();
        const completion = await client(openai, endpoint, timeoutMs).chat.completions.create(body, { signal: call.signal });
        const message = completion.choices?.[0]?.message;
        // A refusal is no judgement: the answer is unreadable as one.
        const content = message && !message.refusal ? (message.content ?? null) : null;
        return { ok: true, content, tokens: completion.usage?.total_tokens ?? 0, ms: ms() };
      } catch (error) {
        if (error instanceof ChatAborted || error instanceof openai.APIUserAbortError || signal.aborted) throw new ChatAborted();
        return { ok: false, ...classifyError(error, now(), openai), tokens: 0, ms: ms() };
      } finally {
        signal.removeEventListener('abort', cutOff);
      }
    },
    async models(endpoint, { timeoutMs }) {
      const openai = await loadOpenAi();
      try {
        const page = await client(openai, endpoint, timeoutMs).models.list();
        return { ok: true, models: page.data.map((m) => m.id) };
      } catch (error) {
        return { ok: false, reason: classifyError(error, now(), openai).reason };
      }
    },
  };
}
