import type { ExportCoverage, ExportFormat } from '../../shared/contracts/main/export';
import { backupFileName, fileSlug } from '../../shared/files';
import { exportCoverage, isSettled } from '../../shared/lifecycle';
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
  /** Set when the batch was still importing or spellchecking: the file holds only the essays that were done. */
  partial: ExportCoverage | null;
}

/**
 * A batch's results as files: CSV and Excel (the same table), PDF feedback
 * sheets, and the full JSON backup. It reads through the store contract, so
 * every host exports the same way. While files are still on their way, the
 * results hold the essays that are done, and the file name and the PDF say
 * the export is partial.
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
    this.logger.log('info', 'batch exported', {
      correlationId,
      batchId,
      code: file.partial ? `${format}-partial` : format,
      count: file.bytes.length,
      ms: Math.round(performance.now() - started),
    });
    return file;
  }

  private async make(batchId: string, format: ExportFormat, language: UiLanguage): Promise<ExportedFile> {
    if (format === 'json') {
      if (!(await this.store.batchSnapshot({ batchId }))) throw new Error(`No batch ${batchId}`);
      const text = await this.store.backupText({});
      return { fileName: backupFileName(this.clock.now()), bytes: new TextEncoder().encode(text), partial: null };
    }
    const data = await this.store.batchResults({ batchId });
    if (!data) throw new Error(`No batch ${batchId}`);
    const { pipeline } = data.batch;
    const partial = exportCoverage(pipeline, data.essays);
    // Only essays that are done: one still being spellchecked has no spelling figure yet.
    const rows = resultsTable({ ...data, essays: data.essays.filter((e) => isSettled(pipeline, e)) });
    const slug = fileSlug(data.batch.title, 'batch');
    const suffix = partial ? (language === 'sv' ? '-ofullstandig' : '-incomplete') : '';
    const names = language === 'sv' ? { results: `resultat${suffix}`, feedback: `aterkoppling${suffix}` } : { results: `results${suffix}`, feedback: `feedback${suffix}` };
    switch (format) {
      case 'csv':
        return { fileName: `${slug}-${names.results}.csv`, bytes: resultsCsv(rows, language), partial };
      case 'xlsx':
        return { fileName: `${slug}-${names.results}.xlsx`, bytes: await resultsXlsx(rows, language), partial };
      case 'pdf':
        return { fileName: `${slug}-${names.feedback}.pdf`, bytes: await feedbackPdf(data, rows, language, partial), partial };
    }
  }
}
