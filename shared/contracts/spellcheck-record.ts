import { z } from 'zod';
import { Id, IsoTime, Sha256 } from './domain';
import { SpellcheckResult } from './spellcheck';

/** An essay's spellcheck as stored: the engine's result, for the text with `contentHash`. */
export const SpellcheckRecord = SpellcheckResult.omit({ correctedText: true }).extend({
  essayId: Id,
  contentHash: Sha256,
  checkedAt: IsoTime,
});
export type SpellcheckRecord = z.infer<typeof SpellcheckRecord>;
