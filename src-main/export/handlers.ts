import type { exportApi } from '../../shared/contracts/main/export';
import type { Handlers } from '../app/handlers';
import type { ExportService } from './export-service';

export function exportHandlers(exporter: ExportService): Handlers<typeof exportApi> {
  return {
    exportBatch: ({ batchId, format, language }, { correlationId }) => exporter.exportBatch(batchId, format, language, correlationId),
  };
}
