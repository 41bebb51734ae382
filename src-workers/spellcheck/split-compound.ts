import { caseShape } from './letter-case';
import type { WordToken } from './tokenize';

/** Särskrivning: tokens `first` and `first + 1` written apart, and the compound they make. */
export interface SplitCompound {
  first: number;
  joined: string;
}

export interface SplitCompoundRules {
  accepts(word: string): boolean;
  /** The dictionary lists the word itself, not only builds it by compounding. */
  listed(word: string): boolean;
  /** Lowercase words that are never the first or last part of a written-apart compound ("en", "och", "på"). */
  functionWords: ReadonlySet<string>;
  /** Tokens the caller has already reported or allowed. */
  skip(index: number): boolean;
}

const MIN_FIRST_PART = 2;
const MIN_LAST_PART = 3;

/**
 * Finds compounds written as two words ("sjuk sköterska" → "sjuksköterska").
 * Two neighbours, with only a space between, are a split compound when the
 * dictionary's compound rules accept them joined. Function words are left
 * out: "i dag" and "till och med" are Swedish as they stand. When one part
 * is not a word on its own ("arbets plats"), joining them is the fix. When
 * both are words, the compound rules accept nearly any pair ("slutar
 * försöka" → "slutarförsöka"), so the joined word must be one the
 * dictionary lists ("sjuksköterska").
 */
export function findSplitCompounds(tokens: WordToken[], text: string, rules: SplitCompoundRules): SplitCompound[] {
  const found: SplitCompound[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i], tokens[i + 1]];
    if (rules.skip(i) || rules.skip(i + 1) || !/^[^\S\n]+$/u.test(text.slice(a.end, b.start))) continue;
    const joined = joinable(a, b, rules);
    if (!joined) continue;
    found.push({ first: i, joined });
    i++;
  }
  return found;
}

function joinable(a: WordToken, b: WordToken, rules: SplitCompoundRules): string | undefined {
  const firstShape = caseShape(a.text);
  if (caseShape(b.text) !== 'lower' || !(firstShape === 'lower' || (firstShape === 'capitalised' && a.sentenceStart))) return undefined;
  if (a.text.length < MIN_FIRST_PART || b.text.length < MIN_LAST_PART || a.text.includes('-') || b.text.includes('-')) return undefined;
  if (rules.functionWords.has(a.text.toLowerCase()) || rules.functionWords.has(b.text)) return undefined;
  // "glass skål" joins as "glasskål": Swedish writes three equal consonants as two.
  const tripled = a.text.at(-1) === b.text[0] && a.text.at(-2) === b.text[0];
  const joined = (tripled ? a.text.slice(0, -1) : a.text) + b.text;
  const bothWords = rules.accepts(a.text) && rules.accepts(b.text);
  return (bothWords ? rules.listed(joined) : rules.accepts(joined)) ? joined : undefined;
}
