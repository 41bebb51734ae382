import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { BatchDetails, Id } from '../domain';

export const IncomingFile = z.object({
  name: z.string().min(1).max(1000),
  relativePath: z.string().max(4000).optional(),
  size: z.number().int().nonnegative(),
  /** Null when the renderer did not read a file over the size limit. */
  bytes: z.instanceof(Uint8Array).nullable(),
});
export type IncomingFile = z.infer<typeof IncomingFile>;

/** Batches and their files: creating one, and adding the teacher's files or the sample essays. */
export const batchesApi = {
  createBatch: { request: BatchDetails, response: z.object({ batchId: Id }) },
  importFiles: {
    request: z.object({ batchId: Id, files: z.array(IncomingFile).min(1).max(10_000) }),
    response: z.object({ received: z.number().int().nonnegative() }),
  },
  importSamples: { request: z.object({}), response: z.object({ batchIds: z.array(Id) }) },
} satisfies Contract;
