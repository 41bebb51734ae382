import { z } from 'zod';
import type { Contract } from '../../rpc/contract';

export const AppInfo = z.object({ version: z.string(), host: z.enum(['electron', 'e2e', 'cli']) });
export type AppInfo = z.infer<typeof AppInfo>;

/** Why a backup file could not be restored: not a valid backup, or from a newer app. */
export const RestoreRefusal = z.enum(['invalid', 'newer']);
export type RestoreRefusal = z.infer<typeof RestoreRefusal>;

export const RestoreResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('restored') }),
  z.object({ outcome: z.literal('refused'), reason: RestoreRefusal }),
]);
export type RestoreResult = z.infer<typeof RestoreResult>;

/** The app as a whole: the renderer's arrival, and replacing everything with a backup. */
export const appApi = {
  /** The renderer's store is ready; main resumes any unfinished work. */
  hello: { request: z.object({}), response: AppInfo },
  /**
   * Replaces the whole database with a backup file's text. Main waits until
   * no work runs, pauses, forgets what it holds in memory, has the store
   * restore, then resumes what the backup left unfinished.
   */
  restoreBackup: { request: z.object({ text: z.string() }), response: RestoreResult },
} satisfies Contract;
