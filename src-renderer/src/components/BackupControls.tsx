import { useState } from 'react';
import { exportBackup } from '../../../shared/db/backup';
import { backupFileName } from '../../../shared/files';
import { db } from '../db';
import { downloadJson } from '../download';
import { FileButton } from './FileButton';
import { useT } from '../i18n';
import { useUi } from '../state';

/** Export the whole database to one JSON file, and restore it from one (main does the restore). */
export function BackupControls() {
  const t = useT();
  const main = useUi((s) => s.main);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);

  const download = async (): Promise<void> => {
    const backup = await exportBackup(db);
    downloadJson(backup, backupFileName(backup.exportedAt));
  };

  const restore = async (file: File): Promise<void> => {
    if (!main || !window.confirm(t('backup.confirm'))) return;
    setMessage({ kind: 'busy', text: t('backup.restoring') });
    try {
      const result = await main.restoreBackup({ text: await file.text() });
      setMessage(
        result.outcome === 'restored'
          ? { kind: 'ok', text: t('backup.done') }
          : { kind: 'error', text: t('backup.failed', { reason: t(`backup.reason.${result.reason}`) }) },
      );
    } catch {
      // The store restores in one transaction: a failure changed nothing.
      setMessage({ kind: 'error', text: t('backup.failed', { reason: t('backup.reason.error') }) });
    }
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
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : message.kind === 'ok' ? 'ok' : 'muted'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
