import type { MatchEvidence, MatchEvidenceKind, MatchInput, Pupil } from '../contracts/pupils';
import { PupilMatch } from '../contracts/pupils';
import { fold, nameParts, withinOneEdit } from './names';

/**
 * Matching an essay to its pupil (issue #13). The essay names its author in
 * a few places: a labelled header, a first line of name, class and date, a
 * title line, an e-mail address, the document's author property, the file
 * name, a signature. Each place is read as a name on its own; a name anywhere
 * else in the text (a classmate, a character) is never evidence.
 *
 * The rule that matters most: no confident wrong match, since a wrong match
 * puts one pupil's grade on another. So a match is `matched` only when its
 * confidence reaches `matchThreshold` and stands `matchMargin` clear of the
 * runner-up, where the runner-up may be someone who is not on the class list
 * (a labelled header naming "Olle Persson" when the list has no Olle Persson).
 * Everything else with a candidate is `review`, for the teacher to decide.
 */

export const matchThreshold = 0.7;
export const matchMargin = 0.2;

/**
 * How much of a name a place gives: the whole name; a variant of it (first
 * name and the surname's initial, initial and surname, one part of a surname
 * of several, a name between first name and surname, the whole name among
 * other words in a file name); the first name alone; the surname alone.
 */
type Form = 'full' | 'variant' | 'first' | 'last';

/**
 * Strength of each place by how much of a name it gives. Only a whole name
 * can be matched: a first name, a surname, or a first name and an initial
 * may be someone not on the list (a new pupil, a sibling in another class),
 * so on their own they stay below the threshold (PARTIAL_CAP) wherever they
 * stand, and only rank candidates and add to a whole name found elsewhere.
 * A class with two pupils of one first name gives both the same strength.
 */
const STRENGTH: Record<MatchEvidenceKind, Record<Form, number>> = {
  'header-label': { full: 0.97, variant: 0.85, first: 0.6, last: 0.55 },
  'examnet-line': { full: 0.95, variant: 0.8, first: 0.6, last: 0.5 },
  'last-name-first': { full: 0.93, variant: 0.8, first: 0.5, last: 0.5 },
  'title-line': { full: 0.9, variant: 0.7, first: 0.5, last: 0.4 },
  email: { full: 0.92, variant: 0.8, first: 0.45, last: 0.4 },
  // Weak: often a teacher's or a shared account. It matches alone only as a pupil's whole name, and a header naming someone else outweighs it.
  'document-author': { full: 0.72, variant: 0.45, first: 0.35, last: 0.3 },
  'file-name': { full: 0.85, variant: 0.55, first: 0.45, last: 0.65 },
  signature: { full: 0.8, variant: 0.65, first: 0.45, last: 0.35 },
};

/** A first line with a name alone (no class or date) is a little weaker than Exam.net's name, class and date. */
const BARE_NAME_LINE: Record<Form, number> = { full: 0.92, variant: 0.7, first: 0.5, last: 0.4 };

/** A candidate whose every piece of evidence is a partial name stays below the threshold, however many places repeat it. */
const PARTIAL_CAP = matchThreshold - 0.01;

/** A misspelt name (one edit) counts for less than a name spelt right, and never matches alone (see toFound). */
const FUZZY_FACTOR = 0.85;

/** Lines at the top that may hold a header, and lines at the end that may hold a signature. */
const HEADER_LINES = 5;
const HEADER_MAX_WORDS = 12;
const SIGNATURE_LINES = 3;
const SIGNATURE_MAX_WORDS = 8;

const UNKNOWN = -1;

interface Known {
  id: string;
  first: string[];
  /** The first of several given names ("Anna" of "Anna Maria"); all of a hyphenated one ("Anna-Karin"). */
  given: string[];
  last: string[];
  email: string | null;
}

interface Reading {
  pupil: number;
  form: Form;
  factor: number;
  fuzzy: boolean;
}

interface Found {
  /** The pupil's index in the list, or UNKNOWN for a person not on the list. */
  pupil: number;
  kind: MatchEvidenceKind;
  strength: number;
  /** Not a whole name spelt right (a first name, a surname, an initial, a misspelling): never matched on its own. */
  partial: boolean;
  evidence: MatchEvidence;
}

/**
 * The pupil an essay belongs to, from its text, file name and author property.
 * Pure and deterministic; the output parses with PupilMatch.
 */
