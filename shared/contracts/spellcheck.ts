import { z } from 'zod';
import { EnglishVariant, Language } from './domain';

export { EnglishVariant } from './domain';

/** Where a finding came from. */
export const FindingSource = z.enum(['dictionary', 'learner-list', 'split-compound']);
export type FindingSource = z.infer<typeof FindingSource>;

/**
 * A spelling finding. Offsets are UTF-16 indices into the original text,
 * [start, end): text.slice(start, end) === finding.text, always.
 */
export const Finding = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  text: z.string().min(1),
  /** Best first; may be empty. */
  suggestions: z.array(z.string()),
  source: FindingSource,
  /** The kind of error; `split-compound` for särskrivning. */
  category: z.string().min(1),
  /**
   * Whether the first suggestion is sure enough to go into the corrected text
   * before the teacher decides. Findings stored before this flag existed are
   * not.
   */
  autoCorrect: z.boolean().default(false),
});
export type Finding = z.infer<typeof Finding>;

export const SpellcheckMetrics = z.object({
  words: z.number().int().nonnegative(),
  findings: z.number().int().nonnegative(),
  per100Words: z.number().nonnegative(),
  byCategory: z.record(z.string(), z.object({ findings: z.number().int().nonnegative(), per100Words: z.number().nonnegative() })),
});
export type SpellcheckMetrics = z.infer<typeof SpellcheckMetrics>;

/** A task for the spellcheck pool: one essay. */
export const SpellcheckTask = z.object({
  text: z.string(),
  language: Language,
  variant: EnglishVariant.default('both'),
  /** Words never flagged in this batch: the class list's names and words the teacher added. */
  allowedWords: z.array(z.string()).default([]),
  /** A warm-up: also build now what the language otherwise builds on its first hard misspelling. */
  prepare: z.boolean().default(false),
});
export type SpellcheckTask = z.input<typeof SpellcheckTask>;

export const SpellcheckResult = z.object({
  language: Language,
  /** Absolute path of the .dic file used, so any reference tool can load the same files. */
  dictionary: z.string().min(1),
  words: z.number().int().nonnegative(),
  findings: z.array(Finding),
  /** The original with each finding flagged `autoCorrect` replaced by its first suggestion; every other finding stays as written. */
  correctedText: z.string(),
  metrics: SpellcheckMetrics,
});
export type SpellcheckResult = z.infer<typeof SpellcheckResult>;
