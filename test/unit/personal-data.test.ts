import { describe, expect, it } from 'vitest';
import { findPersonalData, isPersonnummer, scrubPersonalData } from '../../shared/text/personal-data';

describe('personal data in text', () => {
  it('tells valid personnummer and samordningsnummer by date and check digit, in every common form', () => {
    for (const valid of ['850612-1238', '19850612-1238', '8506121238', '198506121238', '850612+1238', '850672-1235']) {
      expect(isPersonnummer(valid), valid).toBe(true);
    }
    for (const invalid of ['850612-1236', '851312-1238', '850600-1231', '12345']) expect(isPersonnummer(invalid), invalid).toBe(false);
  });

  it('scrubs names, personnummer (also with a wrong check digit), e-mail and phone numbers, and leaves years, sums and scores alone', () => {
    const text =
      'Jag heter Lisa Ek, pnr 850612-1238 (eller 19850612 1235), mejl lisa.ek@skola.se, tel 070-123 45 67 eller +46 8 123 456 78. ' +
      'År 2026 kostade det 1 500 kr och jag fick 17,5 poäng av 20.';
    expect(scrubPersonalData(text, ['Lisa Ek'])).toBe(
      'Jag heter [name] [name], pnr [personnummer] (eller [personnummer]), mejl [email], tel [phone] eller [phone]. ' +
        'År 2026 kostade det 1 500 kr och jag fick 17,5 poäng av 20.',
    );
    expect(findPersonalData('Ring 031-12 34 56!', []).map((m) => m.kind)).toEqual(['phone']);
    // As Word writes them: an en dash (also with spaces around it), a non-breaking space.
    expect(scrubPersonalData('850612–1238, 850612 – 1238, 850612\u00a01238, ring 070–123 45 67', [])).toBe(
      '[personnummer], [personnummer], [personnummer], ring [phone]',
    );
  });
});
