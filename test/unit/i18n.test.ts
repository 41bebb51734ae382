import { describe, expect, it } from 'vitest';
import { RejectionCode } from '../../shared/contracts/domain';
import { rejectionMessage, translate } from '../../shared/i18n';
import { en, sv } from '../../shared/i18n/strings';

describe('UI strings', () => {
  it('has every Swedish string in English, with the same parameters', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(en[key]), key).toEqual(params(sv[key]));
    }
  });

  it('gives every rejection code a complete message in Swedish and English', () => {
    for (const code of RejectionCode.options) {
      for (const lang of ['sv', 'en'] as const) {
        const message = rejectionMessage(lang, { code }, { original: 'uppsats.docx', words: 3 });
        expect(message, `${lang} ${code}`).not.toMatch(/\{|\?/);
        expect(message.length).toBeGreaterThan(10);
      }
    }
    expect(rejectionMessage('sv', { code: 'DUPLICATE_CONTENT' }, { original: 'elev1.docx' })).toContain('elev1.docx');
    expect(rejectionMessage('en', { code: 'CONTENT_TOO_SHORT' }, { words: 3 })).toBe(
      'The text is too short to assess (3 words; at least 20).',
    );
  });

  it('leaves an unknown parameter visible rather than inventing a value', () => {
    expect(translate('sv', 'batch.progress', { done: 1 })).toBe('1 av {total} filer klara');
  });
});
