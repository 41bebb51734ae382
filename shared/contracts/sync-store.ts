import { z } from 'zod';
import { Id, IsoTime, Language } from './domain';
import { SyncAck, SyncPayload } from './sync';

/**
 * What the app keeps on the laptop for the sync connector: the school's sync
 * settings, and the outbox of anonymised payloads waiting for (or done with)
 * the municipal receiver. Secrets (the school's token and HMAC key) are never
 * here: they live behind main's SecretStore port.
 */

/** The addresses where plain http is allowed, for tests and a receiver on the same machine. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Why a settings form is refused. Each has a message in Swedish and English (`sync.problem.*`). */
export const SyncSettingsProblem = z.enum([
  'URL_MISSING',
  'URL_INVALID',
  'URL_NOT_HTTPS',
  'URL_CREDENTIALS',
  'SCHOOL_ID_MISSING',
  'SCHOOL_ID_INVALID',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'SECRETS_UNAVAILABLE',
]);
export type SyncSettingsProblem = z.infer<typeof SyncSettingsProblem>;

/**
 * The receiver's address must be https; plain http only on loopback
 * (127.0.0.1, localhost, [::1]). No user or password in the URL (the token
 * travels in a header), and no query or fragment.
 */
export function serverUrlProblem(input: string): SyncSettingsProblem | null {
  if (input.trim() === '') return 'URL_MISSING';
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return 'URL_INVALID';
  }
  if (url.username || url.password) return 'URL_CREDENTIALS';
  if (url.search || url.hash) return 'URL_INVALID';
  if (url.protocol === 'https:') return url.hostname ? null : 'URL_INVALID';
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.includes(url.hostname) ? null : 'URL_NOT_HTTPS';
  return 'URL_INVALID';
}

/** A school id as the receiver knows it (`npm run server -- token SCHOOL_ID`). */
export const SchoolId = SyncPayload.shape.schoolId;

/** A school token: printable, no spaces or line breaks (it goes into a header). */
export const SyncToken = z.string().regex(/^[A-Za-z0-9._~+/=-]{16,512}$/);

/** The settings a school chooses. Off by default; texts are a separate opt-in. */
export const SyncSettingsFields = z.object({
  enabled: z.boolean(),
  serverUrl: z.string().trim().max(500),
  schoolId: z.string().trim().max(64),
  /** Send essay texts (scrubbed of personal data) with the results. Off unless the school opts in. */
  sendTexts: z.boolean(),
});
export type SyncSettingsFields = z.infer<typeof SyncSettingsFields>;

/** The first problem of a settings form, or null. Empty fields are allowed while sync is off. */
export function syncSettingsProblem(s: SyncSettingsFields): SyncSettingsProblem | null {
  if (s.serverUrl !== '' || s.enabled) {
    const problem = serverUrlProblem(s.serverUrl);
    if (problem) return problem;
  }
  if (s.schoolId === '') return s.enabled ? 'SCHOOL_ID_MISSING' : null;
  return SchoolId.safeParse(s.schoolId).success ? null : 'SCHOOL_ID_INVALID';
}

export const SyncSettings = SyncSettingsFields.superRefine((s, ctx) => {
  const problem = syncSettingsProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type SyncSettings = z.infer<typeof SyncSettings>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { enabled: false, serverUrl: '', schoolId: '', sendTexts: false };

/** The settings as the store keeps them (table `settings`, one row per kind of setting). */
export const SyncSettingsRecord = SyncSettingsFields.extend({ id: z.literal('sync'), updatedAt: IsoTime });
export type SyncSettingsRecord = z.infer<typeof SyncSettingsRecord>;

/** Why the last attempt failed, or why the receiver refused the item. */
export const OutboxError = z.object({
  /** The receiver's error code (e.g. RATE_LIMITED, PERSONAL_DATA) or the connector's own (NETWORK, TIMEOUT, HTTP_503, …). */
  code: z.string().min(1).max(60),
  httpStatus: z.number().int().min(100).max(599).nullable(),
  /** The receiver's own message, in Swedish and English; null for the connector's own codes. */
  message: z.object({ sv: z.string().max(1000), en: z.string().max(1000) }).nullable(),
});
export type OutboxError = z.infer<typeof OutboxError>;

export const OutboxStatus = z.enum(['pending', 'delivered', 'rejected']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** One push waiting for, or done with, the receiver. Its id is the payload's idempotency key. */
export const OutboxItem = z.object({
  id: z.uuid(),
  batchId: Id,
  status: OutboxStatus,
  payload: SyncPayload,
  queuedAt: IsoTime,
  /** Attempts that reached an outcome (a failure, or the ack). */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: IsoTime,
  lastError: OutboxError.nullable(),
  /** Set with the receiver's ack (201 stored or 200 duplicate): the only way an item is done. */
  ack: SyncAck.nullable(),
  deliveredAt: IsoTime.nullable(),
  rejectedAt: IsoTime.nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/**
 * What the store answers about a batch for sync, before anonymisation (what
 * src-main/sync/anonymise.ts takes). Holds personal data (the
 * class list, texts): it never leaves main except through the anonymiser.
 */
export const SyncSourceRecord = z.object({
  batch: z.object({
    id: Id,
    title: z.string(),
    course: z.string(),
    language: Language,
    createdAt: IsoTime,
    names: z.array(z.string()),
  }),
  essays: z.array(
    z.object({
      id: Id,
      /** The pupil who wrote it (intake's match or the teacher's choice); null while in review or unmatched. */
      pupilId: Id.nullable(),
      words: z.number().int().nonnegative(),
      findingsPer100: z.number().nonnegative(),
      text: z.string().nullable(),
    }),
  ),
  session: z
    .object({
      scale: z.array(z.string()),
      reliability: z.number().nullable(),
      ssr: z.number().nullable(),
      items: z.array(
        z.object({
          essayId: Id,
          theta: z.number(),
          se: z.number().nullable(),
          grade: z.string().nullable(),
          probabilities: z.array(z.number().min(0).max(1)),
          preliminary: z.boolean(),
        }),
      ),
      anchors: z.array(z.object({ essayId: Id, grade: z.string() })),
      overrides: z.array(z.object({ essayId: Id, grade: z.string() })),
    })
    .nullable(),
});
export type SyncSourceRecord = z.infer<typeof SyncSourceRecord>;

/** What the teacher hears after asking to send a batch. */
export const QueueSyncResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('queued'), idempotencyKey: z.uuid() }),
  /** Fewer than MIN_GROUP pupils: not sent at all. */
  z.object({ outcome: z.literal('suppressed'), reason: z.literal('SMALL_GROUP') }),
  z.object({ outcome: z.literal('refused'), code: z.enum(['SYNC_DISABLED', 'NOT_FOUND', 'TOO_LARGE', 'PERSONAL_DATA', 'SECRETS_UNAVAILABLE']) }),
]);
export type QueueSyncResult = z.infer<typeof QueueSyncResult>;
