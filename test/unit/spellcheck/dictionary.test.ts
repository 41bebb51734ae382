import { beforeAll, describe, expect, it } from 'vitest';
import { dictionaryFiles } from '../../../src-workers/spellcheck/dictionary-files';
import { loadHunspell, readDictionary, type Hunspells } from '../../../src-workers/spellcheck/hunspell';
import { nativeAccepts } from '../../support/native-hunspell';

// Swedish words chosen for the compounding flags: definite forms, listed and productive
// compounds, linking -s-, triple consonants, compound-only parts, and non-words.
const swedish = [
  'gatan', 'xyzzy', 'sjuksköterska', 'sjuksköterskan', 'fotbollsplan', 'fotbollsplanen', 'kattmatsskål', 'skolbussen',
  'glasskål', 'glassskål', 'sjukskötarsko', 'arbetsplats', 'arbetsplatsen', 'arbets', 'hemmafru', 'tillsammans',
  'tilsammans', 'jättebra', 'Sverige', 'sverige', 'Stockholm', 'universitetet', 'bilarnas', 'husen', 'husn', 'flickorna',
  'flickorne', 'mycket', 'mycke', 'kanske', 'kansk', 'ungdomar', 'ungdommar', 'öppna', 'Öppna', 'ÖPPNA', 'e-post',
  'sommarlovet', 'sommarlovetsx', 'barnbarnen', 'skolgårdsstaket', 'regnbågsfärgad', 'åå', 'å', 'ö', 'ä',
];
const english = [
  'house', 'houses', 'hous', 'because', 'becuase', "doesn't", 'doesnt', 'well-known', 'Sweden', 'sweden', 'I', 'i',
  'children', 'childs', 'colour', 'color', 'running', 'runing', 'xyzzy', 'gatan', 'teacher', 'teachers', "teacher's",
];

describe('dictionary decisions (Hunspell in WebAssembly on the npm dictionary files)', () => {
  let sv: Hunspells;
  let en: Hunspells;
  beforeAll(async () => {
    [sv, en] = await Promise.all([loadHunspell(await readDictionary(dictionaryFiles('sv'))), loadHunspell(await readDictionary(dictionaryFiles('en')))]);
  });

  it('accepts "gatan" and Swedish compounds, and rejects "xyzzy" (nspell gets both wrong, wooorm/nspell#21)', () => {
    expect(sv.full.accepts('gatan')).toBe(true);
    expect(sv.full.accepts('xyzzy')).toBe(false);
    for (const compound of ['sjuksköterska', 'fotbollsplanen', 'kattmatsskål', 'skolgårdsstaket']) expect(sv.full.accepts(compound), compound).toBe(true);
  });

  it('agrees with native hunspell on the same files, word by word (Swedish)', async () => {
    const native = await nativeAccepts(dictionaryFiles('sv').dic, swedish);
    expect(swedish.map((w) => [w, sv.full.accepts(w)])).toEqual(swedish.map((w, i) => [w, native[i]]));
  });

  it('agrees with native hunspell on the same files, word by word (English, words the command line keeps whole)', async () => {
    // The command line splits at apostrophes (dictionary-en has no apostrophe in WORDCHARS), so those are compared apart.
    const whole = english.filter((w) => !w.includes("'"));
    const native = await nativeAccepts(dictionaryFiles('en').dic, whole);
    expect(whole.map((w) => [w, en.full.accepts(w)])).toEqual(whole.map((w, i) => [w, native[i]]));
    expect(en.full.accepts("doesn't")).toBe(true);
  });

  it('tells a listed word from a compound built on the fly', () => {
    expect(sv.lexicon.accepts('sjuksköterska')).toBe(true);
    expect(sv.lexicon.accepts('gatan')).toBe(true);
    expect(sv.full.accepts('sjukskötarsko')).toBe(true);
    expect(sv.lexicon.accepts('sjukskötarsko')).toBe(false);
  });
});
