import type { LanguageEngine } from '../../src-workers/spellcheck/engine';
import type { Misspelling } from './learner-misspellings';

/**
 * The seed of the split below. The auto-correction limits
 * (src-workers/spellcheck/auto-correct.ts) were tuned on the tuning half of
 * this seed's split only; changing it mixes tuning and held-out words.
 */
export const SPLIT_SEED = 16;

/**
 * Halves a misspelling set by word type, the same way on every run and
 * machine: FNV-1a (32 bits) of `seed:word`, even → tuning, odd → held out.
 */
export function splitByWordType(set: Misspelling[], seed = SPLIT_SEED): { tuning: Misspelling[]; heldOut: Misspelling[] } {
  const tuning: Misspelling[] = [];
  const heldOut: Misspelling[] = [];
  for (const m of set) (fnv1a(`${seed}:${m.wrong}`) % 2 === 0 ? tuning : heldOut).push(m);
  return { tuning, heldOut };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

export interface CorrectionQuality {
  misspellings: number;
  /** Misspellings the corrected text changes before any teacher decision. */
  changed: number;
  /** Of those, changed to the set's correction. */
  right: number;
  /** right / changed: how often an unreviewed change is right. */
  precision: number;
  /** right / misspellings: how many misspellings the unreviewed text corrects. */
  recall: number;
}

/**
 * The unreviewed corrected text on a set of learner misspellings: each
 * misspelling is checked alone, as the engine checks any essay, and counts as
 * changed when its finding is flagged `autoCorrect`. Also on the misspellings
 * the shipped learner lists do not cover, since those lists were written by
 * people who may have seen this data.
 */
export function unreviewedCorrections(engine: LanguageEngine, set: Misspelling[]): { all: CorrectionQuality; notInLearnerLists: CorrectionQuality } {
  const outcomes = set.map((m) => {
    const finding = engine.check(m.wrong, []).findings[0];
    const changed = finding?.autoCorrect === true;
    return { listed: finding?.source === 'learner-list', changed, right: changed && finding.suggestions[0].toLowerCase() === m.right };
  });
  return { all: quality(outcomes), notInLearnerLists: quality(outcomes.filter((o) => !o.listed)) };
}

function quality(outcomes: Array<{ changed: boolean; right: boolean }>): CorrectionQuality {
  const changed = outcomes.filter((o) => o.changed).length;
  const right = outcomes.filter((o) => o.right).length;
  const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);
  return { misspellings: outcomes.length, changed, right, precision: ratio(right, changed), recall: ratio(right, outcomes.length) };
}
