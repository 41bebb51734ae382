import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { Id } from '../domain';
import { Grade, JudgeName, JudgementMs, NextPair, SessionSettings } from '../judging';

const JudgeRequest = z.object({ sessionId: Id, judgeId: Id });

/** Judges, sessions, the pair on a judge's screen, judgements and grade overrides. */
export const judgingApi = {
  createJudge: { request: z.object({ name: JudgeName }), response: z.object({ judgeId: Id }) },
  createSession: {
    request: SessionSettings,
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('created'), sessionId: Id }),
      z.object({ outcome: z.literal('rejected'), code: z.enum(['TOO_FEW_ESSAYS', 'UNKNOWN_ESSAY']) }),
    ]),
  },
  /** Adds the batch's essays that became ready after the session started; a stopped session takes none. */
  addReadyEssays: {
    request: z.object({ sessionId: Id }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('added'), added: z.number().int().nonnegative() }),
      z.object({ outcome: z.literal('rejected'), code: z.literal('SESSION_STOPPED') }),
    ]),
  },
  /** The pair on the judge's screen, or the next one. */
  currentPair: { request: JudgeRequest, response: NextPair },
  /** Stores the choice, then answers with the judge's next pair. */
  judge: {
    request: JudgeRequest.extend({ left: Id, right: Id, winner: Id, ms: JudgementMs }),
    response: NextPair,
  },
  undo: { request: JudgeRequest, response: NextPair },
  /** Fits the session again, after a fit failed (the results say so, with this retry). */
  refitSession: { request: z.object({ sessionId: Id }), response: z.object({}) },
  /** The teacher's grade beside the model's; null takes it back. */
  overrideGrade: {
    request: JudgeRequest.extend({ essayId: Id, grade: Grade.nullable() }),
    response: z.object({}),
  },
} satisfies Contract;
