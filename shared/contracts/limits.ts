/**
 * Intake limits. They are product decisions, kept in one place so the UI,
 * the intake service and the extraction engine agree.
 */
export const intakeLimits = {
  /** A single file (or archive entry) larger than this is not read. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Fewer words than this is not an essay. */
  minWords: 20,
  /** More words than this is not an essay (a thesis or a pasted book). */
  maxWords: 20_000,
  /** .docx and .odt are zip files; their declared uncompressed size and entry count are bounded. */
  maxDocumentUncompressedBytes: 200 * 1024 * 1024,
  maxDocumentEntries: 5_000,
  /** A .zip of a class's essays. */
  maxArchiveUncompressedBytes: 1024 * 1024 * 1024,
  maxArchiveEntries: 5_000,
  /** Extraction of one file is abandoned after this long. */
  extractionTimeoutMs: 60_000,
} as const;
export type IntakeLimits = typeof intakeLimits;
