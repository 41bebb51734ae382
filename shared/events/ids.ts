import type { AiOrder } from '../contracts/ai-judge';
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
  /** The batch's work stopped on a failure, and (retried) moves again: each time a fact of its own. */
  batchStalled: (batchId: string, fact: string) => `batch/${batchId}/stalled/${fact}`,
  batchRetried: (batchId: string, fact: string) => `batch/${batchId}/retried/${fact}`,
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
  classListSaved: (classListId: string, fact: string) => `classlist/${classListId}/saved/${fact}`,
  batchClassListLinked: (batchId: string, fact: string) => `batch/${batchId}/class-list/${fact}`,
  /**
   * `fact` is `intake` for intake's own match (one per essay, so a replay after
   * a crash is a no-op), `duplicate-of/<essayId>` when a later essay sends it to
   * review, and the teacher's choice or a class-list link for the rest.
   */
  essayPupilMatched: (essayId: string, fact: string) => `essay/${essayId}/pupil/${fact}`,
  sessionFitFailed: (sessionId: string, fact: string) => `session/${sessionId}/fit-failed/${fact}`,
  /** One per essay and session: adding the same essay twice, on one laptop or two, is a duplicate. */
  sessionEssayAdded: (sessionId: string, essayId: string) => `session/${sessionId}/essay/${essayId}/added`,
  gradeOverridden: (sessionId: string, fact: string) => `session/${sessionId}/override/${fact}`,
  /** Judgement ids are UUIDs, so two laptops' judgements merge by id. */
  judgementRecorded: (judgementId: string) => `judgement/${judgementId}`,
  judgementUndone: (judgementId: string) => `judgement/${judgementId}/undone`,

  /** A profile is saved again on every change: each save is a fact of its own. */
  aiProfileSaved: (profileId: string, fact: string) => `ai-profile/${profileId}/saved/${fact}`,
  aiProfileDeleted: (profileId: string) => `ai-profile/${profileId}/deleted`,
  /** The teacher (or main, halting on a set-up problem) started, paused or stopped the session's AI judge. */
  aiRunChanged: (sessionId: string, fact: string) => `session/${sessionId}/ai/run/${fact}`,
  /** The n-th pair the AI judge asks about: planned once, so a restart asks the same pair. */
  aiPairPlanned: (sessionId: string, pair: number) => `session/${sessionId}/ai/pair/${pair}/planned`,
  aiAttemptFailed: (sessionId: string, pair: number, order: AiOrder, attempt: number) =>
    `session/${sessionId}/ai/pair/${pair}/${order}/attempt/${attempt}/failed`,
  /**
   * The AI's judgement of one order of a pair, answered at `attempt`. A
   * UUID derived from those, so a call asked again after a crash is stored
   * once; published as `judgementRecorded(aiJudgementId(…))`.
   */
  aiJudgementId: (sessionId: string, pair: number, order: AiOrder, attempt: number) =>
    keyedUuid(`session/${sessionId}/ai/pair/${pair}/${order}/attempt/${attempt}`),

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

/** 32-bit FNV-1a of the key, from a given offset basis. */
function fnv1a(key: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A UUID (version 8: custom) that is a function of the key: four FNV-1a
 * hashes from different bases. Judgement ids must be UUIDs so sets from two
 * laptops merge by id; a derived one makes redone work a duplicate.
 */
function keyedUuid(key: string): string {
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((basis) => fnv1a(key, basis).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
