/**
 * Finding personal data in text: pupils' names from the class list, any
 * other capitalised word a dictionary does not know (when one is given),
 * personnummer and samordningsnummer, e-mail addresses and phone numbers.
 * The sync anonymiser scrubs with it, and the judging view hides authors
 * with the name part. It errs towards finding too much: a false alarm costs
 * a word in a scrubbed text, a miss costs a pupil's privacy.
 */

export type PersonalDataKind = 'name' | 'personnummer' | 'email' | 'phone';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

const LETTER = '\\p{L}\\p{M}';

const EMAIL = new RegExp(`[${LETTER}\\p{N}._%+-]+@[${LETTER}\\p{N}-]+(?:\\.[${LETTER}\\p{N}-]+)*\\.[${LETTER}]{2,}`, 'gu');

/**
 * Personnummer in the common written forms: YYYYMMDD-NNNN, YYMMDD-NNNN,
 * YYMMDD+NNNN (over 100), without a separator, or with a space; the dash
 * may be any dash Word's autocorrect makes (–, —, −), with spaces around it,
 * and spaces may be non-breaking. Digits may not run on before or after;
 * letters may ("pnr850612-1234").
 */
const PERSONNUMMER = /(?<!\d)(?:19|20)?\d{6}(?:[ \u00a0\u202f]?[-+\u2010-\u2015\u2212][ \u00a0\u202f]?|[ \u00a0\u202f])?\d{4}(?!\d)/gu;

/**
 * Phone numbers: international (+46 70 …, 0046 8 …, +46 (0)8 …) or Swedish
 * with a leading 0 (070-123 45 67, 08-123 456 78, (08) 123 45 67), digits in
 * groups separated by single spaces, hyphens, slashes or dots. The group
 * counts bound the length, so two numbers in a row are not read as one.
 */
const PHONE = /(?<!\d)(?:(?:\+|00)\d{1,3}(?:\s?\(0\))?(?:[\s\-/.\u2010-\u2015\u2212]?\d){6,10}|(?:\(0\d{1,3}\)|0\d{1,3})(?:[\s\-/.\u2010-\u2015\u2212]?\d){5,8})(?!\d)/gu;

/** Luhn over the ten digits YYMMDDNNNN, as the Swedish Tax Agency computes the check digit. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A date part a personnummer could have: month 01–12, day 01–31, or 61–91 for a samordningsnummer. */
function plausibleDate(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
}

/**
 * A valid personnummer or samordningsnummer: a plausible date and a correct
 * check digit. Forms with 12 digits are checked on their last ten.
 */
export function isPersonnummer(written: string): boolean {
  const digits = written.replace(/\D/g, '');
  if (!/^(?:\d{10}|\d{12})$/.test(digits)) return false;
  const ten = digits.slice(-10);
  return plausibleDate(ten.slice(0, 6)) && luhnValid(ten);
}

/** Whole-word pattern for the class list's names and their parts, with a genitive s. */
function namePattern(names: readonly string[]): RegExp | null {
  const parts = [...new Set(names.flatMap((n) => n.split(/\s+/)).filter((n) => n.length > 1))];
  if (!parts.length) return null;
  // Longest first, so "Anna-Karin" wins over "Anna".
  parts.sort((a, b) => b.length - a.length);
  const escaped = parts.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![${LETTER}])(?:${escaped})(?:[':]?s)?(?![${LETTER}])`, 'giu');
}

/**
 * Whether a word, in lowercase, is an ordinary word of the text's language:
 * the spellcheck dictionary's answer. A capitalised word is taken for a name
 * when its lowercase form is not ordinary ("Ahmed", "Yilmaz", "Ahmeds"),
 * wherever it stands, or when it stands inside a sentence: "Lisa", "Björn"
 * and "Berg" are Swedish words too. A sentence-initial "Skolan" is kept.
 */
export type OrdinaryWord = (lowercase: string) => boolean;

/** A word of letters, with inner hyphens or apostrophes ("Jean-Luc", "O'Brien"). */
const WORD = new RegExp(`[${LETTER}]+(?:[-'’][${LETTER}]+)*`, 'gu');
const CAPITALISED = /^\p{Lu}/u;

/** The capitalised words of a text, lowercased and once each: what the dictionary is asked about. */
export function nameCandidates(text: string): string[] {
  return [...new Set((text.match(WORD) ?? []).filter((w) => CAPITALISED.test(w) && [...w].length > 1).map((w) => w.toLowerCase()))];
}

/** Whether the word at `at` begins a sentence: only spaces, quotes, brackets or dashes since the text's start or a . ! ? : or line break. */
function startsSentence(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    if ('.!?:\n'.includes(text[i])) return true;
    if (!/[\s"'“”«»([–—-]/u.test(text[i])) return false;
  }
  return true;
}

function capitalisedNames(text: string, isOrdinary: OrdinaryWord): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!CAPITALISED.test(word) || [...word].length < 2) continue;
    if (!isOrdinary(word.toLowerCase()) || !startsSentence(text, m.index)) found.push({ kind: 'name', start: m.index, end: m.index + word.length });
  }
  return found;
}

function matches(text: string, pattern: RegExp, kind: PersonalDataKind, keep: (found: string) => boolean = () => true): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const scan = new RegExp(pattern.source, pattern.flags);
  for (let m = scan.exec(text); m; m = scan.exec(text)) {
    if (keep(m[0])) found.push({ kind, start: m.index, end: m.index + m[0].length });
    // A candidate that is not kept must not hide one that starts inside it.
    else scan.lastIndex = m.index + 1;
  }
  return found;
}

/**
 * Every piece of personal data in the text, in text order, without overlaps
 * (the earlier, then the longer, wins). A number shaped like a personnummer
 * with a plausible date counts even when its check digit is wrong: a typo in
 * a real one is still personal. With `isOrdinary`, capitalised words are
 * names by the rule at OrdinaryWord, not only the class list's.
 */
export function findPersonalData(text: string, names: readonly string[], isOrdinary?: OrdinaryWord): PersonalDataMatch[] {
  const names_ = namePattern(names);
  const found = [
    ...matches(text, EMAIL, 'email'),
    ...matches(text, PERSONNUMMER, 'personnummer', (s) => plausibleDate(s.replace(/\D/g, '').slice(-10, -4))),
    ...matches(text, PHONE, 'phone', (s) => s.replace(/\D/g, '').length >= 8),
    ...(names_ ? matches(text, names_, 'name') : []),
    ...(isOrdinary ? capitalisedNames(text, isOrdinary) : []),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PersonalDataMatch[] = [];
  for (const m of found) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  return kept;
}

/**
 * The text with each piece of personal data replaced by its mask, repeated
 * until nothing is found: replacing one piece can bring another into view.
 */
export function scrubPersonalData(
  text: string,
  names: readonly string[],
  mask: (kind: PersonalDataKind) => string = (kind) => `[${kind}]`,
  isOrdinary?: OrdinaryWord,
): string {
  let current = text;
  for (let found = findPersonalData(current, names, isOrdinary); found.length; found = findPersonalData(current, names, isOrdinary)) {
    let out = '';
    let at = 0;
    for (const m of found) {
      out += current.slice(at, m.start) + mask(m.kind);
      at = m.end;
    }
    current = out + current.slice(at);
  }
  return current;
}

