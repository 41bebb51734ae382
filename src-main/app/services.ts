import { mainContract, type AppInfo } from '../../shared/contracts/ipc';
import { serveContract, type ClientApi } from '../../shared/rpc/contract';
import { EssayLifecycle } from '../core/essay-lifecycle';
import { BatchOrchestrator } from '../core/orchestrator';
import { ExportService } from '../export/export-service';
import { randomIds, systemClock, type Ports } from '../core/ports';
import { Publisher } from '../core/publisher';
import { IntakeService } from '../intake/intake-service';
import { JudgingService } from '../judging/judging-service';
import { Moderation } from '../judging/moderation';
import { SpellcheckService } from '../spellcheck/spellcheck-service';
import { DEFAULT_SYNC_TIMING } from '../sync/backoff';
import { SyncConnector } from '../sync/connector';
import { memorySecrets } from '../sync/secrets';
import { SyncService } from '../sync/sync-service';

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
 * Builds the main-side services from a host's ports. This is the one place
 * they are wired; each host's composition root calls it with its adapters.
 */
export function createServices(ports: Ports, host: AppInfo['host'], version: string, concurrency = 4): Services {
  const clock = ports.clock ?? systemClock;
  const ids = ports.ids ?? randomIds;
  const publisher = new Publisher(ports.store, clock);
  const lifecycle = new EssayLifecycle(publisher);
  const intake = new IntakeService(ports.store, lifecycle, ports.extraction, ids, ports.logger, concurrency);
  const spellcheck = new SpellcheckService(ports.store, lifecycle, ports.spellcheck, clock, ports.logger, concurrency);
  const orchestrator = new BatchOrchestrator(ports.store, publisher, [intake, spellcheck], ports.logger, ids, clock);
  const judging = new JudgingService(ports.store, publisher, ports.cj, ids, clock, ports.logger);
  const moderation = new Moderation(ports.store, publisher, lifecycle, clock);
  const exporter = new ExportService(ports.store, clock, ports.logger);
  const secrets = ports.secrets ?? memorySecrets();
  const syncConnector = new SyncConnector({
    store: ports.store,
    publisher,
    secrets,
    http: ports.http ?? ((url, init) => fetch(url, init)),
    clock,
    random: ports.random ?? Math.random,
    ids,
    logger: ports.logger,
    timing: { ...DEFAULT_SYNC_TIMING, ...ports.syncTiming },
  });
  const sync = new SyncService({ store: ports.store, publisher, secrets, connector: syncConnector, ids, clock, logger: ports.logger, appVersion: version });

  /** Work continues after the call that started it returns; failures are logged, and resumed on the next start. */
  const background = new Set<Promise<void>>();
  const inBackground = (work: Promise<void>, correlationId: string): void => {
    const tracked = work
      .catch((error: unknown) => ports.logger.log('error', 'batch work stopped', { correlationId, error }))
      .finally(() => background.delete(tracked));
    background.add(tracked);
  };

  const receive = async (batchId: string, files: Parameters<IntakeService['receive']>[1], correlationId: string) => {
    const ids = await intake.receive(batchId, files, correlationId);
    inBackground(orchestrator.advance(batchId, correlationId), correlationId);
    return ids.length;
  };

  const api = serveContract(mainContract, {
    async hello() {
      const correlationId = ids.uuid();
      inBackground(orchestrator.resumeUnfinished(correlationId), correlationId);
      // The outbox resumes too: items due are pushed, the rest wait for their time.
      void syncConnector.trigger(correlationId);
      return { version, host };
    },
    async createBatch(details) {
      return { batchId: await orchestrator.createBatch(details, ids.uuid()) };
    },
    async importFiles({ batchId, files }) {
      return { received: await receive(batchId, files, ids.uuid()) };
    },
    async importSamples() {
      const correlationId = ids.uuid();
      const batchIds: string[] = [];
      for (const sample of await ports.samples.read()) {
        const { files, ...details } = sample;
        const batchId = await orchestrator.createBatch(details, correlationId);
        await receive(batchId, files, correlationId);
        batchIds.push(batchId);
      }
      return { batchIds };
    },
    // Teachers' decisions are events of their own: each is a new fact, so each gets a new id.
    async decideFinding(decision) {
      const id = ids.uuid();
      await publisher.publish('FindingDecided', decision, `essay/${decision.essayId}/finding/${id}`, id, 'essay-lifecycle');
      return {};
    },
    async addWord({ batchId, word }) {
      const id = ids.uuid();
      await publisher.publish('BatchWordAdded', { batchId, word }, `batch/${batchId}/word/${id}`, id, 'batch-orchestrator');
      return {};
    },
    async createJudge({ name }) {
      return { judgeId: await judging.createJudge(name, ids.uuid()) };
    },
    createSession: (settings) => judging.createSession(settings, ids.uuid()),
    currentPair: ({ sessionId, judgeId }) => judging.currentPair(sessionId, judgeId, ids.uuid()),
    judge: (request) => judging.judge(request, ids.uuid()),
    undo: ({ sessionId, judgeId }) => judging.undo(sessionId, judgeId, ids.uuid()),
    async overrideGrade(request) {
      await judging.overrideGrade(request, ids.uuid());
      return {};
    },
    exportJudgements: ({ sessionId }) => moderation.exportSession(sessionId),
    async importJudgements({ file }) {
      const correlationId = ids.uuid();
      const result = await moderation.importFile(file, correlationId);
      if (result.outcome === 'imported') {
        // Essays new to this laptop still need their spellcheck; the merged judgements need a fit.
        inBackground(orchestrator.advance(result.batchId, correlationId), correlationId);
        await judging.refit(result.sessionId, correlationId);
      }
      return result;
    },
    exportBatch: ({ batchId, format, language }) => exporter.exportBatch(batchId, format, language, ids.uuid()),
    saveSyncSettings: (request) => sync.saveSettings(request, ids.uuid()),
    syncTokenStatus: ({ schoolId }) => sync.tokenStatus(schoolId),
    queueSync: ({ batchId }) => sync.queue(batchId, ids.uuid()),
    async retrySync() {
      void syncConnector.trigger(ids.uuid(), { force: true });
      return {};
    },
  });

  return {
    api,
    orchestrator,
    intake,
    async idle() {
      while (background.size) await Promise.all(background);
      await orchestrator.idle();
      await judging.idle();
      await syncConnector.idle();
    },
    close: async () => {
      syncConnector.close();
      await Promise.all([ports.extraction.close(), ports.spellcheck.close(), ports.cj.close()]);
    },
  };
}
