import type { spellingApi } from '../../shared/contracts/main/spelling';
import { eventIds } from '../../shared/events/ids';
import type { Handlers } from '../app/handlers';
import type { IdSource } from '../core/ports';
import type { Publisher } from '../core/publisher';

/** Teachers' decisions are events of their own: each is a new fact, so each gets a new id. */
export function spellingHandlers({ publisher, ids }: { publisher: Publisher; ids: IdSource }): Handlers<typeof spellingApi> {
  return {
    async decideFinding(decision, { correlationId }) {
      await publisher.publish({ type: 'FindingDecided', data: decision, id: eventIds.findingDecided(decision.essayId, ids.uuid()), correlationId });
      return {};
    },
    async addWord({ batchId, word }, { correlationId }) {
      await publisher.publish({ type: 'BatchWordAdded', data: { batchId, word }, id: eventIds.wordAdded(batchId, ids.uuid()), correlationId });
      return {};
    },
  };
}
