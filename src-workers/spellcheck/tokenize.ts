/** A word to check: [start, end) are UTF-16 indices into the original text. */
export interface WordToken {
  start: number;
  end: number;
  text: string;
  /** First word of a sentence or a line: a capital letter there says nothing about names. */
  sentenceStart: boolean;
}

// One pass over the text: things that are not words are matched first so their pieces never become words.
const SCAN = new RegExp(
  [
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”])`,
    String.raw`(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`,
    String.raw`(?<domain>[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|info|io|se|nu|eu|uk|us)(?![\p{L}\p{N}]))`,
    // Letters (with their combining marks) and digits, joined by single inner hyphens, apostrophes or dots.
    String.raw`(?<run>[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*)`,
  ].join('|'),
  'gu',
);
const DIGIT = /\p{N}/u;
const UPPER = /^\p{Lu}$/u;
/** What may stand between a sentence's end and its first word: spaces, quotes, brackets, dashes. */
const SENTENCE_GAP = /[\s"'“”‘’«»„([{\-–—*•]/u;
const SENTENCE_END = /[.!?:…\n]/u;

/**
 * The words of a text, in order. Numbers and anything with a digit, URLs,
 * e-mail addresses, web domains, initials ("J. K.") and dotted abbreviations
 * ("t.ex.", "e.g.") are skipped: they are not spelling.
 */
export function tokenize(text: string): WordToken[] {
  const words: WordToken[] = [];
  for (const match of text.matchAll(SCAN)) {
    const run = match.groups?.run;
    if (run === undefined || DIGIT.test(run)) continue;
    const start = match.index;
    if (run.includes('.')) {
      if (isDottedAbbreviation(run)) continue;
      // "hus.Jag": a missing space after a full stop, so each piece is a word of its own.
      let offset = start;
      for (const piece of run.split('.')) {
        pushWord(words, text, offset, piece);
        offset += piece.length + 1;
      }
      continue;
    }
    if (isInitial(text, start, run)) continue;
    pushWord(words, text, start, run);
  }
  return words;
}

function pushWord(words: WordToken[], text: string, start: number, word: string): void {
  words.push({ start, end: start + word.length, text: word, sentenceStart: startsSentence(text, start) });
}

/** "t.ex", "bl.a", "e.g", "U.S.A", "fr.o.m": short pieces between the dots. */
function isDottedAbbreviation(run: string): boolean {
  const pieces = run.split('.');
  return pieces.every((p) => [...p].length <= 3) && pieces.some((p) => [...p].length <= 2);
}

/** A capital letter alone before a full stop, as in "J. K. Rowling". */
function isInitial(text: string, start: number, run: string): boolean {
  return [...run].length === 1 && UPPER.test(run) && text[start + run.length] === '.';
}

function startsSentence(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && SENTENCE_GAP.test(text[i]) && text[i] !== '\n') i--;
  return i < 0 || SENTENCE_END.test(text[i]);
}
