import { importLimits } from '../../../shared/contracts/import-limits';
import { useState } from 'react';
import { FileButton } from './FileButton';
import { useT } from '../i18n';
import { useUi } from '../state';
import { formatBytes } from '../storage';

/**
 * Imports a colleague's judgements file. Main parses it and merges by
 * judgement id, so a file imported twice adds nothing the second time.
 */
export function ImportJudgements() {
  const t = useT();
  const main = useUi((s) => s.main);
  const language = useUi((s) => s.language);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; sessionId?: string } | null>(null);

  const importFile = async (file: File): Promise<void> => {
    if (!main) return;
    setMessage(null);
    // Refused on its size, before a byte is read: a moderation file holds one session's texts.
    if (file.size > importLimits.maxJudgementsBytes) {
      return setMessage({ kind: 'error', text: t('storage.judgementsTooLarge', { limit: formatBytes(importLimits.maxJudgementsBytes, language) }) });
    }
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      return setMessage({ kind: 'error', text: t('moderation.invalid') });
    }
    let result;
    try {
      result = await main.importJudgements({ file: json });
    } catch {
      return setMessage({ kind: 'error', text: t('moderation.failed') });
    }
    if (result.outcome === 'rejected') return setMessage({ kind: 'error', text: t('moderation.invalid') });
    setMessage({ kind: 'ok', text: t('moderation.imported', { added: result.added, already: result.alreadyHad }), sessionId: result.sessionId });
  };

  return (
    <>
      <FileButton accept="application/json,.json" data-testid="import-judgements" onFiles={(files) => void importFile(files[0])}>
        {t('moderation.import')}
      </FileButton>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          {message.text}{' '}
          {message.sessionId && <a href={`#/results/${encodeURIComponent(message.sessionId)}`}>{t('judging.toResults')}</a>}
        </p>
      )}
    </>
  );
}
