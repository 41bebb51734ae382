import { z } from 'zod';
import { EnglishVariant, Id, IsoTime, Sha256 } from './domain';
import { SpellcheckResult } from './spellcheck';

/** An essay's spellcheck as stored: the engine's result, for the text with `contentHash`. */
export const SpellcheckRecord = SpellcheckResult.omit({ correctedText: true }).extend({
  essayId: Id,
  contentHash: Sha256,
  checkedAt: IsoTime,
  /** For English: which spelling was accepted. Absent on checks from before the choice existed (both were accepted). */
  variant: EnglishVariant.optional(),
});
export type SpellcheckRecord = z.infer<typeof SpellcheckRecord>;
