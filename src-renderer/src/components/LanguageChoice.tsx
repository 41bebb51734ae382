import { EnglishVariant } from '../../../shared/contracts/domain';
import type { BatchLanguageChoice } from '../../../shared/contracts/main/batches';
import { useT } from '../i18n';

/** What the teacher picks: detect per essay, or one language for every essay. */
type Mode = 'detect' | 'sv' | 'en';

const modeOf = (choice: BatchLanguageChoice): Mode => (choice.detectPerEssay ? 'detect' : choice.language);

/** Detecting per essay falls back to Swedish when detection cannot tell. */
function choiceOf(mode: Mode, englishVariant: EnglishVariant): BatchLanguageChoice {
  return mode === 'detect' ? { language: 'sv', detectPerEssay: true, englishVariant } : { language: mode, detectPerEssay: false, englishVariant };
}

/** A batch's language: detect per essay (the default), Swedish or English; and, where English can come up, which spelling. */
export function LanguageChoice({ value, onChange, legend }: { value: BatchLanguageChoice; onChange: (choice: BatchLanguageChoice) => void; legend: string }) {
  const t = useT();
  const mode = modeOf(value);
  return (
    <>
      <fieldset className="field">
        <legend>{legend}</legend>
        {(['detect', 'sv', 'en'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="language" value={m} checked={mode === m} onChange={() => onChange(choiceOf(m, value.englishVariant))} />
            {t(m === 'detect' ? 'language.detect' : `language.${m}`)}
          </label>
        ))}
        {mode === 'detect' && <p className="muted small">{t('language.detectHint')}</p>}
      </fieldset>
      {mode !== 'sv' && (
        <fieldset className="field">
          <legend>{t('language.variant')}</legend>
          {EnglishVariant.options.map((v) => (
            <label key={v} className="radio">
              <input type="radio" name="english-variant" value={v} checked={value.englishVariant === v} onChange={() => onChange({ ...value, englishVariant: v })} />
              {t(`language.variant.${v}`)}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

/** How a batch's language reads in lists and headers. */
export function batchLanguageLabel(choice: BatchLanguageChoice, t: ReturnType<typeof useT>): string {
  const language = choice.detectPerEssay ? t('language.detect') : t(`language.${choice.language}`);
  return choice.detectPerEssay || choice.language === 'en' ? `${language} (${t(`language.variant.${choice.englishVariant}`)})` : language;
}
