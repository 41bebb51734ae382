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
  /** More characters than this is not an essay either, even in few words (20,000 words take about 150,000). */
  maxCharacters: 300_000,
  /** .docx and .odt are zip files; their declared uncompressed size and entry count are bounded. */
  maxDocumentUncompressedBytes: 200 * 1024 * 1024,
  maxDocumentEntries: 5_000,
  /** A document's text part (word/document.xml, content.xml): a bigger one is markup no essay needs. */
  maxDocumentTextPartBytes: 32 * 1024 * 1024,
  /**
   * A .zip of a class's essays. Every unpacked entry is held, sent and stored
   * at once, so the total is what bounds memory (at most 900 MB per run).
   */
  maxArchiveUncompressedBytes: 256 * 1024 * 1024,
  maxArchiveEntries: 5_000,
  /** An archive entry over `bombFloorBytes` that unpacks to more than this many times its packed size is a zip bomb; essays pack 2–10 times. */
  maxCompressionRatio: 100,
  bombFloorBytes: 1024 * 1024,
  /** Extraction of one file is abandoned after this long. */
  extractionTimeoutMs: 60_000,
} as const;
export type IntakeLimits = typeof intakeLimits;

/** An archive entry's path, as an essay's file name allows. */
export const maxEntryPathLength = 1000;
