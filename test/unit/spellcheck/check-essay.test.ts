import { beforeAll, describe, expect, it } from 'vitest';
import { SpellcheckResult } from '../../../shared/contracts/spellcheck';
import { loadLanguageEngine, type LanguageEngine } from '../../../src-workers/spellcheck/engine';
import { expectedCorrectedText } from '../../support/corrected-text';

let sv: LanguageEngine;
let en: LanguageEngine;
beforeAll(async () => {
  [sv, en] = await Promise.all([loadLanguageEngine('sv'), loadLanguageEngine('en')]);
  // Built here, not inside the first test's time limit.
  for (const engine of [sv, en]) engine.prepare();
});

const flagged = (engine: LanguageEngine, text: string, allowed: string[] = []) =>
  engine.check(text, allowed).findings.map((f) => ({ text: f.text, first: f.suggestions[0], source: f.source, category: f.category }));

describe('spellchecking an essay', () => {
  it('reports a result the contract accepts, with offsets into the original text', () => {
    const text = 'I går   åkte jag och min familj till Göteborg.\r\nDet var jätte roligt men vi åt på resturangen.';
    const result = SpellcheckResult.parse(sv.check(text, []));
    expect(result.dictionary).toMatch(/dictionary-sv[/\\]index\.dic$/);
    expect(result.words).toBe(18);
    for (const f of result.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(flagged(sv, text)).toEqual([
      { text: 'jätte roligt', first: 'jätteroligt', source: 'learner-list', category: 'split-compound' },
      { text: 'resturangen', first: 'restaurangen', source: 'dictionary', category: 'spelling' },
    ]);
    // Neither is sure enough to change unseen: a phrase of real words, and a suggestion that is no common word.
    expect(result.findings.map((f) => f.autoCorrect)).toEqual([false, false]);
    expect(result.correctedText).toBe(text);
  });

  it('changes the unreviewed corrected text only where it is confident, and flags the rest for the teacher', () => {
    const sv1 = sv.check('Jag tyker om sjuk sköterskor i sverige.', []);
    expect(sv1.findings.map((f) => [f.text, f.suggestions[0], f.autoCorrect])).toEqual([
      ['tyker', 'tycker', true],
      ['sjuk sköterskor', 'sjuksköterskor', false],
      ['sverige', 'Sverige', true],
    ]);
    expect(sv1.correctedText).toBe('Jag tycker om sjuk sköterskor i Sverige.');
    const en1 = en.check('My frend has wifi and ok Minecraft, I dont know. Minecraft is fun. WIFI and TikTok tho.', []);
    expect(en1.findings.filter((f) => f.autoCorrect).map((f) => f.text)).toEqual(['frend', 'dont']);
    expect(en1.findings.filter((f) => !f.autoCorrect).map((f) => f.text)).toEqual(['wifi', 'ok', 'Minecraft']);
    expect(en1.correctedText).toBe("My friend has wifi and ok Minecraft, I don't know. Minecraft is fun. WIFI and TikTok tho.");
  });

  it('finds compounds written apart through the dictionary\'s compound rules (särskrivning)', () => {
    expect(flagged(sv, 'Min mamma är sjuk sköterska och jobbar på en skol gård.')).toEqual([
      { text: 'sjuk sköterska', first: 'sjuksköterska', source: 'split-compound', category: 'split-compound' },
      { text: 'skol gård', first: 'skolgård', source: 'split-compound', category: 'split-compound' },
    ]);
    // Correct as they stand: function words, a line break between, a name,
    // and two words whose join only free compounding builds.
    expect(flagged(sv, 'Vi ses i dag. Han kom till och med hem. Hon är sjuk\nsköterskan kom. Vi träffade Anna Berg.')).toEqual([]);
    expect(flagged(sv, 'Han slutar försöka. Vi lär oss ord svenska. Jag gick till sexan satt där.')).toEqual([]);
  });

  it('treats a capitalised word in the middle of a sentence as a name, and allows the class list and added words', () => {
    expect(flagged(sv, 'Sen träffade jag Zlatanovic i Hjo.')).toEqual([]);
    expect(flagged(sv, 'Zlatanovic kom hem. Hrrmpfsson också.').map((f) => f.text)).toEqual(['Zlatanovic', 'Hrrmpfsson']);
    expect(flagged(sv, 'Zlatanovic kom hem. Hrrmpfsson också, och Zlatanovics hund. Vi såg en hrrmpf.', ['Zlatanovic', 'hrrmpfsson', 'Hrrmpf'])).toEqual([]);
    expect(flagged(en, 'We saw NATO and the UNHCR, then wrote xqzt.').map((f) => f.text)).toEqual(['xqzt']);
  });

  it('reports a hyphenated word by its misspelled part', () => {
    const text = 'Skicka ett e-mejjl.';
    const [finding] = sv.check(text, []).findings;
    expect({ text: finding.text, start: finding.start }).toEqual({ text: 'mejjl', start: text.indexOf('mejjl') });
  });

  it('puts the learner list first, and common words before rare ones', () => {
    expect(flagged(en, 'I thing its a good idea becuase my freinds dont agree.').map((f) => [f.text, f.first, f.source])).toEqual([
      ['I thing', 'I think', 'learner-list'],
      ['its a', "it's a", 'learner-list'],
      ['becuase', 'because', 'learner-list'],
      ['freinds', 'friends', 'learner-list'],
      ['dont', "don't", 'learner-list'],
    ]);
    expect(sv.suggest('mycke').words[0]).toBe('mycket');
    expect(sv.suggest('intresant').words[0]).toBe('intressant');
    expect(en.suggest('tommorow').words[0]).toBe('tomorrow');
  });

  it('accepts British and American English by default, and one of them when asked', async () => {
    const text = 'I socialise with my favourite neighbour at the theatre. The colour and the color; I realise and realize; my favorite behavior.';
    const words = (engine: LanguageEngine) => engine.check(text, []).findings.map((f) => [f.text, f.suggestions[0]]);
    expect(words(en)).toEqual([]);
    expect(words(await loadLanguageEngine('en', 'us'))).toEqual([
      ['socialise', 'socialize'],
      ['favourite', 'favorite'],
      ['neighbour', 'neighbor'],
      ['theatre', 'theater'],
      ['colour', 'color'],
      ['realise', 'realize'],
    ]);
    expect(words(await loadLanguageEngine('en', 'gb'))).toEqual([
      ['color', 'colour'],
      ['realize', 'realise'],
      ['favorite', 'favourite'],
      ['behavior', 'behaviour'],
    ]);
  });

  it('gives a word only the stem index places the same suggestions in a fresh engine, which builds its indexes on that word, as in one prepared at warm-up', async () => {
    const fresh = await loadLanguageEngine('sv');
    // Only a stem near in spelling finds this one: no single edit does.
    const built = sv.suggest('biblotaket');
    expect(built.stage).toBe('stems');
    expect(fresh.check('Jag var på biblotaket.', []).findings.map((f) => f.suggestions)).toEqual([built.words]);
  });

  it('counts words and findings per 100 words, in total and per category', () => {
    const result = sv.check('Jag tyker om sjuk sköterskor. Det är jätte bra.', []);
    expect(result.metrics).toEqual({
      words: 9,
      findings: 3,
      per100Words: 33.33,
      byCategory: { spelling: { findings: 1, per100Words: 11.11 }, 'split-compound': { findings: 2, per100Words: 22.22 } },
    });
  });

  it('keeps offsets exact and the corrected text equal to the findings applied, for any text (property test)', { timeout: 120_000 }, () => {
    const pieces = ['Jag', 'tyker', 'mycke', 'sjuk', 'sköterska', 'jätte', 'bra', 'e-mejjl', 'Göteborg', 'då\u0308', 'e\u0301', '😀', '𝐀bc',
      'becuase', 'its', 'a', 'xqzt', "don't", '16', 'www.a.se', ' ', ' ', ' ', '\n', '. ', ', ', '!', '-', '’'];
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 150; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (const engine of [sv, en]) {
        const result = engine.check(text, []);
        let previousEnd = 0;
        for (const f of result.findings) {
          expect(text.slice(f.start, f.end), text).toBe(f.text);
          expect(f.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = f.end;
        }
        expect(result.correctedText).toBe(expectedCorrectedText(text, result.findings));
      }
    }
  });
});
