import type { Replacement } from './affix-settings';

/** Letters a learner confuses with each letter: tried before the rest of the alphabet. */
export type Confusions = ReadonlyMap<string, string>;

export interface EditOptions {
  alphabet: string[];
  confusions: Confusions;
  vowels: string;
  replacements: Replacement[];
}

/**
 * The likely slips, likeliest first: the .aff's typical misspellings,
 * doublings, deletions, swaps, letters a learner confuses, and a left-out
 * vowel.
 */
export function* likelyEdits(word: string, options: EditOptions): Generator<string> {
  yield* replaced(word, options.replacements);
  yield* doublings(word);
  yield* deletions(word);
  yield* swaps(word);
  yield* substitutions(word, (letter) => options.confusions.get(letter) ?? '');
  yield* insertions(word, options.vowels);
}

/** The rest of one edit: any letter in place of another, any consonant left out. */
export function* otherEdits(word: string, options: EditOptions): Generator<string> {
  yield* substitutions(word, () => options.alphabet.join(''));
  yield* insertions(word, options.alphabet.filter((c) => !options.vowels.includes(c)).join(''));
}

export function* replaced(word: string, replacements: Replacement[]): Generator<string> {
  for (const { from, to, atStart, atEnd } of replacements) {
    for (let at = word.indexOf(from); at >= 0; at = word.indexOf(from, at + 1)) {
      if ((atStart && at !== 0) || (atEnd && at + from.length !== word.length)) continue;
      yield (word.slice(0, at) + to + word.slice(at + from.length)).trim();
    }
  }
}

function* doublings(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) {
    yield word.slice(0, i + 1) + word.slice(i);
    if (word[i] === word[i + 1]) yield word.slice(0, i) + word.slice(i + 1);
  }
}

function* deletions(word: string): Generator<string> {
  for (let i = 0; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
}

function* swaps(word: string): Generator<string> {
  for (let i = 0; i + 1 < word.length; i++) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function* substitutions(word: string, lettersFor: (letter: string) => string): Generator<string> {
  for (let i = 0; i < word.length; i++) {
    for (const letter of lettersFor(word[i])) if (letter !== word[i]) yield word.slice(0, i) + letter + word.slice(i + 1);
  }
}

function* insertions(word: string, letters: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) for (const letter of letters) yield word.slice(0, i) + letter + word.slice(i);
}

/** Two words run together; parts of one letter are left out, they make mostly noise. */
export function* splits(word: string): Generator<string> {
  for (let i = 2; i + 1 < word.length; i++) yield `${word.slice(0, i)} ${word.slice(i)}`;
}
