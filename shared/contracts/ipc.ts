import { z } from 'zod';
import { Batch, BatchDetails, ContentKind, Essay, EssayState, FindingDecision, Id, Language, ListedWord, PhaseOutcomeRecord, Sha256 } from './domain';
import { SpellcheckRecord } from './spellcheck-record';
import { CjSession, Grade, GradeOverride, JudgeName, JudgementMs, JudgeProfile, Judgement, JudgementsFile, NextPair, SessionFit, SessionSettings } from './judging';
import { Ack, EventEnvelope } from './envelope';
import { OutboxItem, OutboxStatus, QueueSyncResult, SyncSettingsFields, SyncSettingsProblem, SyncSettingsRecord, SyncSourceRecord } from './sync-store';

/**
 * The two typed channels between main and the renderer. Each method takes one
 * request object and returns one response; the side that receives a message
 * parses it with the schema here (see shared/rpc/contract.ts).
 */
export interface MethodContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}
export type Contract = Record<string, MethodContract>;

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
 * decisions and original texts (by content hash), and the latest CJ session
 * that has a fit, with the teacher's grade overrides.
 */
export const BatchResults = z.object({
  batch: Batch,
  essays: z.array(Essay),
  spellchecks: z.array(SpellcheckRecord),
  decisions: z.array(FindingDecision),
  texts: z.record(Sha256, z.string()),
  session: CjSession.nullable(),
  fit: SessionFit.nullable(),
  overrides: z.array(GradeOverride),
});
export type BatchResults = z.infer<typeof BatchResults>;

export const ExportFormat = z.enum(['csv', 'xlsx', 'json', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Main → store: the store applies events and keeps content, and answers main's questions about state. */
export const storeContract = {
  apply: { request: EventEnvelope, response: Ack },
  putContent: {
    request: z.object({ hash: Sha256, kind: ContentKind, text: z.string() }),
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
} satisfies Contract;

const JudgeRequest = z.object({ sessionId: Id, judgeId: Id });

export const IncomingFile = z.object({
  name: z.string().min(1).max(1000),
  relativePath: z.string().max(4000).optional(),
  size: z.number().int().nonnegative(),
  /** Null when the renderer did not read a file over the size limit. */
  bytes: z.instanceof(Uint8Array).nullable(),
});
export type IncomingFile = z.infer<typeof IncomingFile>;

export const AppInfo = z.object({ version: z.string(), host: z.enum(['electron', 'e2e', 'cli']) });
export type AppInfo = z.infer<typeof AppInfo>;

/** Renderer → main: what the teacher asks the app to do. */
export const mainContract = {
  /** The renderer's store is ready; main resumes any unfinished work. */
  hello: { request: z.object({}), response: AppInfo },
  createBatch: { request: BatchDetails, response: z.object({ batchId: Id }) },
  importFiles: {
    request: z.object({ batchId: Id, files: z.array(IncomingFile).min(1).max(10_000) }),
    response: z.object({ received: z.number().int().nonnegative() }),
  },
  importSamples: { request: z.object({}), response: z.object({ batchIds: z.array(Id) }) },
  /** The teacher accepts or ignores a spelling finding. */
  decideFinding: {
    request: FindingDecision.omit({ decidedAt: true }),
    response: z.object({}),
  },
  /** The teacher adds a word to the batch's dictionary; it is no longer flagged anywhere in the batch. */
  addWord: {
    request: z.object({ batchId: Id, word: ListedWord }),
    response: z.object({}),
  },
  createJudge: { request: z.object({ name: JudgeName }), response: z.object({ judgeId: Id }) },
  createSession: {
    request: SessionSettings,
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('created'), sessionId: Id }),
      z.object({ outcome: z.literal('rejected'), code: z.enum(['TOO_FEW_ESSAYS', 'UNKNOWN_ESSAY']) }),
    ]),
  },
  /** The pair on the judge's screen, or the next one. */
  currentPair: { request: JudgeRequest, response: NextPair },
  /** Stores the choice, then answers with the judge's next pair. */
  judge: {
    request: JudgeRequest.extend({ left: Id, right: Id, winner: Id, ms: JudgementMs }),
    response: NextPair,
  },
  undo: { request: JudgeRequest, response: NextPair },
  /** The teacher's grade beside the model's; null takes it back. */
  overrideGrade: {
    request: JudgeRequest.extend({ essayId: Id, grade: Grade.nullable() }),
    response: z.object({}),
  },
  exportJudgements: { request: z.object({ sessionId: Id }), response: JudgementsFile },
  /** A colleague's judgements file; parsed in main, so any JSON may be sent. */
  importJudgements: {
    request: z.object({ file: z.unknown() }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('imported'), sessionId: Id, batchId: Id, added: z.number().int(), alreadyHad: z.number().int() }),
      z.object({ outcome: z.literal('rejected'), code: z.literal('INVALID_FILE') }),
    ]),
  },
  /** A batch's results as a file: CSV or Excel, PDF feedback sheets in the given language, or the full JSON backup. */
  exportBatch: {
    request: z.object({ batchId: Id, format: ExportFormat, language: Language.default('sv') }),
    response: z.object({ fileName: z.string().min(1).max(300), bytes: z.instanceof(Uint8Array) }),
  },
  /** The school's sync settings; a token, when given, goes to main's secret store and is never shown back. */
  saveSyncSettings: {
    request: SyncSettingsFields.extend({ token: z.string().trim().max(1000).optional() }),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved') }),
      z.object({ outcome: z.literal('refused'), problem: SyncSettingsProblem }),
    ]),
  },
  /** Whether a token is stored for the school: the token itself never comes back. */
  syncTokenStatus: { request: z.object({ schoolId: z.string().max(64) }), response: z.object({ tokenSet: z.boolean() }) },
  /** Anonymises the batch's results and puts them in the outbox. */
  queueSync: { request: z.object({ batchId: Id }), response: QueueSyncResult },
  /** "Försök igen nu": push every pending item now. */
  retrySync: { request: z.object({}), response: z.object({}) },
} satisfies Contract;
