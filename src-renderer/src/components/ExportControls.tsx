import { useId, useState } from 'react';
import type { ExportFormat } from '../../../shared/contracts/main/export';
import type { StringKey } from '../../../shared/i18n';
import { exportCoverage } from '../../../shared/lifecycle';
import { db } from '../db';
import { downloadBytes } from '../download';
import { useT } from '../i18n';
import { useCoalescedLiveQuery } from '../live';
import { useUi } from '../state';

const MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  pdf: 'application/pdf',
};

// The JSON backup has its own button on the start page.
const BUTTONS: Array<{ format: ExportFormat; label: StringKey }> = [
  { format: 'csv', label: 'export.csv' },
  { format: 'xlsx', label: 'export.xlsx' },
  { format: 'pdf', label: 'export.pdf' },
];

/** The tables the coverage is read from. */
const coverageTables = ['batches', 'essays'] as const;

/**
 * A batch's results as a CSV or Excel file, and the pupils' feedback sheets as
 * a PDF; main makes the files. While files are still on their way it says how
 * much an export would cover, as the files themselves do.
 */
export function ExportControls({ batchId }: { batchId: string }) {
  const t = useT();
  const partial = useCoalescedLiveQuery(
    () =>
      db.transaction('r', [...coverageTables], async () => {
        const batch = await db.batches.get(batchId);
        return batch ? exportCoverage(batch.pipeline, await db.essays.where('batchId').equals(batchId).toArray()) : null;
      }),
    [batchId],
    coverageTables,
  );
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const headingId = useId();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failed, setFailed] = useState(false);

  const download = async (format: ExportFormat): Promise<void> => {
    if (!main) return;
    setBusy(format);
    setFailed(false);
    try {
      const { fileName, bytes } = await main.exportBatch({ batchId, format, language });
      downloadBytes(bytes, fileName, MIME_TYPES[format]);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="export" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('export.title')}</h2>
      <p className="muted small">{t('export.hint')}</p>
      {partial && (
        <p className="notice" data-testid="export-partial">
          {t('export.partial', partial)}
        </p>
      )}
      <div className="actions">
        {BUTTONS.map(({ format, label }) => (
          <button key={format} type="button" data-format={format} disabled={!main || busy !== null} onClick={() => void download(format)}>
            {t(label)}
          </button>
        ))}
      </div>
      {busy && <p role="status">{t('export.busy')}</p>}
      {failed && (
        <p role="alert" className="error">
          {t('export.failed')}
        </p>
      )}
    </section>
  );
}
