import { useEffect, useState } from 'react';
import { importLimits } from '../../../shared/contracts/import-limits';
import { exportBackup } from '../../../shared/db/backup';
import { backupFileName } from '../../../shared/files';
import { db } from '../db';
import { downloadJson } from '../download';
import { FileButton } from './FileButton';
import { useT } from '../i18n';
import { useUi } from '../state';
import { formatBytes, storageSpace, type StorageSpace } from '../storage';

/** Export the whole database to one JSON file, and restore it from one (main does the restore, after a safety copy). */
export function BackupControls() {
  const t = useT();
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);

  const download = async (): Promise<void> => {
    try {
      const backup = await exportBackup(db);
      downloadJson(backup, backupFileName(backup.exportedAt));
    } catch {
      setMessage({ kind: 'error', text: t('storage.exportFailed') });
    }
  };

  const restore = async (file: File): Promise<void> => {
    if (!main || !window.confirm(t('backup.confirm'))) return;
    // Refused on its size, before a byte is read: a file this large is no backup the app made.
    if (file.size > importLimits.maxBackupBytes) {
      return setMessage({ kind: 'error', text: t('backup.failed', { reason: t('storage.tooLarge', { limit: formatBytes(importLimits.maxBackupBytes, language) }) }) });
    }
    setMessage({ kind: 'busy', text: t('backup.restoring') });
    try {
      const result = await main.restoreBackup({ text: await file.text() });
      if (result.outcome === 'refused') return setMessage({ kind: 'error', text: t('backup.failed', { reason: t(`backup.reason.${result.reason}`) }) });
      setMessage({ kind: 'ok', text: result.safetyCopy ? `${t('backup.done')} ${t('storage.safetyCopy', { file: result.safetyCopy })}` : t('backup.done') });
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
      <StorageSpaceLine />
    </div>
  );
}

/** How much room the app's data takes and has left on this computer, and whether the browser keeps it when the disk runs low. */
function StorageSpaceLine() {
  const t = useT();
  const language = useUi((s) => s.language);
  const [space, setSpace] = useState<StorageSpace | null>(null);
  useEffect(() => {
    let live = true;
    void storageSpace().then((found) => live && setSpace(found));
    return () => {
      live = false;
    };
  }, []);
  if (!space) return null;
  return (
    <p className="muted small storage-space" data-testid="storage-space">
      {t('storage.space', { used: formatBytes(space.usedBytes, language), free: formatBytes(space.freeBytes, language) })}
      {space.persisted ? '' : ` ${t('storage.notPersisted')}`}
    </p>
  );
}
