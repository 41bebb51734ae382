import Papa from 'papaparse';
import {
  ClassListReadResult,
  type ClassListColumns,
  type ClassListErrorCode,
  type PupilName,
} from '../contracts/pupils';
import { findPersonalData, isPersonnummer } from '../text/personal-data';

/**
 * Class lists from the rows of a table, from pasted text and from CSV text
 * (issue #13). Pure, so the renderer previews pasted text without main; main
 * reads files (`src-main/pupils/class-list-file.ts`) and hands their rows
 * here. Personnummer never reach a preview: columns holding them are left
 * out and named in `droppedPersonnummerColumns`, and any found inside a
 * name, e-mail address or class is cut out.
 */

export const classListLimits = {
  /** A class list file, or pasted text, larger than this is refused before it is read. */
  maxFileBytes: 5 * 1024 * 1024,
  maxTextChars: 5 * 1024 * 1024,
  /** What a workbook may inflate to, by its own declaration, before exceljs is let at it. */
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxPupils: 1000,
} as const;

/** One row of a table, numbered as its source numbers it (1-based), with its cells as text. */
export interface ClassListRow {
  row: number;
  cells: readonly string[];
}

/**
 * The label under which personnummer cut out of names are reported: a line
 * of pasted text has no header to name.
 */
export const PERSONNUMMER_LABEL = 'Personnummer';

export function classListError(code: ClassListErrorCode): ClassListReadResult {
  return { ok: false, code };
}

/**
 * Pasted text, or a .txt file: one pupil per line ("Förnamn Efternamn" or
 * "Efternamn, Förnamn"). Lines with tabs were copied from a spreadsheet and
 * are read as its rows, as are lines that all hold semicolons (an export
 * saved as text).
 */
export function parsePastedClassList(text: string): ClassListReadResult {
  if (text.length > classListLimits.maxTextChars) return classListError('CLASS_LIST_TOO_LARGE');
  const body = withoutBom(text).replace(/\r\n?/g, '\n');
  const lines = body.split('\n');
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.some((l) => l.includes('\t'))) return classListFromRows(delimitedRows(body, '\t'));
  if (filled.length > 0 && filled.every((l) => l.includes(';'))) return classListFromRows(delimitedRows(body, ';'));
  return classListFromRows(lines.map((line, i) => ({ row: i + 1, cells: [line] })));
}

/**
 * CSV text as school systems and spreadsheets export it: separated by
 * semicolons, commas or tabs (papaparse guesses which), with quoted fields.
 * A comma-separated file of at most two fields a row, with no header or only
 * one column under it, is a list written "Efternamn, Förnamn", not two columns.
 */
export function parseCsvClassList(text: string): ClassListReadResult {
  if (text.length > classListLimits.maxTextChars) return classListError('CLASS_LIST_TOO_LARGE');
  const body = withoutBom(text);
  const guessed = Papa.parse<string[]>(body, { delimitersToGuess: [';', '\t', ',', '|'], skipEmptyLines: 'greedy', preview: 20 });
  const delimiter = guessed.meta.delimiter || ',';
  const rows = delimitedRows(body, delimiter);
  const header = findHeader(rows);
  const filledCells = (r: ClassListRow) => r.cells.filter((c) => clean(c) !== '').length;
  const oneColumn = header !== null && (filledCells(rows[header.index]) === 1 || rows.slice(header.index + 1).every((r) => filledCells(r) <= 1));
  if (delimiter === ',' && rows.every((r) => r.cells.length <= 2) && (header === null || oneColumn)) {
    return classListFromRows(delimitedRows(body, '\u001f'));
  }
  return classListFromRows(rows);
}

function delimitedRows(text: string, delimiter: string): ClassListRow[] {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  return parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map(String) }));
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Header recognition ----------------------------------------------------------

type Role = 'personnummer' | 'birthDate' | 'ignored' | 'email' | 'fullLastFirst' | 'fullFirstLast' | 'full' | 'firstName' | 'lastName' | 'className';

const NAME_ROLES: ReadonlySet<Role> = new Set(['fullLastFirst', 'fullFirstLast', 'full', 'firstName', 'lastName']);

