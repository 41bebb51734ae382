import { z } from 'zod';
import { DocumentFormat, RejectionCode, Sha256 } from './domain';
import { maxEntryPathLength } from './limits';

/**
 * A format whose bytes have a signature of their own, as a file's name claims
 * it. The bytes still decide what a file is; the claim only decides how a
 * file that is not what it claims is named to the teacher: damaged.
 */
export const ClaimedFormat = z.enum(['docx', 'odt', 'pdf', 'rtf', 'zip']);
export type ClaimedFormat = z.infer<typeof ClaimedFormat>;

/** A task for the extraction worker pool. */
export const ExtractionTask = z.object({
  bytes: z.instanceof(Uint8Array),
  claimed: ClaimedFormat.optional(),
});
export type ExtractionTask = z.infer<typeof ExtractionTask>;

/** Codes the extraction engine decides from bytes alone; intake adds length and duplicate checks. */
export const ExtractionRejectionCode = RejectionCode.extract([
  'UNSUPPORTED_FILE_TYPE',
  'CORRUPT_FILE',
  'ENCRYPTED_FILE',
  'NO_TEXT_LAYER',
  'ARCHIVE_TOO_LARGE',
  'CONTENT_TOO_MANY_CHARACTERS',
  'NESTED_ARCHIVE',
]);

/** An entry's path as intake stores it: sanitised by `entryPath` (shared/files.ts), so it always makes a valid essay. */
const EntryPath = z
  .string()
  .min(1)
  .max(maxEntryPathLength)
  .refine((path) => !/[\u0000-\u001f\u007f\\]/.test(path), 'no control characters or backslashes');

/** An archive entry: its bytes, or the reason it could not be unpacked on its own. */
export const ArchiveEntry = z.union([
  z.object({ path: EntryPath, size: z.number().int().nonnegative(), bytes: z.instanceof(Uint8Array) }),
  z.object({ path: EntryPath, size: z.number().int().nonnegative(), rejected: RejectionCode }),
]);
export type ArchiveEntry = z.infer<typeof ArchiveEntry>;

export const ExtractionResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    format: DocumentFormat,
    encoding: z.string().optional(),
    text: z.string(),
    /** The document's author property (.docx core properties, .odt meta.xml, PDF Info), a hint for matching the essay to its pupil. */
    author: z.string().trim().min(1).max(300).optional(),
    words: z.number().int().nonnegative(),
    contentHash: Sha256,
    normalisedHash: Sha256,
  }),
  z.object({
    kind: z.literal('rejected'),
    code: ExtractionRejectionCode,
    format: DocumentFormat.optional(),
  }),
  z.object({
    kind: z.literal('archive'),
    entries: z.array(ArchiveEntry),
  }),
]);
export type ExtractionResult = z.infer<typeof ExtractionResult>;
