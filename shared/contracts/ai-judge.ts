import { z } from 'zod';
import { Id, IsoTime, JudgeName } from './domain';

/**
 * The AI judge: a language model on a server the school chooses (OpenAI
 * chat-completions protocol) that judges pairs beside the teachers. Its
 * profile is settings only; the API key lives in main's secret store and is
 * never part of these records, an event, a backup or an export.
 */

/** What the teacher types for a profile. */
export const AiProfileFields = z.object({
  /** Shown as the judge, e.g. "AI – kommunens server". */
  name: JudgeName,
  /** The server's OpenAI-compatible base URL, ending in /v1 for most servers. */
  baseUrl: z.string().trim().min(1).max(2000),
  model: z.string().trim().min(1).max(200),
  /** Price per million tokens (prompt and answer alike), in the school's currency; null when free or unknown. */
  pricePerMillionTokens: z.number().nonnegative().max(100_000).nullable().default(null),
});
export type AiProfileFields = z.infer<typeof AiProfileFields>;
export type AiProfileFieldsInput = z.input<typeof AiProfileFields>;

export const AiProfile = AiProfileFields.extend({ id: Id, createdAt: IsoTime, updatedAt: IsoTime });
export type AiProfile = z.infer<typeof AiProfile>;

/** Why an address cannot be used: not a URL, plain http away from this computer, or a user and password in it. */
export const AiEndpointProblem = z.enum(['URL_INVALID', 'URL_NOT_HTTPS', 'URL_HAS_CREDENTIALS']);
export type AiEndpointProblem = z.infer<typeof AiEndpointProblem>;

/** Loopback: 127.0.0.0/8, ::1 and localhost. Ollama and LM Studio serve plain http there. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** https everywhere except loopback; null when the address is usable. */
export function aiEndpointProblem(baseUrl: string): AiEndpointProblem | null {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return 'URL_INVALID';
  }
  if (url.username || url.password) return 'URL_HAS_CREDENTIALS';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return url.protocol === 'http:' ? 'URL_NOT_HTTPS' : 'URL_INVALID';
}

/**
 * Why one call gave no judgement. Every one is counted and shown.
 * - transient, retried with backoff: unreachable, timeout, server-error (5xx), rate-limited (429), unreadable-answer
 * - this request only, given up at once: bad-request (400 other than structured output, e.g. a text too long for the model)
 * - the set-up, which halts the run until the teacher fixes it: tls, unauthorized (401/403), model-unknown,
 *   endpoint-not-found (404 not about the model: the address is wrong), no-structured-output
 */
export const AiFailureReason = z.enum([
  'unreachable',
  'tls',
  'unauthorized',
  'model-unknown',
  'endpoint-not-found',
  'no-structured-output',
  'bad-request',
  'timeout',
  'server-error',
  'rate-limited',
  'unreadable-answer',
]);
export type AiFailureReason = z.infer<typeof AiFailureReason>;

export type AiFailureClass = 'retry' | 'give-up' | 'halt';

export function failureClass(reason: AiFailureReason): AiFailureClass {
  switch (reason) {
    case 'unreachable':
    case 'timeout':
    case 'server-error':
    case 'rate-limited':
    case 'unreadable-answer':
      return 'retry';
    case 'bad-request':
      return 'give-up';
    case 'tls':
    case 'unauthorized':
    case 'model-unknown':
    case 'endpoint-not-found':
    case 'no-structured-output':
      return 'halt';
  }
}

/** Which text the model was shown first: `ab` shows the pair's `a` first, `ba` its `b`. */
export const AiOrder = z.enum(['ab', 'ba']);
export type AiOrder = z.infer<typeof AiOrder>;

export const AiConfidence = z.number().int().min(1).max(5);

/** The model's answer as the prompt's schema asks for it, with the label mapped back to the text's position. */
export const AiAnswer = z.object({
  /** The text shown first or second won. */
  winner: z.enum(['first', 'second']),
  reason: z.string().max(1000),
  confidence: AiConfidence,
});
export type AiAnswer = z.infer<typeof AiAnswer>;

