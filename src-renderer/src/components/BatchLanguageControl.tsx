import { useState, type FormEvent } from 'react';
import type { Batch } from '../../../shared/contracts/domain';
import type { BatchLanguageChoice } from '../../../shared/contracts/main/batches';
import { useT } from '../i18n';
import { useUi } from '../state';
import { batchLanguageLabel, LanguageChoice } from './LanguageChoice';

/** The batch's language as the header shows it, and changing it: the essays it affects are checked again. */
export function BatchLanguageControl({ batch }: { batch: Batch }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [editing, setEditing] = useState<BatchLanguageChoice | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!main || !editing) return;
    setBusy(true);
    setMessage(null);
    try {
      const { rechecked } = await main.changeBatchLanguage({ batchId: batch.id, ...editing });
      setMessage({ kind: 'ok', text: t('language.batch.rechecked', { count: rechecked }) });
      setEditing(null);
    } catch (error) {
      setMessage({ kind: 'error', text: t('language.failed', { reason: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="batch-language">
      <p>
        <span data-testid="batch-language">{batchLanguageLabel(batch, t)}</span>{' '}
        {!editing && (
          <button type="button" className="link-button" onClick={() => setEditing({ language: batch.language, detectPerEssay: batch.detectPerEssay, englishVariant: batch.englishVariant })}>
            {t('language.batch.change')}
          </button>
        )}
      </p>
      {editing && (
        <form onSubmit={(e) => void apply(e)} className="language-form">
          <LanguageChoice value={editing} onChange={setEditing} legend={t('create.field.language')} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('language.batch.apply')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('language.batch.cancel')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'ok'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
