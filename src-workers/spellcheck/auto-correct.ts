import type { Language } from '../../shared/contracts/domain';
import { caseShape } from './letter-case';
import type { Suggestions } from './suggest';

/**
 * How sure the first suggestion must be before the corrected text uses it
 * without the teacher: its ranked cost (suggest.ts) at most `maxCost`, and
 * the second suggestion at least `minLead` behind it.
 */
export interface AutoCorrectLimit {
  maxCost: number;
  minLead: number;
}

/** A common word as the first suggestion is judged by `common`; any other by `rare`, or never when it is null. */
export interface AutoCorrectLimits {
  common: AutoCorrectLimit;
  rare: AutoCorrectLimit | null;
}

/**
 * Chosen on the tuning half of the learner misspelling sets (SweLL, ELLIPSE)
 * and measured on the held-out half: docs/spellcheck.md. In Swedish a rare
 * first suggestion is right too seldom to apply unseen, so only common words
 * are.
 */
export const autoCorrectLimits: Record<Language, AutoCorrectLimits> = {
  sv: { common: { maxCost: 1, minLead: 0.5 }, rare: null },
  en: { common: { maxCost: -0.1, minLead: 0 }, rare: { maxCost: 0.6, minLead: 0.3 } },
};

export interface AutoCorrectRules {
  limits: AutoCorrectLimits;
  /** Lowercase words a learner is likely to mean. */
  common: ReadonlySet<string>;
  /** Lowercase words pupils write that the dictionary lacks: never replaced unseen. */
  everyday: ReadonlySet<string>;
}

const fold = (letter: string) => letter.normalize('NFD').replace(/\p{M}/gu, '');
/** Shorter words have too many neighbours ("ok" → "och", "pc" → "pk"), and the measured sets hold none: only their case is fixed ("i" → "I"). */
const MIN_LENGTH = 3;

/**
 * Whether a word the dictionary rejected may be replaced by its first
 * suggestion before the teacher has seen it. Never for what is likely meant
 * as written: all capitals or inner capitals ("TikTok", "iPhone"), a listed
 * everyday word ("wifi"), a capitalised word that may be a name at the start
 * of a sentence ("Fortnite") unless a common word replaces it, or a word of
 * one or two letters other than in its case. Never when the suggestion
 * splits the word ("mine craft"), changes its first letter (learners rarely
 * get it wrong; "youtube" → "couture"), or turns it into a name ("covid" →
 * "Ovid"; "sverige" → "Sverige" is a common word and stays allowed).
 * Otherwise the limits decide.
 */
export function isConfidentCorrection(word: string, suggestions: Pick<Suggestions, 'words' | 'costs'>, rules: AutoCorrectRules): boolean {
  const [first] = suggestions.words;
  if (first === undefined) return false;
  const shape = caseShape(word);
  const lower = word.toLowerCase();
  const firstLower = first.toLowerCase();
  const common = rules.common.has(firstLower);
  if (shape === 'upper' || shape === 'mixed' || rules.everyday.has(lower)) return false;
  if (shape === 'capitalised' && !common) return false;
  if ([...lower].length < MIN_LENGTH && firstLower !== lower) return false;
  if (/[\s-]/u.test(first) && !/[\s-]/u.test(word)) return false;
  if (fold([...firstLower][0]) !== fold([...lower][0])) return false;
  if (shape === 'lower' && first !== firstLower && !(firstLower === lower && common)) return false;
  const limit = common ? rules.limits.common : rules.limits.rare;
  if (!limit) return false;
  const cost = suggestions.costs[0];
  const lead = (suggestions.costs[1] ?? Infinity) - cost;
  return cost <= limit.maxCost && lead >= limit.minLead;
}
