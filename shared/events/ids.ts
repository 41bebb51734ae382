import type { Phase } from '../contracts/domain';

/**
 * Every event id, in one place. Crash safety rests on these being
 * deterministic: work redone after a crash publishes the same ids, and the
 * store acknowledges a replay as a duplicate without applying it. An event
 * that records a new fact of its own (a teacher's decision, a grade
 * override) has a fresh id in it, `fact`, which the caller makes once.
 */
export const eventIds = {
  batchCreated: (batchId: string) => `batch/${batchId}/created`,
  phaseStarted: (batchId: string, phase: Phase, run: number) => `batch/${batchId}/${phase}/${run}/started`,
  phaseCompleted: (batchId: string, phase: Phase, run: number) => `batch/${batchId}/${phase}/${run}/completed`,
  wordAdded: (batchId: string, fact: string) => `batch/${batchId}/word/${fact}`,

  essayReceived: (essayId: string) => `essay/${essayId}/received`,
  essayStarted: (essayId: string, phase: Phase) => `essay/${essayId}/${phase}/started`,
  /** One id per essay and phase, whatever the outcome, so a replay can never record a second one. */
  essayOutcome: (essayId: string, phase: Phase) => `essay/${essayId}/${phase}/outcome`,
  findingDecided: (essayId: string, fact: string) => `essay/${essayId}/finding/${fact}`,

  judgeCreated: (judgeId: string) => `judge/${judgeId}/created`,
  sessionCreated: (sessionId: string) => `session/${sessionId}/created`,
  sessionStopped: (sessionId: string) => `session/${sessionId}/stopped`,
  /** One per essay and session: adding the same essay twice, on one laptop or two, is a duplicate. */
  sessionEssayAdded: (sessionId: string, essayId: string) => `session/${sessionId}/essay/${essayId}/added`,
  gradeOverridden: (sessionId: string, fact: string) => `session/${sessionId}/override/${fact}`,
  /** Judgement ids are UUIDs, so two laptops' judgements merge by id. */
  judgementRecorded: (judgementId: string) => `judgement/${judgementId}`,
  judgementUndone: (judgementId: string) => `judgement/${judgementId}/undone`,

  syncSettingsChanged: (fact: string) => `settings/sync/${fact}`,
  /** An outbox item's id is its payload's idempotency key. */
  outboxQueued: (key: string) => `outbox/${key}/queued`,
  outboxAttempted: (key: string, attempt: number) => `outbox/${key}/attempt/${attempt}`,
  outboxDelivered: (key: string) => `outbox/${key}/delivered`,
  outboxRejected: (key: string) => `outbox/${key}/rejected`,
} as const;

/**
 * An archive entry's essay id, derived from the archive's, so re-expanding
 * an interrupted archive finds the same essays instead of making new ones.
 */
export function archiveEntryId(archiveId: string, index: number): string {
  return `${archiveId}.${index + 1}`;
}