export function matchPupil(input: MatchInput, pupils: readonly Pupil[]): PupilMatch {
  const known: Known[] = pupils.map(knownName);
  const found = [...readText(input.text, known), ...readFileName(input.fileName, known), ...readAuthor(input.author, known)];
  return decide(found, known);
}

function knownName(p: Pupil): Known {
  const email = p.email ? fold(p.email.trim()) : null;
  let words = p.firstName.trim().split(/\s+/);
  let last = nameParts(p.lastName);
  // A list that gives the whole name in one column: its last word is the surname.
  if (!last.length && words.length > 1) {
    last = nameParts(words[words.length - 1]);
    words = words.slice(0, -1);
  }
  return { id: p.id, first: nameParts(words.join(' ')), given: nameParts(words[0]), last, email };
}

/**
 * Two essays on one pupil cannot both be theirs: an essay matched to a pupil
 * whom another essay claims goes to review too, keeping its candidates, for
 * the teacher to decide. An essay claims its pupil when it is matched, or in
 * review only because another essay named the same pupil (intake settles
 * essay by essay: a third essay on a pupil whose two are in review must not
 * be matched). A review because the evidence could not tell ("Namn: Anna" in
 * a class of two Annas) claims nobody. The teacher's own choice stands: it is
 * never sent back.
 */
export function settleDuplicates<K>(matches: ReadonlyMap<K, PupilMatch>): Map<K, PupilMatch> {
  const count = new Map<string, number>();
  for (const m of matches.values()) if (m.pupilId && claims(m)) count.set(m.pupilId, (count.get(m.pupilId) ?? 0) + 1);
  const out = new Map<K, PupilMatch>();
  for (const [key, m] of matches) {
    out.set(key, m.status === 'matched' && !m.byTeacher && m.pupilId && (count.get(m.pupilId) ?? 0) > 1 ? { ...m, status: 'review' } : m);
  }
  return out;
}

/** Whether a match names its pupil clearly enough to stand on its own: matched, or a review its evidence alone would have matched. */
function claims(m: PupilMatch): boolean {
  if (m.status === 'matched') return true;
  const [best, next] = m.candidates;
  return m.status === 'review' && best !== undefined && best.confidence >= matchThreshold && best.confidence - (next?.confidence ?? 0) >= matchMargin;
}

// ---------------------------------------------------------------------------------------------
// Deciding

function decide(found: Found[], known: Known[]): PupilMatch {
  const byPupil = new Map<number, Found[]>();
  for (const f of found) byPupil.set(f.pupil, [...(byPupil.get(f.pupil) ?? []), f]);
  const scored = [...byPupil].map(([pupil, items]) => ({ pupil, items, score: score(items) }));
  const pupilsOnly = scored.filter((s) => s.pupil !== UNKNOWN).sort((a, b) => b.score - a.score || a.pupil - b.pupil);
  const unknown = scored.find((s) => s.pupil === UNKNOWN)?.score ?? 0;
  if (!pupilsOnly.length) return PupilMatch.parse({ status: 'none', pupilId: null, confidence: 0, evidence: evidenceList(found, null), candidates: [] });
  const [top, second] = pupilsOnly;
  const runnerUp = Math.max(second?.score ?? 0, unknown);
  const confident = top.score >= matchThreshold && top.score - runnerUp >= matchMargin;
  return PupilMatch.parse({
    status: confident ? 'matched' : 'review',
    pupilId: known[top.pupil].id,
    confidence: round(top.score),
    evidence: evidenceList(found, top.pupil),
    candidates: pupilsOnly.slice(0, 3).map((s) => ({ pupilId: known[s.pupil].id, confidence: round(s.score) })),
  });
}

/**
 * Evidence from different places combines (each one the others did not
 * explain: 1 − ∏(1 − s)); the same place counts once, at its strongest.
 */
