import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { Id } from '../domain';
import { JudgementsFile } from '../judging';

/** A session's judgements to a colleague's laptop and back, as one file. */
export const moderationApi = {
  exportJudgements: { request: z.object({ sessionId: Id }), response: JudgementsFile },
  /** A colleague's judgements file; parsed in main, so any JSON may be sent. */
  importJudgements: {
    request: z.object({ file: z.unknown() }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('imported'), sessionId: Id, batchId: Id, added: z.number().int(), alreadyHad: z.number().int() }),
      z.object({ outcome: z.literal('rejected'), code: z.literal('INVALID_FILE') }),
    ]),
  },
} satisfies Contract;
