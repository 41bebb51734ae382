import type { ExportFormat } from '../../shared/contracts/main/export';
import { backupFileName, fileSlug } from '../../shared/files';
import type { UiLanguage } from '../../shared/i18n';
import type { Logger } from '../core/logger';
import type { Clock, StorePort } from '../core/ports';
import { resultsCsv } from './csv';
import { feedbackPdf } from './feedback-pdf';
import { resultsTable } from './results-table';
import { resultsXlsx } from './xlsx';

export interface ExportedFile {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * A batch's results as files: CSV and Excel (the same table), PDF feedback
 * sheets, and the full JSON backup. It reads through the store contract, so
 * every host exports the same way.
 */
export class ExportService {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async exportBatch(batchId: string, format: ExportFormat, language: UiLanguage, correlationId: string): Promise<ExportedFile> {
    const started = performance.now();
    const file = await this.make(batchId, format, language);
    this.logger.log('info', 'batch exported', { correlationId, batchId, code: format, count: file.bytes.length, ms: Math.round(performance.now() - started) });
    return file;
  }

  private async make(batchId: string, format: ExportFormat, language: UiLanguage): Promise<ExportedFile> {
    if (format === 'json') {
      if (!(await this.store.batchSnapshot({ batchId }))) throw new Error(`No batch ${batchId}`);
      const text = await this.store.backupText({});
      return { fileName: backupFileName(this.clock.now()), bytes: new TextEncoder().encode(text) };
    }
    const data = await this.store.batchResults({ batchId });
    if (!data) throw new Error(`No batch ${batchId}`);
    const rows = resultsTable(data);
    const slug = fileSlug(data.batch.title, 'batch');
    switch (format) {
      case 'csv':
        return { fileName: `${slug}-${language === 'sv' ? 'resultat' : 'results'}.csv`, bytes: resultsCsv(rows, language) };
      case 'xlsx':
        return { fileName: `${slug}-${language === 'sv' ? 'resultat' : 'results'}.xlsx`, bytes: await resultsXlsx(rows, language) };
      case 'pdf':
        return { fileName: `${slug}-${language === 'sv' ? 'aterkoppling' : 'feedback'}.pdf`, bytes: await feedbackPdf(data, rows, language) };
    }
  }
}
