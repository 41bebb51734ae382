import { createHmac } from 'node:crypto';
import { swedishGrades } from '../../shared/contracts/cj';
import { MIN_GROUP, SyncPayload } from '../../shared/contracts/sync';
import { standingGrade } from '../../shared/judging';
import type { SyncSourceRecord } from '../../shared/contracts/sync-store';
import { findPersonalData, scrubPersonalData, type OrdinaryWord } from '../../shared/text/personal-data';

/** What the app knows of a batch, before anonymisation: the store's record of it. Never sent as it is. */
export type SyncSource = SyncSourceRecord;

export interface AnonymiseOptions {
  schoolId: string;
  /** The school opted in, separately, to sending essay texts (scrubbed). */
  sendTexts: boolean;
  appVersion: string;
  /** The school's HMAC key: pupils become pseudonyms under it. It never leaves the laptop. */
  key: Uint8Array;
  idempotencyKey: string;
  now: Date;
  /** The spellcheck dictionary of the batch's language: a capitalised word it does not know is scrubbed as a name. */
  isOrdinary: OrdinaryWord;
}

export type Anonymised = { outcome: 'payload'; payload: SyncPayload } | { outcome: 'suppressed'; reason: 'SMALL_GROUP' };

/** Each pupil and batch becomes an HMAC-SHA-256 under the school's key: stable for the school, meaningless without the key. */
function pseudonym(key: Uint8Array, kind: 'pupil' | 'batch', id: string): string {
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex');
}

/** HT (autumn, July–December) or VT (spring) and the year, from the batch's creation date in the laptop's time zone. */
export function schoolTerm(date: Date): string {
  return `${date.getMonth() >= 6 ? 'HT' : 'VT'}${date.getFullYear()}`;
}

/** A label the teacher typed, as a payload may carry it: scrubbed, on one line, at most 80 characters. */
function label(text: string, names: readonly string[], isOrdinary: OrdinaryWord): string {
  // Whitespace is made plain first: a tab or line break must not join two harmless pieces into a personnummer after the scrub.
  return scrubPersonalData(text.replace(/\s+/g, ' ').trim(), names, undefined, isOrdinary).slice(0, 80);
}

/**
 * The only way results leave the laptop. Pupils become pseudonyms; the class
 * list, file names, the class name and every other free-text field are left
 * out; the course and assignment labels are scrubbed of personal data (the
 * class list's names and every capitalised word the dictionary does not know); essay
 * texts go only when the school has opted in, scrubbed. A batch of fewer than
 * MIN_GROUP pupils is not sent at all. The result is parsed with the payload
 * schema and checked once more for personal data before it is returned.
 */
export function anonymise(source: SyncSource, options: AnonymiseOptions): Anonymised {
  if (source.essays.length < MIN_GROUP) return { outcome: 'suppressed', reason: 'SMALL_GROUP' };
  const names = source.batch.names;
  const { isOrdinary } = options;
  const fit = new Map(source.session?.items.map((item) => [item.essayId, item]) ?? []);
  const overrides = new Map(source.session?.overrides.map((o) => [o.essayId, o.grade]) ?? []);
  const anchors = new Map(source.session?.anchors.map((a) => [a.essayId, a.grade]) ?? []);
  const scale = source.session?.scale ?? swedishGrades;
  // One pupil is one pseudonym across batches. A pupil the teacher gave two essays in one batch would be two
  // rows under one pseudonym, which a payload may not hold: those essays, like unmatched ones, stand for themselves.
  const essaysOf = new Map<string, number>();
  for (const e of source.essays) if (e.pupilId) essaysOf.set(e.pupilId, (essaysOf.get(e.pupilId) ?? 0) + 1);
  const pupilOf = (e: SyncSource['essays'][number]) => (e.pupilId && essaysOf.get(e.pupilId) === 1 ? e.pupilId : e.id);
  const payload = SyncPayload.parse({
    schemaVersion: 1,
    kind: 'batch-results',
    idempotencyKey: options.idempotencyKey,
    schoolId: options.schoolId,
    appVersion: options.appVersion,
    generatedAt: options.now.toISOString(),
    batch: pseudonym(options.key, 'batch', source.batch.id),
    course: label(source.batch.course, names, isOrdinary),
    assignment: label(source.batch.title, names, isOrdinary),
    term: schoolTerm(new Date(source.batch.createdAt)),
    language: source.batch.language,
    gradeScale: scale,
    reliability: source.session?.reliability ?? null,
    ssr: source.session?.ssr ?? null,
    pupils: source.essays.map((essay) => {
      const item = fit.get(essay.id);
      const { grade, source: gradeSource, preliminary } = standingGrade(item, scale, { anchor: anchors.get(essay.id), teacher: overrides.get(essay.id) });
      return {
        pupil: pseudonym(options.key, 'pupil', pupilOf(essay)),
        words: essay.words,
        findingsPer100: essay.findingsPer100,
        theta: item?.theta ?? null,
        se: item?.se ?? null,
        grade,
        gradeSource,
        preliminary,
        ...(options.sendTexts && essay.text !== null ? { text: scrubPersonalData(essay.text, names, undefined, isOrdinary) } : {}),
      };
    }),
  });
  // Grade names and the school id are the school's own words ("MVG"), so only the scrubbed fields are held to the dictionary.
  const leaks = [
    ...scrubbedText(payload).filter((s) => findPersonalData(s, names, isOrdinary).length > 0),
    ...humanText(payload).filter((s) => findPersonalData(s, names).length > 0),
  ];
  if (leaks.length) throw new Error(`The anonymiser produced ${leaks.length} field(s) with personal data`);
  return { outcome: 'payload', payload };
}

/** The payload's strings the anonymiser scrubbed. */
function scrubbedText(payload: SyncPayload): string[] {
  return [payload.course, payload.assignment, ...payload.pupils.map((p) => p.text ?? '')];
}

/** The payload's strings that come from people rather than from the app (pseudonyms and ids are hex and uuids). */
function humanText(payload: SyncPayload): string[] {
  return [
    payload.course,
    payload.assignment,
    payload.schoolId,
    ...payload.gradeScale,
    ...payload.pupils.flatMap((p) => [p.grade ?? '', p.text ?? '']),
  ];
}
