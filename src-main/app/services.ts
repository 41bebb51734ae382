import { mainContract } from '../../shared/contracts/ipc';
import type { AppInfo } from '../../shared/contracts/main/app';
import type { ClientApi } from '../../shared/rpc/contract';
import { BatchLanguage } from '../batches/batch-language';
import { batchHandlers } from '../batches/handlers';
import { EssayLifecycle } from '../core/essay-lifecycle';
import { BatchOrchestrator } from '../core/orchestrator';
import { randomIds, systemClock, type Ports } from '../core/ports';
import { Publisher } from '../core/publisher';
import { ExportService } from '../export/export-service';
import { exportHandlers } from '../export/handlers';
import { IntakeService } from '../intake/intake-service';
import { judgingHandlers, moderationHandlers } from '../judging/handlers';
import { JudgingService } from '../judging/judging-service';
import { Moderation } from '../judging/moderation';
import { spellingHandlers } from '../spellcheck/handlers';
import { SpellcheckService } from '../spellcheck/spellcheck-service';
import { DEFAULT_SYNC_TIMING } from '../sync/backoff';
import { SyncConnector } from '../sync/connector';
import { syncHandlers } from '../sync/handlers';
import { memorySecrets } from '../secrets/index.memory';
import { SyncService } from '../sync/sync-service';
import { AiJudgeRunner } from '../ai-judge/ai-judge-runner';
import { AiProfiles } from '../ai-judge/ai-profiles';
import { openAiChat } from '../ai-judge/chat-client';
import { aiJudgeHandlers } from '../ai-judge/handlers';
import { pupilsHandlers } from '../pupils/handlers';
import { PupilsService } from '../pupils/pupils-service';
import { DEFAULT_AI_TIMING } from '../ai-judge/retry-policy';
import { appHandlers } from './app-handlers';
import { BackgroundWork } from './background';
import { Gate } from './gate';
import { serveHandlers } from './handlers';

export type MainApi = ClientApi<typeof mainContract>;

export interface Services {
  /** What the renderer may call, each request parsed on arrival. */
  api: MainApi;
  orchestrator: BatchOrchestrator;
  intake: IntakeService;
  /** The AI judges at work; `idle()` waits for their runs too. */
  aiJudge: AiJudgeRunner;
  /** Resolves when every batch has stopped moving. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the main-side services from a host's ports and serves each
 * feature's handlers as one contract. This is the one place they are wired;
 * each host's composition root calls it with its adapters.
 */
export function createServices(ports: Ports, host: AppInfo['host'], version: string, concurrency = 4): Services {
  const { store, logger } = ports;
  const clock = ports.clock ?? systemClock;
  const ids = ports.ids ?? randomIds;
  const publisher = new Publisher(store, clock);
  const lifecycle = new EssayLifecycle(publisher);
  const intake = new IntakeService(store, lifecycle, ports.extraction, ids, logger, concurrency);
  const spellcheck = new SpellcheckService(store, lifecycle, ports.spellcheck, clock, logger, concurrency);
  const orchestrator = new BatchOrchestrator(store, publisher, [intake, spellcheck], logger, ids, clock);
  const judging = new JudgingService(store, publisher, ports.cj, ids, clock, logger);
  const moderation = new Moderation(store, publisher, lifecycle, clock);
  const exporter = new ExportService(store, clock, logger);
  const secrets = ports.secrets ?? memorySecrets();
  const random = ports.random ?? Math.random;
  const connector = new SyncConnector({
    store,
    publisher,
    secrets,
    http: ports.http ?? ((url, init) => fetch(url, init)),
    clock,
    random,
    ids,
    logger,
    timing: { ...DEFAULT_SYNC_TIMING, ...ports.syncTiming },
  });
  const sync = new SyncService({ store, publisher, secrets, connector, ids, clock, logger, appVersion: version, spellcheck: ports.spellcheck });
  const background = new BackgroundWork(logger);
  const chat = ports.chat ?? openAiChat();
  const aiTiming = { ...DEFAULT_AI_TIMING, ...ports.aiTiming };
  const aiProfiles = new AiProfiles({ store, publisher, secrets, chat, clock, ids, logger, timing: aiTiming });
  const aiJudge = new AiJudgeRunner({ store, publisher, cj: ports.cj, judging, secrets, chat, clock, ids, random, logger, timing: aiTiming });

  const idle = async (): Promise<void> => {
    await background.idle();
    await orchestrator.idle();
    await aiJudge.idle();
    await judging.idle();
    await connector.idle();
  };

  const pupils = new PupilsService(store, publisher, ids);
  const api = serveHandlers(
    mainContract,
    {
      ...appHandlers({
        info: { version, host },
        store,
        orchestrator,
        connector,
        aiJudge,
        background,
        logger,
        clock,
        safetyCopies: ports.safetyCopies,
        idle,
        forget: () => {
          intake.forget();
          judging.forget();
        },
      }),
      ...batchHandlers({
        orchestrator,
        intake,
        language: new BatchLanguage(store, orchestrator, lifecycle, ids),
        deletion: { store, orchestrator, intake, judging, aiJudge, connector, logger },
        samples: ports.samples,
        background,
        pupils,
      }),
      ...spellingHandlers({ publisher, ids }),
      ...judgingHandlers(judging),
      ...moderationHandlers({ moderation, judging, orchestrator, background }),
      ...exportHandlers(exporter),
      ...syncHandlers({ sync, connector }),
      ...aiJudgeHandlers({ profiles: aiProfiles, runner: aiJudge, store, cj: ports.cj, clock }),
      ...pupilsHandlers(pupils, orchestrator),
    },
    { ids, gate: new Gate(), exclusive: ['restoreBackup', 'deleteBatch'] },
  );

  return {
    api,
    orchestrator,
    intake,
    aiJudge,
    idle,
    close: async () => {
      connector.close();
      await aiJudge.shutdown();
      await Promise.all([ports.extraction.close(), ports.spellcheck.close(), ports.cj.close()]);
    },
  };
}
