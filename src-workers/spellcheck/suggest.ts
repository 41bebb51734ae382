import type { AffixSettings } from './affix-settings';
import { costs, editCost, editTable, VOWELS, type CostModel } from './edit-cost';
import { likelyEdits, otherEdits, replaced, splits, type Confusions, type EditOptions } from './edits';
import type { Dictionary } from './hunspell';
import { capitalise, caseShape, withCaseOf } from './letter-case';
import type { PairIndex } from './pair-index';
import type { StemIndex } from './stem-index';
import type { WordFrequencies } from './word-frequency';

/**
 * How much one word's suggestions may cost: at most maxEditChecks dictionary
 * checks for single edits, maxStemChecks for stem candidates, and one call
 * of Hunspell's own search, only when nothing else was found, only where the
 * language uses it, and only for words of up to maxHunspellLength letters
 * (its time grows with length).
 */
export const suggestionBudget = {
  maxEditChecks: 1500,
  maxStemChecks: 300,
  /** Stems sharing the most letter pairs with the word that are aligned with it. */
  maxPairStems: 50,
  /** How far a stem candidate may be: two edits, or a quarter of a long word. */
  maxStemEdits: 2,
  maxStemEditsPerLetter: 0.25,
  /** Letters of a stem's own ending that may give way to the word's. */
  maxStemEnding: 3,
  maxHunspellLength: 20,
  maxWordLength: 40,
  maxSuggestions: 5,
} as const;

/** Trying a stem with one letter of its ending cut costs this much priority. */
const STEM_CUT = 0.1;
/** A common word ranks as if it were this much closer. */
const COMMON_BONUS = 0.6;
/**
 * A word ranks as if it were this much closer per unit of its Zipf value
 * above ZIPF_FLOOR: an edit of cost 1 weighs as much as a hundredfold
 * difference in frequency.
 */
const FREQUENCY_WEIGHT = 0.5;
/** Below the rarest listed word (2.5): a word off the list ranks as if it had this Zipf value. */
const ZIPF_FLOOR = 1.8;
/** A compound the dictionary does not list, built by its compound rules, ranks as if this much further. */
const COMPOUND_PENALTY = 0.5;

export interface SuggesterParts {
  dictionary: Dictionary;
  /** The same dictionary without compounding, when it has compounding. */
  lexicon?: Dictionary;
  settings: AffixSettings;
  /** Letters tried in edits. */
  alphabet: string[];
  confusions: Confusions;
  model: CostModel;
  stems: StemIndex;
  pairs: PairIndex;
  /** Lowercase words a learner is likely to mean. */
  common: ReadonlySet<string>;
  /** How often each word is written, where the language has such a list. */
  frequencies?: WordFrequencies;
  /** Whether Hunspell's own search is the last resort: where it finds what the other stages miss, often enough to pay. */
  hunspellFallback: boolean;
}

export type Stage = 'edits' | 'stems' | 'splits' | 'hunspell' | 'none';

export interface Suggestions {
  words: string[];
  /** Each word's ranked cost: its weighted edit distance, less the common-word and frequency bonuses, plus the unlisted-compound penalty. */
  costs: number[];
  /** Which stage found them: for the benchmark's account of where time goes. */
  stage: Stage;
}

interface Ranked {
  word: string;
  cost: number;
}

/**
 * Suggestions for a word the dictionary rejected, best first. Stages run
 * from cheap to dear and the first that finds anything ends the search: one
 * edit and the .aff's replacements; stems near in spelling or in sound
 * ("proffesor", "sämhelle"); two words run together; Hunspell's full search.
 * Candidates are ranked by a learner's edit cost (keyboard, sound,
 * doubling), common words first and compounds the dictionary does not list
 * last.
 */
