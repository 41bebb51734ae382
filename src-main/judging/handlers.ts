import type { judgingApi } from '../../shared/contracts/main/judging';
import type { moderationApi } from '../../shared/contracts/main/moderation';
import type { BackgroundWork } from '../app/background';
import type { Handlers } from '../app/handlers';
import type { BatchOrchestrator } from '../core/orchestrator';
import type { JudgingService } from './judging-service';
import type { Moderation } from './moderation';

export function judgingHandlers(judging: JudgingService): Handlers<typeof judgingApi> {
  return {
    async createJudge({ name }, { correlationId }) {
      return { judgeId: await judging.createJudge(name, correlationId) };
    },
    createSession: (settings, { correlationId }) => judging.createSession(settings, correlationId),
    addReadyEssays: ({ sessionId }, { correlationId }) => judging.addReadyEssays(sessionId, correlationId),
    currentPair: ({ sessionId, judgeId }, { correlationId }) => judging.currentPair(sessionId, judgeId, correlationId),
    judge: (request, { correlationId }) => judging.judge(request, correlationId),
    undo: ({ sessionId, judgeId }, { correlationId }) => judging.undo(sessionId, judgeId, correlationId),
    async refitSession({ sessionId }, { correlationId }) {
      await judging.refit(sessionId, correlationId);
      return {};
    },
    async overrideGrade(request, { correlationId }) {
      await judging.overrideGrade(request, correlationId);
      return {};
    },
  };
}

export function moderationHandlers(deps: {
  moderation: Moderation;
  judging: JudgingService;
  orchestrator: BatchOrchestrator;
  background: BackgroundWork;
}): Handlers<typeof moderationApi> {
  return {
    exportJudgements: ({ sessionId }) => deps.moderation.exportSession(sessionId),
    async importJudgements({ file }, { correlationId }) {
      const result = await deps.moderation.importFile(file, correlationId);
      if (result.outcome === 'imported') {
        // Essays new to this laptop still need their spellcheck; the merged judgements need a fit.
        deps.background.run(deps.orchestrator.advance(result.batchId, correlationId), correlationId);
        await deps.judging.refit(result.sessionId, correlationId);
      }
      return result;
    },
  };
}
