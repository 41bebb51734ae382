import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { importLimits } from '../import-limits';

export const AppInfo = z.object({ version: z.string(), host: z.enum(['electron', 'e2e', 'cli']) });
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * Why a backup file could not be restored: not a valid backup, from a newer
 * app, or the safety copy of what the app holds now could not be written (a
 * full disk), so nothing was replaced.
 */
export const RestoreRefusal = z.enum(['invalid', 'newer', 'safety-copy']);
export type RestoreRefusal = z.infer<typeof RestoreRefusal>;

export const RestoreResult = z.discriminatedUnion('outcome', [
  /** `safetyCopy`: the file name of the copy of what the app held before, beside the teacher's other backups. */
  z.object({ outcome: z.literal('restored'), safetyCopy: z.string().optional() }),
  z.object({ outcome: z.literal('refused'), reason: RestoreRefusal }),
]);
export type RestoreResult = z.infer<typeof RestoreResult>;

/** The app as a whole: the renderer's arrival, and replacing everything with a backup. */
export const appApi = {
  /** The renderer's store is ready; main resumes any unfinished work. */
  hello: { request: z.object({}), response: AppInfo },
  /**
   * Replaces the whole database with a backup file's text. Main waits until
   * no work runs, pauses, forgets what it holds in memory, writes a safety
   * copy of it all, has the store restore, then resumes what the backup left
   * unfinished. The renderer refuses a larger file before reading it.
   */
  restoreBackup: { request: z.object({ text: z.string().max(importLimits.maxBackupBytes) }), response: RestoreResult },
} satisfies Contract;
