import type { pupilsApi } from '../../shared/contracts/main/pupils';
import type { Handlers } from '../app/handlers';
import { readClassList } from './class-list-file';
import type { PupilsService } from './pupils-service';

export function pupilsHandlers(pupils: PupilsService): Handlers<typeof pupilsApi> {
  return {
    readClassList: ({ fileName, bytes }) => readClassList(bytes, fileName),
    async saveClassList(request, { correlationId }) {
      return { classListId: await pupils.saveClassList(request, correlationId) };
    },
    async linkClassList({ batchId, classListId }, { correlationId }) {
      await pupils.linkClassList(batchId, classListId, correlationId);
      return {};
    },
    async setEssayPupil({ batchId, essayId, pupilId }, { correlationId }) {
      await pupils.setEssayPupil(batchId, essayId, pupilId, correlationId);
      return {};
    },
  };
}
