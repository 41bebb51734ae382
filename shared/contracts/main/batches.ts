import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { BatchDetails, Id, Language, RejectionCode } from '../domain';

/** Why a file the teacher chose could not be read; intake rejects it with this code, and the rest go on. */
export const UnreadableCode = RejectionCode.extract(['UNREADABLE_NAME', 'UNREADABLE_FILE', 'SYMLINK_OUTSIDE', 'SYMLINK_LOOP']);
export type UnreadableCode = z.infer<typeof UnreadableCode>;

export const IncomingFile = z.object({
  name: z.string().min(1).max(1000),
  relativePath: z.string().max(4000).optional(),
  size: z.number().int().nonnegative(),
  /** Null when the renderer did not read a file over the size limit. */
  bytes: z.instanceof(Uint8Array).nullable(),
  /** Set when the file could not be read; its bytes are then null. */
  unreadable: UnreadableCode.optional(),
});
export type IncomingFile = z.infer<typeof IncomingFile>;

/** What deleting a batch takes with it, as the teacher is told before confirming. */
export const BatchFootprint = z.object({
  /** Essays, not counting the archives they were unpacked from. */
  essays: z.number().int().nonnegative(),
  sessions: z.number().int().nonnegative(),
  /** Judgements that count (not undone). */
  judgements: z.number().int().nonnegative(),
  /** Results queued for the municipality and not yet delivered. */
  unsentSync: z.number().int().nonnegative(),
});
export type BatchFootprint = z.infer<typeof BatchFootprint>;

/** A batch's language choice: detect per essay (with a fallback when detection declines), or one language. */
export const BatchLanguageChoice = BatchDetails.pick({ language: true, detectPerEssay: true, englishVariant: true }).required();
export type BatchLanguageChoice = z.infer<typeof BatchLanguageChoice>;

/** Batches and their files: creating one, and adding the teacher's files or the sample essays. */
export const batchesApi = {
  createBatch: { request: BatchDetails, response: z.object({ batchId: Id }) },
  importFiles: {
    request: z.object({ batchId: Id, files: z.array(IncomingFile).min(1).max(10_000) }),
    response: z.object({ received: z.number().int().nonnegative() }),
  },
  importSamples: { request: z.object({}), response: z.object({ batchIds: z.array(Id) }) },
  /** The teacher changes the batch's language; the essays it affects are spellchecked again, keeping decisions on findings that remain. */
  changeBatchLanguage: {
    request: BatchLanguageChoice.extend({ batchId: Id }),
    response: z.object({ rechecked: z.number().int().nonnegative() }),
  },
  /** The teacher chooses one essay's language, or (null) lets it follow the batch again. */
  changeEssayLanguage: {
    request: z.object({ batchId: Id, essayId: Id, language: Language.nullable() }),
    response: z.object({ rechecked: z.boolean() }),
  },
  /**
   * Deletes a batch and everything it owns. Main waits until the batch stops
   * moving and forgets what it holds about it. Null: no such batch.
   */
  deleteBatch: { request: z.object({ batchId: Id }), response: BatchFootprint.nullable() },
  /** A stalled batch (Batch.stalled) moves again; its work is tried once more in the background. */
  retryBatch: { request: z.object({ batchId: Id }), response: z.object({}) },
  /** Removes the file a stalled batch stopped at, then moves the batch on. False: the file no longer blocks it. */
  removeBlockingFile: { request: z.object({ batchId: Id, essayId: Id }), response: z.object({ removed: z.boolean() }) },
} satisfies Contract;
