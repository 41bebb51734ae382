import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { Id } from '../domain';
import { QueueSyncResult, SyncSettingsFields, SyncSettingsProblem } from '../sync-store';

/** The school's sync settings and the outbox. */
export const syncApi = {
  /** The school's sync settings; a token, when given, goes to main's secret store and is never shown back. */
  saveSyncSettings: {
    request: SyncSettingsFields.extend({ token: z.string().trim().max(1000).optional() }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved') }),
      z.object({ outcome: z.literal('refused'), problem: SyncSettingsProblem }),
    ]),
  },
  /** Whether a token is stored for the school: the token itself never comes back. */
  syncTokenStatus: { request: z.object({ schoolId: z.string().max(64) }), response: z.object({ tokenSet: z.boolean() }) },
  /** Anonymises the batch's results and puts them in the outbox. */
  queueSync: { request: z.object({ batchId: Id }), response: QueueSyncResult },
  /** "Försök igen nu": push every pending item now. */
  retrySync: { request: z.object({}), response: z.object({}) },
} satisfies Contract;
