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
  /** The teacher changed the batch's language; the essays it affects are checked again in the same event. */
  batchLanguageChanged: (batchId: string, fact: string) => `batch/${batchId}/language/${fact}`,

  essayReceived: (essayId: string) => `essay/${essayId}/received`,
  /**
   * `round` counts an essay's runs of a phase: a language change asks for the
   * next spellcheck round (`Essay.spellcheckRound`). The first round keeps the
   * ids stores already hold, so a replay after an upgrade is still a duplicate.
   */
  essayStarted: (essayId: string, phase: Phase, round = 1) => `essay/${essayId}/${phase}${roundPart(round)}/started`,
  /** One id per essay, phase and round, whatever the outcome, so a replay can never record a second one. */
  essayOutcome: (essayId: string, phase: Phase, round = 1) => `essay/${essayId}/${phase}${roundPart(round)}/outcome`,
  /** The teacher chose an essay's language (or let it follow the batch again). */
  essayLanguageChanged: (essayId: string, fact: string) => `essay/${essayId}/language/${fact}`,
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

function roundPart(round: number): string {
  return round === 1 ? '' : `/round/${round}`;
}