/** Lowercase, without diacritics or punctuation: "E-post" and "Förnamn:" become "e post" and "fornamn". */
function headerForm(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const words = (list: string): Set<string> => new Set(list.split('|'));
const EXACT: [Role, Set<string>][] = [
  ['fullLastFirst', words('efternamn fornamn|efternamn och fornamn|namn efternamn fornamn|last name first name|lastname firstname|surname first name|surname given name|family name given name|last first')],
  ['fullFirstLast', words('fornamn efternamn|fornamn och efternamn|namn fornamn efternamn|first name last name|firstname lastname|given name surname|first last|full name|fullstandigt namn|hela namnet')],
  ['firstName', words('fornamn|tilltalsnamn|first name|firstname|given name|given names|forename|forenames|first')],
  ['lastName', words('efternamn|last name|lastname|surname|family name|last')],
  ['full', words('namn|name|names|elev|elever|elevnamn|elevens namn|elev namn|student|students|student name|students name|pupil|pupils|pupil name|person')],
  ['className', words('klass|klasser|class|grupp|group|klassnamn|class name|undervisningsgrupp|basgrupp|mentorsgrupp|klass grupp')],
];
/** Other people's names and addresses in school exports: guardians, mentors. */
const OTHER_PEOPLE = /\b(vardnadshavare|vh|guardian|guardians|parent|parents|foralder|foraldrar|malsman|mentor|larare|teacher|kontaktperson|contact)\b/;
const PERSONNUMMER_HEADER = /\b(personnummer|personnr|pnr|person nr|personal identity number|personal number|personal id|ssn|samordningsnummer|samordningsnr|fodelsenummer)\b/;
const BIRTH_DATE_HEADER = /\b(fodelsedatum|fodd|birth date|birthdate|date of birth|dob)\b/;
const EMAIL_HEADER = /\b(e ?post|e ?mail|mejl|mail)(adress| address)?\b/;
/** Words around a header that say whose it is: "Elevens förnamn". */
const FILLER = /\b(elevens|elev|elevs|students|student|pupils|pupil|the)\b/g;

function roleOf(cell: string): Role | null {
  if (cell.includes('@') || /\d{3}/.test(cell)) return null;
  const form = headerForm(cell);
  if (!form) return null;
  if (PERSONNUMMER_HEADER.test(form)) return 'personnummer';
  if (BIRTH_DATE_HEADER.test(form)) return 'birthDate';
  if (OTHER_PEOPLE.test(form)) return 'ignored';
  if (EMAIL_HEADER.test(form)) return 'email';
  const bare = form.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
  for (const [role, set] of EXACT) if (set.has(form) || (bare && set.has(bare))) return role;
  return null;
}

/** The header row: among the first rows with content, the first that names a name column, else the first with any known header. */
function findHeader(rows: readonly ClassListRow[]): { index: number; roles: (Role | null)[] } | null {
  let fallback: { index: number; roles: (Role | null)[] } | null = null;
  let seen = 0;
  for (let i = 0; i < rows.length && seen < 10; i++) {
    if (rows[i].cells.every((c) => clean(c) === '')) continue;
    seen++;
    const roles = rows[i].cells.map((c) => roleOf(clean(c)));
    if (roles.some((r) => r !== null && NAME_ROLES.has(r))) return { index: i, roles };
    if (!fallback && roles.some((r) => r !== null)) fallback = { index: i, roles };
  }
  return fallback;
}

// Values ----------------------------------------------------------------------

/** NFC, no control characters, single spaces, trimmed. */
function clean(cell: string): string {
  return cell
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u00ad\u200b-\u200d\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A whole value shaped like a personnummer or samordningsnummer (also the school systems' reserve numbers, "T123"), with a plausible date. */
const PERSONNUMMER_VALUE = /^(?:19|20)?(\d{6}) ?[-+\u2010-\u2015\u2212]? ?(?:\d{4}|[A-Z]{1,2}\d{2,3}|\d{2}[A-Z]\d)$/i;

function personnummerShaped(value: string): boolean {
  // A spreadsheet that took a personnummer for a number dropped its leading zero.
  const m = PERSONNUMMER_VALUE.exec(/^\d{9}$/.test(value) ? `0${value}` : value);
  if (!m) return false;
  const month = Number(m[1].slice(2, 4));
  const day = Number(m[1].slice(4, 6));
  return month >= 1 && month <= 12 && ((day >= 1 && day <= 31) || (day >= 61 && day <= 91));
}

/**
 * A column of personnummer, by its values: half of them shaped like one, or
 * one valid number in a column that is mostly not words (a pasted list of
 * names with one number on a line keeps its names; the number is cut out).
 */
function holdsPersonnummer(values: readonly string[]): boolean {
  const filled = values.filter((v) => v !== '');
  const shaped = filled.filter(personnummerShaped);
  if (shaped.length === 0) return false;
  if (shaped.length * 2 >= filled.length) return true;
  const worded = filled.filter((v) => /\p{L}{2}/u.test(v)).length;
  return worded * 2 < filled.length && shaped.some((v) => isPersonnummer(/^\d{9}$/.test(v) ? `0${v}` : v));
}

/** Whether a text holds a personnummer anywhere ("anna.0506121234@skola.se" too). */
function containsPersonnummer(text: string): boolean {
  return findPersonalData(text.replace(/[@._]/g, ' '), []).some((m) => m.kind === 'personnummer');
}

/**
 * A name cell as a name: personnummer, phone numbers and e-mail addresses cut
 * out (the address is handed back), and words with digits dropped ("9B",
 * "1."), then anything but letters trimmed from the ends.
 */
function nameCell(cell: string): { name: string; email: string | null; personnummer: boolean } {
  let name = '';
  let email: string | null = null;
  let personnummer = false;
  let at = 0;
  for (const m of findPersonalData(cell, [])) {
    name += cell.slice(at, m.start) + ' ';
    if (m.kind === 'email' && !email) email = cell.slice(m.start, m.end);
    if (m.kind === 'personnummer') personnummer = true;
    at = m.end;
  }
  name += cell.slice(at);
  name = name
    .split(' ')
    .filter((w) => !/\d/.test(w))
    .join(' ')
    .replace(/^[^\p{L}]+|[^\p{L}\p{M}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name, email, personnummer };
}

const PARTICLES = new Set(['af', 'av', 'von', 'van', 'der', 'den', 'de', 'la', 'le', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'bin', 'ibn', 'al', 'el', 'ter', 'ten']);

/**
 * A whole name. With a comma it is "Efternamn, Förnamn"; without one it is
 * "Förnamn Efternamn" (the last word is the last name, with any lowercase
 * particle before it: "af Klint"), unless the header says the last name
 * comes first.
 */
function splitFullName(name: string, lastFirst: boolean): { firstName: string; lastName: string } {
  const comma = name.indexOf(',');
  if (comma >= 0) {
    const last = name.slice(0, comma).trim();
    const first = name.slice(comma + 1).split(',')[0].trim();
    return first ? { firstName: first, lastName: last } : { firstName: last, lastName: '' };
  }
  const parts = name.split(' ');
  if (parts.length === 1) return { firstName: parts[0], lastName: '' };
  if (lastFirst) return { firstName: parts.slice(1).join(' '), lastName: parts[0] };
  let i = parts.length - 1;
  while (i > 1 && PARTICLES.has(parts[i - 1])) i--;
  return { firstName: parts.slice(0, i).join(' '), lastName: parts.slice(i).join(' ') };
}

function emailOf(cell: string): string | null {
  const found = findPersonalData(cell, []).find((m) => m.kind === 'email');
  return found ? cell.slice(found.start, found.end) : null;
}

/** A spreadsheet's name for a column without a header: A, B, …, Z, AA. */
function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// Rows to a preview -------------------------------------------------------------

/** Columns past this are not looked at: no class list is that wide. */
const MAX_COLUMNS = 200;

interface Layout {
  firstName: number | null;
  /** Förnamn, when the first name is read from Tilltalsnamn and a pupil has none. */
  firstNameFallback: number | null;
  lastName: number | null;
  full: number | null;
  lastFirst: boolean;
  className: number | null;
  email: number | null;
  dropped: number[];
}

function layoutFromHeader(cells: readonly string[], roles: readonly (Role | null)[], width: number, columnValues: (i: number) => string[]): Layout {
  const first = (...wanted: Role[]) => {
    for (const role of wanted) {
      const i = roles.indexOf(role);
      if (i >= 0) return i;
    }
    return null;
  };
  const layout: Layout = { firstName: null, firstNameFallback: null, lastName: null, full: null, lastFirst: false, className: first('className'), email: first('email'), dropped: [] };
  // Tilltalsnamn is the name a pupil goes by; Förnamn may list all given names. Exports leave
  // Tilltalsnamn empty when it is the first given name, so Förnamn stands in for it.
  const givenColumns = roles.flatMap((role, i) => (role === 'firstName' ? [i] : []));
  const called = givenColumns.find((i) => headerForm(cells[i]).includes('tilltalsnamn'));
  const firstName = called ?? givenColumns[0] ?? null;
  const fallback = givenColumns.find((i) => i !== firstName) ?? null;
  const full = first('fullLastFirst', 'fullFirstLast', 'full');
  const lastName = first('lastName');
  const empty = (i: number | null) => i === null || columnValues(i).every((v) => v === '');
  if (firstName !== null && empty(firstName) && empty(fallback) && !empty(lastName)) {
    // "Efternamn, Förnamn" split at its comma into two headers, over one column of whole names.
    layout.full = lastName;
    layout.lastFirst = true;
  } else if (firstName !== null) {
    layout.firstName = firstName;
    layout.firstNameFallback = fallback;
    layout.lastName = lastName;
  } else if (full !== null) {
    layout.full = full;
    layout.lastFirst = roles[full] === 'fullLastFirst';
  } else {
    // Only a last-name column: its values are the names there are.
    layout.full = lastName;
  }
  const used = new Set([layout.firstName, layout.firstNameFallback, layout.lastName, layout.full]);
  for (let i = 0; i < width; i++) {
    if (used.has(i)) continue;
    const role = roles[i] ?? null;
    const values = columnValues(i);
    if (role === 'personnummer' || (role === 'birthDate' && values.some((v) => /\d{6}/.test(v.replace(/\D/g, '')))) || holdsPersonnummer(values)) {
      layout.dropped.push(i);
    }
  }
  if (layout.className !== null && layout.dropped.includes(layout.className)) layout.className = null;
  if (layout.email !== null && layout.dropped.includes(layout.email)) layout.email = null;
  return layout;
}

/**
 * Without a header: personnummer by their values, addresses by their @, and
 * the first column of letters is the name. Two columns of single words side
 * by side (a spreadsheet copied without its header) are first and last
 * names; lists are sorted by last name, so a sorted column is the last name.
 */
function layoutFromValues(width: number, columnValues: (i: number) => string[]): Layout {
  const layout: Layout = { firstName: null, firstNameFallback: null, lastName: null, full: null, lastFirst: false, className: null, email: null, dropped: [] };
  const named: number[] = [];
  for (let i = 0; i < width; i++) {
    const values = columnValues(i);
    const filled = values.filter((v) => v !== '');
    if (holdsPersonnummer(values)) layout.dropped.push(i);
    else if (layout.email === null && filled.length > 0 && filled.filter((v) => emailOf(v) === v).length * 2 >= filled.length) layout.email = i;
    else if (filled.some((v) => /\p{L}/u.test(v))) named.push(i);
  }
  const [a, b] = named;
  if (a === undefined) return layout;
  if (b === a + 1 && singleWords(columnValues(a)) && singleWords(columnValues(b))) {
    const lastFirst = sorted(columnValues(a)) && !sorted(columnValues(b));
    layout.firstName = lastFirst ? b : a;
    layout.lastName = lastFirst ? a : b;
  } else {
    layout.full = a;
  }
  return layout;
}

/**
 * A column of first or last names alone: letters only, mostly one word
 * ("Anna Maria" and "af Klint" are two), and not one value repeated (a class).
 */
function singleWords(values: readonly string[]): boolean {
  const filled = values.filter((v) => v !== '');
  const oneWord = filled.filter((v) => !v.includes(' ')).length;
  return (
    filled.every((v) => /^[\p{L}\p{M}'’.-]+(?: [\p{L}\p{M}'’.-]+)?$/u.test(v)) &&
    oneWord * 2 >= filled.length &&
    (filled.length === 1 || new Set(filled).size > 1)
  );
}

function sorted(values: readonly string[]): boolean {
  const filled = values.filter((v) => v !== '');
  return filled.every((v, i) => i === 0 || filled[i - 1].localeCompare(v, 'sv') <= 0);
}

/**
 * The table's rows as a class list: finds the header row (or none), the
 * name, class and e-mail columns, leaves out personnummer, and builds the
 * pupils in row order without repeats. The result is parsed by its schema.
 */
export function classListFromRows(rows: readonly ClassListRow[]): ClassListReadResult {
  const filledRows = rows.filter((r) => r.cells.some((c) => clean(c) !== ''));
  // Duplicates and rows without names aside, a longer table is not one class.
  if (filledRows.length > classListLimits.maxPupils * 10) return classListError('CLASS_LIST_TOO_LARGE');
  const header = findHeader(filledRows);
  const headerCells = header ? filledRows[header.index].cells.slice(0, MAX_COLUMNS) : [];
  const dataRows = header ? filledRows.slice(header.index + 1) : filledRows;
  const width = Math.min(MAX_COLUMNS, dataRows.reduce((n, r) => Math.max(n, r.cells.length), headerCells.length));
  // Columns are told apart on a sample; whatever is kept is still checked cell by cell below.
  const sample = dataRows.slice(0, classListLimits.maxPupils);
  const columnValues = (i: number) => sample.map((r) => clean(r.cells[i] ?? ''));
  const layout = header ? layoutFromHeader(headerCells, header.roles.slice(0, MAX_COLUMNS), width, columnValues) : layoutFromValues(width, columnValues);
  if (layout.firstName === null && layout.full === null) return classListError(header ? 'CLASS_LIST_NO_NAME_COLUMN' : 'CLASS_LIST_NO_NAMES');

  const label = (i: number | null): string | null => {
    if (i === null) return null;
    const text = clean(headerCells[i] ?? '');
    return (text && !containsPersonnummer(text) ? text.slice(0, 200) : '') || columnLetter(i);
  };

  const pupils: PupilName[] = [];
  const seen = new Set<string>();
  const skippedRows: number[] = [];
  const classes = new Set<string>();
  let personnummerInNames = false;

  for (const { row, cells } of dataRows) {
    const cell = (i: number | null) => (i === null ? '' : clean(cells[i] ?? ''));

    let firstName: string;
    let lastName: string;
    let foundEmail: string | null;
    if (layout.firstName !== null) {
      const called = nameCell(cell(layout.firstName));
      const first = called.name || layout.firstNameFallback === null ? called : nameCell(cell(layout.firstNameFallback));
      const last = nameCell(cell(layout.lastName));
      personnummerInNames ||= called.personnummer || first.personnummer || last.personnummer;
      firstName = first.name;
      lastName = last.name;
      foundEmail = first.email ?? last.email;
    } else {
      const whole = nameCell(cell(layout.full));
      personnummerInNames ||= whole.personnummer;
      ({ firstName, lastName } = whole.name ? splitFullName(whole.name, layout.lastFirst) : { firstName: '', lastName: '' });
      foundEmail = whole.email;
    }
    if (!firstName || firstName.length > 100 || lastName.length > 100) {
      skippedRows.push(row);
      continue;
    }

    let email = (layout.email !== null ? emailOf(cell(layout.email)) : null) ?? foundEmail;
    if (email && (email.length > 200 || containsPersonnummer(email))) email = null;
    const key = [firstName, lastName, email ?? ''].join('\u0000').toLocaleLowerCase('sv');
    if (seen.has(key)) continue;
    seen.add(key);
    pupils.push(email ? { firstName, lastName, email } : { firstName, lastName });
    if (pupils.length > classListLimits.maxPupils) return classListError('CLASS_LIST_TOO_LARGE');

    const className = cell(layout.className);
    if (className) classes.add(className);
  }
  if (pupils.length === 0) return classListError('CLASS_LIST_NO_NAMES');

  const onlyClass = classes.size === 1 ? [...classes][0] : null;
  const columns: ClassListColumns = {
    firstName: label(layout.firstName),
    lastName: label(layout.lastName),
    fullName: label(layout.full),
    className: label(layout.className),
    email: label(layout.email),
  };
  const dropped = layout.dropped.map((i) => label(i) as string);
  if (personnummerInNames) dropped.push(PERSONNUMMER_LABEL);
  const result = ClassListReadResult.safeParse({
    ok: true,
    preview: {
      pupils,
      columns,
      className: onlyClass && onlyClass.length <= 100 && !containsPersonnummer(onlyClass) ? onlyClass : null,
      droppedPersonnummerColumns: [...new Set(dropped)],
      skippedRows,
    },
  });
  return result.success ? result.data : classListError('CLASS_LIST_UNREADABLE');
}
