import { describe, expect, it } from 'vitest';
import { findPersonalData, personalDataIn } from '../../server/personal-data';
import { luhnValid } from '../../shared/text/personal-data';
import { makePayload } from './support';

describe('personal-data detector', () => {
  it.each([
    ['YYYYMMDD-XXXX', 'Elev 19121212-1212 i 9B'],
    ['YYMMDD-XXXX', 'pnr: 811218-9876'],
    ['YYMMDD+XXXX (100 years or older)', 'Farfar 121212+1212 berättade'],
    ['YYYYMMDDXXXX', 'Inlämnad av 196408233234.'],
    ['YYMMDDXXXX', '(8506121238)'],
    ['samordningsnummer, day + 60', 'Samordningsnummer 850672-1235'],
    ['samordningsnummer, 12 digits', '19850672-1235'],
  ])('finds a personnummer as %s', (_format, text) => {
    expect(personalDataIn(text)).toEqual(['personnummer']);
  });

  it.each([
    ['8506121239', 'YYMMDDXXXX with a wrong check digit'],
    ['Beställning 850612-1239', 'YYMMDD-XXXX with a wrong check digit'],
    ['19851312-1234', 'month 13'],
    ['Artikel 1234567890', 'not a date at all'],
    ['abc8506121238', 'glued to letters'],
  ])('does not take %s (%s) for a personnummer', (text) => {
    expect(personalDataIn(text)).toEqual([]);
  });

  it('checks Luhn over the ten digits', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189877')).toBe(false);
  });

  it.each(['anna.svensson@skolan.se', 'Skriv till elev+test@example.com!', 'åsa.öberg@kommun.nu'])('finds the e-mail address in %s', (text) => {
    expect(personalDataIn(text)).toEqual(['email']);
  });

  it.each(['Ring 070-123 45 67', '+46 70 123 45 67', '08-123 456 78', '0701234567', '031-12 34 56', '0046 8 123 456 78', '+46 (0)70-123 45 67'])(
    'finds the phone number in %s',
    (text) => {
      expect(personalDataIn(text)).toEqual(['phone']);
    },
  );

  it.each([
    'Svenska 1',
    'HT2026',
    'Uppgift 3: argumenterande text om skoluniform',
    'Inlämning 2026-05-06 kl. 08.15',
    'Vi läste 25 böcker under 2025 och 3 av dem var på engelska.',
    '0,5 poäng per fråga, 05-06 2026',
    'Sida 12 av 20, rad 300',
  ])('finds nothing in ordinary text: %s', (text) => {
    expect(personalDataIn(text)).toEqual([]);
  });

  it('does not scan the fields the schema fixes to uuids, pseudonyms and timestamps, whose digits can look like a number by chance', () => {
    // A real random uuid whose digits read as a personnummer (about 5 in 1,000,000 do).
    const unlucky = '18550780-7021-42f8-8786-dcacee120956';
    expect(personalDataIn(unlucky)).toEqual(['personnummer']);
    expect(findPersonalData(makePayload('skola-1', { idempotencyKey: unlucky }))).toEqual([]);
    // The same digits typed into a label are a finding.
    expect(findPersonalData(makePayload('skola-1', { course: `Kurs ${unlucky.slice(0, 13)}` }))).toEqual([{ path: ['course'], kind: 'personnummer' }]);
    const phoneLike = '0701-2345-67';
    expect(personalDataIn(`x ${phoneLike} x`)).toEqual(['phone']);
    expect(findPersonalData(makePayload('skola-1', { course: phoneLike }))).toEqual([{ path: ['course'], kind: 'phone' }]);
  });

  it('reports where in a payload, and of what kind, without the value', () => {
    const payload = makePayload('skola-1', { course: 'Svenska 1 (anna@skolan.se)' });
    payload.pupils[2].text = 'Jag heter Anna och mitt nummer är 070-123 45 67.';
    expect(findPersonalData(payload)).toEqual([
      { path: ['course'], kind: 'email' },
      { path: ['pupils', 2, 'text'], kind: 'phone' },
    ]);
  });
});
