import type { Batch, Essay } from '../contracts/domain';
import type { Ack } from '../contracts/envelope';
import { storeContract } from '../contracts/ipc';
import { parseEvent, topicFor, type TypedEvent } from '../events/registry';
import { serveContract, type ClientApi, type ServerApi } from '../rpc/contract';
import { sha256Hex } from '../text/normalise';
import { isPending } from '../lifecycle';
import { pupilNames } from '../pupils/word-list';
import { BackupError, exportBackup, restoreBackup } from './backup';
import { deleteBatch } from './delete-batch';
import { latestFittedSession } from './judging-queries';
import type { OutboxItem } from '../contracts/sync-store';
import type { ClassList } from '../contracts/pupils';
import type { HuleDb } from './schema';
import { syncSource } from './sync-queries';

export type StoreApi = ClientApi<typeof storeContract>;

/**
 * The store: applies events to the database, one transaction per event,
 * idempotently by event id. It holds no pipeline logic; it records what main
 * decided. Every host serves this same object (through IPC, the end-to-end
 * bridge, or a direct call in the CLI).
 */
export function createStore(db: HuleDb): StoreApi {
  const impl: ServerApi<typeof storeContract> = {
    async apply(envelope): Promise<Ack> {
      const event = parseEvent(envelope);
      // An async function, so that Dexie keeps the transaction open across applyOne's awaits.
      return db.transaction('rw', eventTables(db), async () => applyOne(db, event));
    },

    async applyAll({ events }) {
      const parsed = events.map(parseEvent);
      return db.transaction('rw', eventTables(db), async () => {
        const acks: Ack[] = [];
        for (const event of parsed) acks.push(await applyOne(db, event));
        return { acks };
      });
    },

    async putContent({ hash, text }) {
      if ((await sha256Hex(text)) !== hash) throw new Error('Content hash does not match its text');
      await db.contents.put({ hash, text, createdAt: new Date().toISOString() });
      return { hash };
    },

    async putBlob({ hash, bytes }) {
      if ((await sha256Hex(bytes)) !== hash) throw new Error('Blob hash does not match its bytes');
      await db.blobs.put({ hash, bytes });
      return { hash };
    },

    async getContent({ hash }) {
      return (await db.contents.get(hash))?.text ?? null;
    },

    async putSpellcheck(record) {
      await db.spellchecks.put(record);
      return { essayId: record.essayId };
    },

    async sessionState({ sessionId }) {
      return db.transaction('r', [db.sessions, db.judgements, db.judges, db.sessionFits], async () => {
        const session = await db.sessions.get(sessionId);
        if (!session) return null;
        const judgements = await db.judgements.where('sessionId').equals(sessionId).toArray();
        const judgeIds = [...new Set([...session.judgeIds, ...judgements.map((j) => j.judgeId)])];
        const judges = (await db.judges.bulkGet(judgeIds)).filter((j) => j !== undefined);
        return { session, judgements, judges, fit: (await db.sessionFits.get(sessionId)) ?? null };
      });
    },

    async putSessionFit({ sessionId, fit }) {
      await (fit ? db.sessionFits.put(fit) : db.sessionFits.delete(sessionId));
      return { sessionId };
    },

    async getBlob({ hash }) {
      return (await db.blobs.get(hash))?.bytes ?? null;
    },

    async batchSnapshot({ batchId }) {
      return db.transaction('r', [db.batches, db.essays, db.phaseOutcomes], async () => {
        const batch = await db.batches.get(batchId);
        if (!batch) return null;
        const essays = await db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
        const outcomes = await db.phaseOutcomes.where('batchId').equals(batchId).toArray();
        return { batch, essays, outcomes };
      });
    },

    async unfinishedBatches({ pendingStates }) {
      const batches = await db.batches.toArray();
      const running = new Set(
        batches.filter((b) => Object.values(b.phases).some((p) => p?.status === 'running')).map((b) => b.id),
      );
      const open = await db.essays.where('state').anyOf(pendingStates).toArray();
      for (const essay of open) running.add(essay.batchId);
      return [...running];
    },

    async batchResults({ batchId }) {
      const tables = [db.batches, db.essays, db.classLists, db.spellchecks, db.findingDecisions, db.contents, db.sessions, db.sessionFits, db.gradeOverrides];
      return db.transaction('r', tables, async () => {
        const batch = await db.batches.get(batchId);
        if (!batch) return null;
        const essays = await db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
        const ids = essays.map((e) => e.id);
        const spellchecks = (await db.spellchecks.bulkGet(ids)).filter((c) => c !== undefined);
        // The checked texts, and for an essay without a spellcheck (failed, or still running) the extracted one.
        const checked = new Set(spellchecks.map((c) => c.essayId));
        const unchecked = essays.flatMap((e) => (!checked.has(e.id) && e.contentHash ? [e.contentHash] : []));
        const hashes = [...new Set([...spellchecks.map((c) => c.contentHash), ...unchecked])];
        const texts = Object.fromEntries((await db.contents.bulkGet(hashes)).filter((c) => c !== undefined).map((c) => [c.hash, c.text]));
        const decisions = await db.findingDecisions.where('essayId').anyOf(ids).toArray();
        const latest = await latestFittedSession(db, batchId);
        const pupils = batch.classListId ? ((await db.classLists.get(batch.classListId))?.pupils ?? []) : [];
        return { batch, essays, pupils, spellchecks, decisions, texts, session: latest?.session ?? null, fit: latest?.fit ?? null, overrides: latest?.overrides ?? [] };
      });
    },

    async backupText() {
      return JSON.stringify(await exportBackup(db));
    },

    async syncSettings() {
      return (await db.settings.get('sync')) ?? null;
    },

    async outboxItems({ status }) {
      const items = await db.outbox.where('status').equals(status).toArray();
      return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id));
    },

    syncSource: ({ batchId, withTexts }) => syncSource(db, batchId, withTexts),

    async aiProfiles() {
      return db.aiProfiles.toArray();
    },

    async aiJudgeState({ sessionId }) {
      return db.transaction('r', [db.aiRuns, db.aiPairs], async () => ({
        run: (await db.aiRuns.get(sessionId)) ?? null,
        pairs: await db.aiPairs.where('sessionId').equals(sessionId).sortBy('pair'),
      }));
    },

    async aiRuns({ status }) {
      return db.aiRuns.where('status').equals(status).toArray();
    },

    async classLists() {
      return db.classLists.toArray();
    },

    async classList({ classListId }) {
      return (await db.classLists.get(classListId)) ?? null;
    },

    deleteBatch: ({ batchId }) => deleteBatch(db, batchId),

    async restoreBackup({ text }) {
      try {
        await restoreBackup(db, parseJson(text));
        return { outcome: 'restored' };
      } catch (error) {
        if (error instanceof BackupError) return { outcome: 'refused', reason: error.reason };
        throw error;
      }
    },
  };
  return serveContract(storeContract, impl);
}

