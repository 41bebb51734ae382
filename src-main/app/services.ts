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
  const connector = new SyncConnector({
    store,
    publisher,
    secrets,
    http: ports.http ?? ((url, init) => fetch(url, init)),
    clock,
    random: ports.random ?? Math.random,
    ids,
    logger,
    timing: { ...DEFAULT_SYNC_TIMING, ...ports.syncTiming },
  });
  const sync = new SyncService({ store, publisher, secrets, connector, ids, clock, logger, appVersion: version });
  const background = new BackgroundWork(logger);

  const idle = async (): Promise<void> => {
    await background.idle();
    await orchestrator.idle();
    await judging.idle();
    await connector.idle();
  };

  const api = serveHandlers(
    mainContract,
    {
      ...appHandlers({
        info: { version, host },
        store,
        orchestrator,
        connector,
        background,
        logger,
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
        deletion: { store, orchestrator, intake, judging, connector, logger },
        samples: ports.samples,
        background,
      }),
      ...spellingHandlers({ publisher, ids }),
      ...judgingHandlers(judging),
      ...moderationHandlers({ moderation, judging, orchestrator, background }),
      ...exportHandlers(exporter),
      ...syncHandlers({ sync, connector }),
    },
    { ids, gate: new Gate(), exclusive: ['restoreBackup', 'deleteBatch'] },
  );

  return {
    api,
    orchestrator,
    intake,
    idle,
    close: async () => {
      connector.close();
      await Promise.all([ports.extraction.close(), ports.spellcheck.close(), ports.cj.close()]);
    },
  };
}
