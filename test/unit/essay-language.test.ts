import { describe, expect, it } from 'vitest';
import { checkChanges, languageFlag, languageToCheck } from '../../shared/essay-language';

const detecting = { language: 'sv', detectPerEssay: true, englishVariant: 'both' } as const;
const swedish = { language: 'sv', detectPerEssay: false, englishVariant: 'both' } as const;

describe('the language an essay is checked in', () => {
  it('follows detection in a detecting batch, falls back to Swedish when detection declines, and the teacher’s choice wins', () => {
    expect(languageToCheck(detecting, { detectedLanguage: 'en' })).toEqual({ language: 'en', variant: 'both', reason: 'detected' });
    expect(languageToCheck(detecting, { detectedLanguage: null })).toEqual({ language: 'sv', reason: 'undetermined' });
    expect(languageToCheck(swedish, { detectedLanguage: 'en' })).toEqual({ language: 'sv', reason: 'batch' });
    expect(languageToCheck({ ...swedish, language: 'en', englishVariant: 'gb' }, { detectedLanguage: 'en' })).toEqual({ language: 'en', variant: 'gb', reason: 'batch' });
    expect(languageToCheck(swedish, { detectedLanguage: 'sv', chosenLanguage: 'en' })).toEqual({ language: 'en', variant: 'both', reason: 'teacher' });
  });

  it('changes when the language changes, or the English spelling does for an English essay', () => {
    const en = languageToCheck({ ...swedish, language: 'en' }, {});
    expect(checkChanges(languageToCheck(swedish, {}), en)).toBe(true);
    expect(checkChanges(en, languageToCheck({ ...swedish, language: 'en', englishVariant: 'us' }, {}))).toBe(true);
    expect(checkChanges(languageToCheck(swedish, {}), languageToCheck({ ...swedish, englishVariant: 'us' }, {}))).toBe(false);
    // Detecting an English essay as English checks it as the fixed English batch did: nothing to do again.
    expect(checkChanges(en, languageToCheck(detecting, { detectedLanguage: 'en' }))).toBe(false);
  });

  it('flags a text checked in another language than it reads as, and one whose language could not be told, unless the teacher chose', () => {
    expect(languageFlag(swedish, { detectedLanguage: 'en' }, { language: 'sv' })).toBe('mismatch');
    expect(languageFlag(swedish, { detectedLanguage: 'sv' }, { language: 'sv' })).toBeNull();
    expect(languageFlag(detecting, { detectedLanguage: null }, { language: 'sv' })).toBe('undetermined');
    expect(languageFlag(swedish, { detectedLanguage: null }, { language: 'sv' })).toBeNull();
    expect(languageFlag(swedish, { detectedLanguage: 'en', chosenLanguage: 'sv' }, { language: 'sv' })).toBeNull();
    // Not yet checked: nothing to compare with.
    expect(languageFlag(swedish, { detectedLanguage: 'en' }, null)).toBeNull();
  });
});
