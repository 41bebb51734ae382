import { z } from 'zod';
import type { Contract } from '../../rpc/contract';
import { AiAnswer, AiEndpointProblem, AiFailureReason, AiJudgeEstimate, AiJudgeProgress, AiProfile, AiProfileFields, AiRunStatus } from '../ai-judge';
import { Id } from '../domain';
import { SessionFit } from '../judging';

/** A key as the teacher pastes it; it goes to main's secret store and never comes back. */
const ApiKey = z.string().trim().max(4000);

const SessionRequest = z.object({ sessionId: Id });

/** Why a session's AI judge cannot start. */
export const AiStartProblem = z.enum(['NO_AI_JUDGE', 'PROFILE_MISSING', 'SESSION_STOPPED', 'AI_STOPPED', 'SECRETS_UNAVAILABLE']);
export type AiStartProblem = z.infer<typeof AiStartProblem>;

export const AiConnectionResult = z.discriminatedUnion('outcome', [
  /** The model answered a small judgement in the prompt's format. */
  z.object({ outcome: z.literal('answered'), answer: AiAnswer, ms: z.number().nonnegative(), tokens: z.number().int().nonnegative() }),
  z.object({ outcome: z.literal('failed'), reason: AiFailureReason, ms: z.number().nonnegative() }),
  z.object({ outcome: z.literal('refused'), problem: AiEndpointProblem }),
]);
export type AiConnectionResult = z.infer<typeof AiConnectionResult>;

/** AI judge profiles, and a session's AI judge: start, pause, resume, stop, progress, and the figures that show how far to trust it. */
export const aiJudgeApi = {
  /** Profiles, each with whether a key is stored (the key itself never comes back). */
  listAiProfiles: {
    request: z.object({}),
    response: z.object({ profiles: z.array(AiProfile.extend({ apiKeySet: z.boolean() })) }),
  },
  /**
   * Saves a new profile (no `id`) or changes one. `apiKey`: a new key replaces the stored one, '' removes it, absent
   * keeps it.
   */
  saveAiProfile: {
    request: AiProfileFields.extend({ id: Id.optional(), apiKey: ApiKey.optional() }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved'), profileId: Id }),
      z.object({ outcome: z.literal('refused'), problem: z.union([AiEndpointProblem, z.literal('SECRETS_UNAVAILABLE'), z.literal('NO_SUCH_PROFILE')]) }),
    ]),
  },
  /** Deletes the profile and its key; the judgements its judge made stay in their sessions. */
  deleteAiProfile: { request: z.object({ profileId: Id }), response: z.object({}) },
  /** "Testa anslutningen": one small request, with a saved profile or with the fields being typed. */
  testAiConnection: {
    request: z.union([
      z.object({ profileId: Id }),
      z.object({ baseUrl: z.string().trim().min(1).max(2000), model: z.string().trim().min(1).max(200), apiKey: ApiKey.optional() }),
    ]),
    response: AiConnectionResult,
  },
  /** Before the first call: calls, tokens and (with a price) cost for a session set up like this. */
  estimateAiJudge: {
    request: z.object({ batchId: Id, profileId: Id, budgetPerScript: z.number().int().min(3).max(40), assignment: z.string().max(20_000).default('') }),
    response: AiJudgeEstimate.nullable(),
  },
  /** Turns the session's AI judge on; nothing is sent before this. */
  startAiJudge: {
    request: SessionRequest,
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('started') }),
      z.object({ outcome: z.literal('refused'), problem: AiStartProblem }),
    ]),
  },
  /** Stops sending; calls in flight are cut off and asked again on resume. */
  pauseAiJudge: { request: SessionRequest, response: z.object({ status: AiRunStatus.nullable() }) },
  resumeAiJudge: {
    request: SessionRequest,
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('started') }),
      z.object({ outcome: z.literal('refused'), problem: AiStartProblem }),
    ]),
  },
  /** Ends the AI judge in this session for good; its judgements stay. */
  stopAiJudge: { request: SessionRequest, response: z.object({ status: AiRunStatus.nullable() }) },
  aiJudgeProgress: { request: SessionRequest, response: AiJudgeProgress },
  /** The session fitted on people's judgements only (not stored), to compare with the fit the AI is part of. */
  humanOnlyFit: { request: SessionRequest, response: SessionFit.nullable() },
} satisfies Contract;
