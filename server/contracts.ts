import { z } from 'zod';
import { MIN_GROUP, SyncGrade, SyncPayload } from '../shared/contracts/sync';

/**
 * The receiver's own HTTP shapes. The push body is the desktop's SyncPayload
 * (shared/contracts/sync.ts); these are what the receiver answers, and the
 * query it reads. openapi.ts turns all of them into server/openapi.json.
 */

const IssuePath = z.array(z.union([z.string(), z.number()]));

export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'REQUEST_TIMEOUT',
  'HEADERS_TOO_LARGE',
  'EXPECTATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN_SCHOOL',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'INVALID_JSON',
  'INVALID_PAYLOAD',
  'INVALID_TEXT',
  'INVALID_IDEMPOTENCY_KEY',
  'INVALID_QUERY',
  'IDEMPOTENCY_KEY_CONFLICT',
  'PERSONAL_DATA',
  'RATE_LIMITED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.object({ sv: z.string(), en: z.string() }),
    /** INVALID_PAYLOAD, INVALID_QUERY: where and why, never the values sent. */
    issues: z.array(z.object({ path: IssuePath, code: z.string(), message: z.string() })).optional(),
    /** PERSONAL_DATA: where and what kind, never the value. */
    findings: z.array(z.object({ path: IssuePath, kind: z.enum(['personnummer', 'email', 'phone']) })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const GradeDistributionQuery = z
  .object({ course: SyncPayload.shape.course.min(1), term: SyncPayload.shape.term })
  .strict();

export const GradeCell = z.object({
  grade: SyncGrade,
  /** Null when suppressed: fewer than minGroup pupils have this grade. */
  pupils: z.number().int().positive().nullable(),
  suppressed: z.boolean(),
});

export const GradeDistribution = z.object({
  course: z.string(),
  term: z.string(),
  minGroup: z.literal(MIN_GROUP),
  /** True when fewer than minGroup pupils in all have a grade: nothing more is told. */
  suppressed: z.boolean(),
  /** Null when the group or any cell is suppressed, so that no cell can be worked out by subtraction. */
  pupils: z.number().int().nonnegative().nullable(),
  grades: z.array(GradeCell),
});
export type GradeDistribution = z.infer<typeof GradeDistribution>;

export const Health = z.object({ status: z.enum(['ok', 'unavailable']) });
