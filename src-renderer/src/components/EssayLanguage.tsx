import { useState } from 'react';
import type { Batch, Essay, Language } from '../../../shared/contracts/domain';
import { languageFlag, languageToCheck } from '../../../shared/essay-language';
import { useT } from '../i18n';
import { useUi } from '../state';

/**
 * Which language an essay was checked in and why, what is wrong with it (a
 * text that reads as another language, or one whose language could not be
 * told), and the control to choose its language. `alwaysChangeable` shows the
 * control even when nothing is flagged (the essay view); the batch table shows
 * it only beside a flag.
 */
export function EssayLanguage({
  batch,
  essay,
  checkedIn,
  name,
  alwaysChangeable = false,
}: {
  batch: Batch;
  essay: Essay;
  /** The language of the essay's stored spellcheck, if it has one. */
  checkedIn: Language | null;
  name: string;
  alwaysChangeable?: boolean;
}) {
  const t = useT();
  const main = useUi((s) => s.main);
  const [failure, setFailure] = useState<string | null>(null);
  if (!essay.contentHash) return null;
  const flag = languageFlag(batch, essay, checkedIn ? { language: checkedIn } : null);
  const { reason } = languageToCheck(batch, essay);
  const checked = essay.state === 'spellchecked' && checkedIn;

  const change = async (value: string): Promise<void> => {
    if (!main) return;
    setFailure(null);
    try {
      await main.changeEssayLanguage({ batchId: batch.id, essayId: essay.id, language: value === 'batch' ? null : (value as Language) });
    } catch (error) {
      setFailure(t('language.failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <span className="essay-language" data-testid="essay-language" data-flag={flag ?? undefined}>
      {checked && reason !== 'undetermined' && (
        <span className="muted">{t(reason === 'detected' ? 'language.checked.detected' : reason === 'teacher' ? 'language.checked.teacher' : 'language.checked.batch', { language: t(`language.in.${checkedIn}`) })}</span>
      )}
      {flag === 'mismatch' && essay.detectedLanguage && checkedIn && (
        <strong className="flag">{t('language.mismatch', { detected: t(`language.in.${essay.detectedLanguage}`), checked: t(`language.in.${checkedIn}`) })}</strong>
      )}
      {flag === 'undetermined' && <strong className="flag">{t('language.undetermined')}</strong>}
      {(flag || alwaysChangeable) && (
        <select aria-label={t('language.essay.label', { name })} value={essay.chosenLanguage ?? 'batch'} onChange={(e) => void change(e.target.value)}>
          <option value="batch">{t('language.essay.followBatch')}</option>
          <option value="sv">{t('language.sv')}</option>
          <option value="en">{t('language.en')}</option>
        </select>
      )}
      {failure && (
        <span role="alert" className="error">
          {failure}
        </span>
      )}
    </span>
  );
}