export function createSuggester(parts: SuggesterParts): (word: string) => Suggestions {
  const { dictionary, lexicon, model, common } = parts;
  const accepts = (candidate: string) => candidate.split(' ').every((part) => part !== '' && dictionary.accepts(part));
  const lexiconAccepts = lexicon ? (candidate: string) => lexicon.accepts(candidate) : accepts;
  const editOptions: EditOptions = {
    alphabet: parts.alphabet,
    confusions: parts.confusions,
    vowels: parts.alphabet.filter((c) => VOWELS.includes(c)).join(''),
    replacements: parts.settings.replacements,
  };
  const { frequencies } = parts;
  // A noisy channel: the edit cost stands for -log P(typo | word), and the word's log frequency for log P(word).
  // Two words run together count as the rarer of them; a word off the list as the rarest on it.
  const frequencyBonus = (lower: string) => {
    if (!frequencies) return 0;
    const zipf = Math.min(...lower.split(' ').map((part) => frequencies.get(part) ?? ZIPF_FLOOR));
    return FREQUENCY_WEIGHT * Math.max(0, zipf - ZIPF_FLOOR);
  };
  let topZipf = ZIPF_FLOOR;
  for (const zipf of frequencies?.values() ?? []) topZipf = Math.max(topZipf, zipf);
  /** The most any candidate's rank can gain from being common and frequent. */
  const maxBonus = COMMON_BONUS + FREQUENCY_WEIGHT * (topZipf - ZIPF_FLOOR);
  // The cheapest an edit outside the likely slips can rank: a left-out consonant in the commonest word.
  const otherEditsFloor = costs.omitted - maxBonus;
  const rank = (word: string, cost: number): Ranked => {
    const lower = word.toLowerCase();
    const bonus = frequencyBonus(lower);
    if (common.has(lower)) return { word, cost: cost - COMMON_BONUS - bonus };
    const listed = !lexicon || word.split(' ').every((part) => lexicon.accepts(part));
    return { word, cost: (listed ? cost : cost + COMPOUND_PENALTY) - bonus };
  };

  function fromEdits(word: string, lower: string): Ranked[] {
    const found: Ranked[] = [];
    const shape = caseShape(word);
    // A word written in lowercase may be a name: "sverige" → "Sverige".
    if (shape === 'lower' && accepts(capitalise(word))) found.push(rank(capitalise(word), 0));
    // The .aff's typical misspellings cost as little as a letter that sounds alike.
    const listed = new Set(replaced(lower, parts.settings.replacements));
    const seen = new Set([lower]);
    let checks = 0;
    const collect = (candidates: Iterable<string>, check: (word: string) => boolean) => {
      for (const candidate of candidates) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        if (++checks > suggestionBudget.maxEditChecks) return;
        const cased = shape === 'upper' || shape === 'capitalised' ? withCaseOf(word, candidate) : candidate;
        if (!check(cased)) continue;
        const cost = editCost(lower, candidate, model);
        found.push(rank(cased, listed.has(candidate) ? Math.min(cost, costs.sound) : cost));
      }
    };
    collect(likelyEdits(lower, editOptions), accepts);
    // The rest of the alphabet cannot beat a likely slip that is already this cheap,
    // and a compound built on a random letter is noise: those edits see the lexicon only.
    if (found.every((f) => f.cost >= otherEditsFloor)) collect(otherEdits(lower, editOptions), lexiconAccepts);
    return found;
  }

  function fromStems(word: string, lower: string): Ranked[] {
    const limit = Math.max(suggestionBudget.maxStemEdits, suggestionBudget.maxStemEditsPerLetter * lower.length);
    const stems = new Set([...parts.stems.near(lower), ...parts.pairs.similar(lower, suggestionBudget.maxPairStems)]);
    const options = new Map<string, { cost: number; priority: number }>();
    for (const stem of stems) {
      const stemLower = stem.toLowerCase();
      const table = editTable(lower, stemLower, model);
      // The stem, or the stem less an ending ("disappoint|ing"), then the rest of the word as written.
      for (let i = Math.max(1, stemLower.length - suggestionBudget.maxStemEnding); i <= stemLower.length; i++) {
        for (let j = 0; j <= lower.length; j++) {
          const cost = table[j][i];
          const candidate = stem.slice(0, i) + lower.slice(j);
          if (cost > limit || candidate.toLowerCase() === lower) continue;
          // The whole stem is likelier than a cut one: each letter cut costs a little.
          const priority = cost + STEM_CUT * (stemLower.length - i);
          if ((options.get(candidate)?.priority ?? Infinity) > priority) options.set(candidate, { cost, priority });
        }
      }
    }
    const shape = caseShape(word);
    const found: Ranked[] = [];
    for (const [candidate, { cost, priority }] of [...options].sort((a, b) => a[1].priority - b[1].priority).slice(0, suggestionBudget.maxStemChecks)) {
      // Once a full list is found, a candidate whose best possible rank is worse than all of it cannot enter it.
      if (found.length >= suggestionBudget.maxSuggestions && priority - STEM_CUT * suggestionBudget.maxStemEnding - maxBonus > worstOf(found)) break;
      const cased = shape === 'lower' ? candidate : withCaseOf(word, candidate);
      if (accepts(cased)) found.push(rank(cased, cost));
    }
    return found;
  }

  function fromSplits(_word: string, lower: string): Ranked[] {
    if (parts.settings.noSplitSuggestions) return [];
    return [...splits(lower)].filter(accepts).map((candidate) => rank(candidate, editCost(lower, candidate, model)));
  }

  function fromHunspell(word: string, lower: string): Ranked[] {
    if (!parts.hunspellFallback || word.length > suggestionBudget.maxHunspellLength) return [];
    return dictionary.suggest(word).map((candidate) => rank(candidate, editCost(lower, candidate, model)));
  }

  return (word) => {
    const lower = word.toLowerCase();
    if (word.length > suggestionBudget.maxWordLength) return { words: [], costs: [], stage: 'none' };
    for (const [stage, find] of [
      ['edits', fromEdits],
      ['stems', fromStems],
      ['splits', fromSplits],
      ['hunspell', fromHunspell],
    ] as const) {
      const found = find(word, lower);
      if (found.length) return { ...best(found), stage };
    }
    return { words: [], costs: [], stage: 'none' };
  };
}

/** The cost a candidate must beat to enter the list of suggestions. */
function worstOf(found: Ranked[]): number {
  return found.map((f) => f.cost).sort((a, b) => a - b)[suggestionBudget.maxSuggestions - 1];
}

function best(found: Ranked[]): Pick<Suggestions, 'words' | 'costs'> {
  const cheapest = new Map<string, number>();
  for (const { word, cost } of found) cheapest.set(word, Math.min(cheapest.get(word) ?? Infinity, cost));
  const ranked = [...cheapest].sort((a, b) => a[1] - b[1] || a[0].length - b[0].length || a[0].localeCompare(b[0])).slice(0, suggestionBudget.maxSuggestions);
  return { words: ranked.map(([word]) => word), costs: ranked.map(([, cost]) => cost) };
}
