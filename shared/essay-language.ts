import type { Batch, Essay, EnglishVariant, Language } from './contracts/domain';
import type { SpellcheckRecord } from './contracts/spellcheck-record';

/**
 * Which language an essay is spellchecked in, and why. One rule, used by the
 * spellcheck phase, the language change that decides what to check again,
 * and every view that says which language an essay was checked in.
 *
 * - `teacher`: the teacher chose this essay's language.
 * - `batch`: the batch has one language for every essay.
 * - `detected`: the batch detects per essay, and detection named one.
 * - `undetermined`: the batch detects per essay, detection declined (too
 *   little text); the batch's fallback language is used until the teacher says.
 */
export type LanguageReason = 'teacher' | 'batch' | 'detected' | 'undetermined';

export interface CheckLanguage {
  language: Language;
  /** The English spelling accepted; Swedish has none. */
  variant?: EnglishVariant;
  reason: LanguageReason;
}

type BatchLanguage = Pick<Batch, 'language' | 'detectPerEssay' | 'englishVariant'>;
type EssayLanguage = Pick<Essay, 'detectedLanguage' | 'chosenLanguage'>;

export function languageToCheck(batch: BatchLanguage, essay: EssayLanguage): CheckLanguage {
  const [language, reason]: [Language, LanguageReason] = essay.chosenLanguage
    ? [essay.chosenLanguage, 'teacher']
    : !batch.detectPerEssay
      ? [batch.language, 'batch']
      : essay.detectedLanguage
        ? [essay.detectedLanguage, 'detected']
        : [batch.language, 'undetermined'];
  return language === 'en' ? { language, variant: batch.englishVariant, reason } : { language, reason };
}

/** Whether an essay checked under `before` must be checked again under `after`. */
export function checkChanges(before: CheckLanguage, after: CheckLanguage): boolean {
  return before.language !== after.language || (after.language === 'en' && before.variant !== after.variant);
}

/**
 * What the teacher must be told about an essay's language before anyone
 * judges it: the text reads as another language than it was checked in, or
 * detection could not tell and the teacher should choose. A language the
 * teacher chose for the essay is never questioned.
 */
export type LanguageFlag = 'mismatch' | 'undetermined' | null;

export function languageFlag(batch: BatchLanguage, essay: EssayLanguage, spellcheck: Pick<SpellcheckRecord, 'language'> | null): LanguageFlag {
  if (essay.chosenLanguage) return null;
  if (spellcheck && essay.detectedLanguage && essay.detectedLanguage !== spellcheck.language) return 'mismatch';
  if (languageToCheck(batch, essay).reason === 'undetermined') return 'undetermined';
  return null;
}