/** The tables an event may change: every event transaction spans them all. */
function eventTables(db: HuleDb) {
  return [db.events, db.batches, db.essays, db.blobs, db.phaseOutcomes, db.findingDecisions, db.judges, db.sessions, db.judgements, db.gradeOverrides, db.settings, db.outbox, db.aiProfiles, db.aiRuns, db.aiPairs, db.classLists];
}

/** Applies one event inside the caller's transaction, once: a second delivery of its id is a duplicate. */
async function applyOne(db: HuleDb, event: TypedEvent): Promise<Ack> {
  if (await db.events.get(event.id)) return { eventId: event.id, status: 'duplicate' };
  const subject = await reduce(db, event);
  await db.events.add({
    id: event.id,
    type: event.type,
    topic: topicFor(event.type),
    subject,
    correlationId: event.correlationId,
    timestamp: event.timestamp,
    appliedAt: new Date().toISOString(),
    data: event.data,
  });
  return { eventId: event.id, status: 'applied' };
}

async function classList(db: HuleDb, id: string): Promise<ClassList> {
  const list = await db.classLists.get(id);
  if (!list) throw new Error(`No class list ${id}`);
  return list;
}

async function updateBatch(db: HuleDb, id: string, change: (batch: Batch) => void): Promise<void> {
  const batch = await db.batches.get(id);
  if (!batch) throw new Error(`No batch ${id}`);
  change(batch);
  await db.batches.put(batch);
}

