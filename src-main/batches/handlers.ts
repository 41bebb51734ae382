import type { batchesApi, IncomingFile } from '../../shared/contracts/main/batches';
import type { BackgroundWork } from '../app/background';
import type { Handlers } from '../app/handlers';
import type { BatchOrchestrator } from '../core/orchestrator';
import type { SampleSource } from '../core/ports';
import type { IntakeService } from '../intake/intake-service';
import type { PupilsService } from '../pupils/pupils-service';
import { nameAsPupil } from '../../shared/pupils/word-list';
import type { BatchLanguage } from './batch-language';
import { deleteBatch, type DeletionDeps } from './batch-deletion';

export interface BatchDeps {
  orchestrator: BatchOrchestrator;
  intake: IntakeService;
  language: BatchLanguage;
  deletion: DeletionDeps;
  samples: SampleSource;
  background: BackgroundWork;
  pupils: PupilsService;
}

export function batchHandlers({ orchestrator, intake, language, deletion, samples, background, pupils }: BatchDeps): Handlers<typeof batchesApi> {
  /** Stores the files as received essays, then moves the batch on in the background. */
  const receive = async (batchId: string, files: IncomingFile[], correlationId: string): Promise<number> => {
    const received = await intake.receive(batchId, files, correlationId);
    background.run(orchestrator.advance(batchId, correlationId), correlationId);
    return received.length;
  };
  return {
    /** Names typed with the batch become a class list of its own, so its essays are matched to them like any list's. */
    async createBatch({ names, ...details }, { correlationId }) {
      const typed = names.length > 0 && !details.classListId ? { name: (details.className || details.title).slice(0, 100), pupils: names.map(nameAsPupil) } : null;
      const classListId = typed ? await pupils.saveClassList(typed, correlationId) : details.classListId;
      return { batchId: await orchestrator.createBatch({ ...details, ...(classListId ? { classListId } : {}) }, correlationId) };
    },
    async importFiles({ batchId, files }, { correlationId }) {
      return { received: await receive(batchId, files, correlationId) };
    },
    async importSamples(_request, { correlationId }) {
      const batchIds: string[] = [];
      for (const { files, ...details } of await samples.read()) {
        const batchId = await orchestrator.createBatch(details, correlationId);
        await receive(batchId, files, correlationId);
        batchIds.push(batchId);
      }
      return { batchIds };
    },
    async changeBatchLanguage({ batchId, ...choice }, { correlationId }) {
      const rechecked = await language.changeBatch(batchId, choice, correlationId);
      background.run(orchestrator.advance(batchId, correlationId), correlationId);
      return { rechecked };
    },
    async changeEssayLanguage({ batchId, essayId, language: chosen }, { correlationId }) {
      const rechecked = await language.changeEssay(batchId, essayId, chosen, correlationId);
      background.run(orchestrator.advance(batchId, correlationId), correlationId);
      return { rechecked };
    },
    async retryBatch({ batchId }, { correlationId }) {
      background.run(orchestrator.advance(batchId, correlationId), correlationId);
      return {};
    },
    async removeBlockingFile({ batchId, essayId }, { correlationId }) {
      const removed = await orchestrator.whileStill(batchId, () => intake.removeBlocking(batchId, essayId, correlationId));
      background.run(orchestrator.advance(batchId, correlationId), correlationId);
      return { removed };
    },
    // Served exclusively: every other call waits until it is done (see Gate).
    deleteBatch: ({ batchId }, { correlationId }) => deleteBatch(deletion, batchId, correlationId),
  };
}
