import { z } from 'zod';
import { Language } from '../../shared/contracts/domain';
import { withCaseOf } from './letter-case';
import type { WordToken } from './tokenize';

/** One or more words, single spaces between them, as the tokenizer finds words. */
const Phrase = z
  .string()
  .regex(/^[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*(?: [\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*)*$/u, 'words separated by single spaces');
const ContextWord = z.string().regex(/^[\p{Ll}\p{M}'’-]+$/u, 'a lowercase word');

export const LearnerCategory = z.enum(['spelling', 'split-compound', 'confusable', 'apostrophe', 'word-form']);

export const LearnerEntry = z
  .object({
    wrong: Phrase,
    right: z.string().trim().min(1).max(100),
    category: LearnerCategory.default('spelling'),
    /** Required when `wrong` is a real word: the words that must stand right before or after it. */
    context: z
      .object({ before: z.array(ContextWord).default([]), after: z.array(ContextWord).default([]) })
      .refine((c) => c.before.length + c.after.length > 0, 'a context needs words before or after')
      .optional(),
  })
  .refine((e) => e.wrong !== e.right, 'wrong and right are the same');
export type LearnerEntry = z.infer<typeof LearnerEntry>;

export const LearnerList = z
  .object({
    language: Language,
    description: z.string().min(1),
    entries: z.array(LearnerEntry).min(1),
  })
  .refine((l) => new Set(l.entries.map((e) => e.wrong.toLowerCase())).size === l.entries.length, 'each wrong form is listed once');
export type LearnerList = z.infer<typeof LearnerList>;

/** A learner-list hit: tokens [first, last] of the essay, and the correction written as the learner wrote the case. */
export interface LearnerMatch {
  first: number;
  last: number;
  entry: LearnerEntry;
  correction: string;
}

export interface LearnerMatcher {
  match(tokens: WordToken[], text: string): LearnerMatch[];
  /** The correction of a single non-word, without context: for ranking suggestions. */
  correctionOf(word: string): string | undefined;
}

/**
 * Compiles lists for one language. A real word is never rewritten without
 * context: a single-word entry whose wrong form the dictionary accepts must
 * say which words stand before or after it, or the list is refused.
 */
export function compileLearnerLists(lists: LearnerList[], accepts: (word: string) => boolean): LearnerMatcher {
  const byFirstWord = new Map<string, Array<{ words: string[]; entry: LearnerEntry }>>();
  const nonWords = new Map<string, string>();
  for (const entry of lists.flatMap((l) => l.entries)) {
    const words = entry.wrong.toLowerCase().split(' ');
    if (words.length === 1 && !entry.context && accepts(entry.wrong)) {
      throw new Error(`Learner list: "${entry.wrong}" is a real word, so its entry needs a context`);
    }
    if (words.length === 1 && !entry.context) nonWords.set(words[0], entry.right);
    const same = byFirstWord.get(words[0]) ?? [];
    same.push({ words, entry });
    // Longest phrases first, so "more then" wins over a shorter entry starting with "more".
    same.sort((a, b) => b.words.length - a.words.length);
    byFirstWord.set(words[0], same);
  }

  return {
    correctionOf: (word) => nonWords.get(word.toLowerCase()),
    match(tokens, text) {
      const lower = tokens.map((t) => t.text.normalize('NFC').toLowerCase());
      // Words belong together only when nothing but spaces stands between them.
      const joined = (i: number) => i >= 0 && i + 1 < tokens.length && /^[^\S\n]+$/u.test(text.slice(tokens[i].end, tokens[i + 1].start));
      const matches: LearnerMatch[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const hit = byFirstWord.get(lower[i])?.find(({ words, entry }) => {
          const last = i + words.length - 1;
          for (let k = 1; k < words.length; k++) if (lower[i + k] !== words[k] || !joined(i + k - 1)) return false;
          const { before = [], after = [] } = entry.context ?? {};
          if (before.length && !(joined(i - 1) && before.includes(lower[i - 1]))) return false;
          if (after.length && !(joined(last) && after.includes(lower[last + 1]))) return false;
          return true;
        });
        if (!hit) continue;
        const last = i + hit.words.length - 1;
        const written = text.slice(tokens[i].start, tokens[last].end);
        const correction = withCaseOf(written, hit.entry.right);
        // "sverige" → "Sverige" must leave "Sverige" alone.
        if (correction === written) continue;
        matches.push({ first: i, last, entry: hit.entry, correction });
        i = last;
      }
      return matches;
    },
  };
}
