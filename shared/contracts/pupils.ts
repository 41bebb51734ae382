import { z } from 'zod';
import { Id, IsoTime } from './primitives';

/**
 * Pupils and class lists (issue #13). A class list belongs to a class and is
 * reused across batches. Names are personal data: they never leave the laptop
 * and never go into logs.
 */

/** A pupil as a class list names them. `lastName` may be empty (a list that gives one name per line). */
export const PupilName = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().max(100),
  email: z.string().trim().max(200).optional(),
});
export type PupilName = z.infer<typeof PupilName>;

export const Pupil = PupilName.extend({ id: Id });
export type Pupil = z.infer<typeof Pupil>;

/**
 * Where a class list's columns were found, by header; `null` when the file has
 * no such column. A column without a header (pasted names, a file without a
 * header row) is named by its letter as a spreadsheet names it: A, B, …
 */
export const ClassListColumns = z.object({
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** One column holding the whole name ("Namn", or "Efternamn, Förnamn"). */
  fullName: z.string().nullable(),
  className: z.string().nullable(),
  email: z.string().nullable(),
});
export type ClassListColumns = z.infer<typeof ClassListColumns>;

/** What the teacher sees before a class list is saved. */
export const ClassListPreview = z.object({
  pupils: z.array(PupilName).max(1000),
  columns: ClassListColumns,
  /** The class the file names, when one value fills its class column. */
  className: z.string().max(100).nullable(),
  /**
   * Headers of columns holding personnummer (found by header or by value; a
   * column without a header by its letter): never stored, and the preview says
   * so. `Personnummer` when they were cut out of names (a pasted line).
   */
  droppedPersonnummerColumns: z.array(z.string().max(200)),
  /** Rows skipped (with content but no name), by 1-based row number; blank rows are passed over. */
  skippedRows: z.array(z.number().int().positive()),
});
export type ClassListPreview = z.infer<typeof ClassListPreview>;

export const ClassListErrorCode = z.enum([
  'CLASS_LIST_UNSUPPORTED_FILE',
  'CLASS_LIST_UNREADABLE',
  'CLASS_LIST_NO_NAMES',
  'CLASS_LIST_TOO_LARGE',
  'CLASS_LIST_NO_NAME_COLUMN',
]);
export type ClassListErrorCode = z.infer<typeof ClassListErrorCode>;

export const ClassListReadResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), preview: ClassListPreview }),
  z.object({ ok: z.literal(false), code: ClassListErrorCode }),
]);
export type ClassListReadResult = z.infer<typeof ClassListReadResult>;

/** The kinds of evidence that name an essay's author, strongest first. */
export const MatchEvidenceKind = z.enum([
  'header-label',
  'examnet-line',
  'title-line',
  'last-name-first',
  'email',
  'document-author',
  'file-name',
  'signature',
]);
export type MatchEvidenceKind = z.infer<typeof MatchEvidenceKind>;

/** One piece of evidence: what kind, and the text it was read from (a line, a file name, a property). */
export const MatchEvidence = z.object({
  kind: MatchEvidenceKind,
  text: z.string().max(300),
  /** 0-based line in the essay's text, for evidence read from the text. */
  line: z.number().int().nonnegative().optional(),
});
export type MatchEvidence = z.infer<typeof MatchEvidence>;

export const PupilMatchStatus = z.enum(['matched', 'review', 'none']);
export type PupilMatchStatus = z.infer<typeof PupilMatchStatus>;

export const Confidence = z.number().min(0).max(1);

/** An essay's match to a pupil: intake's, or the teacher's choice (`byTeacher`). */
export const PupilMatch = z.object({
  status: PupilMatchStatus,
  /** The pupil the essay is linked to when `matched`; the best candidate when `review`; null when `none`. */
  pupilId: Id.nullable(),
  confidence: Confidence,
  evidence: z.array(MatchEvidence).max(8),
  candidates: z.array(z.object({ pupilId: Id, confidence: Confidence })).max(3),
  /** The teacher confirmed or chose this (status `matched`, or `none` for "nobody on the list"): no later matching changes it. */
  byTeacher: z.literal(true).optional(),
});
export type PupilMatch = z.infer<typeof PupilMatch>;

/** What intake knows of an essay when it matches it: its text, its file name, the document's author property. */
export const MatchInput = z.object({
  text: z.string(),
  fileName: z.string(),
  author: z.string().max(300).optional(),
});
export type MatchInput = z.infer<typeof MatchInput>;

/** A class list as the store keeps it: reused by every batch of the class. */
export const ClassList = z.object({
  id: Id,
  name: z.string().trim().min(1).max(100),
  pupils: z.array(Pupil).max(1000),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type ClassList = z.infer<typeof ClassList>;
