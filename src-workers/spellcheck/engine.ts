import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../shared/contracts/domain';
import type { EnglishVariant, SpellcheckResult } from '../../shared/contracts/spellcheck';
import { parseAffixSettings } from './affix-settings';
import { autoCorrectLimits, isConfidentCorrection } from './auto-correct';
import { checkEssay, type LanguageJudge } from './check-essay';
import { commonWords, functionWords } from './common-words';
import { dictionaryFiles, learnerListsFolder, wordFrequenciesFolder, type DictionaryName } from './dictionary-files';
import { everydayWords } from './everyday-words';
import { costModel } from './edit-cost';
import { loadDictionary, loadHunspell, readDictionary } from './hunspell';
import { withCaseOf } from './letter-case';
import { compileLearnerLists, LearnerList } from './learner-list';
import { createMemo } from './memo';
import { buildPairIndex, type PairIndex } from './pair-index';
import { buildStemIndex, readStems, type StemIndex } from './stem-index';
import { createSuggester, type Suggestions } from './suggest';
import { readWordFrequencies } from './word-frequency';

/** Words remembered per language and worker: a class's essays use far fewer, and Swedish entries are small. */
const MEMO_WORDS = 200_000;
/**
 * Hunspell's full search as the last resort. In English it is the only
 * suggestion for the 3% of misspellings the other stages cannot place, at
 * 19 ms each. In Swedish it takes 60–120 ms a word and is mostly wrong on
 * those words, so it is not used. Measured in docs/spellcheck.md.
 */
const HUNSPELL_FALLBACK: Record<Language, boolean> = { sv: false, en: true };
/** Misspellings a warm-up suggests for: about 0.3 s for Swedish. */
const WARM_UP_WORDS = 40;
/** Letters rarer than this in the dictionary are not tried in edits: they cost checks and rarely help. */
const MIN_LETTER_SHARE = 1e-4;

export interface LanguageEngine {
  language: Language;
  /** Absolute path of the .dic file that suggests; with both English variants, the American one. */
  dictionary: string;
  check(text: string, allowedWords: string[]): SpellcheckResult;
  /** Dictionary decision alone, for comparison with Hunspell. */
  isWord(word: string): boolean;
  /** Ranked suggestions for a word, and the stage that found them. */
  suggest(word: string): Suggestions;
  /** Builds now what is otherwise built on first need (the lexicon, the stem and pair indexes): for a warm-up. */
  prepare(): void;
}

/**
 * Loads a language once per worker: Hunspell on the dictionary package's
 * files and the learner lists; the lexicon and the stem and pair indexes
 * follow on first need. Decisions and suggestions
 * are memoised across every essay the worker checks. English with both
 * variants accepts a word either the American or the British dictionary
 * accepts, and suggests from the American one, so a word both reject gets
 * the same suggestions as with the American dictionary alone.
 */
