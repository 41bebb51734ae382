import type { Language } from '../../shared/contracts/domain';

/**
 * What one edit costs, for a learner. Typing without Swedish letters, doubling
 * a consonant, and writing a letter as it sounds are cheap; a random letter
 * costs a full edit.
 */
export interface CostModel {
  substitute(wrong: string, right: string): number;
  /** The learner left out `letter`; `doubled` when it stands next to the same letter. */
  omit(letter: string, doubled: boolean): number;
  /** The learner added `letter`. */
  add(letter: string, doubled: boolean): number;
  transpose: number;
}

/** Chosen on the tuning half of the learner misspelling sets (docs/spellcheck.md, "How the ranking was tuned"). */
export const costs = {
  diacritic: 0.5,
  doubled: 0.4,
  sound: 0.6,
  keyboard: 0.8,
  transpose: 0.6,
  omittedVowel: 0.6,
  vowel: 0.7,
  // Learners leave letters out more often than they add them.
  omitted: 0.8,
  added: 0.8,
  other: 1,
} as const;

/** Vowels of Swedish and English, with the accented ones learners meet. */
export const VOWELS = 'aeiouyåäöéü';
/** Letters that differ only by a diacritic: what a learner types on a keyboard without å, ä, ö. */
const DIACRITICS = ['aåäáà', 'oöó', 'eéèë', 'uü'];
/** Letters that sound alike to a learner of each language. */
const SOUNDS: Record<Language, string[]> = {
  sv: ['eä', 'åo', 'ou', 'uy', 'iy', 'ck', 'ks', 'sz', 'vw', 'fv', 'gj', 'dt', 'bp', 'gk'],
  en: ['vw', 'sz', 'ck', 'cs', 'jy', 'iy', 'ei', 'ae', 'ou', 'dt', 'bp', 'fv', 'gk'],
};
// Swedish QWERTY: å, ö and ä sit right of p and l; English layouts lack them.
const KEYBOARD: Record<Language, string[]> = {
  sv: ['qwertyuiopå', 'asdfghjklöä', 'zxcvbnm'],
  en: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
};

function pairSet(groups: string[]): Set<string> {
  const pairs = new Set<string>();
  for (const group of groups) for (const a of group) for (const b of group) if (a !== b) pairs.add(a + b);
  return pairs;
}

function keyboardNeighbours(rows: string[]): Set<string> {
  const pairs = new Set<string>();
  rows.forEach((row, r) =>
    [...row].forEach((key, c) => {
      const near = [row[c - 1], row[c + 1], rows[r - 1]?.[c], rows[r - 1]?.[c + 1], rows[r + 1]?.[c], rows[r + 1]?.[c - 1]];
      for (const other of near) if (other) pairs.add(key + other).add(other + key);
    }),
  );
  return pairs;
}

export function costModel(language: Language): CostModel {
  const diacritic = pairSet(DIACRITICS);
  const sound = pairSet(SOUNDS[language]);
  const keyboard = keyboardNeighbours(KEYBOARD[language]);
  return {
    substitute(wrong, right) {
      if (wrong === right) return 0;
      const pair = wrong + right;
      if (diacritic.has(pair)) return costs.diacritic;
      if (sound.has(pair)) return costs.sound;
      if (keyboard.has(pair)) return costs.keyboard;
      if (VOWELS.includes(wrong) && VOWELS.includes(right)) return costs.vowel;
      return costs.other;
    },
    omit(letter, doubled) {
      if (doubled) return costs.doubled;
      if (letter === ' ') return costs.other;
      return VOWELS.includes(letter) ? costs.omittedVowel : costs.omitted;
    },
    add(letter, doubled) {
      return doubled ? costs.doubled : costs.added;
    },
    transpose: costs.transpose,
  };
}

/** Weighted optimal-string-alignment distance from what the learner wrote to a candidate, in lowercase. */
export function editCost(written: string, candidate: string, model: CostModel): number {
  const a = written.toLowerCase();
  const b = candidate.toLowerCase();
  return editTable(a, b, model)[a.length][b.length];
}

/**
 * The whole alignment table: cell [i][j] is the cost of turning the first i
 * letters of `a`, as the learner wrote it, into the first j letters of `b`.
 * Both in lowercase.
 */
export function editTable(a: string, b: string, model: CostModel): number[][] {
  const indelA = (i: number) => model.add(a[i], isDoubled(a, i));
  const indelB = (j: number) => model.omit(b[j], isDoubled(b, j));
  const table = [[0]];
  for (let j = 1; j <= b.length; j++) table[0].push(table[0][j - 1] + indelB(j - 1));
  for (let i = 1; i <= a.length; i++) {
    const previous = table[i - 1];
    const row = [previous[0] + indelA(i - 1)];
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j] + indelA(i - 1), row[j - 1] + indelB(j - 1), previous[j - 1] + model.substitute(a[i - 1], b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, table[i - 2][j - 2] + model.transpose);
      row.push(cost);
    }
    table.push(row);
  }
  return table;
}

/** A letter next to the same letter, or the c of "ck": adding or dropping it is a doubling slip. */
function isDoubled(word: string, index: number): boolean {
  return word[index - 1] === word[index] || word[index + 1] === word[index] || (word[index] === 'c' && word[index + 1] === 'k');
}
