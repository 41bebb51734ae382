/**
 * The dictionary's stems by the letter pairs they share with a word: what
 * Hunspell's n-gram search does by reading the whole dictionary, here from
 * an inverted index. For a word so misspelled that no stem is within two
 * edits ("pronounction", "tengnology"), the stems sharing most of its letter
 * pairs are the candidates. Postings are stem numbers in one typed array:
 * about 6 MB for Swedish.
 */
export interface PairIndex {
  /** Up to `limit` stems sharing the most letter pairs with the word, by Dice similarity. */
  similar(word: string, limit: number): string[];
}

/** Shares below this are noise: a stem must have at least half the word's pairs. */
const MIN_DICE = 0.5;
/** A stem this much longer than the word cannot be meant; an ending can make the word longer. */
const MAX_EXTRA_LETTERS = 3;

export function buildPairIndex(stems: string[]): PairIndex {
  const pairIds = new Map<number, number>();
  const idOf = (pair: number) => pairIds.get(pair) ?? pairIds.set(pair, pairIds.size).get(pair)!;
  const { offsets, postings, pairCounts } = invert(stems, idOf, () => pairIds.size);
  const shared = new Uint8Array(stems.length);

  return {
    similar(word, limit) {
      const pairs = pairsOf(word.toLowerCase());
      const touched: number[] = [];
      for (const pair of pairs) {
        const id = pairIds.get(pair);
        if (id === undefined) continue;
        for (let k = offsets[id]; k < offsets[id + 1]; k++) {
          const stem = postings[k];
          if (shared[stem]++ === 0) touched.push(stem);
        }
      }
      const scored: Array<[number, number]> = [];
      for (const stem of touched) {
        const dice = (2 * shared[stem]) / (pairs.length + pairCounts[stem]);
        shared[stem] = 0;
        if (dice >= MIN_DICE && stems[stem].length <= word.length + MAX_EXTRA_LETTERS) scored.push([dice, stem]);
      }
      return scored
        .sort((a, b) => b[0] - a[0])
        .slice(0, limit)
        .map(([, stem]) => stems[stem]);
    },
  };
}

/**
 * The distinct letter pairs of a lowercase word, with its edges marked, so
 * "becaus" and "because" share their beginning. A pair is the two UTF-16
 * code units in one number: no strings to collect for 150,000 stems.
 */
function pairsOf(lower: string): number[] {
  const EDGE = 0;
  const pairs: number[] = [];
  for (let i = -1; i < lower.length; i++) {
    const pair = (i < 0 ? EDGE : lower.charCodeAt(i)) * 65_536 + (i + 1 < lower.length ? lower.charCodeAt(i + 1) : EDGE);
    if (!pairs.includes(pair)) pairs.push(pair);
  }
  return pairs;
}

/** Stem numbers per pair, as offsets into one array (compressed sparse rows), and each stem's number of pairs. */
function invert(stems: string[], idOf: (pair: number) => number, pairCount: () => number) {
  const stemPairs = stems.map((stem) => Uint32Array.from(pairsOf(stem.toLowerCase()), idOf));
  const offsets = new Uint32Array(pairCount() + 1);
  for (const pairs of stemPairs) for (const p of pairs) offsets[p + 1]++;
  for (let p = 0; p + 1 < offsets.length; p++) offsets[p + 1] += offsets[p];
  const postings = new Uint32Array(offsets[offsets.length - 1]);
  const next = offsets.slice(0, -1);
  stemPairs.forEach((pairs, stem) => {
    for (const p of pairs) postings[next[p]++] = stem;
  });
  return { offsets, postings, pairCounts: Uint8Array.from(stemPairs, (p) => Math.min(255, p.length)) };
}
