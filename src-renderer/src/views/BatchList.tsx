import { useState } from 'react';
import { listBatches, listBatchesTables } from '../../../shared/db/queries';
import { BackupControls } from '../components/BackupControls';
import { ImportJudgements } from '../components/ImportJudgements';
import { batchLanguageLabel } from '../components/LanguageChoice';
import { BatchStatusBadge } from '../components/StatusBadge';
import { db } from '../db';
import { localeOf } from '../../../shared/i18n';
import { useT } from '../i18n';
import { useCoalescedLiveQuery } from '../live';
import { useUi } from '../state';

export function BatchList() {
  const t = useT();
  const { main, navigate, language } = useUi();
  const batches = useCoalescedLiveQuery(() => listBatches(db), [], listBatchesTables);
  const [importingSamples, setImportingSamples] = useState(false);

  const importSamples = async (): Promise<void> => {
    if (!main) return;
    setImportingSamples(true);
    try {
      await main.importSamples({});
    } finally {
      setImportingSamples(false);
    }
  };

  return (
    <section aria-labelledby="batches-title">
      <div className="section-head">
        <h1 id="batches-title">{t('batches.title')}</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate({ name: 'create' })}>
            {t('batches.new')}
          </button>
          <button type="button" onClick={() => void importSamples()} disabled={importingSamples}>
            {importingSamples ? t('batches.samplesBusy') : t('batches.samples')}
          </button>
        </div>
      </div>

      {batches && batches.length === 0 && <p className="empty">{t('batches.empty')}</p>}
      {batches && batches.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('batches.col.title')}</th>
              <th scope="col">{t('batches.col.class')}</th>
              <th scope="col">{t('batches.col.course')}</th>
              <th scope="col">{t('batches.col.language')}</th>
              <th scope="col">{t('batches.col.essays')}</th>
              <th scope="col">{t('batches.col.status')}</th>
              <th scope="col">{t('batches.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map(({ batch, counts, status }) => (
              <tr key={batch.id} data-batch-id={batch.id}>
                <th scope="row">
                  <a href={`#/batch/${encodeURIComponent(batch.id)}`}>{batch.title}</a>
                </th>
                <td>{batch.className}</td>
                <td>{batch.course}</td>
                <td>{batchLanguageLabel(batch, t)}</td>
                <td className="num">{Object.values(counts).reduce((a, b) => a + b, 0) - counts.expanded}</td>
                <td>
                  <BatchStatusBadge status={status} rejected={counts.rejected} />
                </td>
                <td>{new Date(batch.createdAt).toLocaleDateString(localeOf(language))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="backup">
        <ImportJudgements />
      </div>
      <BackupControls />
    </section>
  );
}