/**
 * What an AI judgement keeps besides the judgement itself. For an AI
 * judgement, `left` is the text shown first and `right` the one shown second.
 */
export const AiJudgementDetails = z.object({
  reason: z.string().max(1000),
  confidence: AiConfidence,
  /** The AI pair it answers (AiPair.pair) and in which order it was asked. */
  pair: z.number().int().nonnegative(),
  order: AiOrder,
  /** The attempt that answered: earlier attempts failed (AiPair.failures). */
  attempt: z.number().int().positive(),
  /** Tokens the call used (prompt and answer), from the server's `usage`; 0 when it reports none. */
  tokens: z.number().int().nonnegative(),
});
export type AiJudgementDetails = z.infer<typeof AiJudgementDetails>;

/** A session's AI judge: the profile it calls, what the teacher typed for the prompt, and the share checked by people. */
export const SessionAiSettings = z.object({
  /** The AI profile; its id is also the AI judge's id in the session's judgements. */
  profileId: Id,
  /** The assignment and the assessment criteria, as the teacher typed them. They go into the prompt. */
  assignment: z.string().max(20_000).default(''),
  /** The share of the AI's pairs that human judges are also shown, so agreement can be measured. */
  humanCheckShare: z.number().min(0).max(1).default(0.1),
});
export type SessionAiSettings = z.infer<typeof SessionAiSettings>;
export type SessionAiSettingsInput = z.input<typeof SessionAiSettings>;

export const AiFailure = z.object({
  order: AiOrder,
  attempt: z.number().int().positive(),
  reason: AiFailureReason,
  tokens: z.number().int().nonnegative(),
  /** The last attempt the retry cap allows, or a failure not worth retrying: this order of the pair is given up. */
  final: z.boolean(),
  at: IsoTime,
});
export type AiFailure = z.infer<typeof AiFailure>;

/** A pair the AI judge asks about, in both orders. Planned (stored) before the first call, so a restart asks the same pair. */
export const AiPair = z.object({
  sessionId: Id,
  judgeId: Id,
  /** 0, 1, 2, … in the order the pairs were planned. */
  pair: z.number().int().nonnegative(),
  a: Id,
  b: Id,
  plannedAt: IsoTime,
  failures: z.array(AiFailure),
});
export type AiPair = z.infer<typeof AiPair>;

/**
 * Whether the teacher has the AI judge working in a session. Nothing is sent
 * unless it is `running`. `done`: nothing is left for it (the session
 * stopped, or its budget is spent).
 */
export const AiRunStatus = z.enum(['running', 'paused', 'stopped', 'done']);
export type AiRunStatus = z.infer<typeof AiRunStatus>;

export const AiRun = z.object({
  sessionId: Id,
  judgeId: Id,
  status: AiRunStatus,
  /** Why main paused it by itself (a set-up problem, or the server failing pair after pair); null when the teacher did. */
  halted: AiFailureReason.nullable(),
  updatedAt: IsoTime,
});
export type AiRun = z.infer<typeof AiRun>;

/** What the progress bar shows. */
export const AiJudgeProgress = z.object({
  /** `idle`: never started. */
  status: z.union([z.literal('idle'), AiRunStatus]),
  halted: AiFailureReason.nullable(),
  /** Readable answers stored as the AI's judgements. */
  judgements: z.number().int().nonnegative(),
  /** Every judgement of the session (people's too) against the session's budget. */
  sessionJudgements: z.number().int().nonnegative(),
  budget: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
  inFlight: z.number().int().nonnegative(),
  failures: z.partialRecord(AiFailureReason, z.number().int().nonnegative()),
  /** Pair orders given up after the retry cap. */
  givenUp: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  /** Estimated seconds left at the pace so far; null until a call has been timed, or when nothing is left. */
  secondsLeft: z.number().nonnegative().nullable(),
});
export type AiJudgeProgress = z.infer<typeof AiJudgeProgress>;

/** Before the first call: what a session of AI judging will cost. */
export const AiJudgeEstimate = z.object({
  calls: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  /** In the profile's currency; null without a price. */
  cost: z.number().nonnegative().nullable(),
});
export type AiJudgeEstimate = z.infer<typeof AiJudgeEstimate>;
