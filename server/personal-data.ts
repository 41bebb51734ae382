/**
 * Defence in depth: the desktop's anonymiser scrubs labels and texts before a
 * push, and the receiver still refuses any string that looks like personal
 * data. It reports the kind and the place of a finding, never the value.
 *
 * What counts (documented in server/README.md):
 * - personnummer and samordningsnummer (day + 60) as YYYYMMDD-XXXX,
 *   YYMMDD-XXXX, YYMMDD+XXXX, YYYYMMDDXXXX or YYMMDDXXXX, with a real month and
 *   day and a valid Luhn check digit. A ten-digit number whose check digit is
 *   wrong is NOT a finding: it is far more often an order or article number,
 *   and flagging it would refuse honest labels;
 * - e-mail addresses;
 * - Swedish phone numbers: a leading 0, +46 or 0046, then 8 or 9 digits with
 *   optional single spaces or hyphens (070-123 45 67, +46 70 123 45 67,
 *   08-123 456 78, 0701234567).
 *
 * Numbers glued to letters ("abc8506121234") are not findings, and the
 * fields the schema fixes to pseudonyms, uuids and timestamps are not
 * scanned: their digits would otherwise trip it by chance.
 */

import { isPersonnummer } from '../shared/text/personal-data';

export type PersonalDataKind = 'personnummer' | 'email' | 'phone';

export interface PersonalDataFinding {
  /** Where in the value, as in a zod issue path. */
  path: (string | number)[];
  kind: PersonalDataKind;
}

const PERSONNUMMER = /(?<![\p{L}\p{N}])(?:18|19|20)?(\d{6})[-+]?(\d{4})(?![\p{L}\p{N}])/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)46[ -]?(?:\(0\)[ -]?)?|0)(?=[1-9])(?:\d[ -]?){7,8}\d(?![\p{L}\p{N}])/u;

/** The kinds of personal data in one string, each at most once. */
export function personalDataIn(text: string): PersonalDataKind[] {
  const kinds: PersonalDataKind[] = [];
  for (const m of text.matchAll(PERSONNUMMER)) {
    if (isPersonnummer(m[1] + m[2])) {
      kinds.push('personnummer');
      break;
    }
  }
  if (EMAIL.test(text)) kinds.push('email');
  if (PHONE.test(text)) kinds.push('phone');
  return kinds;
}

/** Every string in a JSON value, with its path. */
export function* stringsIn(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* stringsIn(value[i], [...path, i]);
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) yield* stringsIn(v, [...path, key]);
  }
}

/**
 * Fields whose format the payload schema fixes (hex pseudonyms, uuids,
 * timestamps, terms, enums). Nobody types into them, and their digits can
 * look like a personnummer or a phone number by chance (5 of 1,000,000 random uuids did).
 */
const FIXED_FORMAT_FIELDS = new Set(['idempotencyKey', 'batch', 'pupil', 'generatedAt', 'term', 'language', 'kind']);

/** Personal data in the payload's free-text fields (labels, grades, texts, ids the school chose). */
export function findPersonalData(value: unknown): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  for (const [text, path] of stringsIn(value)) {
    if (FIXED_FORMAT_FIELDS.has(String(path.at(-1)))) continue;
    for (const kind of personalDataIn(text)) findings.push({ path, kind });
  }
  return findings;
}
