import { z } from 'zod';

/**
 * What the sync connector sends to the municipal server: one batch's
 * anonymised results. Version 1. The desktop builds it only through the
 * anonymiser; the reference receiver (server/) parses it with this same
 * schema, and its OpenAPI document is generated from it.
 *
 * Nothing here may identify a pupil: a pupil is a pseudonym (HMAC-SHA-256 of
 * the essay's id under the school's key, which never leaves the laptop), and
 * no field takes free text except the course and assignment labels, which
 * are scrubbed of personal data before they are set.
 */

/** Lowercase hex HMAC-SHA-256. */
export const Pseudonym = z.string().regex(/^[0-9a-f]{64}$/);

/** A label a teacher typed (course, assignment): short, scrubbed, no line breaks. */
const Label = z.string().max(80).regex(/^[^\n\r\t]*$/);

export const SyncGrade = z.string().min(1).max(20);

export const PupilResult = z
  .object({
    pupil: Pseudonym,
    words: z.number().int().nonnegative(),
    /** Spelling findings per 100 words, after the teacher's decisions. */
    findingsPer100: z.number().nonnegative(),
    /** θ and SE on the session's Bradley–Terry scale, in logits; null when the essay was not judged. */
    theta: z.number().nullable(),
    se: z.number().nonnegative().nullable(),
    /** The grade that stands: an anchor's known grade, else the teacher's override, else the model's. Null without grades. */
    grade: SyncGrade.nullable(),
    gradeSource: z.enum(['model', 'teacher', 'anchor']).nullable(),
    /**
     * The model's grade is still less than 90% sure: a receiver must not count it as a final grade.
     * Absent from pushes made before apps sent it, whose grades carry no such mark.
     */
    preliminary: z.boolean().optional(),
    /** Present only when the school has opted in to sending texts, and scrubbed of personal data first. */
    text: z.string().max(200_000).optional(),
  })
  .strict();
export type PupilResult = z.infer<typeof PupilResult>;

export const SyncPayload = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('batch-results'),
    /** The same for every push of the same outbox item: the receiver stores it once. */
    idempotencyKey: z.uuid(),
    schoolId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    appVersion: z.string().max(40),
    generatedAt: z.iso.datetime(),
    /** The batch, as a pseudonym: pushes of the same batch can be told apart from others without naming it. */
    batch: Pseudonym,
    course: Label,
    assignment: Label,
    /** School term, e.g. HT2026 (autumn) or VT2027 (spring). */
    term: z.string().regex(/^(HT|VT)\d{4}$/),
    language: z.enum(['sv', 'en']),
    gradeScale: z.array(SyncGrade).min(2).max(20),
    /** The session's reliability as the app reports it (simulated true r²), and SSR; null without a session. */
    reliability: z.number().min(0).max(1).nullable(),
    ssr: z.number().nullable(),
    /** One row per pupil. Fewer than 5 pupils: the batch is not sent at all (small groups are suppressed). */
    pupils: z.array(PupilResult).min(5).max(2000),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (new Set(p.pupils.map((r) => r.pupil)).size !== p.pupils.length) {
      ctx.addIssue({ code: 'custom', path: ['pupils'], message: 'pupil pseudonyms must be unique' });
    }
    p.pupils.forEach((r, i) => {
      if (r.grade !== null && !p.gradeScale.includes(r.grade)) ctx.addIssue({ code: 'custom', path: ['pupils', i, 'grade'], message: 'not a grade of the scale' });
    });
  });
export type SyncPayload = z.infer<typeof SyncPayload>;

/** The smallest group any aggregate may describe. */
export const MIN_GROUP = 5;

/** Largest payload the connector sends and the receiver accepts, in bytes of JSON. */
export const MAX_PAYLOAD_BYTES = 2_000_000;

/** What the receiver answers to a push it has stored (or had stored before: a duplicate). */
export const SyncAck = z.object({ idempotencyKey: z.uuid(), status: z.enum(['stored', 'duplicate']) });
export type SyncAck = z.infer<typeof SyncAck>;
