import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src-workers/spellcheck/tokenize';

const words = (text: string) => tokenize(text).map((t) => t.text);

describe('tokenizer', () => {
  it('keeps Swedish and accented letters inside words', () => {
    expect(words('Åsa läste en bok på tåget. Öppna fönstret, säger idé-ägaren!')).toEqual([
      'Åsa',
      'läste',
      'en',
      'bok',
      'på',
      'tåget',
      'Öppna',
      'fönstret',
      'säger',
      'idé-ägaren',
    ]);
  });

  it('joins hyphenated compounds and inner apostrophes, but not dashes or quotes around words', () => {
    expect(words("e-post, well-known - don't 'quoted' students' rock’n’roll – sjuk-")).toEqual([
      'e-post',
      'well-known',
      "don't",
      'quoted',
      'students',
      'rock’n’roll',
      'sjuk',
    ]);
  });

  it('skips numbers and words with digits', () => {
    expect(words('Jag är 16 år, född 2008, 16-åringar, 3rd place, 1,5 kg och COVID-19.')).toEqual(['Jag', 'är', 'år', 'född', 'place', 'kg', 'och']);
  });

  it('skips URLs, e-mail addresses and web domains', () => {
    expect(words('Läs https://www.skolverket.se/om-oss?x=1. Mejla anna.berg@skolan.se eller gå till www.umu.se och google.com idag')).toEqual([
      'Läs',
      'Mejla',
      'eller',
      'gå',
      'till',
      'och',
      'idag',
    ]);
  });

  it('skips initials and dotted abbreviations, but splits words run together at a full stop', () => {
    expect(words('J. K. Rowling skrev t.ex. böcker, bl.a. om U.S.A. Det var kul.Sen gick vi')).toEqual([
      'Rowling',
      'skrev',
      'böcker',
      'om',
      'Det',
      'var',
      'kul',
      'Sen',
      'gick',
      'vi',
    ]);
  });

  it('gives UTF-16 offsets that slice the original, with surrogate pairs and combining marks', () => {
    // "é" as e + U+0301, an emoji (two UTF-16 units) and a mathematical bold letter (a surrogate pair that is a letter).
    const text = 'Cafe\u0301 😀 ok 𝐀bc då\u0308';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['Cafe\u0301', 'ok', '𝐀bc', 'då\u0308']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('marks the first word of a sentence or a line', () => {
    const tokens = tokenize('Vi åkte till Hjo. "Där bodde Anna.\nSen kom Per? (Ja) – Kanske.');
    const starts = tokens.filter((t) => t.sentenceStart).map((t) => t.text);
    expect(starts).toEqual(['Vi', 'Där', 'Sen', 'Ja']);
  });

  it('slices exactly for any text (property test over random texts)', () => {
    const pieces = ['hus', 'Åsa', 'e-post', "don't", ' ', '  ', '\n', '.', ',', '!', '16', 'x@y.se', 'www.a.se', 'é', 'e\u0301', '😀', '𝐀', '’', "'", '-', 'J.', 't.ex.', 'ö', 'ﬁ'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const tokens = tokenize(text);
      let previousEnd = 0;
      for (const t of tokens) {
        expect(text.slice(t.start, t.end), text).toBe(t.text);
        expect(t.start).toBeGreaterThanOrEqual(previousEnd);
        expect(t.text).toMatch(/^[\p{L}\p{M}]/u);
        previousEnd = t.end;
      }
    }
  });
});
