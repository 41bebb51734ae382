import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { FindingDecision, Id, ListedWord } from '../domain';

/** The teacher's spelling decisions. */
export const spellingApi = {
  /** The teacher accepts or ignores a spelling finding. */
  decideFinding: {
    request: FindingDecision.omit({ decidedAt: true }),
    response: z.object({}),
  },
  /** The teacher adds a word to the batch's dictionary; it is no longer flagged anywhere in the batch. */
  addWord: {
    request: z.object({ batchId: Id, word: ListedWord }),
    response: z.object({}),
  },
} satisfies Contract;
