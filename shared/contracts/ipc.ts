import { z } from 'zod';
import type { Contract } from '../rpc/contract';
import { Batch, Essay, EssayState, FindingDecision, Id, PhaseOutcomeRecord, Sha256 } from './domain';
import { SpellcheckRecord } from './spellcheck-record';
import { CjSession, GradeOverride, JudgeProfile, Judgement, SessionFit } from './judging';
import { Ack, EventEnvelope } from './envelope';
import { intakeLimits } from './limits';
import { ClassList, Pupil } from './pupils';
import { OutboxItem, OutboxStatus, SyncSettingsRecord, SyncSourceRecord } from './sync-store';
import { AiPair, AiProfile, AiRun, AiRunStatus } from './ai-judge';
import { aiJudgeApi } from './main/ai-judge';
import { appApi, RestoreResult } from './main/app';
import { BatchFootprint, batchesApi } from './main/batches';
import { exportApi } from './main/export';
import { judgingApi } from './main/judging';
import { moderationApi } from './main/moderation';
import { spellingApi } from './main/spelling';
import { syncApi } from './main/sync';
import { pupilsApi } from './main/pupils';

/**
 * The two typed channels between main and the renderer. Each method takes one
 * request object and returns one response; the side that receives a message
 * parses it with the schema here (see shared/rpc/contract.ts).
 */

export const BatchSnapshot = z.object({
  batch: Batch,
  essays: z.array(Essay),
  outcomes: z.array(PhaseOutcomeRecord),
});
export type BatchSnapshot = z.infer<typeof BatchSnapshot>;

/** A CJ session with everything main needs to pick pairs and fit: its judgements (undone ones too), judges and latest fit. */
export const SessionState = z.object({
  session: CjSession,
  judgements: z.array(Judgement),
  judges: z.array(JudgeProfile),
  fit: SessionFit.nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

/**
 * What a batch's exports need: its essays with their spellchecks, the teacher's
 * decisions and original texts (by content hash), the pupils of its class
 * list, and the latest CJ session that has a fit, with the teacher's grade
 * overrides.
 */
export const BatchResults = z.object({
  batch: Batch,
  essays: z.array(Essay),
  /** The pupils of the batch's class list; none without one. */
  pupils: z.array(Pupil),
  spellchecks: z.array(SpellcheckRecord),
  decisions: z.array(FindingDecision),
  texts: z.record(Sha256, z.string()),
  session: CjSession.nullable(),
  fit: SessionFit.nullable(),
  overrides: z.array(GradeOverride),
});
export type BatchResults = z.infer<typeof BatchResults>;

/** Main → store: the store applies events and keeps content, and answers main's questions about state. */
export const storeContract = {
  apply: { request: EventEnvelope, response: Ack },
  /** Many events in one transaction, in order: an archive's thousands of entries are received at once. */
  applyAll: {
    request: z.object({ events: z.array(EventEnvelope).max(intakeLimits.maxArchiveEntries) }),
    response: z.object({ acks: z.array(Ack) }),
  },
  classList: { request: z.object({ classListId: Id }), response: ClassList.nullable() },
  /** Every saved class list. */
  classLists: { request: z.object({}), response: z.array(ClassList) },
  putContent: {
    request: z.object({ hash: Sha256, text: z.string() }),
    response: z.object({ hash: Sha256 }),
  },
  putBlob: {
    request: z.object({ hash: Sha256, bytes: z.instanceof(Uint8Array) }),
    response: z.object({ hash: Sha256 }),
  },
  getContent: {
    request: z.object({ hash: Sha256 }),
    response: z.string().nullable(),
  },
  putSpellcheck: {
    request: SpellcheckRecord,
    response: z.object({ essayId: Id }),
  },
  sessionState: {
    request: z.object({ sessionId: Id }),
    response: SessionState.nullable(),
  },
  /** The session's latest fit; null removes it (no judgements left). */
  putSessionFit: {
    request: z.object({ sessionId: Id, fit: SessionFit.nullable() }),
    response: z.object({ sessionId: Id }),
  },
  getBlob: {
    request: z.object({ hash: Sha256 }),
    response: z.instanceof(Uint8Array).nullable(),
  },
  batchSnapshot: {
    request: z.object({ batchId: Id }),
    response: BatchSnapshot.nullable(),
  },
  /** Batches with a running phase or an essay in one of the given states (the phases' pending states). */
  unfinishedBatches: {
    request: z.object({ pendingStates: z.array(EssayState) }),
    response: z.array(Id),
  },
  /** What the batch's results exports need; null for no such batch. */
  batchResults: { request: z.object({ batchId: Id }), response: BatchResults.nullable() },
  /** The whole database as the backup file's text (shared/db/backup.ts); main passes it on unread. */
  backupText: { request: z.object({}), response: z.string() },
  /** The school's sync settings; null until they are first saved (sync is off). */
  syncSettings: { request: z.object({}), response: SyncSettingsRecord.nullable() },
  /** Outbox items with the given status, oldest first. */
  outboxItems: { request: z.object({ status: OutboxStatus }), response: z.array(OutboxItem) },
  /** A batch as the anonymiser needs it: spellchecked essays, effective findings, texts if asked, the latest fitted session. */
  syncSource: { request: z.object({ batchId: Id, withTexts: z.boolean() }), response: SyncSourceRecord.nullable() },
  /** Every AI profile (settings only: keys are in main's secret store). */
  aiProfiles: { request: z.object({}), response: z.array(AiProfile) },
  /** A session's AI run (null until first started) and the pairs it has planned, first planned first. */
  aiJudgeState: { request: z.object({ sessionId: Id }), response: z.object({ run: AiRun.nullable(), pairs: z.array(AiPair) }) },
  /** AI runs with the given status: on start main resumes the running ones. */
  aiRuns: { request: z.object({ status: AiRunStatus }), response: z.array(AiRun) },
  /** Deletes a batch and everything it owns (shared/db/delete-batch.ts); main calls it only once the batch stopped moving. Null: no such batch. */
  deleteBatch: { request: z.object({ batchId: Id }), response: BatchFootprint.nullable() },
  /** Replaces every table with a backup file's contents, in one transaction; main calls it only while paused. */
  restoreBackup: { request: z.object({ text: z.string() }), response: RestoreResult },
} satisfies Contract;

/**
 * Renderer → main: what the teacher asks the app to do. Each feature declares
 * its slice (shared/contracts/main/) and main serves each slice with that
 * feature's handlers.
 */
export const mainContract = {
  ...appApi,
  ...batchesApi,
  ...spellingApi,
  ...judgingApi,
  ...moderationApi,
  ...exportApi,
  ...syncApi,
  ...aiJudgeApi,
  ...pupilsApi,
} satisfies Contract;
