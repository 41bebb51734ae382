import { useState } from 'react';
import type { CjSession, Judgement, SessionFit } from '../../../shared/contracts/judging';
import { activeJudgements } from '../../../shared/judging';
import { useT } from '../i18n';
import { useUi } from '../state';

/**
 * A session whose last refit failed: the results on the page rest on an older
 * fit, and the teacher is told so, how much older, and can fit again.
 * Gone once a fit is stored after the failure.
 */
export function StaleFit({ session, fit, judgements }: { session: CjSession; fit: SessionFit | null; judgements: readonly Judgement[] }) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const failed = session.fitFailed;
  if (!failed || (fit && fit.computedAt > failed.at)) return null;

  const retry = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await main!.refitSession({ sessionId: session.id });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section role="alert" aria-labelledby="stale-fit-title" className="stalled" data-testid="stale-fit" data-code={failed.code}>
      <h2 id="stale-fit-title">{t('results.fitFailed.title')}</h2>
      <p>{t(`results.fitFailed.${failed.code}`)}</p>
      <p>{t('results.fitFailed.shown', { count: fit?.judgements ?? 0, total: activeJudgements(judgements).length })}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={!main || busy} onClick={() => void retry()}>
          {t('results.fitFailed.retry')}
        </button>
      </div>
      {failure && <p className="error">{failure}</p>}
    </section>
  );
}
