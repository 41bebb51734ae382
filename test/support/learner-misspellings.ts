/**
 * A set of learner misspellings with corrections, derived from a corpus at
 * run time (never stored in the repository). A misspelling is a lowercase
 * word native Hunspell rejects; its correction is the word the same
 * learners spelled correctly most often among those nearest to it:
 *
 *  - candidates are words native Hunspell accepts in the corpus, seen at
 *    least MIN_COUNT times, within two edits (one for words of four letters
 *    or fewer; optimal string alignment);
 *  - only the candidates at the smallest distance count, and the most
 *    frequent of them must be seen at least DOMINANCE times as often as the
 *    next, or the misspelling is left out as ambiguous;
 *  - the set holds one-word corrections only: a misspelling that becomes
 *    accepted words with one apostrophe or one space ("dont", "alot") is
 *    left out, and words with apostrophes are no candidates (the command
 *    line accepts "did't" as "did" + "t").
 *
 * Corpus frequency is what a reader uses to guess what a learner meant; no
 * engine under test has it.
 */
export interface Misspelling {
  wrong: string;
  right: string;
  /** Times the misspelling occurs in the corpus. */
  count: number;
}

const MIN_COUNT = 3;
const DOMINANCE = 3;
const MIN_LENGTH = 3;

/**
 * `misspelled` and `vocabulary` count lowercase words native Hunspell
 * rejects and accepts; `written` holds every lowercase word of the corpus.
 */
export function deriveMisspellings(misspelled: Map<string, number>, vocabulary: Map<string, number>, written: ReadonlySet<string>): Misspelling[] {
  const frequent = [...vocabulary].filter(([word, n]) => n >= MIN_COUNT && !/['’]/u.test(word));
  const index = new Map<string, string[]>();
  for (const [word] of frequent) {
    for (const key of deletions(word, 2)) {
      const words = index.get(key);
      if (words) words.push(word);
      else index.set(key, [word]);
    }
  }
  const set: Misspelling[] = [];
  for (const [wrong, count] of misspelled) {
    if ([...wrong].length < MIN_LENGTH || !/^\p{Ll}+$/u.test(wrong) || needsApostropheOrSpace(wrong, vocabulary, written)) continue;
    const maxDistance = [...wrong].length <= 4 ? 1 : 2;
    const candidates = new Set([...deletions(wrong, 2)].flatMap((key) => index.get(key) ?? []));
    const scored = [...candidates]
      .map((word) => ({ word, distance: osaDistance(wrong, word), n: vocabulary.get(word) ?? 0 }))
      .filter((c) => c.distance <= maxDistance);
    if (!scored.length) continue;
    const nearest = Math.min(...scored.map((c) => c.distance));
    const [first, second] = scored.filter((c) => c.distance === nearest).sort((a, b) => b.n - a.n);
    if (second && first.n < DOMINANCE * second.n) continue;
    set.push({ wrong, right: first.word, count });
  }
  return set.sort((a, b) => a.wrong.localeCompare(b.wrong));
}

function needsApostropheOrSpace(wrong: string, vocabulary: Map<string, number>, written: ReadonlySet<string>): boolean {
  for (let i = 1; i < wrong.length; i++) {
    const [head, tail] = [wrong.slice(0, i), wrong.slice(i)];
    const common = (word: string) => (vocabulary.get(word) ?? 0) >= MIN_COUNT;
    if (written.has(`${head}'${tail}`) || written.has(`${head}’${tail}`) || (common(head) && common(tail))) return true;
  }
  return false;
}

function deletions(word: string, depth: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

export function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
