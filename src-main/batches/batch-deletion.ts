import type { BatchFootprint } from '../../shared/contracts/main/batches';
import type { AiJudgeRunner } from '../ai-judge/ai-judge-runner';
import type { Logger } from '../core/logger';
import type { BatchOrchestrator } from '../core/orchestrator';
import type { StorePort } from '../core/ports';
import type { IntakeService } from '../intake/intake-service';
import type { JudgingService } from '../judging/judging-service';
import type { SyncConnector } from '../sync/connector';

export interface DeletionDeps {
  store: StorePort;
  orchestrator: BatchOrchestrator;
  intake: IntakeService;
  judging: JudgingService;
  aiJudge: AiJudgeRunner;
  connector: SyncConnector;
  logger: Logger;
}

/**
 * Deletes a batch and everything it owns (shared/db/delete-batch.ts). Served
 * exclusively, like a restore: no other call runs meanwhile. It pauses the
 * sync connector (a push in flight finishes first, so its ack never lands on a
 * deleted item), waits until the batch's import or spellcheck stops, forgets
 * what main holds about the batch (its files' bytes, the pairs on its
 * sessions' screens, its sessions' AI runs), has the store delete, and resumes the connector.
 */
export async function deleteBatch(deps: DeletionDeps, batchId: string, correlationId: string): Promise<BatchFootprint | null> {
  deps.connector.suspend();
  try {
    await deps.connector.idle();
    return await deps.orchestrator.whileStill(batchId, async () => {
      const snapshot = await deps.store.batchSnapshot({ batchId });
      if (!snapshot) return null;
      deps.intake.forgetFiles(snapshot.essays.flatMap((e) => (e.blobHash ? [e.blobHash] : [])));
      await deps.aiJudge.forgetBatch(batchId);
      await deps.judging.forgetBatch(batchId);
      const deleted = await deps.store.deleteBatch({ batchId });
      deps.logger.log('info', 'batch deleted', { correlationId, batchId, count: deleted?.essays ?? 0 });
      return deleted;
    });
  } finally {
    deps.connector.resume(correlationId);
  }
}
