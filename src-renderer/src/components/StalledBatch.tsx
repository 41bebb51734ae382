import { useState } from 'react';
import type { Batch, Essay } from '../../../shared/contracts/domain';
import { essayName } from '../../../shared/files';
import { useT } from '../i18n';
import { useUi } from '../state';

/**
 * A batch whose work stopped on a failure: why, in the teacher's words, with
 * a retry, and (when one file stopped it) a way to remove that file so the
 * rest go on.
 */
export function StalledBatch({ batch, essays }: { batch: Batch; essays: readonly Essay[] }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!batch.stalled) return null;
  const blocking = batch.stalled.essayId ? essays.find((e) => e.id === batch.stalled?.essayId) : undefined;

  const act = async (call: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await call();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section role="alert" aria-labelledby="stalled-title" className="stalled" data-testid="batch-stalled">
      <h2 id="stalled-title">{t('batch.stalled.title')}</h2>
      <p>{t(`batch.stalled.${batch.stalled.code}`)}</p>
      {blocking && <p>{t('batch.stalled.file', { file: essayName(blocking) })}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={!main || busy} onClick={() => void act(() => main!.retryBatch({ batchId: batch.id }))}>
          {t('batch.stalled.retry')}
        </button>
        {blocking && (
          <button
            type="button"
            disabled={!main || busy}
            onClick={() => void act(() => main!.removeBlockingFile({ batchId: batch.id, essayId: blocking.id }))}
          >
            {t('batch.stalled.remove')}
          </button>
        )}
      </div>
      {failure && <p className="error">{failure}</p>}
    </section>
  );
}
