import { z } from 'zod';
import { Id, IsoTime, Sha256 } from './primitives';
import { PupilMatch } from './pupils';

/** Languages an essay batch can be written in (and that spellcheck supports). */
export const Language = z.enum(['sv', 'en']);
export type Language = z.infer<typeof Language>;

/**
 * Which English spelling is accepted: both American and British (a word
 * either dictionary accepts is no finding), or one of them. Swedish ignores it.
 */
export const EnglishVariant = z.enum(['both', 'us', 'gb']);
export type EnglishVariant = z.infer<typeof EnglishVariant>;

/** Pipeline phases, in the vocabulary of the design brief. */
export const Phase = z.enum(['intake', 'spellcheck']);
export type Phase = z.infer<typeof Phase>;

/**
 * Essay lifecycle states, phase by phase. `expanded` is the terminal state of
 * an archive (.zip) whose entries became essays of their own.
 */
export const EssayState = z.enum([
  'received',
  'extracting',
  'accepted',
  'rejected',
  'expanded',
  'spellchecking',
  'spellchecked',
  'spellcheck_failed',
]);
export type EssayState = z.infer<typeof EssayState>;

export const PhaseOutcome = z.enum(['completed', 'completed_with_failures', 'failed']);
export type PhaseOutcome = z.infer<typeof PhaseOutcome>;

export const RejectionCode = z.enum([
  'EMPTY_CONTENT',
  'CONTENT_TOO_SHORT',
  'CONTENT_TOO_LONG',
  'UNSUPPORTED_FILE_TYPE',
  'CORRUPT_FILE',
  'ENCRYPTED_FILE',
  'NO_TEXT_LAYER',
  'LOCK_FILE',
  'FILE_TOO_LARGE',
  'ARCHIVE_TOO_LARGE',
  'DUPLICATE_CONTENT',
  // Folders and stuck batches (issue #12): files a folder's walk or a drop could not take, and a file the teacher removed.
  'UNREADABLE_NAME',
  'UNREADABLE_FILE',
  'SYMLINK_OUTSIDE',
  'SYMLINK_LOOP',
  'REMOVED_BY_TEACHER',
  // Hostile files (issue #12).
  'CONTENT_TOO_MANY_CHARACTERS',
  'INVALID_FILE_NAME',
  'NESTED_ARCHIVE',
]);
export type RejectionCode = z.infer<typeof RejectionCode>;

export const DocumentFormat = z.enum(['docx', 'odt', 'pdf', 'rtf', 'txt']);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

export { Id, IsoTime, Sha256 } from './primitives';

/** A judge's name as judgements are attributed to it. */
export const JudgeName = z.string().trim().min(1).max(60);

