import type { AppInfo, appApi, RestoreResult } from '../../shared/contracts/main/app';
import { safetyCopyFileName } from '../../shared/files';
import type { AiJudgeRunner } from '../ai-judge/ai-judge-runner';
import type { Logger } from '../core/logger';
import type { BatchOrchestrator } from '../core/orchestrator';
import type { Clock, SafetyCopyFolder, StorePort } from '../core/ports';
import type { SyncConnector } from '../sync/connector';
import type { BackgroundWork } from './background';
import type { Handlers } from './handlers';

export interface AppDeps {
  info: AppInfo;
  store: StorePort;
  orchestrator: BatchOrchestrator;
  connector: SyncConnector;
  aiJudge: AiJudgeRunner;
  background: BackgroundWork;
  logger: Logger;
  clock: Clock;
  /** Where the copy of what a restore replaces goes; absent, no copy is made (see Ports). */
  safetyCopies?: SafetyCopyFolder;
  /** Resolves when no batch moves, no fit or look-ahead runs and no push is in flight. */
  idle(): Promise<void>;
  /** Drops what the services hold in memory about the store's contents. */
  forget(): void;
}

/** Picks up whatever the store holds unfinished: batches that were moving, AI judges that were running, and the outbox. */
function resume(deps: AppDeps, correlationId: string): void {
  deps.background.run(deps.orchestrator.resumeUnfinished(correlationId), correlationId);
  deps.background.run(deps.aiJudge.resumeRunning(correlationId), correlationId);
  // Items due are pushed now, the rest wait for their time.
  deps.connector.resume(correlationId);
}

/**
 * Everything the app holds now, written beside the teacher's backups before
 * a restore replaces it. Its file name, null when the host keeps no copies,
 * or false when it could not be written: then nothing is replaced.
 */
async function saveSafetyCopy(deps: AppDeps, correlationId: string): Promise<string | null | false> {
  if (!deps.safetyCopies) return null;
  const fileName = safetyCopyFileName(deps.clock.now());
  try {
    await deps.safetyCopies.save(fileName, await deps.store.backupText({}));
    return fileName;
  } catch (error) {
    deps.logger.log('error', 'safety copy before restore failed', { correlationId, error });
    return false;
  }
}

/** A refused restore replaced nothing: its copy goes, so the teacher's folder holds only copies of data that was replaced. */
async function removeSafetyCopy(deps: AppDeps, fileName: string, correlationId: string): Promise<void> {
  try {
    await deps.safetyCopies?.remove(fileName);
  } catch (error) {
    deps.logger.log('warn', 'refused restore: its safety copy could not be removed', { correlationId, error });
  }
}

export function appHandlers(deps: AppDeps): Handlers<typeof appApi> {
  return {
    async hello(_request, { correlationId }) {
      resume(deps, correlationId);
      return deps.info;
    },
    // Served exclusively: every other call waits until it is done (see Gate).
    async restoreBackup({ text }, { correlationId }) {
      deps.connector.suspend();
      // AI runs are cut off, not paused: the restored data says which run, and they resume from it.
      await deps.aiJudge.shutdown();
      await deps.idle();
      deps.forget();
      let result: RestoreResult;
      try {
        const safetyCopy = await saveSafetyCopy(deps, correlationId);
        if (safetyCopy === false) result = { outcome: 'refused', reason: 'safety-copy' };
        else {
          result = await deps.store.restoreBackup({ text });
          if (result.outcome === 'restored' && safetyCopy) result = { ...result, safetyCopy };
          if (result.outcome === 'refused' && safetyCopy) await removeSafetyCopy(deps, safetyCopy, correlationId);
        }
      } finally {
        resume(deps, correlationId);
      }
      deps.logger.log('info', 'backup restore', { correlationId, code: result.outcome === 'restored' ? 'RESTORED' : result.reason });
      return result;
    },
  };
}