async function updateEssay(db: HuleDb, id: string, at: string, change: Partial<Essay>): Promise<Essay> {
  const essay = await db.essays.get(id);
  if (!essay) throw new Error(`No essay ${id}`);
  const next: Essay = { ...essay, updatedAt: at };
  // Absent and undefined must stay the same thing, or a backup round trip would differ.
  for (const [key, value] of Object.entries(change)) if (value !== undefined) Object.assign(next, { [key]: value });
  await db.essays.put(next);
  return next;
}

/**
 * Removes a batch's raw files once its intake has run: intake reads them, and
 * nothing after it does. A file another batch's waiting essay shares is kept.
 * Done once per intake run, not per essay: fake-indexeddb (the CLI's store)
 * walks every deleted index entry of a key, so with thousands of essays
 * sharing one file (an archive's identical entries) a lookup per essay cost
 * about 2 ms each, over 10 s in all.
 */
async function releaseBlobs(db: HuleDb, batchId: string): Promise<void> {
  const essays = await db.essays.where('[batchId+seq]').between([batchId, -Infinity], [batchId, Infinity]).toArray();
  const waiting = new Set(essays.filter((e) => isPending('intake', e)).map((e) => e.blobHash));
  const done = new Set(essays.flatMap((e) => (e.blobHash && !waiting.has(e.blobHash) ? [e.blobHash] : [])));
  for (const hash of done) {
    const elsewhere = await db.essays.where('[blobHash+state]').anyOf([hash, 'received'], [hash, 'extracting']).first();
    if (!elsewhere) await db.blobs.delete(hash);
  }
}

