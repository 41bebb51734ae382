import type { pupilsApi } from '../../shared/contracts/main/pupils';
import type { Handlers } from '../app/handlers';
import type { BatchOrchestrator } from '../core/orchestrator';
import { readClassList } from './class-list-file';
import type { PupilsService } from './pupils-service';

/** Linking and choosing wait until the batch stops moving: intake settles each essay against the matches it read when it started. */
export function pupilsHandlers(pupils: PupilsService, orchestrator: BatchOrchestrator): Handlers<typeof pupilsApi> {
  return {
    readClassList: ({ fileName, bytes }) => readClassList(bytes, fileName),
    async saveClassList(request, { correlationId }) {
      return { classListId: await pupils.saveClassList(request, correlationId) };
    },
    async linkClassList({ batchId, classListId }, { correlationId }) {
      await orchestrator.whileStill(batchId, () => pupils.linkClassList(batchId, classListId, correlationId));
      return {};
    },
    async setEssayPupil({ batchId, essayId, pupilId }, { correlationId }) {
      await orchestrator.whileStill(batchId, () => pupils.setEssayPupil(batchId, essayId, pupilId, correlationId));
      return {};
    },
  };
}
