import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAffixSettings } from '../../../src-workers/spellcheck/affix-settings';
import { commonWords } from '../../../src-workers/spellcheck/common-words';
import { dictionaryFiles, wordFrequenciesFolder } from '../../../src-workers/spellcheck/dictionary-files';
import { costModel, costs, editCost } from '../../../src-workers/spellcheck/edit-cost';
import { loadHunspell, readDictionary, type Dictionary, type Hunspells } from '../../../src-workers/spellcheck/hunspell';
import { buildPairIndex } from '../../../src-workers/spellcheck/pair-index';
import { buildStemIndex, readStems } from '../../../src-workers/spellcheck/stem-index';
import { createSuggester, suggestionBudget } from '../../../src-workers/spellcheck/suggest';
import { readWordFrequencies } from '../../../src-workers/spellcheck/word-frequency';

const sv = costModel('sv');

describe('edit costs for learners', () => {
  it('make a missing Swedish letter, a doubling and a sound-alike cheaper than a random letter', () => {
    expect(editCost('sjalv', 'själv', sv)).toBe(costs.diacritic);
    expect(editCost('tilsammans', 'tillsammans', sv)).toBe(costs.doubled);
    expect(editCost('tyker', 'tycker', sv)).toBe(costs.doubled);
    expect(editCost('vekta', 'väkta', sv)).toBe(costs.sound);
    expect(editCost('bilor', 'bilpr', sv)).toBe(costs.keyboard);
    expect(editCost('bilar', 'bilxr', sv)).toBe(costs.other);
    expect(editCost('hsu', 'hus', sv)).toBe(costs.transpose);
    expect(editCost('Hus', 'hus', sv)).toBe(0);
  });
});

describe('suggestions', () => {
  let hunspell: Hunspells;
  let suggest: ReturnType<typeof createSuggester>;
  let checks = 0;
  let hunspellCalls = 0;

  beforeAll(async () => {
    const files = dictionaryFiles('sv');
    hunspell = await loadHunspell(await readDictionary(files));
    // Count every dictionary check, with or without compounding, to hold the engine to its budget.
    const counted = (dictionary: Dictionary): Dictionary => ({
      accepts: (w) => (checks++, dictionary.accepts(w)),
      suggest: (w) => (hunspellCalls++, dictionary.suggest(w)),
    });
    const settings = parseAffixSettings(readFileSync(files.aff, 'utf8'));
    const alphabet = settings.tryLetters.filter((c) => /[a-zåäöé]/.test(c));
    const stems = readStems(readFileSync(files.dic, 'utf8'), settings.hiddenFlags);
    suggest = createSuggester({
      dictionary: counted(hunspell.full),
      lexicon: counted(hunspell.lexicon),
      settings,
      alphabet,
      confusions: new Map(alphabet.map((l) => [l, alphabet.filter((o) => sv.substitute(l, o) < 1).join('')])),
      model: sv,
      stems: buildStemIndex(stems),
      pairs: buildPairIndex(stems),
      common: commonWords.sv,
      // Swedish does without it; on here, so that its bound is tested too.
      hunspellFallback: true,
    });
  });

  it('rank a common word first: "mycke" is "mycket", not "mycken"', () => {
    const { words } = suggest('mycke');
    expect(words[0]).toBe('mycket');
    expect(words).toContain('mycken');
  });

  it('rank a listed word above a compound the dictionary builds on the fly', () => {
    const { words } = suggest('sjukskötarska');
    expect(hunspell.full.accepts('sjukskötarsko')).toBe(true);
    expect(words[0]).toBe('sjuksköterska');
  });

  it('find words two edits away through stems near in spelling, in sound or in letter pairs', () => {
    expect(suggest('proffesor')).toMatchObject({ stage: 'stems', words: expect.arrayContaining(['professor']) });
    expect(suggest('sämhelle').words[0]).toBe('samhälle');
    expect(suggest('biblotaket').words[0]).toBe('biblioteket');
    expect(suggest('uphålstillstånd').words[0]).toBe('uppehållstillstånd');
  });

  it('keep the case the learner wrote, and capitalise a name written in lowercase', () => {
    expect(suggest('Mycke').words[0]).toBe('Mycket');
    expect(suggest('sverige').words[0]).toBe('Sverige');
  });

  it('stay within the budget of dictionary checks and Hunspell calls for any word', () => {
    for (const word of ['xqzvbnmtrewqyy', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'kvarnbergsskolansxmhfjgetrampolin', 'zz']) {
      checks = 0;
      hunspellCalls = 0;
      suggest(word);
      expect(checks, word).toBeLessThanOrEqual(suggestionBudget.maxEditChecks + suggestionBudget.maxStemChecks + 1);
      expect(hunspellCalls, word).toBeLessThanOrEqual(word.length <= suggestionBudget.maxHunspellLength ? 1 : 0);
    }
    expect(suggest('x'.repeat(suggestionBudget.maxWordLength + 1))).toEqual({ words: [], costs: [], stage: 'none' });
  });
});

describe('suggestions ranked with word frequencies (English)', () => {
  const en = costModel('en');
  let suggest: ReturnType<typeof createSuggester>;
  let checks = 0;

  beforeAll(async () => {
    const files = dictionaryFiles('en');
    const { full } = await loadHunspell(await readDictionary(files));
    const settings = parseAffixSettings(readFileSync(files.aff, 'utf8'));
    const alphabet = [...'abcdefghijklmnopqrstuvwxyz'];
    const stems = readStems(readFileSync(files.dic, 'utf8'), settings.hiddenFlags);
    const frequencies = await readWordFrequencies(wordFrequenciesFolder(), 'en');
    expect(frequencies?.size).toBeGreaterThan(10_000);
    suggest = createSuggester({
      dictionary: { accepts: (w) => (checks++, full.accepts(w)), suggest: (w) => full.suggest(w) },
      settings,
      alphabet,
      confusions: new Map(alphabet.map((l) => [l, alphabet.filter((o) => en.substitute(l, o) < 1).join('')])),
      model: en,
      stems: buildStemIndex(stems),
      pairs: buildPairIndex(stems),
      common: new Set(),
      frequencies,
      hunspellFallback: false,
    });
  });

  it('rank the frequent word first among edits that cost the same or nearly', () => {
    expect(editCost('goog', 'gook', en)).toBeLessThan(editCost('goog', 'good', en));
    expect(suggest('goog').words[0]).toBe('good');
    // d is a keyboard neighbour of f, h is not: "douse" is the closer word, "house" the far more frequent.
    expect(editCost('fouse', 'douse', en)).toBeLessThan(editCost('fouse', 'house', en));
    expect(suggest('fouse').words[0]).toBe('house');
  });

  it('still put a much closer word before a frequent one', () => {
    expect(suggest('becuase').words[0]).toBe('because');
    expect(suggest('elefant').words[0]).toBe('elephant');
  });

  it('stay within the budget of dictionary checks for any word', () => {
    for (const word of ['xqzvbnmtrewqyy', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'theretheretherexyz', 'zz']) {
      checks = 0;
      suggest(word);
      // Edits, stems, then each way of splitting the word in two: one check per part.
      expect(checks, word).toBeLessThanOrEqual(suggestionBudget.maxEditChecks + suggestionBudget.maxStemChecks + 2 * (word.length - 1));
    }
  });
});
