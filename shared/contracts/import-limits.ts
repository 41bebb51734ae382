/**
 * How large a file the teacher imports may be. They are checked on the
 * file's size before it is read, so a huge file costs nothing; main checks
 * the text it receives again.
 */
export const importLimits = {
  /** A full backup: every batch's texts and raw files still waiting for intake. */
  maxBackupBytes: 512 * 1024 * 1024,
  /** A moderation file: one session's texts and judgements. */
  maxJudgementsBytes: 64 * 1024 * 1024,
} as const;
