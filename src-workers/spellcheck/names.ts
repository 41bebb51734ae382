import { caseShape, isCapitalised } from './letter-case';
import type { WordToken } from './tokenize';

/** Acronyms ("SFI", "NATO") are written in capitals and are not spelling. */
const MAX_ACRONYM = 6;

/**
 * The batch's own words: names from the class list and words the teacher
 * added, matched in any case, also with a genitive ending ("Annas", "Anna's").
 * A name of several words allows each of its words.
 */
export function allowedWordSet(allowedWords: string[]): ReadonlySet<string> {
  return new Set(allowedWords.flatMap((w) => w.normalize('NFC').toLowerCase().split(/\s+/)).filter(Boolean));
}

export function isAllowed(word: string, allowed: ReadonlySet<string>): boolean {
  const lower = word.normalize('NFC').toLowerCase();
  return allowed.has(lower) || allowed.has(lower.replace(/(?:['’]?s|['’])$/u, ''));
}

/**
 * A word the dictionary does not know but that is likely a name: capitalised
 * in the middle of a sentence ("Vi åkte till Hjo"), or a short acronym.
 */
export function isLikelyName(token: WordToken): boolean {
  const shape = caseShape(token.text);
  if (shape === 'upper') return [...token.text].length <= MAX_ACRONYM;
  return isCapitalised(token.text) && !token.sentenceStart;
}
