import { useState } from 'react';
import { BackupError, exportBackup, restoreBackup } from '../../../shared/db/backup';
import { listBatches } from '../../../shared/db/queries';
import { db } from '../db';
import { downloadJson } from '../download';
import { FileButton } from './FileButton';
import { useT } from '../i18n';
import { useUi } from '../state';

/** Export the whole database to one JSON file, and restore it from one. */
export function BackupControls() {
  const t = useT();
  const main = useUi((s) => s.main);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const download = async (): Promise<void> => {
    const backup = await exportBackup(db);
    downloadJson(backup, `huledu-backup-${backup.exportedAt.slice(0, 10)}.json`);
  };

  const restore = async (file: File): Promise<void> => {
    setMessage(null);
    if ((await listBatches(db)).some((b) => b.status === 'running')) {
      setMessage({ kind: 'error', text: t('backup.busy') });
      return;
    }
    if (!window.confirm(t('backup.confirm'))) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setMessage({ kind: 'error', text: t('backup.failed', { reason: t('backup.reason.invalid') }) });
      return;
    }
    try {
      await restoreBackup(db, json);
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      setMessage({ kind: 'error', text: t('backup.failed', { reason: t(`backup.reason.${error.reason}`) }) });
      return;
    }
    setMessage({ kind: 'ok', text: t('backup.done') });
    // The restored data may hold unfinished work; main resumes it.
    await main?.hello({});
  };

  return (
    <div className="backup">
      <button type="button" onClick={() => void download()}>
        {t('backup.export')}
      </button>
      <FileButton accept="application/json,.json" data-testid="restore-backup" onFiles={(files) => void restore(files[0])}>
        {t('backup.import')}
      </FileButton>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