function score(items: Found[]): number {
  const byKind = new Map<MatchEvidenceKind, number>();
  for (const f of items) byKind.set(f.kind, Math.max(byKind.get(f.kind) ?? 0, f.strength));
  let miss = 1;
  for (const s of byKind.values()) miss *= 1 - s;
  let total = 1 - miss;
  if (items.every((f) => f.partial)) total = Math.min(total, PARTIAL_CAP);
  return total;
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

/** The chosen pupil's evidence first, strongest first; then what speaks for others, so a review shows why. */
function evidenceList(found: Found[], pupil: number | null): MatchEvidence[] {
  const ranked = [...found].sort((a, b) => Number(b.pupil === pupil) - Number(a.pupil === pupil) || b.strength - a.strength);
  const out: MatchEvidence[] = [];
  const seen = new Set<string>();
  for (const f of ranked) {
    const key = `${f.evidence.kind}|${f.evidence.line ?? ''}|${f.evidence.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f.evidence);
    if (out.length === 8) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading a written name

/**
 * The ways a name written in one place reads as a pupil's. `parts` are the
 * folded parts of what was written there, and nothing else. `commaReversed`:
 * it was written "Efternamn, Förnamn". `trailing`: words may follow a whole
 * name (a labelled header whose line ran on into the text). `reversedFactor`:
 * how much a name read in reverse order counts without a comma.
 */
function readName(parts: string[], known: Known[], { commaReversed = false, trailing = false, reversedFactor = 0.85 } = {}): Reading[] {
  if (!parts.length || parts.length > 6) return [];
  const readings: Reading[] = [];
  known.forEach((k, pupil) => {
    for (const r of readingsOf(parts, k, commaReversed ? 1 : reversedFactor, commaReversed, trailing)) readings.push({ pupil, ...r });
  });
  // A name that reads exactly as one pupil's whole name is not also a misspelling of another's.
  return readings.some((r) => !r.fuzzy && r.form === 'full') ? readings.filter((r) => !r.fuzzy) : readings;
}

function readingsOf(parts: string[], k: Known, reversed: number, commaReversed: boolean, trailing: boolean): Omit<Reading, 'pupil'>[] {
  const out: Omit<Reading, 'pupil'>[] = [];
  const { first, given, last } = k;
  const severalGiven = given.length < first.length;
  const ends = (end: number) => end === parts.length || (trailing && end < parts.length);
  const full = (sequence: string[][], factor: number) => {
    const fuzzy = sequenceMatch(parts, sequence.flat());
    if (fuzzy === null || !ends(sequence.flat().length)) return;
    out.push({ form: 'full', factor: factor * (fuzzy ? FUZZY_FACTOR : 1), fuzzy });
  };
  // "Efternamn Förnamn" without a comma may also be a name in its usual order ("Ali Hassan", "Hassan Ali"): the usual order reads stronger.
  const forward = commaReversed ? 0.5 : 1;
  if (last.length) {
    full([first, last], forward);
    full([last, first], reversed);
    if (severalGiven) {
      // "Anna Maria" on the list, "Anna Lindqvist" on the essay.
      full([given, last], 0.95 * forward);
      full([last, given], 0.95 * reversed);
    }
    // One part of a surname of several ("Sara Nilsson" for Sara Ek Nilsson) is a partial name: it may be someone else's whole one.
    if (last.length > 1) {
      for (const part of last) {
        if (part.length >= 3 && parts.length === first.length + 1 && exact(parts, first, 0) && parts[first.length] === part) out.push({ form: 'variant', factor: 0.9, fuzzy: false });
      }
    }
    // A middle name the list leaves out ("Anna Maria Lindqvist"), or another name altogether ("Anna-Karin Lindqvist"): partial.
    if (parts.length === first.length + last.length + 1 && exact(parts, first, 0) && exact(parts, last, first.length + 1)) {
      out.push({ form: 'variant', factor: 0.95, fuzzy: false });
    }
    // "Anna L" or "Anna L."
    if (parts.length === first.length + 1 && exact(parts, first, 0) && parts[first.length] === last[0][0]) {
      out.push({ form: 'variant', factor: 1, fuzzy: false });
    }
    if (parts.length === last.length && exact(parts, last, 0) && last.join('').length >= 3) out.push({ form: 'last', factor: 1, fuzzy: false });
  }
  if (parts.length === first.length && exact(parts, first, 0)) out.push({ form: 'first', factor: 1, fuzzy: false });
  else if (severalGiven && parts.length === given.length && exact(parts, given, 0)) out.push({ form: 'first', factor: 0.9, fuzzy: false });
  return out;
}

function exact(parts: string[], name: string[], at: number): boolean {
  return name.every((p, i) => parts[at + i] === p);
}

/**
 * Whether `parts` begins with `name`, allowing one misspelt part (one edit,
 * between words of five letters or more: "Berg" is not a misspelt "Öberg").
 * Null when it does not; else whether a misspelling was needed.
 */
function sequenceMatch(parts: string[], name: string[]): boolean | null {
  if (parts.length < name.length) return null;
  let fuzzy = false;
  for (let i = 0; i < name.length; i++) {
    if (parts[i] === name[i]) continue;
    if (fuzzy || name[i].length < 5 || parts[i].length < 5 || !withinOneEdit(parts[i], name[i])) return null;
    fuzzy = true;
  }
  return fuzzy;
}

function toFound(readings: Reading[], kind: MatchEvidenceKind, evidence: MatchEvidence, strengths: Record<Form, number> = STRENGTH[kind]): Found[] {
  // Several readings of one place for the same pupil (forward and reversed): the best counts.
  const best = new Map<number, Reading & { strength: number }>();
  for (const r of readings) {
    const strength = strengths[r.form] * r.factor;
    if (strength > (best.get(r.pupil)?.strength ?? -1)) best.set(r.pupil, { ...r, strength });
  }
  return [...best.values()].map((r) => ({
    pupil: r.pupil,
    kind,
    strength: r.strength,
    // A misspelt whole name may be someone else's right one ("Persson" and "Pehrsson", "Hansson" and "Månsson"): it ranks, but does not match alone.
    partial: r.form !== 'full' || r.fuzzy,
    evidence,
  }));
}

function unknownPerson(kind: MatchEvidenceKind, strength: number, evidence: MatchEvidence): Found {
  return { pupil: UNKNOWN, kind, strength, partial: false, evidence };
}

function evidenceOf(kind: MatchEvidenceKind, text: string, line?: number): MatchEvidence {
  const clipped = [...text.trim()].slice(0, 300).join('');
  return line === undefined ? { kind, text: clipped } : { kind, text: clipped, line };
}

// ---------------------------------------------------------------------------------------------
// Words around a name: class, date and the like

const MONTHS = new Set([
  'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
  'mandag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lordag', 'sondag',
]);
const META_WORDS = new Set([
  'klass', 'kl', 'ak', 'arskurs', 'grupp', 'class', 'grade', 'year', 'datum', 'date', 'den', 'elev', 'svenska', 'engelska', 'sv', 'eng',
  'uppsats', 'uppgift', 'inlamning', 'essay', 'prov', 'examination', 'exam', 'ht', 'vt',
]);

/** A class ("9B", "9 b", "NA21b", "TE1"), a date ("2026-03-12", "12/3", "12", "2026") or a word that goes with them ("klass", "mars"). */
function isMeta(raw: string): boolean {
  const t = fold(raw).replace(/[.,;:()[\]]+$/g, '').replace(/^[([]+/, '');
  if (!t) return true;
  if (/\d/.test(t)) return /^[\p{L}]{0,4}\d{1,4}[\p{L}]{0,3}$/u.test(t) || /^[\d./\-:]+$/.test(t);
  return MONTHS.has(t) || META_WORDS.has(t);
}

/** A class code ("9B", "9 b") or a full date ("2026-03-12", "12/3", "12 mars"): what makes a line a header. */
function hasClassOrDate(text: string): boolean {
  const t = fold(text);
  return /(?:^|\s)\d{1,2}\s?[a-z]{1,2}(?:\s|$)/.test(t) || /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}/.test(t) || [...MONTHS].some((m) => new RegExp(`\\d\\s*${m}(?:\\s|$)`).test(t));
}

/** A word as names are written: letters with inner hyphens or apostrophes, or an initial ("L."). */
const NAME_WORD = /^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*\.?$/u;
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'af', 'al', 'el', 'bin', 'ibn', 'da', 'di', 'du', 'la', 'le', 'ten', 'ter', 'dos', 'das']);

interface NameSegment {
  /** The words that may be a name, as written. */
  words: string[];
  /** Whether class or date words followed them. */
  meta: boolean;
  /** Whether anything else followed them. */
  rest: boolean;
}

/** Splits a piece of a line into the words of a name, then class and date words, then anything else. */
function nameSegment(segment: string): NameSegment {
  const raw = segment.trim().split(/\s+/).filter(Boolean);
  let n = 0;
  while (n < raw.length && NAME_WORD.test(raw[n]) && !(n > 0 && isMeta(raw[n]) && raw.slice(n).every(isMeta))) n++;
  const after = raw.slice(n);
  const meta = after.length > 0 && after.every(isMeta);
  return { words: raw.slice(0, n), meta, rest: after.length > 0 && !meta };
}

function partsOf(words: string[]): string[] {
  return words.flatMap((w) => nameParts(w));
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/**
 * Whether words that read as nobody on the list still look like a person's
 * name: two to four capitalised words, one of them a first name or surname
 * from the list ("Anna Svensson" when the class has an Anna, but not her).
 * A title such as "Min sommar" does not.
 */
function looksLikeSomeoneElse(words: string[], known: Known[]): boolean {
  if (words.length < 2 || words.length > 4) return false;
  if (!words.every((w) => isCapitalised(w) || PARTICLES.has(fold(w)))) return false;
  const parts = partsOf(words);
  return known.some((k) => parts[0] === k.first[0] || (k.last.length > 0 && parts[parts.length - 1] === k.last[k.last.length - 1]));
}

// ---------------------------------------------------------------------------------------------
// The text

interface Line {
  text: string;
  index: number;
  words: number;
}

const LABEL =
  /(?:^|[\s,;|])(elevens\s+namn|för-\s*och\s+efternamn|fullständigt\s+namn|student\s+name|full\s+name|namn|elev|författare|skribent|name|student|author|pupil)\s*[:：]\s*/giu;
const WRITTEN_BY = /^(?:skriven\s+av|skrivet\s+av|av|written\s+by|by)\s+/iu;
const ANY_LABEL = /\s\p{L}+\s*[:：]\s/u;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

function readText(text: string, known: Known[]): Found[] {
  const lines: Line[] = text
    .split('\n')
    .map((t, index) => ({ text: t.trim(), index, words: t.trim().split(/\s+/).filter(Boolean).length }))
    .filter((l) => l.text);
  const header: Line[] = [];
  for (const line of lines.slice(0, HEADER_LINES)) {
    header.push(line);
    // A long line is the essay itself: the header is above it. It is still read for a label (a PDF may join the header to the first paragraph).
    if (line.words > HEADER_MAX_WORDS) break;
  }
  const signature: Line[] = [];
  for (const line of lines.slice(header.length).reverse()) {
    if (signature.length === SIGNATURE_LINES || line.words > SIGNATURE_MAX_WORDS) break;
    signature.push(line);
  }
  const found: Found[] = [];
  for (const line of header) {
    const labelled = readLabels(line, known);
    found.push(...labelled.found, ...readEmails(line, known));
    if (!labelled.any && line.words <= HEADER_MAX_WORDS) found.push(...readHeaderLine(line, known));
  }
  for (const line of signature) found.push(...readSignature(line, known));
  return found;
}

/** "Namn: Anna Lindqvist", "Elev: Lindqvist, Anna", "Klass: 9B Namn: Anna". The value runs to the next label or separator. */
function readLabels(line: Line, known: Known[]): { any: boolean; found: Found[] } {
  const found: Found[] = [];
  let any = false;
  const head = line.text.slice(0, 200);
  const written = WRITTEN_BY.exec(head);
  const values: string[] = [];
  for (const m of head.matchAll(LABEL)) {
    // "Namn:" at the start, after a separator, after a class or a date, or after another label's value; not "Lärarens namn:".
    const before = head.slice(0, m.index + m[0].length - m[0].trimStart().length).trimEnd();
    const lastWord = before.split(/\s+/).pop() ?? '';
    if (before === '' || /[,;|:：)\]]$/.test(before) || isMeta(lastWord) || /[:：]/.test(before)) values.push(head.slice(m.index + m[0].length));
  }
  if (written && line.words <= HEADER_MAX_WORDS) values.push(head.slice(written[0].length));
  for (let value of values) {
    any = true;
    const next = ANY_LABEL.exec(value);
    if (next) value = value.slice(0, next.index);
    value = value.split(/[;|(\t]|\s[-–—]\s|\s{2,}/)[0];
    const evidence = evidenceOf('header-label', line.text, line.index);
    const readings = readCommaName(value, known);
    if (readings.length) {
      found.push(...toFound(readings, 'header-label', evidence));
      continue;
    }
    const segment = nameSegment(value.split(',')[0]);
    let words = segment.words;
    const runOn = segment.rest || words.length > 4;
    // Where the line ran on into the text (a PDF joins short lines), only the capitalised words right after the label
    // can be the name, and only a whole name is read from them: a first name there may be followed by a surname not on the list.
    if (runOn) words = words.slice(0, 4).filter((_, i) => words.slice(0, i + 1).every((w) => isCapitalised(w) || PARTICLES.has(fold(w))));
    const name = readName(partsOf(words), known, { trailing: runOn }).filter((r) => !runOn || r.form === 'full');
    if (name.length) found.push(...toFound(name, 'header-label', evidence));
    // A name after a label that is nobody's on the list: the essay is someone else's, and that outweighs weaker places.
    else if (words.length && isCapitalised(words[0])) found.push(unknownPerson('header-label', STRENGTH['header-label'].full, evidence));
  }
  return { any, found };
}

/** "Lindqvist, Anna" (then perhaps ", 9B"): the readings of the two first comma-separated pieces as surname and first name. */
function readCommaName(value: string, known: Known[]): Reading[] {
  const pieces = value.split(',');
  if (pieces.length < 2) return [];
  const surname = nameSegment(pieces[0]);
  const firstName = nameSegment(pieces[1]);
  if (!surname.words.length || surname.rest || surname.meta || !firstName.words.length || firstName.rest) return [];
  if (!pieces.slice(2).every((p) => nameSegment(p).words.length === 0)) return [];
  return readName(partsOf([...surname.words, ...firstName.words]), known, { commaReversed: true });
}

/**
 * An unlabelled line at the top: a name alone, or with class and date
 * ("Anna Lindqvist 9B 2026-03-12", "Anna Lindqvist, 9B, 12 mars 2026"); the
 * name "Efternamn, Förnamn"; or a title with the name on one side of a dash
 * ("Anna Lindqvist – Min sommar").
 */
function readHeaderLine(line: Line, known: Known[]): Found[] {
  const comma = readCommaName(line.text, known);
  if (comma.length) {
    const pieces = line.text.split(',');
    const meta = pieces.slice(2).every((p) => nameSegment(p).words.length === 0 && p.trim().split(/\s+/).every(isMeta));
    if (meta) return toFound(comma, 'last-name-first', evidenceOf('last-name-first', line.text, line.index));
  }
  const pieces = line.text.split(/,|\s[-–—|]\s|[()\t]/).map((p) => p.trim()).filter(Boolean);
  if (!pieces.length) return [];
  const first = nameSegment(pieces[0]);
  const others = pieces.slice(1);
  const allMeta = !first.rest && others.every((p) => p.split(/\s+/).every(isMeta));
  if (allMeta && first.words.length) {
    const hasMeta = first.meta || others.length > 0;
    const kind: MatchEvidenceKind = 'examnet-line';
    const evidence = evidenceOf(kind, line.text, line.index);
    const readings = readName(partsOf(first.words), known);
    // A name first, surname last, in a line of its own: read as "Efternamn Förnamn" only through the reversed reading's lower factor.
    if (readings.length) return toFound(readings, kind, evidence, hasMeta ? STRENGTH[kind] : BARE_NAME_LINE);
    const header = hasMeta && others.concat(first.meta ? [pieces[0]] : []).some(hasClassOrDate);
    if (looksLikeSomeoneElse(first.words, known) || (header && first.words.length >= 2 && first.words.length <= 4 && first.words.every(isCapitalised))) {
      return [unknownPerson(kind, header ? 0.9 : 0.6, evidence)];
    }
    return [];
  }
  // A title line: the name alone on the first or the last side of a dash.
  const sides = line.text.split(/\s[-–—|]\s|\s?[–—]\s?/).map((p) => p.trim()).filter(Boolean);
  if (sides.length < 2) return [];
  for (const side of [sides[0], sides[sides.length - 1]]) {
    const segment = nameSegment(side);
    if (!segment.words.length || segment.rest) continue;
    const evidence = evidenceOf('title-line', line.text, line.index);
    const readings = readName(partsOf(segment.words), known);
    if (readings.length) return toFound(readings, 'title-line', evidence);
    if (looksLikeSomeoneElse(segment.words, known)) return [unknownPerson('title-line', 0.5, evidence)];
  }
  return [];
}

const GREETING =
  /^(?:(?:med\s+)?(?:vänliga\s+|bästa\s+|många\s+)?(?:hälsningar|hälsning)|mvh|m\.v\.h\.?|vh|hälsar|kram(?:ar)?|hej\s+då|skriven\s+av|skrivet\s+av|av|från|(?:best\s+|kind\s+)?regards|sincerely|yours|from|by)(?![\p{L}])[\s,.:!]*/iu;

/** "/Anna", "– Anna Lindqvist", "Hälsningar Anna L", "Mvh, Anna": a name alone on one of the last lines. */
function readSignature(line: Line, known: Known[]): Found[] {
  const text = line.text
    .replace(/^[\s/\\\-–—~*]+/, '')
    .replace(GREETING, '')
    .replace(/[\s.!,]+$/, '');
  const segment = nameSegment(text);
  if (!segment.words.length || segment.rest || segment.words.length > 4) return [];
  const evidence = evidenceOf('signature', line.text, line.index);
  const readings = readName(partsOf(segment.words), known);
  if (readings.length) return toFound(readings, 'signature', evidence);
  return looksLikeSomeoneElse(segment.words, known) ? [unknownPerson('signature', 0.4, evidence)] : [];
}

function readEmails(line: Line, known: Known[]): Found[] {
  const found: Found[] = [];
  for (const m of line.text.matchAll(EMAIL)) found.push(...readAddress(m[0], known, 'email', evidenceOf('email', line.text, line.index)));
  return found;
}

/**
 * An address, or an account name, whose local part spells a pupil's name:
 * "anna.lindqvist", "lindqvist.anna", "annalindqvist", "alindqvist",
 * "anna.l", digits ignored. An address on the class list is the strongest.
 */
function readAddress(address: string, known: Known[], kind: MatchEvidenceKind, evidence: MatchEvidence): Found[] {
  const folded = fold(address.trim());
  // A class ("9b") in the address is not part of the name; other digits ("anna.lindqvist2") are dropped.
  const local = folded
    .split('@')[0]
    .split(/[._-]+/)
    .filter((piece) => !/^\d+[a-z]{0,2}$/.test(piece))
    .join('.');
  const letters = local.replace(/['’]/g, '').replace(/[^\p{L}]+/gu, '');
  if (letters.length < 2) return [];
  const readings: Reading[] = [];
  known.forEach((k, pupil) => {
    if (k.email && k.email === folded) {
      readings.push({ pupil, form: 'full', factor: 1.05, fuzzy: false });
      return;
    }
    const f = k.first.join('');
    const l = k.last.join('');
    let form: Form | null = null;
    let factor = 1;
    if (l && (letters === f + l || letters === l + f)) form = 'full';
    else if (l && k.given.length < k.first.length && (letters === k.given.join('') + l || letters === l + k.given.join(''))) [form, factor] = ['full', 0.95];
    // A school's account format, initial and surname ("alindqvist"): partial, since "Axel Lindqvist" has it too.
    else if (l && l.length >= 4 && letters === f[0] + l) form = 'variant';
    else if (l && letters === f + l[0]) [form, factor] = ['variant', 0.75];
    else if (letters === f) form = 'first';
    if (form) readings.push({ pupil, form, factor, fuzzy: false });
  });
  const strengths = kind === 'email' ? STRENGTH.email : scaled(STRENGTH.email, STRENGTH[kind].full / STRENGTH.email.full);
  return toFound(readings, kind, evidence, strengths).map((f) => ({ ...f, strength: Math.min(f.strength, 0.98) }));
}

function scaled(strengths: Record<Form, number>, by: number): Record<Form, number> {
  return { full: strengths.full * by, variant: strengths.variant * by, first: strengths.first * by, last: strengths.last * by };
}

// ---------------------------------------------------------------------------------------------
// File name and author property

/** Words in file names that are not names ("Anna Lindqvist - Uppsats.docx", "slutversion"). */
const FILE_WORDS = new Set([
  'uppsats', 'uppsatsen', 'essay', 'essa', 'text', 'texten', 'slutversion', 'final', 'version', 'ver', 'inlamning', 'kopia', 'copy', 'utkast', 'draft',
  'klar', 'ny', 'nya', 'svenska', 'engelska', 'svar', 'uppgift', 'dokument', 'document', 'namnlos', 'untitled', 'docx', 'odt', 'pdf', 'rtf', 'txt',
  'argumenterande', 'beskrivande', 'berattande', 'berattelse', 'novell', 'debattartikel', 'insandare', 'analys', 'rapport', 'fil', 'of', 'av', 'och', 'om',
  'ht', 'vt', 'klass', 'prov', 'min', 'mitt',
]);

/**
 * The file's own name (the last segment of its path), read for a name as
 * whole words in order: "anna_lindqvist.docx", "Lindqvist Anna - Uppsats.docx",
 * "AnnaLindqvist.pdf", "anna-lindqvist-slutversion.odt". A whole name counts
 * as one only when the rest of its part of the name (between " - ") is words
 * that files are named with ("uppsats", "slutversion") or numbers: in
 * "Lindqvist Anna-Karin" or "van der Berg Anna" the name is someone else's.
 */
function readFileName(fileName: string, known: Known[]): Found[] {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const evidence = evidenceOf('file-name', base);
  const readings: Reading[] = [];
  for (const piece of stem.split(/\s+[-–—]\s+|_-_|[()[\]]/)) readings.push(...readFileNamePiece(piece, known));
  const found = toFound(readings, 'file-name', evidence);
  if (!found.length) {
    // A Google Classroom name "Förnamn Efternamn - Titel" whose name is nobody's on the list.
    const segment = nameSegment(stem.split(/\s[-–—]\s/)[0]);
    if (segment.words.length && !segment.rest && looksLikeSomeoneElse(segment.words, known)) return [unknownPerson('file-name', STRENGTH['file-name'].first, evidence)];
  }
  return found;
}

function readFileNamePiece(piece: string, known: Known[]): Reading[] {
  const words = piece
    // A class or a number ("9b", "04", "v2") is no part of a name.
    .replace(/(?<![\p{L}])\p{L}?\d+\p{L}{0,2}(?![\p{L}])/gu, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}\p{M}'’]+/u)
    .filter(Boolean);
  const parts = words.flatMap((w) => nameParts(w).map((part) => ({ part, capitalised: isCapitalised(w) })));
  const tokens = parts.map((p) => p.part);
  const readings: Reading[] = [];
  /** Whether every word outside [from, to) is a word files are named with. */
  const alone = (from: number, to: number) => tokens.every((t, i) => (i >= from && i < to) || FILE_WORDS.has(t) || t.length === 1);
  // Words that are part of a pupil's whole name: no one else's first name or surname is read from them.
  const covered = new Set<number>();
  for (let at = 0; at < tokens.length; at++) {
    // Teachers often name files surname first ("Lindqvist Anna"), so in a file name both orders count nearly alike.
    for (const r of readName(tokens.slice(at), known, { trailing: true, reversedFactor: 0.97 })) {
      if (r.form !== 'full') continue;
      const own = [...known[r.pupil].first, ...known[r.pupil].last];
      let end = at;
      while (end < tokens.length && own.some((p) => withinOneEdit(p, tokens[end]))) end++;
      for (let j = at; j < end; j++) covered.add(j);
      readings.push(alone(at, end) ? r : { ...r, form: 'variant' });
    }
  }
  known.forEach((k, pupil) => {
    if (readings.some((r) => r.pupil === pupil)) return;
    const f = k.first.join('');
    const l = k.last.join('');
    for (let at = 0; at < tokens.length; at++) {
      if (covered.has(at)) continue;
      const t = tokens[at];
      if (l && (t === f + l || t === l + f)) readings.push({ pupil, form: alone(at, at + 1) ? 'full' : 'variant', factor: 1, fuzzy: false });
      else if (l && l.length >= 4 && t === f[0] + l) readings.push({ pupil, form: 'variant', factor: 1, fuzzy: false });
      else if (exact(tokens, k.first, at)) {
        const after = tokens[at + k.first.length];
        if (l && after === l[0]) readings.push({ pupil, form: 'variant', factor: 1, fuzzy: false });
        // "Anna Svensson - Uppsats" when the list's Anna is someone else: a capitalised word after the first name is another surname.
        else if (after && !FILE_WORDS.has(after) && parts[at + k.first.length].capitalised && after.length > 1) continue;
        else readings.push({ pupil, form: 'first', factor: 1, fuzzy: false });
      } else if (l && l.length >= 3 && exact(tokens, k.last, at)) readings.push({ pupil, form: 'last', factor: 1, fuzzy: false });
    }
  });
  return readings;
}

/** Names that accounts and templates carry and that are nobody's: they never name a pupil, whatever the list says. */
const NOT_A_PERSON =
  /^(?:lärare|larare|elev|elever|student|teacher|admin|administrator|user|användare|skola|skolans\s+dator|dator|microsoft\s+office\s+user|office|windows\s+user|owner|ägare|unknown|okänd)(?![\p{L}])/iu;

/** The document's author property: a whole name, "Efternamn, Förnamn", or an account ("anna.lindqvist@skola.se", "alindqvist"). */
function readAuthor(author: string | undefined, known: Known[]): Found[] {
  const value = author?.trim();
  if (!value || NOT_A_PERSON.test(value)) return [];
  const evidence = evidenceOf('document-author', value);
  if (value.includes('@') || (!/\s/.test(value) && /[._\d]/.test(value))) return readAddress(value, known, 'document-author', evidence);
  const comma = readCommaName(value, known);
  if (comma.length) return toFound(comma, 'document-author', evidence);
  const segment = nameSegment(value);
  if (!segment.words.length || segment.rest) return [];
  const readings = readName(partsOf(segment.words), known);
  if (readings.length) return toFound(readings, 'document-author', evidence);
  // A single word that is no one's name may be an account that spells one ("alindqvist").
  if (segment.words.length === 1) return readAddress(value, known, 'document-author', evidence);
  return [];
}
