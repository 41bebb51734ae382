import { z } from 'zod';
import {
  BatchDetails,
  BatchStall,
  BatchStallCode,
  DocumentFormat,
  EnglishVariant,
  Essay,
  FindingDecision,
  Id,
  ListedWord,
  IsoTime,
  Language,
  Phase,
  PhaseOutcome,
  ReadinessCounts,
  Rejection,
  Sha256,
} from '../contracts/domain';
import { EventEnvelope, type EventSource } from '../contracts/envelope';
import { StopReason } from '../contracts/cj';
import { AiFailure, AiPair, AiProfile, AiRun } from '../contracts/ai-judge';
import { CjSession, GradeOverride, JudgeProfile, Judgement } from '../contracts/judging';
import { SyncAck, SyncPayload } from '../contracts/sync';
import { ClassList, PupilMatch } from '../contracts/pupils';
import { OutboxError, SyncSettings } from '../contracts/sync-store';

/**
 * Every event name maps explicitly to a versioned topic, the service that
 * emits it, and the schema of its data. Nothing is derived from the name: an event that is not listed here
 * cannot be emitted or applied.
 */
export const eventRegistry = {
  BatchCreated: {
    topic: 'huledu.batch.created.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    data: BatchDetails.extend({ batchId: Id, pipeline: z.array(Phase).min(1), createdAt: IsoTime }),
  },
  BatchPhaseStarted: {
    topic: 'huledu.batch.phase.started.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    data: z.object({ batchId: Id, phase: Phase, run: z.number().int().positive() }),
  },
  BatchPhaseCompleted: {
    topic: 'huledu.batch.phase.completed.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    data: z.object({
      batchId: Id,
      phase: Phase,
      run: z.number().int().positive(),
      outcome: PhaseOutcome,
      counts: ReadinessCounts,
    }),
  },
  BatchStalled: {
    topic: 'huledu.batch.stalled.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    data: BatchStall.omit({ at: true }).extend({ batchId: Id }),
  },
  BatchRetried: {
    topic: 'huledu.batch.retried.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    data: z.object({ batchId: Id }),
  },
  EssayReceived: {
    topic: 'huledu.essay.received.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: Essay.pick({ batchId: true, seq: true, fileName: true, relativePath: true, parentId: true, size: true, blobHash: true }).extend({
      essayId: Id,
    }),
  },
  EssayIntakeStarted: {
    topic: 'huledu.essay.intake.started.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: z.object({ essayId: Id }),
  },
  EssayAccepted: {
    topic: 'huledu.essay.intake.accepted.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: z.object({
      essayId: Id,
      contentHash: Sha256,
      normalisedHash: Sha256,
      words: z.number().int().nonnegative(),
      format: DocumentFormat,
      encoding: z.string().max(40).optional(),
      /** Detected in the text as it was extracted (shared/text/language.ts); null when the text says too little. */
      detectedLanguage: Language.nullable().optional(),
      languageConfidence: z.number().min(0).max(1).optional(),
    }),
  },
  EssayRejected: {
    topic: 'huledu.essay.intake.rejected.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: Rejection.extend({
      essayId: Id,
      format: DocumentFormat.optional(),
      words: z.number().int().nonnegative().optional(),
    }),
  },
  EssaySpellcheckStarted: {
    topic: 'huledu.essay.spellcheck.started.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: z.object({ essayId: Id }),
  },
  EssaySpellchecked: {
    topic: 'huledu.essay.spellcheck.completed.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: z.object({ essayId: Id, findings: z.number().int().nonnegative() }),
  },
  EssaySpellcheckFailed: {
    topic: 'huledu.essay.spellcheck.failed.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: z.object({ essayId: Id }),
  },
  BatchWordAdded: {
    topic: 'huledu.batch.word.added.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    data: z.object({ batchId: Id, word: ListedWord }),
  },
  BatchLanguageChanged: {
    topic: 'huledu.batch.language.changed.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    /** The batch's new language choice, and the essays it sends back to spellcheck with their next round. */
    data: z.object({
      batchId: Id,
      language: Language,
      detectPerEssay: z.boolean(),
      englishVariant: EnglishVariant,
      recheck: z.array(z.object({ essayId: Id, round: z.number().int().min(2) })),
    }),
  },
  /** A class list made or changed: every batch linked to it takes its pupils' names as its word list's names. */
  ClassListSaved: {
    topic: 'huledu.pupils.classlist.saved.v1',
    source: 'pupils',
    schemaVersion: 1,
    data: ClassList.pick({ name: true, pupils: true }).extend({ classListId: Id }),
  },
  /** A batch's essays are matched to this class list's pupils (null: to none). */
  BatchClassListLinked: {
    topic: 'huledu.pupils.batch.linked.v1',
    source: 'pupils',
    schemaVersion: 1,
    data: z.object({ batchId: Id, classListId: Id.nullable() }),
  },
  /** Who wrote an essay: intake's match, a duplicate set back to review, or the teacher's choice. */
  EssayPupilMatched: {
    topic: 'huledu.pupils.essay.matched.v1',
    source: 'pupils',
    schemaVersion: 1,
    data: z.object({ essayId: Id, match: PupilMatch }),
  },
  EssayLanguageChanged: {
    topic: 'huledu.essay.language.changed.v1',
    source: 'batch-orchestrator',
    schemaVersion: 1,
    /** A null language lets the essay follow the batch again; `recheckRound` sends it back to spellcheck. */
    data: z.object({ essayId: Id, language: Language.nullable(), recheckRound: z.number().int().min(2).nullable() }),
  },
  FindingDecided: {
    topic: 'huledu.essay.finding.decided.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: FindingDecision.omit({ decidedAt: true }),
  },
  JudgeCreated: {
    topic: 'huledu.judge.created.v1',
    source: 'judging',
    schemaVersion: 1,
    data: JudgeProfile,
  },
  CjSessionCreated: {
    topic: 'huledu.cj.session.created.v1',
    source: 'judging',
    schemaVersion: 1,
    data: CjSession.omit({ stop: true }),
  },
  JudgementRecorded: {
    topic: 'huledu.cj.judgement.recorded.v1',
    source: 'judging',
    schemaVersion: 1,
    data: Judgement,
  },
  JudgementUndone: {
    topic: 'huledu.cj.judgement.undone.v1',
    source: 'judging',
    schemaVersion: 1,
    data: z.object({ sessionId: Id, judgementId: z.uuid() }),
  },
  CjSessionStopped: {
    topic: 'huledu.cj.session.stopped.v1',
    source: 'judging',
    schemaVersion: 1,
    data: z.object({ sessionId: Id, reason: StopReason, judgements: z.number().int().nonnegative() }),
  },
  /** A refit failed (a full disk, a failed worker): the results say they show an older fit, with a retry. */
  CjSessionFitFailed: {
    topic: 'huledu.cj.session.fit.failed.v1',
    source: 'judging',
    schemaVersion: 1,
    data: z.object({ sessionId: Id, code: BatchStallCode }),
  },
  CjSessionEssayAdded: {
    topic: 'huledu.cj.session.essay.added.v1',
    source: 'judging',
    schemaVersion: 1,
    /** An essay that became ready after the session started, added to the essays it ranks. */
    data: z.object({ sessionId: Id, essayId: Id }),
  },
  GradeOverridden: {
    topic: 'huledu.cj.grade.overridden.v1',
    source: 'judging',
    schemaVersion: 1,
    /** A null grade takes the override back: the model's grade stands again. */
    data: GradeOverride.omit({ at: true, grade: true }).extend({ grade: GradeOverride.shape.grade.nullable() }),
  },
  EssayExpanded: {
    topic: 'huledu.essay.intake.expanded.v1',
    source: 'essay-lifecycle',
    schemaVersion: 1,
    data: z.object({ essayId: Id, entries: z.number().int().nonnegative() }),
  },
  // The AI judge: profiles (never their API keys), each session's run, the pairs it asks about and the calls that failed.
  // Its readable answers are JudgementRecorded events like people's, with `ai` details.
  AiProfileSaved: {
    topic: 'huledu.ai.profile.saved.v1',
    source: 'ai-judge',
    schemaVersion: 1,
    data: AiProfile,
  },
  AiProfileDeleted: {
    topic: 'huledu.ai.profile.deleted.v1',
    source: 'ai-judge',
    schemaVersion: 1,
    data: z.object({ profileId: Id }),
  },
  AiRunChanged: {
    topic: 'huledu.ai.run.changed.v1',
    source: 'ai-judge',
    schemaVersion: 1,
    data: AiRun.omit({ updatedAt: true }),
  },
  AiPairPlanned: {
    topic: 'huledu.ai.pair.planned.v1',
    source: 'ai-judge',
    schemaVersion: 1,
    data: AiPair.omit({ plannedAt: true, failures: true }).refine((p) => p.a !== p.b, { message: 'a pair needs two essays' }),
  },
  AiAttemptFailed: {
    topic: 'huledu.ai.attempt.failed.v1',
    source: 'ai-judge',
    schemaVersion: 1,
    data: AiFailure.omit({ at: true }).extend({ sessionId: Id, pair: z.number().int().nonnegative() }),
  },
  // Sync: the school's settings (never its secrets) and the outbox. An outbox item's id is its payload's idempotency key.
  SyncSettingsChanged: {
    topic: 'huledu.sync.settings.changed.v1',
    source: 'sync',
    schemaVersion: 1,
    data: SyncSettings,
  },
  SyncQueued: {
    topic: 'huledu.sync.queued.v1',
    source: 'sync',
    schemaVersion: 1,
    /** The payload as the anonymiser made it: nothing else is ever sent. */
    data: z
      .object({ idempotencyKey: z.uuid(), batchId: Id, payload: SyncPayload })
      .refine((d) => d.payload.idempotencyKey === d.idempotencyKey, { message: 'the payload must carry the idempotency key' }),
  },
  SyncAttempted: {
    topic: 'huledu.sync.attempted.v1',
    source: 'sync',
    schemaVersion: 1,
    data: z.object({ idempotencyKey: z.uuid(), attempt: z.number().int().positive(), nextAttemptAt: IsoTime, error: OutboxError }),
  },
  SyncDelivered: {
    topic: 'huledu.sync.delivered.v1',
    source: 'sync',
    schemaVersion: 1,
    data: z.object({ idempotencyKey: z.uuid(), attempt: z.number().int().positive(), httpStatus: z.union([z.literal(200), z.literal(201)]), ack: SyncAck }),
  },
  SyncRejected: {
    topic: 'huledu.sync.rejected.v1',
    source: 'sync',
    schemaVersion: 1,
    /** The receiver refused the item for good (a 4xx other than 408/429), or it can never be sent (too large). */
    data: z.object({ idempotencyKey: z.uuid(), attempt: z.number().int().positive(), error: OutboxError }),
  },
} as const satisfies Record<string, { topic: string; source: EventSource; schemaVersion: number; data: z.ZodType }>;

