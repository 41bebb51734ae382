import type { Pupil } from '../contracts/pupils';
import { fold, nameParts } from './names';

/**
 * Pupils' names masked in a text for judging (issue #13): every part of every
 * pupil's first and last name, as a whole word, in the forms Swedish gives a
 * name: the genitive ("Annas", "Lindqvists", "Lars'", "Ali:s", "Anna's"), a
 * part of a hyphenated word ("Anna-Karin", "Lindqvist-familjen"), capitals
 * ("ANNA"), with or without diacritics whichever way the list or the pupil
 * wrote them ("Asa" for Åsa, "Öberg" for Oberg). A part never matches inside
 * a longer word: "Ali" leaves "Alice" and "alibi" alone, "Maja" leaves
 * "majalis". Names that follow each other ("Anna Lindqvist", "Anna-Karin")
 * become one mask, so the mask does not tell how many names there were.
 *
 * Like the other masking it errs towards hiding: a pupil called Björn hides
 * the word "björn" too. One-letter parts (initials) are not masked.
 * A batch's word list of whole names masks the same way (maskBatchNames).
 */
export function maskPupilNames(text: string, pupils: readonly Pick<Pupil, 'firstName' | 'lastName'>[], mask = '[namn]'): string {
  const names = nameSet(pupils);
  if (!names.size) return text;
  const spans = nameSpans(text, names);
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of merge(text, spans)) {
    out += text.slice(at, start) + mask;
    at = end;
  }
  return out + text.slice(at);
}

/** A batch's names masked: its word list holds its pupils' whole names, derived from the class list by the store. */
export function maskBatchNames(text: string, names: readonly string[], mask: string): string {
  return maskPupilNames(text, names.map((name) => ({ firstName: name, lastName: '' })), mask);
}

/** Name particles that go with a surname ("van der Berg", "al-Hassan"): masked with the name they precede, never alone. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'af', 'al', 'el', 'bin', 'ibn', 'da', 'di', 'du', 'la', 'le', 'ten', 'ter', 'dos', 'das']);

function nameSet(pupils: readonly Pick<Pupil, 'firstName' | 'lastName'>[]): Set<string> {
  const names = new Set<string>();
  for (const p of pupils) {
    for (const part of [...nameParts(p.firstName), ...nameParts(p.lastName)]) {
      if (part.length > 1 && !PARTICLES.has(part)) names.add(part);
    }
  }
  return names;
}

/** A word: letters (and combining marks), with apostrophes inside ("O'Brien", "Anna's"). Hyphens separate words. */
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const LETTER = /[\p{L}\p{M}]/u;

/** Whether a word, folded, is a name or its genitive. */
function isName(word: string, names: Set<string>): boolean {
  const bare = word.replace(/['’]/g, '');
  if (names.has(bare)) return true;
  // Genitive: "annas", "anna's", "o'briens".
  return bare.endsWith('s') && names.has(bare.slice(0, -1));
}

/** The spans of name words in the text, with a genitive ending that follows outside the word ("Ali:s", "Lars'"). */
function nameSpans(text: string, names: Set<string>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(WORD)) {
    const word = fold(m[0]);
    const start = m.index;
    let end = start + m[0].length;
    if (isName(word, names)) {
      end += genitiveAfter(text, end, word);
      spans.push([start, end]);
    } else if (PARTICLES.has(word)) {
      spans.push([start, -end]);
    }
  }
  return spans;
}

/** The length of a genitive written after a name: ":s" (as after abbreviations) or, after s, x or z, a bare apostrophe. */
function genitiveAfter(text: string, end: number, word: string): number {
  const next = text.slice(end, end + 3);
  if (/^:s/.test(next) && !LETTER.test(next[2] ?? '')) return 2;
  if (/^['’]/.test(next) && /[sxz]$/.test(word) && !LETTER.test(next[1] ?? '')) return 1;
  return 0;
}

/**
 * Neighbouring names joined by a space or a hyphen become one span. A
 * particle (marked by a negative end) is masked only before a name: "van der
 * Berg" is one mask, "Anna de" keeps its "de".
 */
function merge(text: string, spans: Array<[number, number]>): Array<[number, number]> {
  const groups: Array<Array<{ start: number; end: number; particle: boolean }>> = [];
  for (const [start, signedEnd] of spans) {
    const item = { start, end: Math.abs(signedEnd), particle: signedEnd < 0 };
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (last && /^[ \u00a0-]$/.test(text.slice(last.end, start))) group.push(item);
    else groups.push([item]);
  }
  const out: Array<[number, number]> = [];
  for (const group of groups) {
    while (group.length && group[group.length - 1].particle) group.pop();
    if (group.length) out.push([group[0].start, group[group.length - 1].end]);
  }
  return out;
}