export async function loadLanguageEngine(language: Language, variant: EnglishVariant = 'both', listsFolder: string = learnerListsFolder()): Promise<LanguageEngine> {
  const name: DictionaryName = language === 'en' && variant === 'gb' ? 'en-GB' : language;
  const files = dictionaryFiles(name);
  const [contents, british, lists, frequencies] = await Promise.all([
    readDictionary(files),
    language === 'en' && variant === 'both' ? readDictionary(dictionaryFiles('en-GB')).then(loadDictionary) : undefined,
    readLearnerLists(listsFolder, language),
    readWordFrequencies(wordFrequenciesFolder(), language),
  ]);
  const { full: dictionary, lexicon } = await loadHunspell(contents);
  const { aff } = contents;
  const dic = contents.dic.toString('utf8');
  const settings = parseAffixSettings(aff);
  const model = costModel(language);
  const alphabet = commonLetters(settings.tryLetters, dic);
  // The stem and pair indexes take most of a language's load time, and only a word the likely slips cannot
  // place needs them: they are built on that word, or by prepare() when the pool warms up.
  let indexes: { stems: StemIndex; pairs: PairIndex } | undefined;
  const built = () => {
    if (indexes) return indexes;
    const stems = readStems(dic, settings.hiddenFlags);
    return (indexes = { stems: buildStemIndex(stems), pairs: buildPairIndex(stems) });
  };
  const suggester = createSuggester({
    dictionary,
    ...(settings.compounds ? { lexicon } : {}),
    settings,
    alphabet,
    confusions: new Map(alphabet.map((letter) => [letter, alphabet.filter((other) => model.substitute(letter, other) < 1).join('')])),
    model,
    stems: { near: (word) => built().stems.near(word) },
    pairs: { similar: (word, limit) => built().pairs.similar(word, limit) },
    common: commonWords[language],
    ...(frequencies ? { frequencies } : {}),
    hunspellFallback: HUNSPELL_FALLBACK[language],
  });
  const decisions = createMemo<boolean>(MEMO_WORDS);
  const suggestions = createMemo<Suggestions>(MEMO_WORDS);
  const isWord = (word: string) => decisions.get(word, () => dictionary.accepts(word) || british?.accepts(word) === true);
  const learner = compileLearnerLists(lists, (word) => dictionary.accepts(word));
  const suggest = (word: string) => suggestions.get(word, () => learnerFirst(word, learner.correctionOf(word), suggester(word)));
  const autoCorrectRules = { limits: autoCorrectLimits[language], common: commonWords[language], everyday: everydayWords[language] };
  const judge: LanguageJudge = {
    isWord,
    suggest: (word) => suggest(word).words,
    confident: (word) => isConfidentCorrection(word, suggest(word), autoCorrectRules),
    learner,
    ...(settings.compounds ? { splitCompounds: { functionWords: functionWords[language], listed: (word: string) => lexicon.accepts(word) } } : {}),
  };
  return {
    language,
    dictionary: files.dic,
    isWord,
    suggest,
    prepare() {
      built();
      if (settings.compounds) lexicon.make();
      // Suggestions for the learner lists' own misspellings, so V8 has compiled the suggestion code and tiered up
      // Hunspell's WebAssembly before the first essay (30 Swedish essays on one thread: 0.89–0.95 s without, 0.79–0.81 s with).
      const words = lists.flatMap((list) => list.entries.map((entry) => entry.wrong)).filter((wrong) => !wrong.includes(' '));
      for (const wrong of words.slice(0, WARM_UP_WORDS)) suggester(wrong);
    },
    check(text, allowedWords) {
      return { language, dictionary: files.dic, ...checkEssay(text, allowedWords, judge) };
    },
  };
}

/** A known learner misspelling's correction goes first, at no cost: it is what the list says the learner meant. */
function learnerFirst(word: string, correction: string | undefined, found: Suggestions): Suggestions {
  if (!correction) return found;
  const first = withCaseOf(word, correction);
  const rest = found.words.map((w, i) => [w, found.costs[i]] as const).filter(([w]) => w !== first);
  return { words: [first, ...rest.map(([w]) => w)], costs: [0, ...rest.map(([, c]) => c)], stage: found.stage };
}

async function readLearnerLists(folder: string, language: Language): Promise<LearnerList[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  const lists = await Promise.all(
    files.map(async (f) => {
      const parsed = LearnerList.safeParse(JSON.parse(await readFile(join(folder, f), 'utf8')));
      if (!parsed.success) throw new Error(`Learner list ${f} is invalid: ${parsed.error.message}`);
      return parsed.data;
    }),
  );
  return lists.filter((l) => l.language === language);
}

/**
 * The letters tried in edits: TRY's letters first, in its order, then any
 * other lowercase letter the dictionary uses (English TRY leaves out j, q
 * and x). Letters rarer than MIN_LETTER_SHARE (â, ć, ř…) are left out.
 */
function commonLetters(tryLetters: string[], dic: string): string[] {
  const lower = dic.toLowerCase();
  // Counted per UTF-16 unit in one pass (a regex test per character took 0.3 s on the Swedish .dic); the letters
  // of these dictionaries are all in the Basic Multilingual Plane. Ties keep the order of first appearance.
  const units = new Uint32Array(0x10000);
  const first = new Int32Array(0x10000).fill(-1);
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (units[code]++ === 0) first[code] = i;
  }
  const counts = new Map<string, number>();
  for (let code = 0; code < units.length; code++) {
    const c = String.fromCharCode(code);
    if (units[code] > 0 && /\p{Ll}/u.test(c)) counts.set(c, units[code]);
  }
  const byFrequency = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || first[a.charCodeAt(0)] - first[b.charCodeAt(0)]);
  return [...new Set([...tryLetters, ...byFrequency])].filter((c) => (counts.get(c) ?? 0) / lower.length >= MIN_LETTER_SHARE);
}