/** Applies one event inside the caller's transaction and returns its subject id. */
async function reduce(db: HuleDb, event: TypedEvent): Promise<string> {
  const at = event.timestamp;
  switch (event.type) {
    case 'BatchCreated': {
      const { batchId, ...details } = event.data;
      const names = details.classListId ? pupilNames((await classList(db, details.classListId)).pupils) : details.names;
      await db.batches.add({ id: batchId, ...details, names, nextSeq: 0, addedWords: [], phases: {} });
      return batchId;
    }
    case 'BatchPhaseStarted': {
      const { batchId, phase, run } = event.data;
      await updateBatch(db, batchId, (b) => {
        b.phases[phase] = { run, status: 'running', startedAt: at };
      });
      return batchId;
    }
    case 'BatchPhaseCompleted': {
      const { batchId, phase, run, outcome, counts } = event.data;
      await updateBatch(db, batchId, (b) => {
        const current = b.phases[phase];
        if (current?.run === run) current.status = 'done';
      });
      await db.phaseOutcomes.put({ batchId, phase, run, outcome, counts, completedAt: at });
      if (phase === 'intake') await releaseBlobs(db, batchId);
      return batchId;
    }
    case 'BatchStalled': {
      const { batchId, ...stall } = event.data;
      await updateBatch(db, batchId, (b) => void (b.stalled = { ...stall, at }));
      return batchId;
    }
    case 'BatchRetried':
      await updateBatch(db, event.data.batchId, (b) => void delete b.stalled);
      return event.data.batchId;
    case 'EssayReceived': {
      const d = event.data;
      await db.essays.add({ id: d.essayId, ...withoutKey(d, 'essayId'), state: 'received', receivedAt: at, updatedAt: at });
      await updateBatch(db, d.batchId, (b) => {
        b.nextSeq = Math.max(b.nextSeq, Math.floor(d.seq) + 1);
      });
      return d.essayId;
    }
    case 'EssayIntakeStarted':
      await updateEssay(db, event.data.essayId, at, { state: 'extracting' });
      return event.data.essayId;
    case 'EssayAccepted': {
      const { essayId, ...result } = event.data;
      await updateEssay(db, essayId, at, { state: 'accepted', ...result });
      return essayId;
    }
    case 'EssayRejected': {
      const { essayId, code, duplicateOf, format, words } = event.data;
      const rejection = duplicateOf ? { code, duplicateOf } : { code };
      await updateEssay(db, essayId, at, { state: 'rejected', rejection, format, words });
      return essayId;
    }
    case 'BatchLanguageChanged': {
      const { batchId, language, detectPerEssay, englishVariant, recheck } = event.data;
      await updateBatch(db, batchId, (b) => Object.assign(b, { language, detectPerEssay, englishVariant }));
      for (const { essayId, round } of recheck) await updateEssay(db, essayId, at, { state: 'accepted', spellcheckRound: round });
      return batchId;
    }
    case 'EssayLanguageChanged': {
      const { essayId, language, recheckRound } = event.data;
      const essay = await updateEssay(db, essayId, at, recheckRound === null ? {} : { state: 'accepted', spellcheckRound: recheckRound });
      if (language === null) delete essay.chosenLanguage;
      else essay.chosenLanguage = language;
      await db.essays.put(essay);
      return essayId;
    }
    case 'EssaySpellcheckStarted':
      await updateEssay(db, event.data.essayId, at, { state: 'spellchecking' });
      return event.data.essayId;
    case 'EssaySpellchecked': {
      await updateEssay(db, event.data.essayId, at, { state: 'spellchecked' });
      return event.data.essayId;
    }
    case 'EssaySpellcheckFailed':
      await updateEssay(db, event.data.essayId, at, { state: 'spellcheck_failed' });
      return event.data.essayId;
    case 'BatchWordAdded': {
      const { batchId, word } = event.data;
      await updateBatch(db, batchId, (b) => {
        if (!b.addedWords.some((w) => w.toLowerCase() === word.toLowerCase())) b.addedWords.push(word);
      });
      return batchId;
    }
    case 'FindingDecided': {
      await db.findingDecisions.put({ ...event.data, decidedAt: at });
      return event.data.essayId;
    }
    case 'JudgeCreated':
      await db.judges.put(event.data);
      return event.data.id;
    case 'CjSessionCreated':
      await db.sessions.put({ ...event.data, stop: null });
      return event.data.id;
    case 'JudgementRecorded':
      await db.judgements.put(event.data);
      return event.data.sessionId;
    case 'JudgementUndone': {
      const { sessionId, judgementId } = event.data;
      await db.judgements.update(judgementId, { undone: true });
      return sessionId;
    }
    case 'ClassListSaved': {
      const { classListId, name, pupils } = event.data;
      const before = await db.classLists.get(classListId);
      await db.classLists.put({ id: classListId, name, pupils, createdAt: before?.createdAt ?? at, updatedAt: at });
      await db.batches.where('classListId').equals(classListId).modify((batch) => void (batch.names = pupilNames(pupils)));
      return classListId;
    }
    case 'BatchClassListLinked': {
      const { batchId, classListId } = event.data;
      const list = classListId === null ? null : await classList(db, classListId);
      await updateBatch(db, batchId, (batch) => {
        if (list) Object.assign(batch, { classListId: list.id, names: pupilNames(list.pupils) });
        else delete batch.classListId;
      });
      return batchId;
    }
    case 'EssayPupilMatched': {
      const { essayId, match } = event.data;
      await updateEssay(db, essayId, at, { pupilMatch: match });
      return essayId;
    }
    case 'CjSessionFitFailed': {
      const { sessionId, code } = event.data;
      const session = await db.sessions.get(sessionId);
      if (!session) throw new Error(`No session ${sessionId}`);
      await db.sessions.put({ ...session, fitFailed: { code, at } });
      return sessionId;
    }
    case 'CjSessionStopped': {
      const { sessionId, reason, judgements } = event.data;
      const session = await db.sessions.get(sessionId);
      if (!session) throw new Error(`No session ${sessionId}`);
      if (!session.stop) await db.sessions.put({ ...session, stop: { reason, judgements, at } });
      return sessionId;
    }
    case 'CjSessionEssayAdded': {
      const { sessionId, essayId } = event.data;
      const session = await db.sessions.get(sessionId);
      if (!session) throw new Error(`No session ${sessionId}`);
      // Appended, so the essays already in the session keep their places in the engine's index.
      if (!session.essayIds.includes(essayId)) await db.sessions.put({ ...session, essayIds: [...session.essayIds, essayId] });
      return sessionId;
    }
    case 'GradeOverridden': {
      const { sessionId, essayId, grade, judgeId } = event.data;
      await (grade === null ? db.gradeOverrides.delete([sessionId, essayId]) : db.gradeOverrides.put({ sessionId, essayId, grade, judgeId, at }));
      return sessionId;
    }
    case 'EssayExpanded': {
      const { essayId, entries } = event.data;
      await updateEssay(db, essayId, at, { state: 'expanded', entries });
      return essayId;
    }
    case 'AiProfileSaved': {
      await db.aiProfiles.put(event.data);
      // The judge that stands for the profile in sessions takes its new name.
      await db.judges.where('id').equals(event.data.id).modify((judge) => void (judge.name = event.data.name));
      return event.data.id;
    }
    case 'AiProfileDeleted':
      // Its judge stays: the judgements it made are still the session's.
      await db.aiProfiles.delete(event.data.profileId);
      return event.data.profileId;
    case 'AiRunChanged':
      await db.aiRuns.put({ ...event.data, updatedAt: at });
      return event.data.sessionId;
    case 'AiPairPlanned':
      await db.aiPairs.put({ ...event.data, plannedAt: at, failures: [] });
      return event.data.sessionId;
    case 'AiAttemptFailed': {
      const { sessionId, pair, ...failure } = event.data;
      const planned = await db.aiPairs.get([sessionId, pair]);
      if (!planned) throw new Error(`No AI pair ${pair} in session ${sessionId}`);
      await db.aiPairs.put({ ...planned, failures: [...planned.failures, { ...failure, at }] });
      return sessionId;
    }
    case 'SyncSettingsChanged':
      await db.settings.put({ id: 'sync', ...event.data, updatedAt: at });
      // What waiting items send follows the settings: a school that stops sending texts means
      // theirs too, and a corrected school id would otherwise leave them unsendable.
      await db.outbox
        .where('status')
        .equals('pending')
        .modify((item) => {
          if (!event.data.sendTexts) for (const pupil of item.payload.pupils) delete pupil.text;
          if (event.data.schoolId !== '') item.payload.schoolId = event.data.schoolId;
        });
      return 'sync';
    case 'SyncQueued': {
      const { idempotencyKey, batchId, payload } = event.data;
      await db.outbox.add({
        id: idempotencyKey,
        batchId,
        status: 'pending',
        payload,
        queuedAt: at,
        attempts: 0,
        nextAttemptAt: at,
        lastError: null,
        ack: null,
        deliveredAt: null,
        rejectedAt: null,
      });
      return idempotencyKey;
    }
    // An item leaves `pending` only with the receiver's ack or a final refusal; a late attempt never moves it back.
    case 'SyncAttempted': {
      const { idempotencyKey, attempt, nextAttemptAt, error } = event.data;
      const item = await outboxItem(db, idempotencyKey);
      if (item.status === 'pending' && attempt > item.attempts) await db.outbox.put({ ...item, attempts: attempt, nextAttemptAt, lastError: error });
      return idempotencyKey;
    }
    case 'SyncDelivered': {
      const { idempotencyKey, attempt, ack } = event.data;
      const item = await outboxItem(db, idempotencyKey);
      if (item.status !== 'delivered') {
        await db.outbox.put({ ...item, status: 'delivered', attempts: Math.max(item.attempts, attempt), ack, deliveredAt: at, lastError: null });
      }
      return idempotencyKey;
    }
    case 'SyncRejected': {
      const { idempotencyKey, attempt, error } = event.data;
      const item = await outboxItem(db, idempotencyKey);
      if (item.status === 'pending') {
        await db.outbox.put({ ...item, status: 'rejected', attempts: Math.max(item.attempts, attempt), lastError: error, rejectedAt: at });
      }
      return idempotencyKey;
    }
  }
}

async function outboxItem(db: HuleDb, id: string): Promise<OutboxItem> {
  const item = await db.outbox.get(id);
  if (!item) throw new Error(`No outbox item ${id}`);
  return item;
}

/** A file that is not JSON is not a backup. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupError('invalid');
  }
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
