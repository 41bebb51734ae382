import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Batch } from '../../../shared/contracts/domain';
import { exportBackup } from '../../../shared/db/backup';
import { batchFootprint } from '../../../shared/db/delete-batch';
import { backupFileName } from '../../../shared/files';
import { db } from '../db';
import { downloadJson } from '../download';
import { useT } from '../i18n';
import { useUi } from '../state';

/**
 * Deleting a batch: the confirmation names what goes (essays, sessions,
 * judgements, results not yet sent) and offers a backup first. Main does the
 * deletion, once the batch's import or spellcheck has stopped.
 */
export function DeleteBatch({ batch }: { batch: Batch }) {
  const t = useT();
  const { main, navigate } = useUi();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const footprint = useLiveQuery(() => (asking ? batchFootprint(db, batch.id) : null), [asking, batch.id]);

  const backup = async (): Promise<void> => {
    const exported = await exportBackup(db);
    downloadJson(exported, backupFileName(exported.exportedAt));
  };

  const remove = async (): Promise<void> => {
    if (!main) return;
    setBusy(true);
    setFailure(null);
    try {
      await main.deleteBatch({ batchId: batch.id });
      navigate({ name: 'batches' });
    } catch (error) {
      setFailure(t('batch.delete.failed', { reason: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <div className="danger-zone">
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {t('batch.delete')}
        </button>
      </div>
    );
  }
  return (
    <section role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-what" className="danger-zone confirm">
      <h2 id="delete-title">{t('batch.delete.title', { title: batch.title })}</h2>
      {footprint && (
        <p id="delete-what">
          {t('batch.delete.what', { essays: footprint.essays, sessions: footprint.sessions, judgements: footprint.judgements, unsent: footprint.unsentSync })}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void backup()} disabled={busy}>
          {t('batch.delete.backupFirst')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy || !footprint}>
          {t('batch.delete.confirm')}
        </button>
        <button type="button" onClick={() => setAsking(false)} disabled={busy}>
          {t('batch.delete.cancel')}
        </button>
      </div>
      {busy && <p role="status">{t('batch.delete.busy')}</p>}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </section>
  );
}
