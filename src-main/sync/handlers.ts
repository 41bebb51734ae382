import type { syncApi } from '../../shared/contracts/main/sync';
import type { Handlers } from '../app/handlers';
import type { SyncConnector } from './connector';
import type { SyncService } from './sync-service';

export function syncHandlers({ sync, connector }: { sync: SyncService; connector: SyncConnector }): Handlers<typeof syncApi> {
  return {
    saveSyncSettings: (request, { correlationId }) => sync.saveSettings(request, correlationId),
    syncTokenStatus: ({ schoolId }) => sync.tokenStatus(schoolId),
    queueSync: ({ batchId }, { correlationId }) => sync.queue(batchId, correlationId),
    async retrySync(_request, { correlationId }) {
      void connector.trigger(correlationId, { force: true });
      return {};
    },
  };
}
