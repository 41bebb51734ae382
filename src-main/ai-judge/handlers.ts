import type { aiJudgeApi } from '../../shared/contracts/main/ai-judge';
import { humanJudgements } from '../../shared/ai-judge/results';
import type { Handlers } from '../app/handlers';
import type { CjPort, Clock, StorePort } from '../core/ports';
import { fitSession } from '../judging/session-fit';
import type { AiJudgeRunner } from './ai-judge-runner';
import type { AiProfiles } from './ai-profiles';

export interface AiJudgeHandlerDeps {
  profiles: AiProfiles;
  runner: AiJudgeRunner;
  store: StorePort;
  cj: CjPort;
  clock: Clock;
}

export function aiJudgeHandlers({ profiles, runner, store, cj, clock }: AiJudgeHandlerDeps): Handlers<typeof aiJudgeApi> {
  return {
    listAiProfiles: async () => ({ profiles: await profiles.list() }),
    saveAiProfile: (request, { correlationId }) => profiles.save(request, correlationId),
    async deleteAiProfile({ profileId }, { correlationId }) {
      await profiles.delete(profileId, correlationId);
      return {};
    },
    async testAiConnection(request, { correlationId }) {
      const endpoint = 'profileId' in request ? await profiles.endpoint(request.profileId) : { ...request, apiKey: request.apiKey || null };
      if (!endpoint) return { outcome: 'refused', problem: 'URL_INVALID' };
      return profiles.testConnection(endpoint, correlationId);
    },
    estimateAiJudge: (request) => profiles.estimate(request),
    startAiJudge: ({ sessionId }, { correlationId }) => runner.start(sessionId, correlationId),
    pauseAiJudge: async ({ sessionId }, { correlationId }) => ({ status: await runner.pause(sessionId, correlationId) }),
    resumeAiJudge: ({ sessionId }, { correlationId }) => runner.start(sessionId, correlationId),
    stopAiJudge: async ({ sessionId }, { correlationId }) => ({ status: await runner.stop(sessionId, correlationId) }),
    aiJudgeProgress: ({ sessionId }) => runner.progress(sessionId),
    async humanOnlyFit({ sessionId }) {
      const state = await store.sessionState({ sessionId });
      if (!state) return null;
      return fitSession(cj, state.session, humanJudgements(state.judgements), null, clock.now());
    },
  };
}
