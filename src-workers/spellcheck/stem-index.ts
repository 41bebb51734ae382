/**
 * The dictionary's stems (the words of the .dic file, before affixes), found
 * two ways. By spelling: each stem is filed under the first PREFIX letters
 * of its lowercase form and under that prefix with one letter deleted;
 * looking up a word the same way finds the stems whose beginning is within
 * two edits of the word's (symmetric deletion). By sound: each stem is also
 * filed under its consonants, so "sämhelle" finds "samhälle" and "exampal"
 * finds "exempel" however many vowels the learner changed. Keys are 32-bit
 * hashes in sorted typed arrays: about 10 MB for Swedish's 150,000 stems.
 */
export interface StemIndex {
  /**
   * Stems whose beginning is within about two edits of the word's, in their
   * dictionary case. The word's side deletes up to two letters, so a
   * substitution plus an insertion ("bacuse" → "because") is found too.
   */
  near(word: string): string[];
}

const PREFIX = 7;
/** Consonants an ending adds to a stem: "-arnas" adds three. */
const MAX_ENDING = 3;

export function buildStemIndex(stems: string[]): StemIndex {
  const { keys, ids } = sortedKeys(stems);

  return {
    near(word) {
      const found = new Set<number>();
      const lower = word.toLowerCase();
      const consonants = skeleton(lower);
      // The stem's consonants may be the start of the word's: the rest is an ending of up to MAX_ENDING consonants.
      const shortest = Math.min(consonants.length, Math.max(2, consonants.length - MAX_ENDING));
      const soundKeys = Array.from({ length: consonants.length - shortest + 1 }, (_, k) => soundKey(consonants.slice(0, shortest + k)));
      for (const key of [...deletionKeys(lower, 2), ...soundKeys]) {
        const h = hash(key);
        for (let i = lowerBound(keys, h); i < keys.length && keys[i] === h; i++) found.add(ids[i]);
      }
      return [...found].map((id) => stems[id]);
    },
  };
}

/**
 * Every stem's keys, as two parallel arrays sorted by key. Built apart from
 * the index's closure, so the build's scratch array is not kept alive with it.
 */
function sortedKeys(stems: string[]): { keys: Uint32Array; ids: Uint32Array } {
  // Each stem has at most PREFIX + 1 deletion keys and one sound key. Sorting key·2^20 + id
  // sorts by key, then id; both fit a double exactly (ids < 2^20).
  const pairs = new Float64Array(stems.length * (PREFIX + 2));
  let count = 0;
  stems.forEach((stem, id) => {
    const lower = stem.toLowerCase();
    // Hashed in place rather than as strings: 150,000 stems would make a million short-lived strings.
    const prefix = lower.slice(0, PREFIX);
    for (let skip = -1; skip < prefix.length; skip++) pairs[count++] = hash(prefix, skip) * 2 ** 20 + id;
    pairs[count++] = hash(soundKey(skeleton(lower))) * 2 ** 20 + id;
  });
  const sorted = pairs.subarray(0, count).sort();
  const keys = new Uint32Array(count);
  const ids = new Uint32Array(count);
  sorted.forEach((pair, i) => {
    keys[i] = Math.floor(pair / 2 ** 20);
    ids[i] = pair % 2 ** 20;
  });
  return { keys, ids };
}

/** The .dic entries without their flags; entries carrying a flag in `skipFlags` (forbidden, never suggested) are left out. */
export function readStems(dic: string, skipFlags: string[]): string[] {
  const stems = new Set<string>();
  // One pass over the text, no array per line: the first line is the entry count; an entry is
  // `word/flags`, maybe followed by a tab or space and morphological fields.
  const entry = /^([^/\t \r\n]+)(?:\/([^\t \r\n]*))?/gm;
  entry.lastIndex = dic.indexOf('\n') + 1;
  for (let match = entry.exec(dic); match; match = entry.exec(dic)) {
    const flags = match[2] ?? '';
    if (!skipFlags.some((f) => flags.includes(f))) stems.add(match[1]);
  }
  if (stems.size >= 2 ** 20) throw new Error('Too many stems for the index');
  return [...stems];
}

/** The word's first PREFIX letters, and every way of deleting up to `depth` of them. */
function deletionKeys(lowercase: string, depth: number): Set<string> {
  const keys = new Set([lowercase.slice(0, PREFIX)]);
  let frontier = [...keys];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const key of frontier) {
      for (let i = 0; i < key.length; i++) {
        const shorter = key.slice(0, i) + key.slice(i + 1);
        if (!keys.has(shorter)) next.push(shorter);
        keys.add(shorter);
      }
    }
    frontier = next;
  }
  return keys;
}

const VOWEL_RUN = /[aeiouyåäöéü]+/g;

/** The consonants, each run of one letter written once: "samhälle" → "smhl". */
function skeleton(lowercase: string): string {
  return lowercase.replace(VOWEL_RUN, '').replace(/(.)\1+/g, '$1');
}

/** Sound keys live beside deletion keys in one table; the marker keeps them apart. */
const soundKey = (consonants: string) => `\u0001${consonants}`;

/** FNV-1a over UTF-16 code units, leaving out the one at `skip`. */
function hash(text: string, skip = -1): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function lowerBound(keys: Uint32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