export type EventName = keyof typeof eventRegistry;
export type EventData<N extends EventName> = z.infer<(typeof eventRegistry)[N]['data']>;
/** What a publisher passes: defaults are filled in when the event is made. */
export type EventDataInput<N extends EventName> = z.input<(typeof eventRegistry)[N]['data']>;
export type TypedEvent<N extends EventName = EventName> = {
  [K in N]: Omit<EventEnvelope, 'type' | 'data'> & { type: K; data: EventData<K> };
}[N];

export const eventNames = Object.keys(eventRegistry) as EventName[];

function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventRegistry, name);
}

/** The topic of an event name. An unmapped name throws at once, listing the mapped ones. */
export function topicFor(name: string): string {
  if (!isEventName(name)) {
    throw new Error(`Unmapped event name "${name}". Mapped names: ${eventNames.join(', ')}`);
  }
  return eventRegistry[name].topic;
}

/** Parses an envelope and its data by the registry; used wherever an event arrives. */
export function parseEvent(input: unknown): TypedEvent {
  const envelope = EventEnvelope.parse(input);
  topicFor(envelope.type);
  const entry = eventRegistry[envelope.type as EventName];
  if (envelope.schemaVersion !== entry.schemaVersion) {
    throw new Error(
      `Event ${envelope.type} has schemaVersion ${envelope.schemaVersion}; this build reads ${entry.schemaVersion}`,
    );
  }
  return { ...envelope, data: entry.data.parse(envelope.data) } as TypedEvent;
}

export function makeEvent<N extends EventName>(
  type: N,
  data: EventDataInput<N>,
  meta: { id: string; correlationId: string; timestamp: string },
): TypedEvent<N> {
  topicFor(type);
  const entry = eventRegistry[type];
  return {
    id: meta.id,
    type,
    timestamp: meta.timestamp,
    source: entry.source,
    schemaVersion: entry.schemaVersion,
    correlationId: meta.correlationId,
    data: entry.data.parse(data),
  } as TypedEvent<N>;
}