export const ReadinessCounts = z.object({
  total: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type ReadinessCounts = z.infer<typeof ReadinessCounts>;

/** The batch's current run of a phase; finished runs are kept as PhaseOutcomeRecords. */
export const PhaseRecord = z.object({
  run: z.number().int().positive(),
  status: z.enum(['running', 'done']),
  startedAt: IsoTime,
});
export type PhaseRecord = z.infer<typeof PhaseRecord>;

/** A word as a batch's word list keeps it: the class list's names and words the teacher added. */
export const ListedWord = z.string().trim().min(1).max(100);

export const BatchDetails = z.object({
  title: z.string().trim().min(1).max(200),
  className: z.string().trim().max(100),
  course: z.string().trim().max(100),
  /** With `detectPerEssay`, the language of an essay whose language detection could not tell; else every essay's. */
  language: Language,
  /** Each essay is checked in the language detected in it (the teacher sees which, per essay). */
  detectPerEssay: z.boolean().default(false),
  englishVariant: EnglishVariant.default('both'),
  /**
   * Pupils' names: never flagged by spellcheck, masked where texts are shown or leave the laptop. With a class
   * list, the store derives them from its pupils whenever the list or the link changes (issue #13).
   */
  names: z.array(ListedWord).max(1000).default([]),
  /** The class list whose pupils the batch's essays are matched to. */
  classListId: Id.optional(),
});
export type BatchDetails = z.infer<typeof BatchDetails>;
export type BatchDetailsInput = z.input<typeof BatchDetails>;

/** Why a batch's background work stopped: storage full, or anything else. */
export const BatchStallCode = z.enum(['DISK_FULL', 'WORK_FAILED']);
export type BatchStallCode = z.infer<typeof BatchStallCode>;

/** A batch whose work stopped and waits for the teacher: retry, or remove the file it stopped at. */
export const BatchStall = z.object({
  code: BatchStallCode,
  /** The essay the work stopped at, when one file stopped it. */
  essayId: Id.optional(),
  at: IsoTime,
});
export type BatchStall = z.infer<typeof BatchStall>;

export const Batch = BatchDetails.extend({
  id: Id,
  createdAt: IsoTime,
  pipeline: z.array(Phase).min(1),
  /** Next receipt sequence number; essays are decided in receipt order. */
  nextSeq: z.number().int().nonnegative(),
  /** Words the teacher added to this batch's dictionary. */
  addedWords: z.array(ListedWord).default([]),
  phases: z.partialRecord(Phase, PhaseRecord),
  /** Set while the batch's work is stopped by a failure; cleared when it moves again. */
  stalled: BatchStall.optional(),
});
export type Batch = z.infer<typeof Batch>;

export const Rejection = z.object({
  code: RejectionCode,
  /** For DUPLICATE_CONTENT: the essay whose text this one repeats. */
  duplicateOf: Id.optional(),
});
export type Rejection = z.infer<typeof Rejection>;

export const Essay = z.object({
  id: Id,
  batchId: Id,
  /** Receipt order within the batch; archive entries sit between their archive and the next file. */
  seq: z.number().nonnegative(),
  fileName: z.string().min(1).max(1000),
  /** Path inside a dropped folder or archive, when there is one. */
  relativePath: z.string().max(4000).optional(),
  /** The archive this essay was unpacked from. */
  parentId: Id.optional(),
  size: z.number().int().nonnegative(),
  blobHash: Sha256.optional(),
  state: EssayState,
  format: DocumentFormat.optional(),
  encoding: z.string().max(40).optional(),
  contentHash: Sha256.optional(),
  /** Hash of the duplicate-detection form of the text (see shared/text/normalise). */
  normalisedHash: Sha256.optional(),
  words: z.number().int().nonnegative().optional(),
  rejection: Rejection.optional(),
  /** The language detected in the text at intake; null when the text says too little. Absent on essays never detected. */
  detectedLanguage: Language.nullable().optional(),
  /** How sure the detection was, from 0 to 1. */
  languageConfidence: z.number().min(0).max(1).optional(),
  /** The language the teacher chose for this essay; absent when it follows the batch. */
  chosenLanguage: Language.optional(),
  /** Which spellcheck of the essay is current: each language change that affects it asks for the next. Absent means 1. */
  spellcheckRound: z.number().int().positive().optional(),
  /** For an expanded archive: how many entries became essays. */
  entries: z.number().int().nonnegative().optional(),
  /** The pupil who wrote it, as intake matched it or the teacher confirmed it; absent in batches without a class list. */
  pupilMatch: PupilMatch.optional(),
  receivedAt: IsoTime,
  updatedAt: IsoTime,
});
export type Essay = z.infer<typeof Essay>;

export const ContentVersion = z.object({
  hash: Sha256,
  text: z.string(),
  createdAt: IsoTime,
});
export type ContentVersion = z.infer<typeof ContentVersion>;

export const StoredBlob = z.object({
  hash: Sha256,
  bytes: z.instanceof(Uint8Array),
});
export type StoredBlob = z.infer<typeof StoredBlob>;

export const PhaseOutcomeRecord = z.object({
  batchId: Id,
  phase: Phase,
  run: z.number().int().positive(),
  outcome: PhaseOutcome,
  counts: ReadinessCounts,
  completedAt: IsoTime,
});
export type PhaseOutcomeRecord = z.infer<typeof PhaseOutcomeRecord>;

/** The store's log of applied events: the idempotency record, and an audit trail. */
export const AppliedEvent = z.object({
  id: Id,
  type: z.string(),
  topic: z.string(),
  /** The batch or essay the event is about. */
  subject: Id,
  correlationId: z.string(),
  timestamp: IsoTime,
  appliedAt: IsoTime,
  data: z.unknown(),
});
export type AppliedEvent = z.infer<typeof AppliedEvent>;

/** What the teacher decided about one finding. */
export const FindingDecision = z.object({
  essayId: Id,
  /** The finding's identity: `start:end:text` of the original text. */
  key: z.string().min(1).max(400),
  decision: z.enum(['accepted', 'ignored']),
  /** For an accepted finding: the replacement the teacher chose. */
  replacement: z.string().max(200).optional(),
  decidedAt: IsoTime,
});
export type FindingDecision = z.infer<typeof FindingDecision>;
